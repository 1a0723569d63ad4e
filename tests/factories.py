"""factory-boy factories: one place that knows how to make a valid object of each kind.

Reference data (regions, ministries, organisations, the common theme, the partnership register) is the
real data loaded once per test session, so factories look it up instead of inventing it: `region("MK02")`,
`ministry("OKM")`. Plain records (rounds, proposals, issues, agendas, sessions, partnership records,
users) are made directly; records whose consistency the services keep (conclusions, cooperation documents
with their versions and approvals, follow-up updates) are made through those services, so a factory cannot
produce a state the application itself could not reach.

    round_ = RoundFactory(documents=True, year=2025)
    ConclusionFactory(round=round_, ministries=["OKM"], deadline=date(2026, 6, 30))
    document = CooperationDocumentFactory(round=round_, published=True)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from alke.accounts.models import Membership, User
from alke.agenda.models import Agenda, AgendaItem, MinistryIssue, Proposal
from alke.agreements import services as agreements
from alke.agreements.models import Conclusion, CooperationDocument, DocumentApproval
from alke.core.permissions import Role
from alke.followup import services as followup
from alke.followup.models import FollowUpUpdate
from alke.partnerships.models import DevelopmentZone, EcosystemAgreement, ThematicNetwork
from alke.policy.models import Theme
from alke.regions.models import Ministry, Organisation, Region
from alke.rounds.models import Phase, Round, RoundPhase
from alke.schedule.models import Session, TimeSlot, Timetable

PASSWORD = "salasana-joka-kelpaa-1"


# --- reference data ---------------------------------------------------------------------------------------


def region(code: str | Region) -> Region:
    return code if isinstance(code, Region) else Region.objects.get(code=code.upper())


def ministry(abbreviation: str | Ministry) -> Ministry:
    if isinstance(abbreviation, Ministry):
        return abbreviation
    return Ministry.objects.get(abbreviation=abbreviation.upper())


def organisation(slug: str | Organisation) -> Organisation:
    return slug if isinstance(slug, Organisation) else Organisation.objects.get(slug=slug)


def regions(values: Iterable[str | Region]) -> list[Region]:
    return [region(v) for v in values]


def ministries(values: Iterable[str | Ministry]) -> list[Ministry]:
    return [ministry(v) for v in values]


def common_theme() -> Theme:
    return Theme.objects.get(is_common=True)


class ReferenceFactory(DjangoModelFactory):
    """A factory whose `region=` and `ministry=` may be given as codes: ProposalFactory(region="MK04")."""

    class Meta:
        abstract = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("region"), str):
            kwargs["region"] = region(kwargs["region"])
        if isinstance(kwargs.get("ministry"), str):
            kwargs["ministry"] = ministry(kwargs["ministry"])
        return kwargs


# --- users ------------------------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A user, with one membership when `role` and `organisation` (a slug) are given.

    UserFactory(coordinator=True); UserFactory(role=Role.REGION, organisation="liitto-mk02").
    Every factory user signs in with PASSWORD.
    """

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"kayttaja{n}")
    password = factory.django.Password(PASSWORD)

    class Params:
        role = None
        organisation = None
        coordinator = factory.Trait(role=Role.COORDINATOR, organisation="tem")
        aune = factory.Trait(role=Role.AUNE, organisation="aune")

    membership = factory.Maybe(
        "role",
        yes_declaration=factory.RelatedFactory(
            "tests.factories.MembershipFactory",
            factory_related_name="user",
            role=factory.SelfAttribute("..role"),
            organisation=factory.LazyAttribute(lambda o: organisation(o.factory_parent.organisation)),
        ),
    )


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyFunction(lambda: organisation("tem"))
    role = Role.COORDINATOR


def coordinator() -> User:
    """The coordinator who acts for a factory: the test's own when it has one, else a new one."""
    membership = (
        Membership.objects.filter(role=Role.COORDINATOR, is_active=True).select_related("user").first()
    )
    return membership.user if membership else UserFactory(coordinator=True)


def official(region_: str | Region) -> User:
    """A regional official of the region's council: the test's own when it has one, else a new one."""
    region_ = region(region_)
    membership = (
        Membership.objects.filter(
            role=Role.REGION, is_active=True, organisation__region=region_, organisation__kind="regional_council"
        )
        .select_related("user")
        .first()
    )
    if membership:
        return membership.user
    return UserFactory(role=Role.REGION, organisation=f"liitto-{region_.code.lower()}")


# --- rounds -----------------------------------------------------------------------------------------------


