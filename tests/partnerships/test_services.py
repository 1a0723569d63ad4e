"""Writes: who may change what, and bad input named clearly."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from alke.partnerships import services
from alke.partnerships.models import EcosystemAgreement, Funding, ThematicNetwork
from alke.regions.models import Organisation


@pytest.fixture
def sixnet(reference):
    return ThematicNetwork.objects.get(name_fi="SIXNET")


@pytest.fixture
def other_network(reference):
    return ThematicNetwork.objects.get(name_fi="Kansallinen vetyverkosto")


@pytest.mark.django_db
def test_contact_edits_own_network_only(users, sixnet, other_network):
    contact = users["contact"]  # Business Tampere coordinates SIXNET
    services.update_content(contact, sixnet, goals="Yhteiset kokeiluympäristöt")
    sixnet.refresh_from_db()
    assert sixnet.goals == "Yhteiset kokeiluympäristöt"
    assert sixnet.modified_by == contact
    assert sixnet.history.first().history_user == contact
    with pytest.raises(PermissionDenied):
        services.update_content(contact, other_network, goals="ei saa")
    for key in ("region", "ministry", "aune", "nobody"):
        with pytest.raises(PermissionDenied):
            services.set_funding(users[key], sixnet, source="akke", year=2022, amount="1000")


@pytest.mark.django_db
def test_contact_organisation_makes_a_record_own(users, reference):
    agreement = EcosystemAgreement.objects.get(slug="turku")
    contact = users["contact"]
    with pytest.raises(PermissionDenied):
        services.add_document(contact, agreement, title="Raportti", url="https://example.org/r.pdf")
    services.add_contact(
        users["coordinator"],
        agreement,
        name="Bea Business",
        organisation=Organisation.objects.get(slug="business-tampere"),
    )
    services.add_document(contact, agreement, title="Raportti", url="https://example.org/r.pdf")
    assert agreement.documents.get().title == "Raportti"


@pytest.mark.django_db
def test_contact_cannot_hand_the_record_to_another_organisation(users, sixnet):
    stranger = Organisation.objects.get(slug="aune")
    with pytest.raises(PermissionDenied):
        services.add_contact(users["contact"], sixnet, name="Joku Muu", organisation=stranger)
    own = Organisation.objects.get(slug="business-tampere")
    services.add_contact(users["contact"], sixnet, name="Oma Ihminen", organisation=own)
    assert sixnet.contacts.count() == 1


@pytest.mark.django_db
def test_funding_by_source_and_year_is_corrected_not_duplicated(users, sixnet):
    coordinator = users["coordinator"]
    services.set_funding(coordinator, sixnet, source="akke", year=2022, amount="120 000,50")
    services.set_funding(coordinator, sixnet, source="akke", year=2022, amount="125000")
    services.set_funding(coordinator, sixnet, source="municipal", year=2022, amount="5000")
    rows = Funding.objects.filter(network=sixnet).order_by("source")
    assert [(r.source, r.amount) for r in rows] == [
        ("akke", Decimal("125000.00")),
        ("municipal", Decimal("5000.00")),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source, year, amount, message",
    [
        ("akke", "vuosi", "1", "numerona"),
        ("akke", 1999, "1", "välillä"),
        ("akke", 2022, "-5", "negatiivinen"),
        ("akke", 2022, "1,234", "kaksi desimaalia"),
        ("akke", 2022, "paljon", "euroina"),
        ("lottovoitto", 2022, "1", "rahoituslähde"),
    ],
)
def test_bad_funding_is_named(users, sixnet, source, year, amount, message):
    with pytest.raises(services.PartnershipError, match=message):
        services.set_funding(users["coordinator"], sixnet, source=source, year=year, amount=amount)
    assert not Funding.objects.filter(network=sixnet).exists()


@pytest.mark.django_db
def test_frame_is_for_coordinators(users, reference):
    agreement = EcosystemAgreement.objects.get(slug="tampere")
    with pytest.raises(PermissionDenied):
        services.update_frame(users["contact"], agreement, is_public=False)
    services.update_frame(users["coordinator"], agreement, is_public=False)
    assert not EcosystemAgreement.objects.public().filter(slug="tampere").exists()
    with pytest.raises(services.PartnershipError, match="päättyy ennen"):
        services.update_frame(
            users["coordinator"], agreement, period_end=agreement.period_start.replace(year=2000)
        )


@pytest.mark.django_db
def test_generations_chain_and_refuse_a_loop(users, reference):
    coordinator = users["coordinator"]
    tampere = EcosystemAgreement.objects.get(slug="tampere")
    growth = services.create_agreement(
        coordinator,
        slug="kasvu-tampere",
        generation="growth",
        name_fi="Kasvusopimus",
        period_start=tampere.period_start.replace(year=2016),
        period_end=tampere.period_start.replace(year=2018),
    )
    services.update_frame(coordinator, tampere, predecessor=growth)
    assert tampere.lineage() == [growth]
    with pytest.raises(services.PartnershipError, match="edeltää itseään"):
        services.update_frame(coordinator, growth, predecessor=tampere)


@pytest.mark.django_db
def test_removing_a_row_needs_the_record_permission(users, sixnet, other_network):
    coordinator = users["coordinator"]
    own = services.set_funding(coordinator, sixnet, source="akke", year=2021, amount="10")
    other = services.set_funding(coordinator, other_network, source="akke", year=2021, amount="10")
    with pytest.raises(PermissionDenied):
        services.remove_detail(users["contact"], other)
    services.remove_detail(users["contact"], own)
    assert list(Funding.objects.all()) == [other]


@pytest.mark.django_db
def test_contact_cannot_add_contracting_cities(users, reference):
    agreement = EcosystemAgreement.objects.get(slug="tampere")
    services.add_contact(
        users["coordinator"],
        agreement,
        name="Bea Business",
        organisation=Organisation.objects.get(slug="business-tampere"),
    )
    members = list(agreement.member_organisations.all())
    aune = Organisation.objects.get(slug="aune")
    services.update_content(users["contact"], agreement, member_organisations=[*members, aune])
    oulu = Organisation.objects.get(slug="oulun-kaupunki")
    with pytest.raises(PermissionDenied):
        services.update_content(users["contact"], agreement, member_organisations=[*members, oulu])
    assert oulu not in agreement.member_organisations.all()
