"""Two editors saving the same draft at the same moment: exactly one wins, the other is told."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from alke.agreements import services
from alke.agreements.models import CooperationDocument
from alke.regions.models import Region
from alke.rounds.models import Phase, Round


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_version(users):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip(
            "an in-memory SQLite test database cannot be shared between threads; runs on PostgreSQL and file SQLite"
        )
    round_ = Round.objects.create(year=2025, name="ALKE 2025", phase=Phase.DOCUMENTS)
    document = services.create_document(users["coordinator"], round_, Region.objects.get(code="MK02"))
    opened = document.lock_version
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def edit(key: str, text: str) -> None:
        try:
            barrier.wait(timeout=10)
            services.save_document(
                users[key], CooperationDocument.objects.get(pk=document.pk), opened, {"background_fi": text}
            )
            outcome[key] = "saved"
        except services.EditConflict:
            outcome[key] = "conflict"
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=edit, args=("coordinator", "Valtion teksti.")),
        threading.Thread(target=edit, args=("region", "Alueen teksti.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcome.values()) == ["conflict", "saved"]
    document.refresh_from_db()
    winner = next(k for k, v in outcome.items() if v == "saved")
    assert document.background_fi == {"coordinator": "Valtion teksti.", "region": "Alueen teksti."}[winner]
    assert document.lock_version == opened + 1
    assert document.versions.count() == 2
