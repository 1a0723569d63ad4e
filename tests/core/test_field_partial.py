"""The shared field partial links help text and errors to the input for screen readers (WCAG 1.3.1, 3.3.1)."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string


class SampleForm(forms.Form):
    title = forms.CharField(label="Otsikko", help_text="Enintään 200 merkkiä.", max_length=5)
    note = forms.CharField(label="Huomio", required=False)


def _render(form: forms.Form, name: str) -> str:
    return render_to_string("partials/field.html", {"field": form[name]})


def _described_ids(html: str) -> list[str]:
    return re.search(r'aria-describedby="([^"]*)"', html).group(1).split()


def test_help_text_and_errors_are_named_by_the_input():
    form = SampleForm(data={"title": "liian pitkä"})
    assert not form.is_valid()
    html = _render(form, "title")
    ids = _described_ids(html)
    assert ids[0] == "id_title_helptext" and len(ids) == 2
    for element_id in ids:
        assert f'id="{element_id}"' in html  # every id the input names exists
    assert 'aria-invalid="true"' in html


def test_field_without_help_or_errors_names_nothing():
    html = _render(SampleForm(), "note")
    assert "aria-describedby" not in html
