"""The register's real reference data: agreements, bridge agreements, networks and zones."""

import json
import shutil
from datetime import date

import pytest

from alke.partnerships.models import (
    DevelopmentZone,
    EcosystemAgreement,
    Framework,
    ThematicNetwork,
)
from alke.regions.models import Organisation
from alke.regions.services import DATA_DIR, ReferenceDataError, load_reference


@pytest.mark.django_db
def test_ecosystem_agreements_are_the_sixteen_city_regions(reference):
    ecosystem = EcosystemAgreement.objects.filter(generation="ecosystem")
    assert ecosystem.count() == 16
    assert {a.signed_on for a in ecosystem} == {date(2021, 2, 9)}
    assert {a.period_end for a in ecosystem} == {date(2027, 12, 31)}
    hev = ecosystem.get(slug="helsinki-espoo-vantaa")
    assert sorted(m.code for m in hev.municipalities.all()) == ["049", "091", "092"]
    assert hev.regions.get().code == "MK01"
    assert hev.frameworks.count() == Framework.objects.count() == 4
    kokkola = ecosystem.get(slug="kokkola")
    assert {a.name_fi for a in kokkola.focus_areas.all()} == {
        "Akkukemia",
        "Kiertotalous ja teollisuutta tukevat älykkäät ratkaisut",
    }
    # Focus areas not found in the sources are missing and marked uncertain, not guessed.
    for slug in ("vaasa", "rovaniemi", "kajaani-sotkamo"):
        agreement = ecosystem.get(slug=slug)
        assert not agreement.focus_areas.exists()
        assert agreement.uncertain_note
    assert ecosystem.get(slug="lappeenranta-imatra").uncertain_note


@pytest.mark.django_db
def test_bridge_agreements_2020_and_cities_as_organisations(reference):
    bridges = EcosystemAgreement.objects.filter(generation="bridge")
    assert sorted(b.regions.get().code for b in bridges) == ["MK06", "MK11", "MK18"]
    assert all(b.status == "ended" and b.uncertain_note for b in bridges)
    assert bridges.get(slug="silta-kainuu").coordinator.slug == "liitto-mk18"
    oulu = Organisation.objects.get(slug="oulun-kaupunki")
    # The city of Oulu is one organisation: a party to its agreement and the zone coordinator.
    assert oulu.kind == Organisation.Kind.CITY and oulu.region.code == "MK17"
    assert DevelopmentZone.objects.get(name_fi="Perämerenkaaren kehittämisvyöhyke").coordinator == oulu


@pytest.mark.django_db
def test_networks_and_zones_act_in_regions(reference):
    sixnet = ThematicNetwork.objects.get(name_fi="SIXNET")
    assert sixnet.coordinator.slug == "business-tampere"
    assert [r.code for r in sixnet.regions.all()] == ["MK06"]
    assert ThematicNetwork.objects.filter(is_national=True).count() == 4
    corridor = DevelopmentZone.objects.get(name_fi="Suomen kasvukäytävä")
    assert sorted(r.code for r in corridor.regions.all()) == ["MK01", "MK05", "MK06"]
    assert DevelopmentZone.objects.get(name_fi="Viitoskäytävä").uncertain_note


@pytest.mark.django_db
def test_reload_adds_no_history(reference):
    history = EcosystemAgreement.history.count()
    load_reference()
    assert EcosystemAgreement.history.count() == history


@pytest.mark.django_db
def test_unknown_focus_area_is_refused_and_nothing_changes(reference, tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    data = json.loads((tmp_path / "data/reference.json").read_text())
    data["ecosystem_agreements"][0]["focus_areas"].append("Avaruusmatkailu")
    data["ecosystem_agreements"][1]["name_fi"] = "muutettu"
    (tmp_path / "data/reference.json").write_text(json.dumps(data))
    with pytest.raises(ReferenceDataError, match="Avaruusmatkailu"):
        load_reference(tmp_path / "data")
    assert not EcosystemAgreement.objects.filter(name_fi="muutettu").exists()


@pytest.mark.django_db
def test_focus_areas_have_working_translations(reference):
    from alke.partnerships.models import FocusArea

    battery = FocusArea.objects.get(name_fi="Akkukemia")
    assert (battery.name_sv, battery.name_en) == ("Batterikemi", "Battery chemistry")
    assert not FocusArea.objects.filter(name_sv="").exists()
