from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "alke.followup"
    label = "followup"
    verbose_name = _("Seuranta, AUNE-raportti ja palaute")

    def ready(self) -> None:
        from alke.agenda.models import AgendaCandidate
        from alke.agenda.selectors import register_candidate_text
        from alke.core.registry import register_demo, register_nav, register_region_panel
        from alke.followup.candidates import candidate_text
        from alke.followup.demo import load_demo
        from alke.followup.views import region_panel

        register_nav(70, "followup:index", _("Seuranta"))
        register_region_panel(70, "followup/partials/region_panel.html", region_panel)
        register_demo(70, "follow-up, feedback and the AUNE report", load_demo)
        register_candidate_text(AgendaCandidate.Source.CARRY_OVER, candidate_text)
