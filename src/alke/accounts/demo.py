"""Demo users for every role, created only in demo mode (`alke seed-demo`)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from alke.accounts.models import Membership, User
from alke.core.permissions import Role
from alke.regions.models import Organisation

DEMO_PASSWORD = "alke-demo-2026"

# username, first name, last name, organisation slug, role, description
DEMO_USERS: list[tuple[str, str, str, str, str, str]] = [
    ("koordinaattori", "Kaisa", "Koordinaattori", "tem", Role.COORDINATOR, "TEM, ALKE-koordinaattori"),
    ("okm", "Olli", "Opetusministeriö", "okm", Role.MINISTRY, "OKM:n virkailija"),
    ("lvm", "Leena", "Liikenneministeriö", "lvm", Role.MINISTRY, "LVM:n virkailija"),
    ("varsinais-suomi", "Ville", "Varsinainen", "liitto-mk02", Role.REGION, "Varsinais-Suomen liitto"),
    ("satakunta", "Sanna", "Satakuntalainen", "liitto-mk04", Role.REGION, "Satakuntaliitto"),
    ("pohjanmaa", "Pia", "Österbotten", "liitto-mk15", Role.REGION, "Pohjanmaan liitto (kaksikielinen)"),
    ("lappi", "Lauri", "Lappilainen", "liitto-mk19", Role.REGION, "Lapin liitto"),
    ("aune", "Aino", "Neuvottelukunta", "aune", Role.AUNE, "AUNE:n jäsen"),
    (
        "verkosto",
        "Veera",
        "Verkostolainen",
        "business-tampere",
        Role.CONTACT,
        "SIXNET-verkoston yhteyshenkilö",
    ),
]
ADMIN_USER = ("admin", "Hätä", "Ylläpitäjä", "break-glass-ylläpitäjä")
COORDINATOR_GROUP = "Koordinaattorit"


def coordinator_admin_group() -> Group:
    """Coordinators use Django admin with every permission on alke's own models."""
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    labels = [app.rsplit(".", 1)[-1] for app in settings.DOMAIN_APPS]
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=labels))
    return group


@transaction.atomic
def load_demo_users(say: Callable[[str], None]) -> None:
    group = coordinator_admin_group()
    for username, first, last, org_slug, role, _description in DEMO_USERS:
        organisation = Organisation.objects.get(slug=org_slug)
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
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        if role == Role.COORDINATOR and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(group)
    username, first, last, _ = ADMIN_USER
    admin, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "is_staff": True,
            "is_superuser": True,
            "is_demo": True,
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    say(f"demo users: {len(DEMO_USERS) + 1}")


def demo_logins_table() -> str:
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for username, _first, _last, _org, role, description in DEMO_USERS:
        lines.append(f"  {username:<16} {Role(role).label:<40} {description}")
    lines.append(f"  {ADMIN_USER[0]:<16} {'break-glass administrator':<40} Django admin, every permission")
    return "\n".join(lines)
