"""Reading and writing the values of a dataset version (blocks of float64, NaN = missing)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from alke.situation.models import CellBlock, CellStatus, DatasetVersion

if TYPE_CHECKING:  # loaded where used, not when the app starts
    import numpy as np

BLOCK = CellBlock.BLOCK_SIZE


def write(version: DatasetVersion, values: list[float | None], status: dict[int, str]) -> None:
    """Store all values of a version (inside the caller's transaction)."""
    import numpy as np

    array = np.array([math.nan if v is None else v for v in values], dtype="<f8")
    CellBlock.objects.bulk_create(
        CellBlock(version=version, start=start, count=len(chunk), data=chunk.tobytes())
        for start in range(0, len(array), BLOCK)
        for chunk in [array[start : start + BLOCK]]
    )
    CellStatus.objects.bulk_create(
        (CellStatus(version=version, position=pos, status=sym[:8]) for pos, sym in status.items()),
        batch_size=5000,
    )


def read_all(version: DatasetVersion) -> np.ndarray:
    """Every value of the version as a float64 array (NaN = missing)."""
    import numpy as np

    blocks = CellBlock.objects.filter(version=version).order_by("start").values_list("data", flat=True)
    parts = [np.frombuffer(bytes(data), dtype="<f8") for data in blocks]
    return np.concatenate(parts) if parts else np.empty(0)


def read(version: DatasetVersion, positions: Iterable[int]) -> dict[int, tuple[float | None, str]]:
    """Value (None when missing) and status symbol of the cells at `positions`."""
    import numpy as np

    positions = list(positions)
    starts = sorted({p // BLOCK * BLOCK for p in positions})
    blocks = {
        start: np.frombuffer(bytes(data), dtype="<f8")
        for start, data in CellBlock.objects.filter(version=version, start__in=starts).values_list(
            "start", "data"
        )
    }
    statuses: dict[int, str] = {}
    for offset in range(0, len(positions), 900):  # stay under SQLite's bound-parameter limit
        chunk = positions[offset : offset + 900]
        statuses.update(
            CellStatus.objects.filter(version=version, position__in=chunk).values_list("position", "status")
        )
    out: dict[int, tuple[float | None, str]] = {}
    for p in positions:
        block = blocks.get(p // BLOCK * BLOCK)
        value = None
        if block is not None and p % BLOCK < len(block):
            raw = float(block[p % BLOCK])
            value = None if math.isnan(raw) else raw
        out[p] = (value, statuses.get(p, ""))
    return out
