"""Demo membership requests: new officials whose directory did not tell their role, waiting for the
coordinator (`alke seed-demo`; invented people, flagged as demo users)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from alke.accounts.models import MembershipRequest, User
from alke.core.permissions import Role
from alke.regions.models import Organisation

# username, first name, last name, organisation slug, role, reason, decided (None = pending)
DEMO_REQUESTS = [
    (
        "pirkanmaa-uusi",
        "Paula",
        "Pirkkalainen",
        "liitto-mk06",
        Role.REGION,
        "Aloitin Pirkanmaan liitossa aluekehitysasiantuntijana; valmistelen maakunnan ALKE-ehdotukset.",
        None,
    ),
    (
        "mmm-uusi",
        "Matti",
        "Maaseutu",
        "mmm",
        Role.MINISTRY,
        "Maa- ja metsätalousministeriön yhteyshenkilö tämän vuoden aluekehittämiskeskusteluissa.",
        None,
    ),
    (
        "ym-uusi",
        "Ylva",
        "Ympäristö",
        "ym",
        Role.MINISTRY,
        "Ympäristöministeriön edustaja kehittämisvyöhykkeiden valmistelussa.",
        True,
    ),
]


@transaction.atomic
def load_demo_membership_requests(say: Callable[[str], None]) -> None:
    coordinator = User.objects.filter(username="koordinaattori").first()
    count = 0
    for username, first, last, slug, role, reason, decided in DEMO_REQUESTS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.alke.invalid",
                "is_demo": True,
            },
        )
        if created:
            user.set_unusable_password()  # they sign in through the provider, never with a password
            user.save()
        request, made = MembershipRequest.objects.get_or_create(
            user=user, organisation=organisation, role=role, defaults={"reason": reason}
        )
        if made and decided and coordinator:
            request.status = MembershipRequest.Status.APPROVED
            request.decided_by = coordinator
            request.decided_at = timezone.now()
            request.decision_note = "Vahvistettu ministeriön kirjaamosta."
            request.save()
            user.memberships.get_or_create(
                organisation=organisation, role=role, defaults={"source": "approved"}
            )
        count += 1
    say(f"demo membership requests: {count}")