class RoundFactory(DjangoModelFactory):
    """A round; a trait named after a phase puts it in that phase: RoundFactory(proposals=True).

    `phases={Phase.PROPOSALS: (start, end), ...}` adds the planned dates of those phases;
    `common=True` sets the real common theme.
    """

    class Meta:
        model = Round
        skip_postgeneration_save = True

    year = factory.Sequence(lambda n: 2100 + n)
    name = factory.LazyAttribute(lambda o: f"ALKE {o.year}")
    phase = Phase.KICK_OFF

    class Params:
        kick_off = factory.Trait(phase=Phase.KICK_OFF)
        situation = factory.Trait(phase=Phase.SITUATION)
        proposals = factory.Trait(phase=Phase.PROPOSALS)
        agenda = factory.Trait(phase=Phase.AGENDA)
        scheduling = factory.Trait(phase=Phase.SCHEDULING)
        discussions = factory.Trait(phase=Phase.DISCUSSIONS)
        documents = factory.Trait(phase=Phase.DOCUMENTS)
        follow_up = factory.Trait(phase=Phase.FOLLOW_UP)
        feedback = factory.Trait(phase=Phase.FEEDBACK)
        closed = factory.Trait(phase=Phase.CLOSED)
        common = factory.Trait(common_theme=factory.LazyFunction(common_theme))

    @factory.post_generation
    def phases(round_, create, extracted, **kwargs):
        for phase, (starts_on, ends_on) in (extracted or {}).items():
            RoundPhase.objects.create(round=round_, phase=phase, starts_on=starts_on, ends_on=ends_on)


# --- agenda -----------------------------------------------------------------------------------------------


class ProposalFactory(ReferenceFactory):
    """A region's proposal (a draft unless a status trait says otherwise), made directly, so any status
    can be set up in any phase; `ministries=["LVM"]` names the branches it concerns."""

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory, proposals=True)
    region = factory.LazyFunction(lambda: region("MK02"))
    title = factory.Sequence(lambda n: f"Ehdotus {n}")
    description = "Tausta ja tilanne: mistä on kyse ja miksi nyt."
    request = "Mitä maakunta toivoo valtiolta."
    status = Proposal.Status.DRAFT

    class Params:
        submitted = factory.Trait(status=Proposal.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now))
        accepted = factory.Trait(submitted=True, status=Proposal.Status.ACCEPTED)
        declined = factory.Trait(
            submitted=True, status=Proposal.Status.DECLINED, decision_reason="Ei kuulu keskusteluihin."
        )

    @factory.post_generation
    def ministries(proposal, create, extracted, **kwargs):
        if extracted:
            proposal.ministries.set(ministries(extracted))


class MinistryIssueFactory(ReferenceFactory):
    """A ministry's key issue for one or more regions (Varsinais-Suomi unless `regions=` says otherwise)."""

    class Meta:
        model = MinistryIssue
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory, proposals=True)
    ministry = factory.LazyFunction(lambda: ministry("OKM"))
    title = factory.Sequence(lambda n: f"Ministeriön nosto {n}")
    description = "Miksi asia on ministeriölle tärkeä."

    @factory.post_generation
    def regions(issue, create, extracted, **kwargs):
        issue.regions.set(regions(extracted or ["MK02"]))


class AgendaFactory(ReferenceFactory):
    """A region's agenda; `joint=True, regions=["MK17", "MK19"]` makes a joint session's agenda."""

    class Meta:
        model = Agenda
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory, agenda=True)
    kind = Agenda.AgendaKind.REGION
    region = factory.LazyFunction(lambda: region("MK02"))

    class Params:
        joint = factory.Trait(kind=Agenda.AgendaKind.JOINT, region=None, title="Yhteinen keskustelu")

    @factory.post_generation
    def regions(agenda, create, extracted, **kwargs):
        if extracted:
            agenda.regions.set(regions(extracted))


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    agenda = factory.SubFactory(AgendaFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agendan kohta {n}")
    minutes = 20
    source = AgendaItem.Source.OTHER

    @factory.post_generation
    def ministries(item, create, extracted, **kwargs):
        if extracted:
            item.ministries.set(ministries(extracted))


# --- schedule ---------------------------------------------------------------------------------------------


class TimetableFactory(DjangoModelFactory):
    """A draft timetable of two weeks in November before the round's year, two slots a day."""

    class Meta:
        model = Timetable
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory, scheduling=True)
    first_day = factory.LazyAttribute(lambda o: date(o.round.year - 1, 11, 4))
    last_day = factory.LazyAttribute(lambda o: date(o.round.year - 1, 11, 15))

    @factory.post_generation
    def slots(timetable, create, extracted, **kwargs):
        for start, end in extracted or [(time(9, 0), time(11, 30)), (time(12, 30), time(15, 0))]:
            TimeSlot.objects.create(timetable=timetable, start=start, end=end)


