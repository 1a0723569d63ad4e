from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "alke.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from alke.api.manifest import manifest
        from alke.core.manifest import register

        register(manifest)
