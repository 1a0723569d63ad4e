from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "alke.agreements"
    label = "agreements"
