"""The one domain error: its code, how a page shows it and the API's one error shape."""

from __future__ import annotations

import json

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from ninja import NinjaAPI
from ninja.testing import TestClient

from alke.agreements.services import AgreementError, EditConflict
from alke.core.api.errors import install
from alke.core.domain import DomainError, attempt, refusal_code
from alke.followup.services import BatchRejected, FollowUpError, RowError
from alke.rounds.gate import PhaseClosed


def test_codes_are_stable_and_messages_plain():
    assert DomainError("Ei käy.").code == "invalid"
    assert str(DomainError("Ei käy.")) == "Ei käy."  # not "['Ei käy.']"
    assert DomainError("Ei käy.", code="reason_required").code == "reason_required"
    assert PhaseClosed("Kiinni.").code == "phase_closed"
    assert EditConflict("Toinen tallensi.", current=None).code == "edit_conflict"
    assert BatchRejected([RowError(2, "huono")]).code == "batch_rejected"
    # App errors are domain errors and so Django validation errors: every handler treats them alike.
    assert issubclass(AgreementError, DomainError) and issubclass(FollowUpError, ValidationError)
    assert refusal_code(ValidationError("x", code="unique")) == "unique"
    assert refusal_code(ValidationError({"name": ["tyhjä"]})) == "invalid"


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_attempt_shows_a_refusal_on_the_page_or_the_form():
    from django import forms

    def refuse():
        raise PhaseClosed("Vaihe on päättynyt.")

    request = _request()
    assert attempt(request, refuse, "Tallennettu.") is None
    assert [str(m) for m in get_messages(request)] == ["Vaihe on päättynyt."]
    assert request.refusal.code == "phase_closed"

    form = forms.Form(data={})
    form.is_valid()
    assert attempt(_request(), refuse, form=form) is None
    assert form.non_field_errors() == ["Vaihe on päättynyt."]

    request = _request()
    assert attempt(request, lambda: None, "Tallennettu.") is True
    assert attempt(request, lambda: 42) == 42
    assert [str(m) for m in get_messages(request)] == ["Tallennettu."]


def test_a_batch_refusal_says_it_shortly_on_the_page():
    request = _request()

    def refuse():
        raise BatchRejected([RowError(2, "huono"), RowError(3, "huonompi")])

    attempt(request, refuse)
    (shown,) = [str(m) for m in get_messages(request)]
    assert "Korjaa rivit" in shown
    assert [e.row for e in request.refusal.errors] == [2, 3]


probe = NinjaAPI(urls_namespace="error-shape-probe")
install(probe)


@probe.get("/closed")
def closed(request):
    raise PhaseClosed("Kierros on vaiheessa ”seuranta”.")


@probe.get("/model")
def model(request):
    raise ValidationError({"title": ["Otsikko puuttuu."]})


@probe.get("/denied")
def denied(request):
    raise PermissionDenied("proposal.edit")


@probe.get("/number")
def number(request, n: int):
    return {"n": n}


@pytest.mark.parametrize(
    ("path", "status", "code", "words"),
    [
        ("/closed", 422, "phase_closed", "seuranta"),
        ("/model", 422, "invalid", "title: Otsikko puuttuu."),
        ("/denied", 403, "permission_denied", "proposal.edit"),
        ("/number?n=many", 422, "invalid_request", "n"),
    ],
)
def test_the_api_answers_every_error_in_one_shape(path, status, code, words):
    response = TestClient(probe).get(path)
    assert response.status_code == status
    body = json.loads(response.content)
    assert body["code"] == code and words in body["detail"], body
