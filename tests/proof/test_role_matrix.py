"""Every write endpoint and page form under each role, checked against the permission table.

With the demo content loaded once for the module, each (endpoint, role) pair is one test: the role's API
key or signed-in session sends a minimal valid request at a real demo object owned by a region or ministry.
When `can(user, action, subject)` is False the answer is 401/403/404 (anonymous page visitors may also be
sent to sign in) and nothing in the database changed; when it is True the answer is not 401/403.

Roles: anonymous, the coordinator, the concerned ministry and another ministry, the owning region and other
regions, an AUNE member and a network contact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import models, transaction
from django.shortcuts import resolve_url
from django.test import Client

from alke.api.services import create_token
from alke.core.permissions import can

ROLES = [
    "anonymous",
    "koordinaattori",
    "okm",
    "lvm",
    "varsinais-suomi",
    "satakunta",
    "pohjanmaa",
    "lappi",
    "aune",
    "verkosto",
]
REFUSED = (401, 403, 404)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once and rolled back after the module; each test runs in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        from alke.accounts.models import User
        from alke.agenda import services as agenda_services
        from alke.regions.models import Ministry, Region
        from alke.rounds.models import Phase, Round

        # The 2027 round is in its agenda phase in the demo; open proposals so permitted writes can land.
        Round.objects.filter(year=2027).update(phase=Phase.PROPOSALS)
        drafter = User.objects.get(username="varsinais-suomi")
        draft = agenda_services.create_proposal(
            drafter,
            Round.objects.get(year=2027),
            Region.objects.get(code="MK02"),
            title="Matriisin luonnos",
            kind="opportunity",
            language="fi",
            description="Kuvaus",
            request="Pyyntö",
            ministries=[Ministry.objects.get(abbreviation="OKM")],
        )
        yield {"draft": draft.pk}
        transaction.set_rollback(True)


def user_of(role: str):
    if role == "anonymous":
        return AnonymousUser()
    from alke.accounts.models import User

    return User.objects.get(username=role)


def domain_state() -> dict[str, tuple]:
    """Row count and latest change of every domain table, history tables included."""
    labels = {app.rsplit(".", 1)[-1] for app in settings.DOMAIN_APPS}
    state = {}
    for model in apps.get_models():
        if model._meta.app_label not in labels or model._meta.proxy or model._meta.label == "api.ApiToken":
            continue
        names = {f.name for f in model._meta.concrete_fields}
        stamp_field = next((n for n in ("modified_at", "history_date") if n in names), None)
        qs = model._base_manager.all()
        stamp = qs.aggregate(m=models.Max(stamp_field))["m"] if stamp_field else None
        state[model._meta.label] = (qs.count(), stamp)
    return state


# --------------------------------------------------------------------------------------------------------
# Targets: real demo objects and the subject each endpoint's service passes to require().


def round_year(year: int):
    from alke.rounds.models import Round

    return Round.objects.get(year=year)


def region(code: str):
    from alke.regions.models import Region

    return Region.objects.get(code=code)


def proposal_of(code: str, status: str):
    from alke.agenda.models import Proposal

    return Proposal.objects.filter(region__code=code, round__year=2027, status=status).order_by("pk").first()


def conclusion_of(code: str, ministry: str, not_ministry: str):
    from alke.agreements.models import Conclusion
    from alke.followup.selectors import is_tracked

    for c in Conclusion.objects.filter(region__code=code, ministries__abbreviation=ministry).order_by("pk"):
        if not c.ministries.filter(abbreviation=not_ministry).exists() and is_tracked(c):
            return c
    raise AssertionError(f"no tracked demo conclusion of {code} for {ministry} without {not_ministry}")


def followup(conclusion):
    from alke.followup.services import followup_of

    return followup_of(conclusion)


def document_of(code: str):
    from alke.agreements.models import CooperationDocument

    return CooperationDocument.objects.filter(region__code=code).order_by("-round__year", "pk").first()


def network(owned_by_contact: bool):
    from alke.partnerships.models import ThematicNetwork
    from alke.regions.models import Organisation

    contact_org = Organisation.objects.get(slug="business-tampere").pk
    for record in ThematicNetwork.objects.order_by("pk"):
        if (contact_org in record.permission_organisations()) == owned_by_contact:
            return record
    raise AssertionError("no such demo network")


def proposal_form_data(proposal) -> dict[str, Any]:
    data = {
        "title": proposal.title,
        "kind": proposal.kind,
        "language": proposal.language,
        "description": proposal.description + " (matriisi)",
        "request": proposal.request or "Pyyntö",
    }
    for name in ("ministries", "objectives", "priorities", "themes", "indicators"):
        data[name] = [str(pk) for pk in getattr(proposal, name).values_list("pk", flat=True)]
    return data


def followup_body(fu) -> dict[str, Any]:
    """A valid update whatever the state (a done conclusion cannot be "in progress" at 100 %): a note."""
    return {"status": fu.status, "progress": fu.progress, "note": "Matriisin päivitys"}


@dataclass
class Endpoint:
    """One write: how to build its request against a demo object, and what the table must allow."""

    name: str
    kind: str  # "api" or "page"
    method: str
    build: Callable[[dict], tuple[str, dict, Any, str, Any]]  # -> url, body, subject, action, target
    lands: bool = False  # an allowed request must also change the database (the write was not a no-op)


def _similar(demo):
    body = {
        "items": [
            {"id": "a", "region": "MK02", "title": "Osaajapula", "text": "Telakka tarvitsee hitsaajia"},
            {"id": "b", "region": "MK04", "title": "Osaajat", "text": "Hitsaajia tarvitaan telakalle"},
        ],
        "top": 1,
    }
    return "/api/v1/similar", body, None, "proposal.view", None


def _solve(demo):
    return "/api/v1/schedule/solve?time_limit=1", {}, None, "schedule.manage", None


def _api_followup(code, ministry, not_ministry):
    def build(demo):
        c = conclusion_of(code, ministry, not_ministry)
        fu = followup(c)
        return f"/api/v1/follow-up/conclusions/{c.pk}/updates", followup_body(fu), fu, "followup.update", fu

    return build


def _proposal_create(demo):
    mk02 = region("MK02")
    body = {
        "title": "Matriisin ehdotus",
        "kind": "opportunity",
        "language": "fi",
        "description": "Kuvaus",
        "request": "Pyyntö",
        "ministries": [],
    }
    from alke.regions.models import Ministry

    body["ministries"] = [str(Ministry.objects.get(abbreviation="OKM").pk)]
    return "/agenda/2027/ehdotukset/uusi/?region=MK02", body, mk02, "proposal.create", None


def _proposal_edit(demo):
    p = proposal_of("MK02", "submitted")
    return f"/agenda/ehdotukset/{p.pk}/muokkaa/", proposal_form_data(p), p, "proposal.edit", p


def _proposal_submit(demo):
    from alke.agenda.models import Proposal

    p = Proposal.objects.get(pk=demo["draft"])
    return f"/agenda/ehdotukset/{p.pk}/jata/", {}, p, "proposal.submit", p


def _conclusion_body():
    return {"text_fi": "Matriisin johtopäätös", "text_sv": "", "other_parties": ""}


def _conclusion_new(demo):
    from alke.agreements.services import RegionSubject

    mk02 = region("MK02")
    return (
        "/asiakirjat/kierros/2025/MK02/",
        _conclusion_body(),
        RegionSubject(mk02.pk),
        "conclusion.record",
        None,
    )


def _conclusion_edit(demo):
    c = conclusion_of("MK02", "OKM", "LVM")
    return f"/asiakirjat/johtopaatos/{c.pk}/", _conclusion_body(), c, "conclusion.record", c


def _approve(party, action):
    def build(demo):
        d = document_of("MK02")
        version = d.final_version or d.versions.order_by("-number").first()
        subject = d if party == "state" else region("MK02")
        body = {"party": party, "version": str(version.number)}
        return f"/asiakirjat/asiakirja/{d.pk}/hyvaksy/", body, subject, action, d

    return build


def _page_followup(code, ministry, not_ministry):
    def build(demo):
        c = conclusion_of(code, ministry, not_ministry)
        fu = followup(c)
        return f"/seuranta/johtopaatos/{c.pk}/", followup_body(fu), fu, "followup.update", fu

    return build


def _partnership(owned):
    def build(demo):
        record = network(owned)
        body = {
            "description": record.description + " (matriisi)",
            "goals": record.goals,
            "results": record.results,
            "member_organisations": [
                str(pk) for pk in record.member_organisations.values_list("pk", flat=True)
            ],
        }
        return f"/kumppanuudet/verkostot/{record.pk}/sisalto/", body, record, "partnership.edit_own", record

    return build


def set_phase(year: int, phase: str) -> None:
    """Move the round without the service (no notices), inside the test's savepoint."""
    from alke.rounds.models import Round

    Round.objects.filter(year=year).update(phase=phase)


