from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "alke.search"
    label = "search"
    verbose_name = _("Haku ja avoin data")

    def ready(self) -> None:
        from alke.core.manifest import register
        from alke.search import opendata, signals, sources
        from alke.search.manifest import manifest

        register(manifest)
        sources.register_all()
        opendata.register_all()
        signals.connect()
