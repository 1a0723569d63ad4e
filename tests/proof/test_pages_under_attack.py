"""Every page and form of the app, with the demo content loaded, under hostile readers and writers.

- anonymous readers and signed-in users without a role: every POST form found by crawling the app as
  the coordinator and as a regional official is refused, and nothing in the database changes;
- every API write is refused to anonymous callers and to a role-less user's API key;
- XSS: every free-text field of every record is filled with script payloads and every page is crawled
  again in Finnish and Swedish: no payload comes back unescaped;
- no page answers with a server error, for anyone.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.test import Client

from alke.api.services import create_token
from tests.conftest import demo_user, make_user
from tests.proof.crawl import crawl

PAYLOADS = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>']
# Writes a role-less signed-in user may make by design: ask for a membership, create an API key,
# choose a language. Everything else must leave the database as it was.
ALLOWED_FOR_SIGNED_IN = {
    "accounts.membershiprequest",
    "api.apitoken",
    "api.historicalapitoken",
    "accounts.historicalmembershiprequest",
}
START = ["/", "/sv/", "/haku/", "/haku/?q=alue", "/haku/avoin-data/"]


def domain_models() -> list[type[models.Model]]:
    labels = {app.rsplit(".", 1)[-1] for app in settings.DOMAIN_APPS}
    return [m for m in apps.get_models() if m._meta.app_label in labels and not m._meta.proxy]


def snapshot() -> dict[str, tuple]:
    """Row count and the latest change of every domain table (history tables included)."""
    state = {}
    for model in domain_models():
        qs = model._base_manager.all()
        stamp = None
        for name in ("modified_at", "history_date", "updated_at", "created_at"):
            if any(f.name == name for f in model._meta.concrete_fields):
                stamp = qs.aggregate(m=models.Max(name))["m"]
                break
        state[model._meta.label_lower] = (qs.count(), stamp)
    return state


def changed(before: dict, after: dict, allowed: set[str] = frozenset()) -> list[str]:
    return [label for label in before if before[label] != after[label] and label not in allowed]


pytestmark = [pytest.mark.django_db, pytest.mark.demo_data]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_hostile_readers_writers_and_payloads():
    nobody = make_user("nobody")  # signed in, no role
    coordinator, region = demo_user("koordinaattori"), demo_user("varsinais-suomi")
    pages, forms = crawl(
        signed_in(coordinator), START + ["/kierrokset/", "/agenda/", "/asiakirjat/"], limit=120
    )
    region_pages, region_forms = crawl(signed_in(region), START + ["/agenda/", "/asiakirjat/"], limit=60)
    forms += region_forms
    assert len(pages) > 30 and len(forms) > 5, "the crawl found too little to prove anything"

    # 1. Writers without permission: anonymous and a signed-in user with no role.
    before = snapshot()
    seen_actions = set()
    for writer, label in (
        (Client(enforce_csrf_checks=False), "anonymous"),
        (signed_in(nobody), "nobody"),
    ):
        for form in forms:
            if (label, form.action) in seen_actions or form.action.startswith(("/i18n/", "/tili/ulos/")):
                continue
            seen_actions.add((label, form.action))
            response = writer.post(form.action, form.fields)
            assert response.status_code < 500, (label, form.action, response.status_code)
            if label == "anonymous":
                assert response.status_code in (302, 400, 403, 404, 405), (form.action, response.status_code)
    assert changed(before, snapshot(), ALLOWED_FOR_SIGNED_IN) == []

    # 1b. Another region's official posting to this region's proposals and cooperation documents.
    from alke.agenda.models import Proposal
    from alke.agreements.models import CooperationDocument

    other = demo_user("satakunta")  # MK04
    other_client = signed_in(other)
    before = snapshot()
    for form in region_forms:
        proposal = re.match(r"^/agenda/ehdotukset/(\d+)/", form.action)
        document = re.match(r"^/asiakirjat/asiakirja/(\d+)/", form.action)
        if proposal:
            obj = Proposal.objects.filter(pk=proposal.group(1)).first()
            if obj is None or obj.region.code != "MK02":
                continue
        elif document:
            obj = CooperationDocument.objects.filter(pk=document.group(1)).first()
            if obj is None or "MK04" in [r.code for r in obj.all_regions()]:
                continue
        else:
            continue
        response = other_client.post(form.action, form.fields)
        assert response.status_code in (302, 400, 403, 404, 405), (form.action, response.status_code)
    assert changed(before, snapshot()) == []

    # 2. API writes: refused without a key, and for a key whose user has no role.
    from alke.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    _, nobody_key = create_token(nobody, "probe", 1)
    before = snapshot()
    writes = [
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    ]
    for method, path in writes:
        url = re.sub(r"\{[^}]+\}", "1", path)
        anonymous = getattr(Client(), method)(url, data="{}", content_type="application/json")
        assert anonymous.status_code == 401, (method, path, anonymous.status_code)
        keyed = getattr(Client(), method)(
            url, data="{}", content_type="application/json", headers={"Authorization": f"Bearer {nobody_key}"}
        )
        # Every write, the schedule's included, takes the key and then refuses its role-less user.
        assert keyed.status_code in (400, 403, 404, 422), (method, path, keyed.status_code)
    assert changed(before, snapshot(), ALLOWED_FOR_SIGNED_IN) == []

    # 3. XSS: payloads in every free-text field, pages read by everyone in Finnish and Swedish.
    filled = 0
    for model in domain_models():
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not isinstance(f, models.SlugField | models.EmailField | models.URLField)
            and not f.choices
            and not f.unique
            and (f.max_length is None or f.max_length >= max(len(p) for p in PAYLOADS) + 6)
            and f.name not in ("password", "key", "fingerprint", "area", "period", "source_url", "url")
            and not f.name.endswith(("_code", "_key", "_url"))
            and f.name not in ("code", "username", "language", "budget_item", "prefix", "key_digest")
        ]
        if not text_fields or model.__name__.startswith("Historical"):
            continue
        for index, name in enumerate(text_fields):
            payload = PAYLOADS[index % len(PAYLOADS)]
            value = models.functions.Concat(models.Value(payload), models.F(name))
            max_length = model._meta.get_field(name).max_length
            if max_length:  # PostgreSQL enforces varchar lengths; the payload still leads the value
                value = models.functions.Left(value, max_length)
            filled += model._base_manager.update(**{name: value})
    assert filled > 50
    call_command("reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    offenders = []
    swedish = [p.replace("/", "/sv/", 1) for p in pages if not p.startswith(("/sv/", "/en/"))]
    for reader, start in (
        (Client(), START),
        (signed_in(coordinator), list(pages)[:70]),
        (signed_in(coordinator), swedish[:50]),
        (signed_in(region), list(region_pages)[:40]),
    ):
        reached, _ = crawl(reader, start, limit=len(start))
        offenders += [path for path, html in reached.items() for payload in PAYLOADS if payload in html]
    assert len(swedish) > 10
    assert not offenders, f"unescaped payload on: {sorted(set(offenders))[:10]}"
