"""A cooperation document links to the partnership register's agreements, networks and zones in its area."""

from __future__ import annotations

import pytest
from django.conf import settings

from alke.agreements import services
from alke.agreements.exports import document_html
from alke.agreements.selectors import partnerships_in
from alke.partnerships.models import DevelopmentZone, EcosystemAgreement, ThematicNetwork
from alke.regions.models import Region


@pytest.mark.django_db
def test_records_of_the_documents_regions_once_each(reference):
    vs = partnerships_in(["MK02"])
    assert [a.name_fi for a in vs.agreements] == ["Turun ekosysteemisopimus"]
    assert "Habitability – elinvoimaiset ja kestävästi asutut saaristo- ja vesistöalueet" in [
        n.name_fi for n in vs.networks
    ]
    assert not vs.zones
    # Perämerenkaari acts in both regions of a joint document and is listed once.
    joint = partnerships_in(["MK17", "MK19"])
    assert [z.name_fi for z in joint.zones].count("Perämerenkaaren kehittämisvyöhyke") == 1
    assert {"Rovaniemen ekosysteemisopimus", "Oulun ekosysteemisopimus"} <= {
        a.name_fi for a in joint.agreements
    }
    # Records the register does not publish are left out.
    ThematicNetwork.objects.filter(name_fi__startswith="Habitability").update(is_public=False)
    assert "Habitability" not in " ".join(n.name_fi for n in partnerships_in(["MK02"]).networks)


@pytest.mark.django_db
def test_document_page_links_to_the_register(client_for, users, document):
    page = client_for(users["ministry"]).get(f"/asiakirjat/asiakirja/{document.pk}/").content.decode()
    assert "Alueen sopimukset ja verkostot kumppanuusrekisterissä" in page
    agreement = EcosystemAgreement.objects.get(name_fi="Turun ekosysteemisopimus")
    network = ThematicNetwork.objects.get(name_fi__startswith="Habitability")
    assert f'href="{agreement.get_absolute_url()}"' in page
    assert f'href="{network.get_absolute_url()}"' in page
    # Nothing of another region's area.
    assert "Rovaniemen ekosysteemisopimus" not in page


@pytest.mark.django_db
def test_public_page_and_print_link_to_the_register(client, users, document):
    number = document.latest_version().number
    services.approve(users["coordinator"], document, number, "state")
    services.approve(users["region"], document, number, "region")
    document.refresh_from_db()
    document = services.publish(users["coordinator"], document)
    agreement = EcosystemAgreement.objects.get(name_fi="Turun ekosysteemisopimus")
    page = client.get(f"/asiakirjat/julkiset/{document.pk}/").content.decode()
    assert f'href="{agreement.get_absolute_url()}"' in page
    # The register page the link leads to is public.
    assert client.get(agreement.get_absolute_url()).status_code == 200
    # The printed document (the PDF's HTML) carries full addresses.
    html = document_html(document.published_version)
    assert "Alueen sopimukset ja verkostot kumppanuusrekisterissä" in html
    address = settings.SITE_URL.rstrip("/") + agreement.get_absolute_url()
    assert f'href="{address}"' in html and "Turun ekosysteemisopimus" in html


@pytest.mark.django_db
def test_joint_document_lists_every_regions_records(client_for, users, round_):
    region = Region.objects.get(code="MK17")
    document = services.create_document(
        users["coordinator"], round_, region, other_regions=[Region.objects.get(code="MK19")]
    )
    page = client_for(users["coordinator"]).get(f"/asiakirjat/asiakirja/{document.pk}/").content.decode()
    zone = DevelopmentZone.objects.get(name_fi="Perämerenkaaren kehittämisvyöhyke")
    assert page.count(f'href="{zone.get_absolute_url()}"') == 1
    assert "Rovaniemen ekosysteemisopimus" in page and "Oulun ekosysteemisopimus" in page


@pytest.mark.django_db
def test_docx_lists_the_register_records_with_full_addresses(users, document):
    import io

    from docx import Document

    from alke.agreements.exports import document_docx

    text = "\n".join(
        p.text for p in Document(io.BytesIO(document_docx(document.latest_version()))).paragraphs
    )
    agreement = EcosystemAgreement.objects.get(name_fi="Turun ekosysteemisopimus")
    assert "Alueen sopimukset ja verkostot kumppanuusrekisterissä" in text
    assert "Turun ekosysteemisopimus (" in text
    assert settings.SITE_URL.rstrip("/") + agreement.get_absolute_url() in text
    assert "Rovaniemen ekosysteemisopimus" not in text
    swedish = Document(io.BytesIO(document_docx(document.latest_version(), "sv")))
    assert "Alueen sopimukset" not in "\n".join(p.text for p in swedish.paragraphs)
