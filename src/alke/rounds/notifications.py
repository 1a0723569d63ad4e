"""Notifications by email: at once, or collected into a daily digest, as each user chose.

`notify` records a Notification per user (idempotent by `key`) and mails it at once to users whose
`notification_mode` is immediate; `send_digests` mails the rest once a day (`alke send-digest`).
Users who chose no email still see their notifications on their page in alke.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alke.accounts.models import User
from alke.core.permissions import Role
from alke.rounds.models import Notification, Round

_quiet: ContextVar[bool] = ContextVar("alke_quiet_notifications", default=False)


@contextmanager
def without_email() -> Iterator[None]:
    """Record notifications without mailing them (used when loading demo content)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def _absolute(url: str) -> str:
    base = getattr(settings, "SITE_URL", "") or ""
    return f"{base.rstrip('/')}{url}" if url.startswith("/") and base else url


def participants(region_ids: Iterable[int] | None = None, ministry_ids: Iterable[int] | None = None):
    """Active users who take part in the round: coordinators, plus the given regions' and ministries' people.

    With both None, every coordinator, ministry and regional user.
    """
    memberships = Q(memberships__is_active=True, memberships__role=Role.COORDINATOR)
    if region_ids is None and ministry_ids is None:
        memberships |= Q(memberships__is_active=True, memberships__role__in=[Role.MINISTRY, Role.REGION])
    else:
        if region_ids:
            memberships |= Q(
                memberships__is_active=True,
                memberships__role=Role.REGION,
                memberships__organisation__region_id__in=list(region_ids),
            )
        if ministry_ids:
            memberships |= Q(
                memberships__is_active=True,
                memberships__role=Role.MINISTRY,
                memberships__organisation__ministry_id__in=list(ministry_ids),
            )
    return User.objects.filter(memberships, is_active=True).distinct()


def notify(
    users: Iterable[User],
    subject: str,
    body: str = "",
    url: str = "",
    round_: Round | None = None,
    key: str = "",
) -> list[Notification]:
    """Record a notification for each user and mail it now to those who want mail at once.

    With a `key`, a user gets the notification only once (reminders run daily). Mail goes out after the
    surrounding transaction commits, so a rolled-back change never announces itself.
    """
    created = []
    for user in users:
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        user=user, round=round_, subject=subject[:200], body=body, url=url, key=key
                    )
                )
        except IntegrityError:  # this user already has the notification with this key
            continue
    immediate = [n for n in created if n.user.notification_mode == User.Digest.IMMEDIATE and n.user.email]
    if immediate and _quiet.get():
        Notification.objects.filter(pk__in=[n.pk for n in immediate]).update(emailed_at=timezone.now())
    elif immediate:
        ids = [n.pk for n in immediate]
        transaction.on_commit(lambda: _send_now(ids))
    return created


def _send_now(ids: list[int]) -> None:
    for note in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("user"):
        with translation.override(note.user.preferred_language):
            text = note.body + (f"\n\n{_absolute(note.url)}" if note.url else "")
            send_mail(f"[alke] {note.subject}", text, None, [note.user.email])
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])


def send_digests(now=None) -> int:
    """Mail each daily-digest user one message with their notifications not yet mailed; returns mails sent."""
    now = now or timezone.now()
    sent = 0
    users = User.objects.filter(
        notification_mode=User.Digest.DAILY,
        is_active=True,
        notifications__emailed_at__isnull=True,
    ).distinct()
    for user in users:
        if not user.email:
            continue
        with transaction.atomic():
            notes = list(
                Notification.objects.select_for_update()
                .filter(user=user, emailed_at__isnull=True)
                .order_by("pk")
            )
            if not notes:
                continue
            with translation.override(user.preferred_language):
                lines = [
                    _("Päivän kooste alke-palvelusta: %(count)d ilmoitusta.") % {"count": len(notes)},
                    "",
                ]
                for note in notes:
                    lines.append(f"• {note.subject}")
                    if note.body:
                        lines.append(f"  {note.body}")
                    if note.url:
                        lines.append(f"  {_absolute(note.url)}")
                subject = _("[alke] Päivän kooste (%(count)d)") % {"count": len(notes)}
            send_mail(subject, "\n".join(lines), None, [user.email])
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=now)
            sent += 1
    return sent
