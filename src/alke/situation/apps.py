from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "alke.situation"
    label = "situation"
