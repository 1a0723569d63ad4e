from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "alke.api"
    label = "api"
    verbose_name = "API"
