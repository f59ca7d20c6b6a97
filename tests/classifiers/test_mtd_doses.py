"""MTD/RP2D outcomes and the dose they carry: a value in brackets after the drug, a partner
drug's dose in a combination, a background MTD in a relative clause, cell-therapy doses and
the spellings of units and schedules. Rows are (id, text, expected) with the summaries of
tests/classifiers/test_sentences.py; every category has negatives; the sentences are our own.
"""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, classify
from tests.classifiers.test_sentences import summarize

# The value in brackets right after the drug's name is the term's value.
BRACKETED = [
    ("rp2d-of-drug-bracket", "The RP2D of XR-1 (400 mg daily) was established.", {"RP2D 400 mg"}),
    (
        "mtd-of-drug-bracket-with-schedule",
        "The MTD of XR-1 (240 mg/m2 every three weeks) was determined in the Phase 1 study.",
        {"MTD 240 mg/m2"},
    ),
    (
        "recommended-phase2-dose-of-drug-bracket",
        "The recommended Phase 2 dose of AB-12 (2.4 mg/kg Q3W) has been established.",
        {"RP2D 2.4 mg/kg"},
    ),
    (
        "square-brackets",
        "The maximum tolerated dose of ZT-3 [60 mg BID] was identified.",
        {"MTD 60 mg"},
    ),
    (
        "inn-name-bracket",
        "In the Phase 1 trial, the RP2D of zorbatinib (0.9 mg/kg every three weeks) was "
        "identified.",
        {"RP2D 0.9 mg/kg"},
    ),
    (
        "term-abbreviated-then-drug-bracket",
        "The recommended Phase 2 dose (RP2D) of XR-1 (400 mg) was confirmed.",
        {"RP2D 400 mg"},
    ),
    ("commas-after-the-drug", "The RP2D of XR-1, 400 mg daily, was established.", {"RP2D 400 mg"}),
    # negatives: a bracket that is not the value
    (
        "bracket-names-the-partner",
        "The MTD of XR-1 (in combination with YZ-2) was 100 mg.",
        {"MTD 100 mg"},
    ),
    (
        "bracket-with-a-bound-is-no-value",
        "The maximum tolerated dose of XR-1 (doses up to 400 mg) was determined.",
        {"MTD -"},
    ),
    (
        "bracket-with-a-bound-not-reached",
        "The MTD of XR-1 (doses up to 400 mg) was not reached.",
        {"MTD not-reached"},
    ),
    (
        "bracket-objective",
        "The study aims to determine the RP2D of XR-1 (400 mg daily or 600 mg daily).",
        set(),
    ),
]

# A combination's MTD is one event: the first drug's dose, the partner's kept in the schedule.
COMBINATIONS = [
    ("two-drugs-and", "The MTD was XR-1 100 mg/m2 and YZ-2 60 mg/m2.", {"MTD 100 mg/m2"}),
    (
        "two-drugs-plus",
        "The MTD of the combination was XR-1 100 mg/m2 plus YZ-2 60 mg/m2.",
        {"MTD 100 mg/m2"},
    ),
    (
        "partner-in-combination-with-at",
        "The RP2D was determined to be AB-1 200 mg daily in combination with YZ-2 at 60 mg/m2.",
        {"RP2D 200 mg"},
    ),
    (
        "partner-named-after-its-dose",
        "The MTD for the combination was determined to be 100 mg/m2 of XR-1 and 60 mg/m2 of YZ-2.",
        {"MTD 100 mg/m2"},
    ),
    (
        "two-partners-chemotherapy",
        "The MTD of XR-1 was 100 mg/m2 when combined with carboplatin AUC 5 and paclitaxel "
        "175 mg/m2.",
        {"MTD 100 mg/m2"},
    ),
    (
        "unnamed-partner-dose",
        "The RP2D was 400 mg QD in combination with 200 mg of pembrolizumab every 3 weeks.",
        {"RP2D 400 mg"},
    ),
    (
        "partner-given-at",
        "The RP2D of XR-1 was 300 mg, and YZ-2 was given at 60 mg.",
        {"RP2D 300 mg"},
    ),
    (
        "partner-after-plus-sign",
        "The RP2D was XR-1 2 mg/kg IV q3w + YZ-2 60 mg/m2.",
        {"RP2D 2 mg/kg"},
    ),
    # negatives: two values of the drug itself stay two events
    (
        "two-values-for-two-populations",
        "The MTD was 100 mg/m2 and 75 mg/m2 in heavily pretreated patients.",
        {"MTD 100 mg/m2", "MTD 75 mg/m2"},
    ),
    (
        "a-list-of-values",
        "The MTD was 30 and 40 mg/m2 on the two schedules.",
        {"MTD 30 mg/m2", "MTD 40 mg/m2"},
    ),
    (
        "respectively-is-not-a-partner",
        "The MTD and the RP2D were 250 mg and 200 mg, respectively.",
        {"MTD 250 mg", "RP2D 200 mg"},
    ),
    (
        "drug-named-before-its-own-second-value",
        "The MTD was 100 mg/m2 for XR-1 monotherapy and 60 mg/m2 with YZ-2.",
        {"MTD 100 mg/m2", "MTD 60 mg/m2"},
    ),
]

