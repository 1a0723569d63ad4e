import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from alke.partnerships.models import DevelopmentZone, FocusArea, ThematicNetwork
from alke.policy.models import DecisionPriority, StatutoryObjective, Theme
from alke.regions.models import Ministry, Municipality, Organisation, Region
from alke.regions.services import DATA_DIR, ReferenceDataError, load_reference


@pytest.mark.django_db
def test_reference_data_counts_and_facts():
    counts = load_reference()
    assert counts.regions == 19
    assert Region.objects.mainland().count() == 18
    assert not Region.objects.get(code="MK21").is_mainland
    assert counts.municipalities == 308
    assert Municipality.objects.get(code="091").region.code == "MK01"  # Helsinki
    assert counts.ministries == 12
    assert Ministry.objects.get(is_coordinator=True).abbreviation == "TEM"
    assert Ministry.objects.get(abbreviation="OKM").name_sv == "Undervisnings- och kulturministeriet"
    assert counts.statutory_objectives == 6
    assert DecisionPriority.objects.filter(decision__code="2024-2027", kind="priority").count() == 3
    common = Theme.objects.get(is_common=True)
    assert common.name_fi == "Osaavan työvoiman saatavuus ja alueellinen liikkuvuus"
    assert common.subthemes.count() == 8
    assert counts.as_dict()["focus_areas"] == FocusArea.objects.count() == 32
    assert ThematicNetwork.objects.count() == 15
    assert DevelopmentZone.objects.get(name_fi="Viitoskäytävä").coordinator.slug == "liitto-mk11"
    assert Organisation.objects.filter(kind="regional_council").count() == 18
    uusimaa = Region.objects.get(code="MK01")
    assert uusimaa.is_bilingual and uusimaa.council_name_sv == "Nylands förbund"
    assert not Region.objects.get(code="MK19").is_bilingual


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = load_reference()
    history = StatutoryObjective.history.count()
    assert load_reference() == first
    assert StatutoryObjective.history.count() == history


@pytest.mark.django_db
def test_bad_file_changes_nothing(tmp_path):
    load_reference()
    shutil.copytree(DATA_DIR, tmp_path / "data")
    reference = json.loads((tmp_path / "data/reference.json").read_text())
    reference["ministries"] = reference["ministries"][:11]
    reference["statutory_objectives"][0]["text_fi"] = "muutettu"
    (tmp_path / "data/reference.json").write_text(json.dumps(reference))
    with pytest.raises(ReferenceDataError, match="expected 12 ministries"):
        load_reference(tmp_path / "data")
    assert StatutoryObjective.objects.get(number=1).text_fi != "muutettu"


@pytest.mark.django_db
def test_truncated_csv_names_file_and_line(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    path = tmp_path / "data/classification/kunnat_2025.csv"
    lines = path.read_text().splitlines()
    lines[5] = lines[5].split(",")[0] + ",,"
    path.write_text("\n".join(lines))
    with pytest.raises(ReferenceDataError, match=r"kunnat_2025.csv line 6: empty"):
        load_reference(tmp_path / "data")
    assert Region.objects.count() == 19 and Municipality.objects.count() == 308


@pytest.mark.django_db
def test_command_reports_counts_and_errors(tmp_path, capsys):
    call_command("load_reference")
    out = capsys.readouterr().out
    assert "municipalities" in out and "308" in out
    with pytest.raises(CommandError, match="nothing changed: reference file not found"):
        call_command("load_reference", data_dir=tmp_path)
