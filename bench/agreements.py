"""Benchmark: cooperation documents for a whole round, and the ministry worklist.

Builds one round with 18 regions × PER_REGION conclusions (each with two ministries and an indicator link),
a formula split and two funded entities per region through the real services, then times composing a
version, saving a draft edit (a new version), the two approvals, the document page, the version comparison,
the DOCX and the PDF, and the worklist page and XLSX. Goals: the document page under 300 ms, a PDF under
2 s, and queries that do not grow with the number of conclusions (no N+1).

Run: `ALKE_MODE=test .venv/bin/python bench/agreements.py` (BENCH_PER_REGION=12, BENCH_REQUESTS=3).
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date
from decimal import Decimal

from benchdb import fresh_database  # sets up Django on a throw-away database; before any Django import
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PER_REGION = int(os.environ.get("BENCH_PER_REGION", "12"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "3"))


def timed(fn, repeat: int = REQUESTS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx)


def build(per_region: int):
    from alke.accounts.models import Membership, User
    from alke.agreements import services
    from alke.core.permissions import Role
    from alke.funding import services as funding
    from alke.regions.models import Ministry, Organisation, Region
    from alke.rounds.models import Phase, Round
    from alke.situation.models import Indicator

    coordinator = User.objects.create_user(f"bench-coord-{per_region}", password="x" * 16)
    Membership.objects.create(
        user=coordinator, organisation=Organisation.objects.get(slug="tem"), role=Role.COORDINATOR
    )
    official = User.objects.create_user(f"bench-vs-{per_region}", password="x" * 16)
    Membership.objects.create(
        user=official, organisation=Organisation.objects.get(slug="liitto-mk02"), role=Role.REGION
    )
    okm_user = User.objects.create_user(f"bench-okm-{per_region}", password="x" * 16)
    Membership.objects.create(
        user=okm_user, organisation=Organisation.objects.get(slug="okm"), role=Role.MINISTRY
    )
    round_ = Round.objects.create(
        year=2030 + per_region, name=f"ALKE bench {per_region}", phase=Phase.DOCUMENTS
    )
    ministries = list(Ministry.objects.exclude(abbreviation="OKM"))
    okm = Ministry.objects.get(abbreviation="OKM")
    indicator = Indicator.objects.filter(is_active=True).first()
    appropriation = funding.set_appropriation(coordinator, round_, total=Decimal("16000000.00"))
    funding.propose_split(coordinator, appropriation)
    funding.adopt_proposal(coordinator, appropriation)
    documents = {}
    for region in Region.objects.mainland():
        conclusions = []
        for n in range(per_region):
            c = services.record_conclusion(
                coordinator,
                round_,
                region,
                text_fi=f"Johtopäätös {n + 1}: valtio ja maakunta edistävät yhdessä osaavan työvoiman saatavuutta.",
                ministries=[okm, ministries[(n + 3) % len(ministries)]],
                region_responsible=True,
                deadline=date(2031, 6, 30),
                needs_budget_decision=n % 3 == 0,
            )
            if indicator is not None:
                services.set_conclusion_indicator(
                    coordinator, c, indicator, baseline_year=2022, baseline_value=Decimal("70.1")
                )
            conclusions.append(c)
        allocation = appropriation.allocations.get(region=region)
        for k in range(2):
            funding.save_entity(
                coordinator,
                allocation,
                name_fi=f"Kokonaisuus {k + 1}",
                amount=(allocation.amount / 4).quantize(Decimal("0.01")),
                conclusion=conclusions[k],
            )
        documents[region.code] = services.create_document(coordinator, round_, region)
    return coordinator, official, okm_user, documents


def measure(per_region: int, query_counts: dict) -> tuple:
    from alke.agreements import exports, services
    from alke.agreements.content import compose, diff

    start = time.perf_counter()
    coordinator, official, okm_user, documents = build(per_region)
    build_s = time.perf_counter() - start
    document = documents["MK02"]
    client = Client()
    client.force_login(coordinator)
    ms_compose, _ = timed(lambda d=document: compose(d))
    latest = document.latest_version()

    def edit(d=document):
        d.refresh_from_db()
        services.save_document(coordinator, d, d.lock_version, {"background_fi": f"Tausta {time.time()}"})

    ms_save, _ = timed(edit)
    page = f"/asiakirjat/asiakirja/{document.pk}/"
    ms_page, _ = timed(lambda p=page: client.get(p))
    query_counts.setdefault("document page", []).append(queries(lambda p=page: client.get(p)))
    newest = document.latest_version()
    ms_diff, _ = timed(lambda: diff(latest.content, newest.content))
    ms_docx, docx = timed(lambda: exports.document_docx(newest))
    exports.document_pdf(latest)  # WeasyPrint loads its fonts once per process; time a warm run
    ms_pdf, pdf = timed(lambda: exports.document_pdf(newest), repeat=1)
    ms_approve, _ = timed(
        lambda d=document: (
            services.approve(official, d, d.latest_version().number, "region"),
            services.approve(coordinator, d, d.latest_version().number, "state"),
        ),
        repeat=1,
    )
    okm = Client()
    okm.force_login(okm_user)
    ms_worklist, _ = timed(lambda: okm.get("/asiakirjat/tyolista/"))
    query_counts.setdefault("worklist page", []).append(queries(lambda: okm.get("/asiakirjat/tyolista/")))
    query_counts.setdefault("compose", []).append(queries(lambda d=document: compose(d)))
    ms_xlsx, _ = timed(lambda: okm.get("/asiakirjat/tyolista/xlsx/"))
    return (
        per_region,
        18 * per_region,
        build_s,
        ms_compose,
        ms_save,
        ms_approve,
        ms_page,
        ms_diff,
        ms_docx,
        len(docx) // 1024,
        ms_pdf,
        len(pdf) // 1024,
        ms_worklist,
        ms_xlsx,
    )


def main() -> None:
    fresh_database()

    rows = []
    query_counts: dict = {}
    for per_region in (max(2, PER_REGION // 4), PER_REGION):
        rows.append(measure(per_region, query_counts))
    print(
        f"{'per region':>10} {'total':>6} {'build s':>8} {'compose':>8} {'save':>7} {'approve':>8} {'page':>7} "
        f"{'diff':>6} {'docx':>6} {'kB':>4} {'pdf':>7} {'kB':>4} {'worklist':>9} {'xlsx':>6}   (ms)"
    )
    for r in rows:
        print(
            f"{r[0]:>10} {r[1]:>6} {r[2]:>8.1f} {r[3]:>8.1f} {r[4]:>7.1f} {r[5]:>8.1f} {r[6]:>7.1f} {r[7]:>6.1f} "
            f"{r[8]:>6.1f} {r[9]:>4} {r[10]:>7.1f} {r[11]:>4} {r[12]:>9.1f} {r[13]:>6.1f}"
        )
    print()
    print("queries (small round, large round):")
    for name, counts in query_counts.items():
        flag = "constant" if counts[0] == counts[-1] else "GROWS"
        print(f"  {name:<14} {counts[0]:>4} {counts[-1]:>4}  {flag}")
    page_ok = rows[-1][6] < 300
    pdf_ok = rows[-1][10] < 2000
    print(
        f"goals: document page < 300 ms: {'met' if page_ok else 'MISSED'}; PDF < 2 s: {'met' if pdf_ok else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
