from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "alke.agenda"
    label = "agenda"
    verbose_name = _("Ehdotukset ja agendat")

    def ready(self) -> None:
        from alke.agenda.demo import load_demo_agenda
        from alke.agenda.panels import region_panel
        from alke.core.registry import register_demo, register_nav, register_region_panel

        register_nav(40, "agenda:index", _("Agendat"), action="round.view")
        register_region_panel(40, "agenda/partials/region_panel.html", region_panel)
        register_demo(40, "agenda", load_demo_agenda)