def agenda_of(code: str):
    """The region's 2027 agenda, with the round back in its agenda phase (as in the demo)."""
    from alke.agenda.models import Agenda
    from alke.agenda.services import ensure_region_agenda
    from alke.rounds.models import Phase

    set_phase(2027, Phase.AGENDA)
    agenda = Agenda.objects.filter(round__year=2027, region__code=code, kind=Agenda.AgendaKind.REGION).first()
    return agenda or ensure_region_agenda(user_of("koordinaattori"), round_year(2027), region(code))


def _issue_raise(demo):
    from alke.regions.models import Ministry

    okm = Ministry.objects.get(abbreviation="OKM")
    body = {
        "title": "Matriisin nosto",
        "kind": "opportunity",
        "language": "fi",
        "description": "Kuvaus",
        "regions": [str(region("MK02").pk)],
        "ministry": str(okm.pk),  # read only when the user may raise for several ministries (coordinator)
    }
    # The page asks "may raise an issue at all"; the ministry raised for is always one of the user's own.
    return "/agenda/2027/nostot/uusi/", body, None, "issue.raise", None


def _proposal_comment(demo):
    p = proposal_of("MK02", "submitted")
    body = {"text": "Matriisin kommentti"}
    return f"/agenda/ehdotukset/{p.pk}/kommentti/", body, p, "proposal.comment", p


