from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "alke.followup"
    label = "followup"
