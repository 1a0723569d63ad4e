"""Every model in the admin opens for a superuser; read-only registrations refuse to add or change."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from alke.core.admin import ReadOnlyAdmin

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)


@pytest.fixture
def superuser_client(client, reference):
    user = get_user_model().objects.create_superuser("root-admin", "root@example.invalid", "x-Passw0rd-long")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model,model_admin", REGISTERED, ids=[m._meta.label for m, _ in REGISTERED])
def test_changelist_opens(superuser_client, model, model_admin):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert superuser_client.get(url).status_code == 200
    if isinstance(model_admin, ReadOnlyAdmin):
        add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        assert superuser_client.get(add).status_code == 403


def test_round_and_agenda_records_are_in_the_admin():
    labels = {model._meta.label for model in admin.site._registry}
    assert {"rounds.Round", "agenda.Proposal", "agenda.Agenda", "agenda.MinistryIssue"} <= labels