class SessionFactory(DjangoModelFactory):
    """A discussion session of a timetable, unscheduled; `regions=["MK02"], ministries=["TEM"]`."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    timetable = factory.SubFactory(TimetableFactory)
    code = factory.Sequence(lambda n: f"S{n}")
    title_fi = factory.LazyAttribute(lambda o: f"Keskustelu {o.code}")
    minutes = 150

    @factory.post_generation
    def regions(session, create, extracted, **kwargs):
        if extracted:
            session.regions.set(regions(extracted))

    @factory.post_generation
    def ministries(session, create, extracted, **kwargs):
        if extracted:
            session.ministries.set(ministries(extracted))


# --- agreements -------------------------------------------------------------------------------------------


class ConclusionFactory(DjangoModelFactory):
    """A conclusion recorded through `record_conclusion` by the coordinator (`by=`), so every draft document
    of the region gets its new version. Without ministries or organisations the regional council answers
    for it."""

    class Meta:
        model = Conclusion

    by = factory.LazyFunction(coordinator)
    round = factory.SubFactory(RoundFactory, documents=True)
    region = factory.LazyFunction(lambda: region("MK02"))
    text_fi = factory.Sequence(lambda n: f"Johtopäätös {n}: asia viedään eteenpäin yhdessä.")
    ministries = ()
    organisations = ()
    other_parties = ""
    region_responsible = factory.LazyAttribute(lambda o: not (o.ministries or o.organisations or o.other_parties))

    @classmethod
    def _create(cls, model_class, *, by, ministries=(), organisations=(), **values):
        return agreements.record_conclusion(
            by,
            values.pop("round"),
            region(values.pop("region")),
            ministries=[ministry(m) for m in ministries],
            organisations=[organisation(o) for o in organisations],
            **values,
        )


class CooperationDocumentFactory(DjangoModelFactory):
    """A region's cooperation document started through `create_document` (so it has its first version);
    `other_regions=["MK04"]` makes it joint. `approved=True`: the state and every regional council approve
    the latest version, so it is final; `published=True`: approved and published."""

    class Meta:
        model = CooperationDocument
        skip_postgeneration_save = True

    by = factory.LazyFunction(coordinator)
    round = factory.SubFactory(RoundFactory, documents=True)
    region = factory.LazyFunction(lambda: region("MK02"))
    other_regions = ()

    @classmethod
    def _create(cls, model_class, *, by, other_regions=(), **values):
        return agreements.create_document(
            by, values.pop("round"), region(values.pop("region")), other_regions=regions(other_regions), **values
        )

    @factory.post_generation
    def approved(document, create, extracted, **kwargs):
        if extracted:
            approve(document)

    @factory.post_generation
    def published(document, create, extracted, **kwargs):
        if extracted:
            if not document.is_final:
                approve(document)
            agreements.publish(document.created_by, document)
            document.refresh_from_db()


def approve(document: CooperationDocument) -> CooperationDocument:
    """Both parties approve the document's latest version: the state, then each region's official."""
    number = document.latest_version().number
    agreements.approve(document.created_by, document, number, DocumentApproval.Party.STATE)
    for region_ in document.all_regions():
        agreements.approve(official(region_), document, number, DocumentApproval.Party.REGION)
    document.refresh_from_db()
    return document


# --- follow-up --------------------------------------------------------------------------------------------


class FollowUpUpdateFactory(DjangoModelFactory):
    """A follow-up report on an agreed conclusion through `record_update` (by the coordinator unless `by=`);
    `today=` fixes the day the rules are checked against."""

    class Meta:
        model = FollowUpUpdate

    by = factory.LazyFunction(coordinator)
    conclusion = None
    status = "in_progress"
    progress = 10

    @classmethod
    def _create(cls, model_class, *, by, conclusion, **values):
        if conclusion is None:
            raise ValueError("FollowUpUpdateFactory needs the agreed conclusion it reports on")
        return followup.record_update(by, conclusion, **values)


# --- partnerships -----------------------------------------------------------------------------------------


class ThematicNetworkFactory(DjangoModelFactory):
    """A thematic network for 2024–2027 in the given regions (`regions=["MK06"]`)."""

    class Meta:
        model = ThematicNetwork
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Teemaverkosto {n}")
    coordinator_name = "Business Tampere"
    coordinator = factory.LazyFunction(lambda: organisation("business-tampere"))
    period_start = date(2024, 1, 1)
    period_end = date(2027, 12, 31)

    @factory.post_generation
    def regions(record, create, extracted, **kwargs):
        if extracted:
            record.regions.set(regions(extracted))


class DevelopmentZoneFactory(ThematicNetworkFactory):
    class Meta:
        model = DevelopmentZone

    name_fi = factory.Sequence(lambda n: f"Kehittämisvyöhyke {n}")


class EcosystemAgreementFactory(DjangoModelFactory):
    class Meta:
        model = EcosystemAgreement
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Ekosysteemisopimus {n}")
    slug = factory.Sequence(lambda n: f"sopimus-{n}")
    city_name = "Kaupunki"
    period_start = date(2021, 1, 1)
    period_end = date(2027, 12, 31)

    @factory.post_generation
    def regions(record, create, extracted, **kwargs):
        if extracted:
            record.regions.set(regions(extracted))