def _agenda_comment(demo):
    agenda = agenda_of("MK02")
    body = {"text": "Matriisin kommentti"}
    return f"/agenda/agendat/{agenda.pk}/kommentti/", body, agenda, "agenda.comment", agenda


def _agenda_item(demo):
    from alke.regions.models import Ministry

    agenda = agenda_of("MK02")
    body = {
        "title": "Matriisin kohta",
        "minutes": "20",
        "kind": "opportunity",
        "description": "Ministeriön ehdottama kohta",
        "ministries": [str(Ministry.objects.get(abbreviation="OKM").pk)],
    }
    return f"/agenda/agendat/{agenda.pk}/kohta/", body, agenda, "agenda.add_item", agenda


def _availability(code: str):
    def build(demo):
        from alke.rounds.models import Phase
        from alke.schedule import selectors

        set_phase(2027, Phase.AGENDA)
        timetable = selectors.timetable_for_year(2027)
        assert timetable is not None, "the demo has no 2027 timetable"
        party = selectors.party_by_code(code)
        day = selectors.working_days(timetable)[1]
        body = {f"day-{day.isoformat()}": "on"}
        return f"/aikataulu/2027/saatavuus/{code}/", body, party, "availability.mark", None

    return build


def _followup_of_contact(kind: str):
    """A tracked MK02 conclusion made the network contact's to report on (its responsible organisation)."""

    def build(demo):
        from alke.followup.models import ConclusionFollowUp
        from alke.regions.models import Organisation

        c = conclusion_of("MK02", "OKM", "LVM")
        fu = followup(c)
        org = Organisation.objects.get(slug="business-tampere")
        ConclusionFollowUp.objects.filter(pk=fu.pk).update(responsible_organisation=org)
        fu.refresh_from_db()
        assert org.pk in fu.permission_organisations()
        if kind == "api":
            url = f"/api/v1/follow-up/conclusions/{c.pk}/updates"
        else:
            url = f"/seuranta/johtopaatos/{c.pk}/"
        return url, followup_body(fu), fu, "followup.update", fu

    return build


def _round_move(demo):
    from alke.rounds.models import Phase

    r = round_year(2027)  # in the proposal phase (see the fixture); the next phase is the agenda
    body = {"to_phase": Phase.AGENDA, "reason": ""}
    return "/kierrokset/2027/vaihe/", body, r, "round.manage", r


def _partnership_contact(owned):
    def build(demo):
        record = network(owned)
        body = {"contact-name": "Matti Matriisi", "contact-title": "Koordinaattori", "contact-email": ""}
        url = f"/kumppanuudet/verkostot/{record.pk}/yhteyshenkilot/"
        return url, body, record, "partnership.edit_own", record

    return build


def _partnership_frame(demo):
    record = network(True)
    body = {
        "is_public": "on" if record.is_public else "",
        "period_start": record.period_start.isoformat(),
        "period_end": record.period_end.isoformat(),
        "regions": [str(pk) for pk in record.regions.values_list("pk", flat=True)],
        "is_national": "on" if record.is_national else "",
    }
    return f"/kumppanuudet/verkostot/{record.pk}/kehys/", body, record, "partnership.manage", record


def _membership_decide(demo):
    from alke.accounts.models import User
    from alke.accounts.services import request_membership
    from alke.core.permissions import Role
    from alke.regions.models import Organisation

    applicant = User.objects.create(username="matriisi-hakija", email="hakija@demo.alke.invalid")
    pending = request_membership(applicant, Organisation.objects.get(slug="liitto-mk04"), Role.REGION)
    body = {"decision": "approve", "note": ""}
    return f"/tili/jasenyyspyynnot/{pending.pk}/", body, pending, "membership.approve", pending


