"""Minutes per agenda item: who may write them, freezing with the document, and where they are shown."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from alke.agreements import services
from alke.agreements.content import layout, text_lines
from alke.agreements.exports import document_docx, document_html
from alke.agreements.models import AgendaItemMinutes, DocumentFrozen
from tests.factories import AgendaFactory, AgendaItemFactory


@pytest.fixture
def items(round_, vs):
    agenda = AgendaFactory(round=round_, region=vs)
    return [
        AgendaItemFactory(agenda=agenda, order=1, title="Meriteollisuuden osaajat", source="proposal"),
        AgendaItemFactory(agenda=agenda, order=2, title="Saariston saavutettavuus", source="proposal"),
    ]


@pytest.fixture
def linked(users, round_, vs, okm, conclusion, items):
    """The conclusion fixture linked to the first agenda item."""
    return services.record_conclusion(
        users["coordinator"],
        round_,
        vs,
        conclusion=conclusion,
        agenda_item=items[0],
        text_fi=conclusion.text_fi,
        ministries=[okm],
        region_responsible=True,
    )


def _final(users, document):
    number = document.latest_version().number
    services.approve(users["coordinator"], document, number, "state")
    services.approve(users["region"], document, number, "region")
    document.refresh_from_db()
    assert document.is_final
    return document


@pytest.mark.django_db
def test_minutes_take_the_right_to_record_conclusions(users, round_, vs, items):
    """`conclusion.record` (the coordinator as the discussion's secretary); nobody else writes minutes."""
    minutes = services.record_minutes(
        users["coordinator"], round_, vs, items[0], text_fi="Keskusteltiin osaajatarpeista."
    )
    assert minutes.text_fi == "Keskusteltiin osaajatarpeista." and minutes.created_by == users["coordinator"]
    for role in ("region", "ministry", "aune", "nobody"):
        with pytest.raises(PermissionDenied):
            services.record_minutes(users[role], round_, vs, items[0], text_fi="Muutettu.")
    minutes.refresh_from_db()
    assert minutes.text_fi == "Keskusteltiin osaajatarpeista."
    assert minutes.history.count() == 1


@pytest.mark.django_db
def test_minutes_need_finnish_and_an_item_of_the_regions_discussion(users, round_, vs, items):
    coordinator = users["coordinator"]
    with pytest.raises(services.AgreementError, match="myös suomeksi"):
        services.record_minutes(coordinator, round_, vs, items[0], text_fi=" ", text_sv="Endast svenska.")
    foreign = AgendaItemFactory(agenda=AgendaFactory(round=round_, region="MK19"), title="Matkailu")
    with pytest.raises(services.AgreementError, match="ei kuulu"):
        services.record_minutes(coordinator, round_, vs, foreign, text_fi="Väärä maakunta.")
    # Empty texts clear an item's minutes.
    services.record_minutes(coordinator, round_, vs, items[1], text_fi="Lauttayhteydet.")
    assert services.record_minutes(coordinator, round_, vs, items[1], text_fi="", text_sv="") is None
    assert not AgendaItemMinutes.objects.exists()


@pytest.mark.django_db
def test_saving_all_items_makes_one_version(users, round_, vs, items, document):
    before = document.latest_version().number
    services.save_minutes(
        users["coordinator"],
        round_,
        vs,
        {items[0].pk: ("Ensimmäinen kohta.", ""), items[1].pk: ("Toinen kohta.", "Andra punkten.")},
    )
    assert document.latest_version().number == before + 1
    minutes = document.latest_version().content["minutes"]
    assert [(m["title"], m["text_fi"]) for m in minutes] == [
        ("Meriteollisuuden osaajat", "Ensimmäinen kohta."),
        ("Saariston saavutettavuus", "Toinen kohta."),
    ]
    # Saving the same texts again changes nothing.
    services.save_minutes(users["coordinator"], round_, vs, {items[0].pk: ("Ensimmäinen kohta.", "")})
    assert document.latest_version().number == before + 1


@pytest.mark.django_db
def test_a_stale_form_does_not_overwrite_anothers_minutes(users, round_, vs, items):
    coordinator = users["coordinator"]
    services.record_minutes(coordinator, round_, vs, items[0], text_fi="Alkuperäinen.")
    opened = {
        items[0].pk: AgendaItemMinutes.digest("Alkuperäinen.", ""),
        items[1].pk: AgendaItemMinutes.digest("", ""),
    }
    # Someone else changes item 1 after the form was opened.
    services.record_minutes(coordinator, round_, vs, items[0], text_fi="Toisen muutos.")
    # Saving item 2 with item 1 untouched keeps the other person's change.
    services.save_minutes(
        coordinator,
        round_,
        vs,
        {items[0].pk: ("Alkuperäinen.", ""), items[1].pk: ("Uusi kohta.", "")},
        opened=opened,
    )
    assert AgendaItemMinutes.objects.get(agenda_item=items[0]).text_fi == "Toisen muutos."
    assert AgendaItemMinutes.objects.get(agenda_item=items[1]).text_fi == "Uusi kohta."
    # Editing item 1 from the stale text is refused, and nothing of the save is stored.
    opened[items[1].pk] = AgendaItemMinutes.digest("Uusi kohta.", "")
    with pytest.raises(services.AgreementError, match="Meriteollisuuden osaajat"):
        services.save_minutes(
            coordinator,
            round_,
            vs,
            {items[0].pk: ("Oma muutos.", ""), items[1].pk: ("Toinen muutos.", "")},
            opened=opened,
        )
    assert AgendaItemMinutes.objects.get(agenda_item=items[0]).text_fi == "Toisen muutos."
    assert AgendaItemMinutes.objects.get(agenda_item=items[1]).text_fi == "Uusi kohta."


@pytest.mark.django_db
def test_minutes_freeze_with_the_document(users, round_, vs, items, document):
    coordinator = users["coordinator"]
    minutes = services.record_minutes(coordinator, round_, vs, items[0], text_fi="Ennen hyväksyntää.")
    _final(users, document)
    with pytest.raises(services.AgreementError, match="lukittu"):
        services.record_minutes(coordinator, round_, vs, items[0], text_fi="Jälkikäteen.")
    with pytest.raises(services.AgreementError, match="lukittu"):
        services.record_minutes(coordinator, round_, vs, items[1], text_fi="Uusi kohta.")
    with pytest.raises(services.AgreementError, match="lukittu"):
        services.record_minutes(coordinator, round_, vs, items[0], text_fi="")
    # The model refuses too, whatever path tries it.
    minutes.text_fi = "Ohi palveluiden."
    with pytest.raises(DocumentFrozen):
        minutes.save()
    with pytest.raises(DocumentFrozen):
        AgendaItemMinutes(round=round_, region=vs, agenda_item=items[1], text_fi="Uusi.").save()
    with pytest.raises(DocumentFrozen):
        AgendaItemMinutes.objects.get(pk=minutes.pk).delete()
    # Reopening lets the secretary write again.
    services.reopen(coordinator, document, "Muistioon lisäys.")
    services.record_minutes(coordinator, round_, vs, items[0], text_fi="Lisäyksen jälkeen.")
    assert document.latest_version().content["minutes"][0]["text_fi"] == "Lisäyksen jälkeen."


@pytest.mark.django_db
def test_document_layout_shows_minutes_before_conclusions(users, round_, vs, items, linked, document):
    services.record_minutes(
        users["coordinator"],
        round_,
        vs,
        items[0],
        text_fi="Telakan tilauskanta kasvaa.\n\nOsaajia tarvitaan lisää.",
        text_sv="Varvets orderstock växer.",
    )
    content = document.latest_version().content
    section = next(s for s in layout(content, "fi").sections if s.key == "conclusions")
    assert section.minutes_heading == "Keskustelu agendan kohdittain"
    assert [(m.title, m.paragraphs, m.note) for m in section.minutes] == [
        (
            "Meriteollisuuden osaajat",
            ["Telakan tilauskanta kasvaa.", "Osaajia tarvitaan lisää."],
            "Johtopäätös 1",
        )
    ]
    swedish = next(s for s in layout(content, "sv").sections if s.key == "conclusions")
    assert swedish.minutes[0].paragraphs == ["Varvets orderstock växer."]
    # Comparing versions shows the minutes; versions made before minutes existed still lay out.
    assert ("5. Johtopäätökset ja vastuut", "Meriteollisuuden osaajat: Osaajia tarvitaan lisää.") in (
        text_lines(content)
    )
    old = dict(content)
    del old["minutes"]
    assert next(s for s in layout(old).sections if s.key == "conclusions").minutes == []


@pytest.mark.django_db
def test_minutes_on_the_document_page_print_and_public_page(
    client_for, client, users, round_, vs, items, document
):
    services.record_minutes(users["coordinator"], round_, vs, items[0], text_fi="Telakan tilauskanta kasvaa.")
    page = client_for(users["region"]).get(f"/asiakirjat/asiakirja/{document.pk}/").content.decode()
    assert "Keskustelu agendan kohdittain" in page and "Telakan tilauskanta kasvaa." in page
    html = document_html(document.latest_version())
    assert "Keskustelu agendan kohdittain" in html and "Telakan tilauskanta kasvaa." in html
    document = _final(users, document)
    services.publish(users["coordinator"], document)
    public = client.get(f"/asiakirjat/julkiset/{document.pk}/").content.decode()
    assert "Meriteollisuuden osaajat" in public and "Telakan tilauskanta kasvaa." in public


@pytest.mark.django_db
def test_docx_shows_the_minutes_before_the_conclusions_as_the_pdf_does(
    users, round_, vs, items, linked, document
):
    import io

    from docx import Document

    services.record_minutes(
        users["coordinator"],
        round_,
        vs,
        items[0],
        text_fi="Telakan tilauskanta kasvaa.\n\nOsaajia tarvitaan lisää.",
        text_sv="Varvets orderstock växer.",
    )
    version = document.latest_version()
    lines = [p.text for p in Document(io.BytesIO(document_docx(version))).paragraphs]
    start = lines.index("5. Johtopäätökset ja vastuut")
    assert lines[start + 1 : start + 7] == [
        "Keskustelu agendan kohdittain",
        "Meriteollisuuden osaajat",
        "Telakan tilauskanta kasvaa.",
        "Osaajia tarvitaan lisää.",
        "Johtopäätös 1",
        "Johtopäätökset",
    ]
    assert lines[start + 7] == "Osaajatarpeiden ennakointimalli laaditaan yhdessä."
    swedish = [p.text for p in Document(io.BytesIO(document_docx(version, "sv"))).paragraphs]
    assert "Varvets orderstock växer." in swedish
    # Without minutes there are no subheadings.
    services.record_minutes(users["coordinator"], round_, vs, items[0], text_fi="", text_sv="")
    plain = [p.text for p in Document(io.BytesIO(document_docx(document.latest_version()))).paragraphs]
    assert "Keskustelu agendan kohdittain" not in plain and "Johtopäätökset" not in plain


@pytest.mark.django_db
def test_minutes_page_writes_item_by_item_alongside_conclusions(client_for, users, round_, vs, items, linked):
    url = f"/asiakirjat/kierros/{round_.year}/{vs.code}/muistio/"
    coordinator = client_for(users["coordinator"])
    page = coordinator.get(url).content.decode()
    assert "Meriteollisuuden osaajat" in page and "Saariston saavutettavuus" in page
    assert "Osaajatarpeiden ennakointimalli laaditaan yhdessä." in page  # the item's conclusion
    assert f'name="fi-{items[0].pk}"' in page
    opened = AgendaItemMinutes.digest("", "")
    response = coordinator.post(
        url,
        {
            f"fi-{items[0].pk}": "Keskusteltiin telakasta.",
            f"sv-{items[0].pk}": "",
            f"opened-{items[0].pk}": opened,
            f"fi-{items[1].pk}": "",
            f"sv-{items[1].pk}": "",
            f"opened-{items[1].pk}": opened,
        },
    )
    assert response.status_code == 302
    assert AgendaItemMinutes.objects.get().text_fi == "Keskusteltiin telakasta."
    # A regional official reads the minutes but gets no form and may not post.
    regional = client_for(users["region"])
    page = regional.get(url).content.decode()
    assert "Keskusteltiin telakasta." in page and f'name="fi-{items[0].pk}"' not in page
    assert regional.post(url, {f"fi-{items[0].pk}": "Muutettu."}).status_code == 403
    assert AgendaItemMinutes.objects.get().text_fi == "Keskusteltiin telakasta."


@pytest.mark.django_db
def test_minutes_page_is_read_only_when_the_document_is_final(client_for, users, round_, vs, items, document):
    services.record_minutes(users["coordinator"], round_, vs, items[0], text_fi="Hyväksytty muistio.")
    _final(users, document)
    url = f"/asiakirjat/kierros/{round_.year}/{vs.code}/muistio/"
    coordinator = client_for(users["coordinator"])
    page = coordinator.get(url).content.decode()
    assert "hyväksytty ja lukittu" in page and f'name="fi-{items[0].pk}"' not in page
    coordinator.post(url, {f"fi-{items[0].pk}": "Muutettu.", f"opened-{items[0].pk}": ""})
    assert AgendaItemMinutes.objects.get().text_fi == "Hyväksytty muistio."


@pytest.mark.django_db
def test_minutes_history_opens_to_whoever_reads_conclusions(client_for, users, round_, vs, items):
    """The history page reads AgendaItemMinutes with the conclusions' rule, not the coordinators-only default."""
    from django.urls import reverse

    minutes = services.record_minutes(users["coordinator"], round_, vs, items[0], text_fi="Muistiinpano.")
    url = reverse("core:history", args=["agreements", "agendaitemminutes", minutes.pk])
    for role in ("coordinator", "region", "other_region", "ministry", "aune"):
        assert client_for(users[role]).get(url).status_code == 200, role
