from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "alke.rounds"
    label = "rounds"
    verbose_name = _("Keskustelukierrokset")

    def ready(self) -> None:
        from alke.core.registry import register_demo, register_nav
        from alke.rounds.demo import load_demo_round

        register_nav(30, "rounds:index", _("Kierrokset"), action="round.view")
        register_demo(30, "round", load_demo_round)
