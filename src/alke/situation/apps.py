from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "alke.situation"
    label = "situation"
    verbose_name = _("Tilannekuva")

    def ready(self) -> None:
        from alke.core.cache import STATS, bump_on_change
        from alke.core.manifest import register
        from alke.regions.models import Region
        from alke.rounds.models import Round
        from alke.situation.manifest import manifest
        from alke.situation.models import Dataset, DatasetVersion, Indicator

        register(manifest)

        # Cached pictures and overviews are derived from these; indicator values are written in bulk
        # (no signals), so services.recompute_indicators bumps the version itself.
        # The round's year decides which values are old, and its common theme heads the picture.
        bump_on_change(STATS, Indicator, Dataset, DatasetVersion, Region, Round)