# A relative clause that tells what a drug already has is background, not news.
RELATIVE_CLAUSES = [
    (
        "whose-mtd-was-established",
        "In the trial of XR-1, whose MTD was established at 300 mg in 2019, the first patient "
        "was dosed.",
        set(),
    ),
    (
        "whose-rp2d-was-selected",
        "XR-1, whose RP2D of 400 mg was selected last year, entered Phase 2.",
        set(),
    ),
    (
        "whose-trial-set-the-mtd",
        "YZ-2, whose Phase 1 trial set the MTD at 60 mg/m2, is now combined with XR-1.",
        set(),
    ),
    (
        "which-has-an-established-mtd",
        "YZ-2, which has an established MTD of 60 mg/m2, will be combined with XR-1.",
        set(),
    ),
    (
        "that-had-an-rp2d",
        "XR-1 is combined with YZ-2, a product that had an RP2D of 200 mg in adults.",
        set(),
    ),
    # negatives: the relative clause is the news, or the term is the main clause's
    (
        "which-established-the-mtd",
        "Acme completed the Phase 1 trial of XR-1, which established an MTD of 300 mg.",
        {"MTD 300 mg"},
    ),
    (
        "which-has-completed-then-main-clause",
        "The trial, which has now completed dose escalation, established the MTD at 300 mg.",
        {"MTD 300 mg"},
    ),
    (
        "term-with-which-clause-after",
        "The MTD of XR-1, which was determined to be 300 mg, has been selected for Phase 2.",
        {"MTD 300 mg"},
    ),
]

# A cell therapy's dose has no unit of the contract: the outcome stands, dose null, its text kept.
CELL_DOSES = [
    ("cells-caret", "The MTD was 1.2 x 10^9 cells.", {"MTD -"}),
    (
        "car-t-cells-per-kg",
        "The recommended Phase 2 dose was established at 2 x 10^6 CAR-T cells/kg.",
        {"RP2D -"},
    ),
    (
        "times-sign-superscript",
        "The RP2D of XC-7 was determined to be 1 × 10⁸ CAR-T cells.",
        {"RP2D -"},
    ),
    ("lost-superscript", "The MTD was established at 2 x 106 cells/kg.", {"MTD -"}),
    (
        "per-kilogram-words",
        "The RP2D was established at 5 × 10^8 viable T cells per kilogram.",
        {"RP2D -"},
    ),
    # negatives
    (
        "cells-tolerated-not-reached",
        "Doses up to 1 x 10^9 cells were well tolerated and the MTD was not reached.",
        {"MTD not-reached"},
    ),
    ("cells-objective", "The trial will determine the MTD of 1 x 10^9 cells.", set()),
]

