from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "alke.schedule"
    label = "schedule"
