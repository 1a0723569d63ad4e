"""Synergy benchmark: quality on the labelled sets and speed at 2,000 proposals, against a plain TF-IDF peer.

usage: .venv/bin/python bench/synergy.py
Prints a table. Goals: precision@3 >= 0.90 and ARI >= 0.75 on sets the method was not tuned on; 2,000
proposals in about 0.6 s CPU. The peer is scikit-learn's TF-IDF with its defaults (no stemming, n-grams or
thesaurus), measured on the same items in the same run.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from alke.agenda.synergy import analyse, parse_items  # noqa: E402

LABELLED = ROOT / "tests/agenda/data/synergy_labelled.json"
PROBE = ROOT / "tests/agenda/data/synergy_probe.json"  # second development set (see its description)
# Written by someone who had not seen the method or the other sets; never tuned on item by item.
INDEPENDENT = ROOT / "tests/agenda/data/synergy_independent.json"
# Written by another such writer and scored only after tuning: short texts (a), long structured ones (b).
BLIND = [ROOT / "tests/agenda/data/synergy_blind_a.json", ROOT / "tests/agenda/data/synergy_blind_b.json"]


def adjusted_rand(true: list[str], pred: list[str]) -> float:
    """Adjusted Rand index of two labelings (the usual pair-counting formula)."""

    def pairs(x: float) -> float:
        return x * (x - 1) / 2

    index = sum(pairs(v) for v in Counter(zip(true, pred, strict=True)).values())
    a = sum(pairs(v) for v in Counter(true).values())
    b = sum(pairs(v) for v in Counter(pred).values())
    expected = a * b / pairs(len(true))
    maximum = (a + b) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


def peer_precision(items: list[dict]) -> float:
    """precision@3 of plain TF-IDF cosine neighbours from other regions (the peer)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer().fit_transform([f"{i['title']} {i['text']}" for i in items])
    sims = (matrix @ matrix.T).toarray()
    regions = np.array([i["region"] for i in items])
    sims[regions[:, None] == regions[None, :]] = -1
    best = np.argsort(-sims, axis=1)[:, :3]
    hits = sum(items[j]["cluster"] == items[i]["cluster"] for i in range(len(items)) for j in best[i])
    return hits / (3 * len(items))


def peer_seconds(items: list[dict]) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.process_time()
    matrix = TfidfVectorizer().fit_transform([f"{i['title']} {i['text']}" for i in items])
    (matrix @ matrix.T).toarray().argsort(axis=1)
    return time.process_time() - start


def quality(items: list[dict]) -> tuple[float, float, int, int]:
    """(precision@3 over other-region neighbours, ARI of groups, same-region neighbours, groups)."""
    result = analyse(parse_items({"items": items}), top=3)
    by_id = {item["id"]: item for item in items}
    hits = same_region = 0
    for iid, neighbours in result.neighbours.items():
        for other, _score in neighbours[:3]:
            hits += by_id[other]["cluster"] == by_id[iid]["cluster"]
            same_region += by_id[other]["region"] == by_id[iid]["region"]
    group_of = {iid: f"g{n}" for n, group in enumerate(result.groups) for iid in group.items}
    ids = sorted(by_id)
    ari = adjusted_rand([by_id[i]["cluster"] for i in ids], [group_of.get(i, f"single-{i}") for i in ids])
    return hits / (3 * len(items)), ari, same_region, len(result.groups)


def synthetic(items: list[dict], n: int, seed: int = 2026) -> list[dict]:
    """n proposals made from the labelled ones: sentences recombined within a topic, regions reshuffled."""
    rng = random.Random(seed)
    by_topic: dict[str, list[dict]] = {}
    for item in items:
        by_topic.setdefault(item["cluster"], []).append(item)
    regions = [f"MK{n:02d}" for n in range(1, 20) if n != 3]
    out = []
    for k in range(n):
        topic = rng.choice(sorted(by_topic))
        picks = rng.sample(by_topic[topic], k=min(2, len(by_topic[topic])))
        sentences = [s for p in picks for s in p["text"].split(". ")]
        rng.shuffle(sentences)
        out.append(
            {
                "id": f"s{k}",
                "region": rng.choice(regions),
                "title": picks[0]["title"],
                "text": ". ".join(sentences),
                "lang": picks[0]["lang"],
            }
        )
    return out


def main() -> None:
    data = json.loads(LABELLED.read_text(encoding="utf-8"))["items"]
    sets = [
        (f"labelled {split}", [item for item in data if item["split"] == split])
        for split in ("dev", "heldout")
    ]
    sets.append(("independent writer", json.loads(INDEPENDENT.read_text(encoding="utf-8"))["items"]))
    sets.append(("probe (dev)", json.loads(PROBE.read_text(encoding="utf-8"))["items"]))
    for path, style in zip(BLIND, ("short", "long"), strict=True):
        sets.append((f"blind, {style} texts", json.loads(path.read_text(encoding="utf-8"))["items"]))
    rows = []
    for name, part in sets:
        p3, ari, same, groups = quality(part)
        topics = len({item["cluster"] for item in part})
        peer = peer_precision(part)
        rows.append((name, len(part), topics, f"{p3:.3f}", f"{peer:.3f}", f"{ari:.3f}", same, groups, ""))
    big = synthetic(data, 2000)
    analyse(parse_items({"items": big[:50]}))  # warm imports and caches outside the timing
    wall, cpu, output = [], [], []
    for _ in range(5):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = analyse(parse_items({"items": big}), top=3)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        start_cpu = time.process_time()
        result.as_json()  # with every neighbour's reasons, as `alke similar` prints it
        output.append(time.process_time() - start_cpu)
    peer = min(peer_seconds(big) for _ in range(5))
    timing = f"{min(wall):.3f} s wall, {min(cpu):.3f} s CPU ({min(cpu) / peer:.1f}× the peer's {peer:.3f} s)"
    rows.append(("synthetic speed", len(big), "", "", "", "", "", "", timing))
    rows.append(("  + reasons as JSON", len(big), "", "", "", "", "", "", f"+{min(output):.3f} s CPU"))
    header = (
        "set",
        "items",
        "topics",
        "precision@3",
        "peer p@3",
        "ARI",
        "same-region",
        "groups",
        "time (best of 5)",
    )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
    print("goals: precision@3 >= 0.90, ARI >= 0.75 on sets not tuned on; 2,000 proposals in about 0.6 s CPU")
    print("peer: scikit-learn TF-IDF with its defaults, cosine neighbours from other regions, no groups")
    print("(CPU time counts this process only; wall time also counts waiting for a busy machine)")


if __name__ == "__main__":
    main()
