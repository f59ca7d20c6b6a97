"""The reference 8-K (ImmunoGen, October 2007) read from ../shared/seed at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifiers import MtdOutcome, PhaseChange, classify

SEED = Path(__file__).parents[2].parent / "shared" / "seed" / "001_4071176f85cd4a78.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    """The seed 8-K's plain text, or a skip when the shared folder is absent."""
    if not SEED.exists():
        pytest.skip(f"seed document not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_seed_yields_the_mtd_of_168_mg_m2_every_three_weeks(seed_text: str) -> None:
    """The MTD sentence gives kind MTD, 168 mg/m2, every three weeks, huC242-DM4."""
    mtds = [e for e in classify(seed_text) if isinstance(e, MtdOutcome)]
    assert len(mtds) == 1
    mtd = mtds[0]
    assert mtd.to_dict()["dose"] == {"value": 168, "unit": "mg/m2"}
    assert (mtd.kind, mtd.schedule, mtd.drug, mtd.not_reached) == (
        "MTD",
        "every three weeks",
        "huC242-DM4",
        False,
    )
    assert "168 mg/m²" in mtd.evidence


def test_seed_yields_phase_2_started_in_gastric_cancer(seed_text: str) -> None:
    """ "now in Phase II testing" is a started Phase 2 for huC242-DM4 in gastric cancer."""
    changes = [e for e in classify(seed_text) if isinstance(e, PhaseChange)]
    assert [(c.status, c.phase, c.drug, c.indication) for c in changes] == [
        ("started", "2", "huC242-DM4", "gastric cancer")
    ]
    assert "now in Phase II testing" in changes[0].evidence


def test_seed_evidence_offsets_point_into_the_text(seed_text: str) -> None:
    """Every event's evidence is exactly text[start:end]."""
    events = classify(seed_text)
    assert events
    for event in events:
        assert seed_text[event.start : event.end] == event.evidence


def test_seed_mtd_dict_has_exactly_the_contract_keys(seed_text: str) -> None:
    """The mtd JSON object carries the contract's keys and no indication."""
    mtd = next(e for e in classify(seed_text) if isinstance(e, MtdOutcome))
    assert set(mtd.to_dict()) == {
        "type",
        "kind",
        "dose",
        "not_reached",
        "schedule",
        "drug",
        "evidence",
        "start",
        "end",
        "confidence",
    }


def test_seed_with_windows_line_endings_gives_the_same_events(seed_text: str) -> None:
    """CRLF text (as EDGAR often serves it) is split and classified like LF text."""
    crlf = seed_text.replace("\n", "\r\n")
    summary = [(e.type, e.evidence.replace("\r", "")) for e in classify(crlf)]
    assert summary == [(e.type, e.evidence) for e in classify(seed_text)]
    for event in classify(crlf):
        assert crlf[event.start : event.end] == event.evidence
