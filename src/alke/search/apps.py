from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "alke.search"
    label = "search"
    verbose_name = _("Haku ja avoin data")

    def ready(self) -> None:
        from alke.core.registry import register_demo, register_nav
        from alke.search import demo, opendata, signals, sources

        sources.register_all()
        opendata.register_all()
        signals.connect()
        register_nav(90, "search:index", _("Haku"))
        # Last of the demo loaders: index whatever the others created (some bulk-create).
        register_demo(990, "search-index", demo.load)
