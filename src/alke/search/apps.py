from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "alke.search"
    label = "search"
