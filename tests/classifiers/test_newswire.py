"""The non-clinical half of ../shared/newswire: 3,000 whole releases, none about a trial.

Every alertable event on them (a phase change that is not only planned, or any MTD/RP2D) is a
false alert; the target is none. Skips without ../shared/newswire."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers import PhaseChange, classify

NEWSWIRE = Path(__file__).resolve().parents[2].parent / "shared" / "newswire"


def test_no_alert_on_non_clinical_releases() -> None:
    """classify() finds no alertable event on any of the noise releases."""
    split = NEWSWIRE / "split.json"
    if not split.is_file():
        pytest.skip(f"newswire sample not found at {NEWSWIRE} (split.json missing)")
    noise = json.loads(split.read_text(encoding="utf-8"))["noise"]
    alerts = []
    for rel in noise:
        text = (NEWSWIRE / rel).read_text(encoding="utf-8", errors="replace")
        for event in classify(text):
            if not (isinstance(event, PhaseChange) and event.status == "planned"):
                alerts.append(f"{rel}: {event.evidence[:160]}")
    assert len(noise) == 3000
    assert not alerts, "\n".join(alerts)
