"""No MTD/RP2D event on the newswire releases that are not about clinical trials at all.

Reads ../shared/newswire at run time (skips without it); every MTD event on its `noise` half
(3,000 releases of every other kind: crypto, mining, real estate, law, software) is false.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.context import parse_document
from classifiers.mtd_events import classify_mtd

NEWSWIRE = Path(__file__).parents[1].parent / "shared" / "newswire"


def test_no_mtd_event_on_non_clinical_releases() -> None:
    """classify_mtd() finds nothing on any of the non-clinical releases."""
    split = NEWSWIRE / "split.json"
    if not split.is_file():
        pytest.skip(f"newswire sample not found at {NEWSWIRE} (split.json missing)")
    noise = json.loads(split.read_text(encoding="utf-8"))["noise"]
    false_alerts = []
    for rel in noise:
        text = (NEWSWIRE / rel).read_text(encoding="utf-8", errors="replace")
        false_alerts += [(rel, e.evidence[:120]) for e in classify_mtd(parse_document(text))]
    assert len(noise) >= 3000
    assert false_alerts == []
