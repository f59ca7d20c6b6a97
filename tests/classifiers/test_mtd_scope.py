"""MTD/RP2D outcomes and the scope of their cues: implicit RP2D wordings, a value given in the
next sentence or by a relative clause, a negative cue of another clause, a term used as a
reference to an older determination, a finished "not reached" and quoted achievements. Rows
are (id, text, expected) with the summaries of tests/classifiers/test_sentences.py; every
category has negatives; the sentences are our own.
"""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, classify
from tests.classifiers.test_sentences import summarize

# 1. An RP2D named without the words: "the recommended dose for further study", "the dose
# chosen for the expansion cohorts and Phase 2"; plans, approved and used doses are none.
IMPLICIT_RP2D = [
    (
        "recommended-for-further-study",
        "The recommended dose for further study is 200 mg.",
        {"RP2D 200 mg"},
    ),
    (
        "recommended-for-further-investigation",
        "The recommended dose for further investigation is 150 mg/m2 every three weeks.",
        {"RP2D 150 mg/m2"},
    ),
    (
        "recommended-for-future-clinical-study",
        "The recommended dose for future clinical study was set at 8 mg/kg.",
        {"RP2D 8 mg/kg"},
    ),
    (
        "identified-as-recommended-for-further-investigation",
        "Investigators identified 2 mg/kg as the recommended dose for further clinical "
        "investigation.",
        {"RP2D 2 mg/kg"},
    ),
    (
        "optimal-dose-selected-for-phase2-portion",
        "The optimal dose of 2 mg/kg has been selected for the Phase 2 portion.",
        {"RP2D 2 mg/kg"},
    ),
    (
        "optimal-dose-selected-for-phase2-part",
        "An optimal dose of 60 mg daily was selected for the Phase 2 part of the trial.",
        {"RP2D 60 mg"},
    ),
    (
        "identified-as-the-dose-for-phase2-development",
        "The company identified 400 mg daily as the dose for Phase 2 development.",
        {"RP2D 400 mg"},
    ),
    (
        "chosen-for-expansion-and-phase2",
        "The dose chosen for the expansion cohorts and Phase 2 is 1.2 mg/kg.",
        {"RP2D 1.2 mg/kg"},
    ),
    (
        "selected-for-dose-expansion-and-phase2-studies",
        "The dose selected for the dose-expansion cohort and Phase 2 studies was 600 mg BID.",
        {"RP2D 600 mg"},
    ),
    (
        "chosen-for-expansion-and-the-phase2-trial",
        "The dose chosen for the expansion cohorts and the Phase 2 trial is 1.2 mg/kg.",
        {"RP2D 1.2 mg/kg"},
    ),
    # negatives: plans, the approved dose, a dose used in Phase 1
    (
        "plan-to-select-phase2-dose",
        "The company will select the Phase 2 dose later this year.",
        set(),
    ),
    (
        "designed-to-identify-recommended-dose",
        "The study is designed to identify the recommended dose for further study.",
        set(),
    ),
    (
        "aim-to-select-dose",
        "The aim of Part A is to select the dose for the Phase 2 portion.",
        set(),
    ),
    (
        "recommended-for-further-study-will-be-determined",
        "The recommended dose for further study will be determined in Part A.",
        set(),
    ),
    (
        "expansion-and-phase2-dose-will-be-announced",
        "The dose chosen for the expansion cohorts and Phase 2 will be announced in 2026.",
        set(),
    ),
    ("approved-dose", "Patients received the approved dose of 200 mg.", set()),
    (
        "recommended-dose-of-approved-product",
        "The recommended dose of the approved product is 200 mg daily.",
        set(),
    ),
    ("dose-used-in-phase1", "The dose used in Phase 1 was 100 mg.", set()),
    ("recommended-for-the-study", "The recommended dose for the study is 200 mg.", set()),
    (
        "dose-for-expansion-only",
        "The dose chosen for the expansion cohorts is 1.2 mg/kg.",
        set(),
    ),
]

ALL_CASES = IMPLICIT_RP2D


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in ALL_CASES])
def test_mtd_scope_by_category(text: str, expected: set[str]) -> None:
    """classify() reports exactly the expected MTD/RP2D events."""
    mtds = [e for e in classify(text) if isinstance(e, MtdOutcome)]
    assert summarize(list(mtds)) == expected