# Units and schedules in every spelling the dose grammar knows.
UNIT_SPELLINGS = [
    ("per-kilogram", "The MTD was 3 mg per kilogram.", {"MTD 3 mg/kg"}),
    (
        "per-kilogram-of-body-weight",
        "The maximum tolerated dose was 2 mg per kilogram of body weight every three weeks.",
        {"MTD 2 mg/kg"},
    ),
    ("mg-kg-day", "The MTD was established at 10 mg/kg/day.", {"MTD 10 mg/kg"}),
    ("flat-dose-of", "The RP2D was a flat dose of 800 mg.", {"RP2D 800 mg"}),
    (
        "flat-dose-of-grouped",
        "The RP2D of AB-3 was established at a flat dose of 1,200 mg every 21 days.",
        {"RP2D 1200 mg"},
    ),
    ("at-a-dose-of", "The MTD was established at a dose of 160 mg.", {"MTD 160 mg"}),
    ("dose-level-label", "The MTD was determined to be dose level 4 (DL4: 12 mg).", {"MTD 12 mg"}),
    ("dose-level-label-first", "Dose level 4 (DL4: 12 mg) was declared the MTD.", {"MTD 12 mg"}),
    ("greek-mu", "The MTD was 30 \u03bcg/kg.", {"MTD 30 ug/kg"}),
    ("micro-sign", "The MTD was 30 \u00b5g/kg.", {"MTD 30 ug/kg"}),
    ("micrograms-plural", "The RP2D was 30 \u03bcgs/kg.", {"RP2D 30 ug/kg"}),
    ("dotted-qd", "The MTD was established at 200 mg q.d.", {"MTD 200 mg"}),
    (
        "dotted-bid",
        "The MTD was 50 mg b.i.d. and the RP2D 40 mg b.i.d.",
        {"MTD 50 mg", "RP2D 40 mg"},
    ),
    ("every-21-days", "The MTD was 100 mg/m2 given every 21 days.", {"MTD 100 mg/m2"}),
    (
        "split-before-unit",
        "The MTD was determined to be 240\nmg/m2 every three weeks.",
        {"MTD 240 mg/m2"},
    ),
    (
        "split-inside-unit",
        "The maximum tolerated dose was established at 240 mg/\nm2.",
        {"MTD 240 mg/m2"},
    ),
    # negatives: a number that ends a code name is no dose
    ("code-number-is-no-list", "The MTD of XR-1 and YZ-2 was 100 mg.", {"MTD 100 mg"}),
]

ALL_CASES = BRACKETED + COMBINATIONS + RELATIVE_CLAUSES + CELL_DOSES + UNIT_SPELLINGS


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in ALL_CASES])
def test_mtd_doses_by_category(text: str, expected: set[str]) -> None:
    """classify() reports exactly the expected MTD/RP2D events and doses."""
    mtds = [e for e in classify(text) if isinstance(e, MtdOutcome)]
    assert summarize(list(mtds)) == expected


@pytest.mark.parametrize(
    ("text", "drug", "schedule"),
    [
        pytest.param(
            "The MTD was XR-1 100 mg/m2 and YZ-2 60 mg/m2.",
            "XR-1",
            "with YZ-2 60 mg/m2",
            id="partner-beside",
        ),
        pytest.param(
            "The recommended Phase 2 dose is XR-1 200 mg BID plus YZ-2 100 mg QD.",
            "XR-1",
            "BID; with YZ-2 100 mg QD",
            id="each-keeps-its-schedule",
        ),
        pytest.param(
            "The RP2D of XR-1 was 400 mg QD in combination with pembrolizumab 200 mg every 3 "
            "weeks.",
            "XR-1",
            "QD; with pembrolizumab 200 mg every 3 weeks",
            id="antibody-partner",
        ),
        pytest.param(
            "The RP2D of XC-7 was 1.0 × 10^8 CAR+ T cells.",
            "XC-7",
            "1.0 × 10^8 CAR+ T cells",
            id="cell-dose-text",
        ),
        pytest.param(
            "The RP2D of XR-1 (200 mg b.i.d.) has been selected.", "XR-1", "BID", id="dotted-bid"
        ),
        pytest.param("The RP2D was established as 5 µg/kg/week.", None, "per week", id="per-week"),
    ],
)
def test_drug_and_schedule_of_the_outcome(text: str, drug: str | None, schedule: str) -> None:
    """One outcome: the first-named product's, with the partner's dose or the cell dose, and
    the schedule, kept in its schedule."""
    (mtd,) = [e for e in classify(text) if isinstance(e, MtdOutcome)]
    assert (mtd.drug, mtd.schedule) == (drug, schedule)


def test_the_term_restated_for_another_drug_is_that_drugs() -> None:
    """ "… and of YZ-2 was 60 mg": a second outcome, YZ-2's, not a partner's dose."""
    text = "The MTD of XR-1 was 300 mg and of YZ-2 was 60 mg."
    mtds = [e for e in classify(text) if isinstance(e, MtdOutcome)]
    assert [(e.drug, e.dose.value if e.dose else None) for e in mtds] == [
        ("XR-1", 300),
        ("YZ-2", 60),
    ]
