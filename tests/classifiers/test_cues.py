"""One source of truth per cue: every row of the cue table reaches an event end to end, and the
rules name no company or drug of the labeled corpora."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from classifiers import PhaseChange, classify
from classifiers.cue_table import CUE_TABLE, CUES, GATE, HEADLINE_CUES, STEM_STATUS, CueRow

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FOLDERS = ("corpus", "corpus2", "corpus-full")


@pytest.mark.parametrize("row", CUE_TABLE, ids=lambda r: f"{r.status}:{r.stems[0]}")
def test_every_cue_row_reaches_an_event(row: CueRow) -> None:
    """The row's example sentence, classified whole, yields an event of the row's status."""
    events = [e for e in classify(row.example) if isinstance(e, PhaseChange)]
    assert row.status in {e.status for e in events}, (row.example, events)


@pytest.mark.parametrize("row", CUE_TABLE, ids=lambda r: f"{r.status}:{r.stems[0]}")
def test_every_cue_row_matches_at_one_of_its_stems(row: CueRow) -> None:
    """The row's own pattern matches its example where one of its declared stems begins."""
    low = row.example.lower()
    pattern = re.compile(row.pattern)
    starts = [m.start() for m in pattern.finditer(low)]
    assert any(low.startswith(stem, at) for at in starts for stem in row.stems), row


def test_derived_tables_cover_every_row() -> None:
    """STEM_STATUS, CUES and GATE are built from the table: nothing kept by hand."""
    for row in CUE_TABLE:
        for stem in row.stems:
            assert row.status in STEM_STATUS[stem]
        assert row.status in (HEADLINE_CUES if row.headline_only else CUES)
        assert all(word in GATE for word in row.unphased)


_INN = re.compile(r"(?:mab|nib|ib|ide|ine|ol|ant|stat|cel|gene|sen|cept|vir|tide|mycin)$")


def _is_name(token: str) -> bool:
    """A drug-like token: a code (digits, inner capitals) or an INN ending."""
    return (
        any(c.isdigit() for c in token)
        or token[1:] != token[1:].lower()
        or bool(_INN.search(token.lower()))
    )


def _names() -> set[str]:
    """Company names (their first word) and drug names of every labeled document."""
    words: set[str] = set()
    for folder in FOLDERS:
        labels = SHARED / folder / "labels.jsonl"
        if not labels.is_file():
            continue
        for line in labels.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            label = json.loads(line)
            company = re.findall(r"[A-Za-z][\w-]{4,}", str(label.get("company") or ""))
            words.update(w.lower() for w in company[:1])
            for event in label.get("events") or []:
                tokens = re.findall(r"[A-Za-z][\w-]{4,}", str(event.get("drug") or ""))
                words.update(t.lower() for t in tokens if _is_name(t))
    return words - _GENERIC


_GENERIC = {
    "pharmaceuticals",
    "pharmaceutical",
    "therapeutics",
    "biosciences",
    "bioscience",
    "oncology",
    "medical",
    "health",
    "holdings",
    "corporation",
    "limited",
    "company",
    "biopharma",
    "biotherapeutics",
    "sciences",
    "technologies",
    "international",
    "group",
    "biologics",
    "medicines",
    "laboratories",
    "clinical",
    "global",
    "research",
    "genetics",
    "vaccine",
    "vaccines",
    "therapy",
    "cancer",
    "diagnostics",
    "biotech",
    "pharma",
    "inc",
    "immune",
    "systems",
    "partners",
    "capital",
    "development",
    "products",
    "innovations",
    "filer",
    "registrant",
    "single",
    "unnamed",
    "sponsor",
    "standard",
    "human",
    "hypothetical",
    "review",
    "phase",
    "trial",
    "study",
}  # words of company names that are ordinary vocabulary too


def test_rules_name_no_company_or_drug() -> None:
    """No classifiers module spells a company or drug name of the labeled corpora."""
    words = _names()
    if not words:
        pytest.skip(f"no labeled corpora under {SHARED}")
    for path in sorted((REPO / "classifiers").glob("*.py")):
        source = path.read_text(encoding="utf-8").lower()
        found = {w for w in words if re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", source)}
        assert not found, f"{path.name} names {sorted(found)}"


def test_prefilter_skips_texts_without_a_gate_word() -> None:
    """A text with a cue but no phase token, trial anchor or MTD word is skipped unparsed."""
    from classifiers.classify import _PREFILTER
    from classifiers.cue_table import DOCUMENT_GATE

    assert set(DOCUMENT_GATE) <= set(_PREFILTER)
    assert set(GATE) <= set(_PREFILTER)
    assert classify("The church has since discontinued the program. We started a new choir.") == []
    text = "Acme initiated a Phase 2 trial of AB-101 in gout."
    assert [e.status for e in classify(text) if isinstance(e, PhaseChange)] == ["started"]
