from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "alke.rounds"
    label = "rounds"
