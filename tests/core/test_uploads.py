"""Every upload form refuses an oversized or wrong kind of file with a message naming it, and stores nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from alke.core.uploads import MB, UploadField, validate_upload
from alke.followup.models import FollowUpUpdate
from alke.followup.services import MAX_IMPORT_BYTES
from alke.situation.forms import MAX_UPLOAD_BYTES
from alke.situation.models import Dataset, DatasetVersion


def _text(html: str) -> str:
    return html.replace("\xa0", " ").replace("&nbsp;", " ")


def test_validator_names_the_file_its_size_and_the_limit():
    validate_upload(SimpleUploadedFile("taulukko.csv", b"x" * MB), MB, ["csv"])  # at the limit: fine
    with pytest.raises(ValidationError) as too_big:
        validate_upload(SimpleUploadedFile("taulukko.csv", b"x" * (MB + 1)), MB, ["csv"])
    message = _text(too_big.value.messages[0])
    assert (
        "„taulukko.csv“" in message
        and "liian suuri" in message
        and "1,1 Mt" in message
        and "1,0 Mt" in message
    )
    with pytest.raises(ValidationError) as wrong:
        validate_upload(SimpleUploadedFile("../../kuva.PNG", b"x"), MB, [".csv", "xlsx"])
    message = wrong.value.messages[0]
    assert "„kuva.PNG“" in message and "CSV, XLSX" in message and ".." not in message
    validate_upload(SimpleUploadedFile("TAULUKKO.CSV", b"x"), MB, ["csv"])  # case does not matter


def test_validator_speaks_swedish():
    with translation.override("sv"), pytest.raises(ValidationError) as too_big:
        validate_upload(SimpleUploadedFile("t.csv", b"x" * 11), 10, ["csv"])
    assert "är för stor" in too_big.value.messages[0]


def test_upload_field_tells_the_browser_which_types_it_takes():
    field = UploadField(max_bytes=MB, extensions=["csv", ".xlsx"])
    assert field.widget.attrs["accept"] == ".csv,.xlsx"


@pytest.mark.django_db
class TestStatisticsUpload:
    url = "/tilannekuva/aineistot/tuo/"

    @pytest.fixture
    def coordinator(self, client_for, users):
        assert reverse("situation:import") == self.url
        return client_for(users["coordinator"])

    def test_oversized_file_is_refused(self, coordinator):
        big = SimpleUploadedFile("valtava.px", b"x" * (MAX_UPLOAD_BYTES + 1))
        response = coordinator.post(self.url, {"file": big, "format": "auto"})
        html = _text(response.content.decode())
        assert response.status_code == 200
        assert "valtava.px" in html and "liian suuri" in html and "10,1 Mt" in html and "10,0 Mt" in html
        assert not Dataset.objects.exists() and not DatasetVersion.objects.exists()

    def test_wrong_type_is_refused(self, coordinator):
        exe = SimpleUploadedFile("ohjelma.exe", b"MZ\x90\x00")
        response = coordinator.post(self.url, {"file": exe, "format": "auto"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "ohjelma.exe" in html and "tiedostotyyppi ei kelpaa" in html and "JSON, PX" in html
        assert not Dataset.objects.exists()

    def test_the_form_offers_only_the_accepted_types(self, coordinator):
        assert 'accept=".json,.px"' in coordinator.get(self.url).content.decode()


@pytest.mark.django_db
class TestFollowUpImport:
    url = "/seuranta/tuonti/"

    @pytest.fixture
    def coordinator(self, client_for, users):
        assert reverse("followup:import") == self.url
        return client_for(users["coordinator"])

    def test_oversized_file_is_refused(self, coordinator):
        big = SimpleUploadedFile("paivitykset.csv", b"x" * (MAX_IMPORT_BYTES + 1))
        response = coordinator.post(self.url, {"file": big})
        html = _text(response.content.decode())
        assert response.status_code == 200
        assert "paivitykset.csv" in html and "liian suuri" in html and "5,1 Mt" in html and "5,0 Mt" in html
        assert FollowUpUpdate.objects.count() == 0

    def test_wrong_type_is_refused(self, coordinator):
        doc = SimpleUploadedFile("paivitykset.docx", b"PK\x03\x04")
        response = coordinator.post(self.url, {"file": doc})
        html = response.content.decode()
        assert response.status_code == 200
        assert "paivitykset.docx" in html and "tiedostotyyppi ei kelpaa" in html and "CSV, XLSX" in html
        assert FollowUpUpdate.objects.count() == 0
