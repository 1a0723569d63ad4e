from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "alke.agenda"
    label = "agenda"