ENDPOINTS = [
    Endpoint("api-similar", "api", "post", _similar),
    Endpoint("api-schedule-solve", "api", "post", _solve),
    Endpoint("api-followup-MK02-OKM", "api", "post", _api_followup("MK02", "OKM", "LVM")),
    Endpoint("api-followup-MK02-LVM", "api", "post", _api_followup("MK02", "LVM", "OKM")),
    Endpoint("page-proposal-create-MK02", "page", "post", _proposal_create),
    Endpoint("page-proposal-edit-MK02", "page", "post", _proposal_edit),
    Endpoint("page-proposal-submit-MK02", "page", "post", _proposal_submit),
    Endpoint("page-conclusion-record-MK02", "page", "post", _conclusion_new),
    Endpoint("page-conclusion-edit-MK02", "page", "post", _conclusion_edit),
    Endpoint(
        "page-document-approve-region-MK02", "page", "post", _approve("region", "document.approve_region")
    ),
    Endpoint("page-document-approve-state-MK02", "page", "post", _approve("state", "document.approve_state")),
    Endpoint("page-followup-update-MK02-OKM", "page", "post", _page_followup("MK02", "OKM", "LVM")),
    Endpoint("page-followup-update-MK02-LVM", "page", "post", _page_followup("MK02", "LVM", "OKM")),
    Endpoint("page-partnership-edit-own-network", "page", "post", _partnership(True)),
    Endpoint("page-partnership-edit-other-network", "page", "post", _partnership(False)),
    Endpoint("page-issue-raise-2027", "page", "post", _issue_raise, lands=True),
    Endpoint("page-proposal-comment-MK02", "page", "post", _proposal_comment, lands=True),
    Endpoint("page-agenda-comment-MK02", "page", "post", _agenda_comment, lands=True),
    Endpoint("page-agenda-item-add-MK02", "page", "post", _agenda_item, lands=True),
    Endpoint("page-availability-OKM", "page", "post", _availability("OKM"), lands=True),
    Endpoint("page-availability-LVM", "page", "post", _availability("LVM"), lands=True),
    Endpoint("page-availability-MK02", "page", "post", _availability("MK02"), lands=True),
    Endpoint("api-followup-contact-MK02", "api", "post", _followup_of_contact("api"), lands=True),
    Endpoint("page-followup-contact-MK02", "page", "post", _followup_of_contact("page"), lands=True),
    Endpoint("page-round-move-2027", "page", "post", _round_move, lands=True),
    Endpoint("page-partnership-contact-own-network", "page", "post", _partnership_contact(True), lands=True),
    Endpoint("page-partnership-contact-other-network", "page", "post", _partnership_contact(False)),
    Endpoint("page-partnership-frame-network", "page", "post", _partnership_frame, lands=True),
    Endpoint("page-membership-decide", "page", "post", _membership_decide, lands=True),
]

# (endpoint, role) pairs where the app does not follow the table; each is explained in the reason.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def cases():
    for endpoint in ENDPOINTS:
        for role in ROLES:
            marks = []
            if (endpoint.name, role) in KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[endpoint.name, role]))
            yield pytest.param(endpoint, role, id=f"{endpoint.name}-{role}", marks=marks)


def test_every_api_write_is_in_the_matrix():
    """A new API write must be added to ENDPOINTS, so the matrix never silently misses one."""
    from alke.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    writes = {
        path
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    }
    assert writes == {
        "/api/v1/similar",
        "/api/v1/schedule/solve",
        "/api/v1/follow-up/conclusions/{conclusion_id}/updates",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("endpoint", "role"), list(cases()))
def test_role_matrix(demo, endpoint: Endpoint, role: str, settings):
    settings.AXES_ENABLED = False
    user = user_of(role)
    url, body, subject, action, target = endpoint.build(demo)
    allowed = can(user, action, subject)

    client = Client()
    headers = {}
    if endpoint.kind == "api":
        if role != "anonymous":
            _, key = create_token(user, "matrix", 1)
            headers["Authorization"] = f"Bearer {key}"
    elif role != "anonymous":
        client.force_login(user)

    before = domain_state()
    target_stamp = type(target)._base_manager.get(pk=target.pk).modified_at if target is not None else None
    if endpoint.kind == "api":
        response = getattr(client, endpoint.method)(
            url, data=body, content_type="application/json", headers=headers
        )
    else:
        response = getattr(client, endpoint.method)(url, data=body)
    status = response.status_code
    assert status < 500, (endpoint.name, role, status)

    if allowed:
        assert status not in (401, 403), f"{role} may {action} but {url} answered {status}"
        if endpoint.lands:
            assert domain_state() != before, (
                f"{role} may {action} but {url} changed nothing: {response.content[:300]!r}"
            )
        return
    signed_out_to_login = (
        role == "anonymous"
        and status == 302
        and response.headers["Location"].startswith(resolve_url(settings.LOGIN_URL))
    )
    assert status in REFUSED or signed_out_to_login, f"{role} may not {action} but {url} answered {status}"
    if target is not None:
        assert type(target)._base_manager.get(pk=target.pk).modified_at == target_stamp
    after = domain_state()
    assert [label for label in before if before[label] != after[label]] == []
