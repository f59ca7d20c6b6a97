"""MTD/RP2D doses by category, in our own wordings (invented drug names): each pair of terms,
each respectively list, each odd space or unit sign, and each schedule goes to its own event."""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, classify

Row = tuple[
    str, str | None, float | None, str | None, str | None
]  # kind, drug, value, unit, schedule


def outcomes(text: str) -> list[Row]:
    """(kind, drug, dose value, dose unit, schedule) of every MTD/RP2D outcome in `text`."""
    return [
        (
            e.kind,
            e.drug,
            e.dose.value if e.dose else None,
            e.dose.unit if e.dose else None,
            e.schedule,
        )
        for e in classify(text)
        if isinstance(e, MtdOutcome)
    ]


CASES: list[tuple[str, list[Row]]] = [
    # an MTD and an RP2D in one sentence: two events, each with its own dose
    (
        "The MTD of AB-123 was 40 mg and the RP2D was 30 mg.",
        [("MTD", "AB-123", 40, "mg", None), ("RP2D", "AB-123", 30, "mg", None)],
    ),
    (
        "The MTD of AB-123 was 40 mg, and 30 mg was chosen as the RP2D.",
        [("MTD", "AB-123", 40, "mg", None), ("RP2D", "AB-123", 30, "mg", None)],
    ),
    (
        "The Phase 1 study of AB-123 established both the MTD and RP2D at 60 mg.",
        [("MTD", "AB-123", 60, "mg", None), ("RP2D", "AB-123", 60, "mg", None)],
    ),
    # respectively: the k-th dose is the k-th drug's, or the k-th schedule's
    (
        "In the Phase 1 trial, the MTDs of AB-123 and XY-456 were 10 mg and 20 mg, respectively.",
        [("MTD", "AB-123", 10, "mg", None), ("MTD", "XY-456", 20, "mg", None)],
    ),
    (
        "The maximum tolerated doses of QR-7 and ZT-9 were determined to be 2 mg/kg and "
        "5 mg/kg, respectively.",
        [("MTD", "QR-7", 2, "mg/kg", None), ("MTD", "ZT-9", 5, "mg/kg", None)],
    ),
    (
        "The MTD of AB-123 was established at 120 mg once daily and 80 mg twice daily, "
        "respectively.",
        [("MTD", "AB-123", 120, "mg", "once daily"), ("MTD", "AB-123", 80, "mg", "twice daily")],
    ),
    (
        "The MTD of AB-123 was determined to be 5 mg/kg for the every-two-week schedule and "
        "3 mg/kg for the weekly schedule.",
        [
            ("MTD", "AB-123", 5, "mg/kg", "every-two-week"),
            ("MTD", "AB-123", 3, "mg/kg", "weekly"),
        ],
    ),
    # spaces and signs inside doses
    ("The RP2D of AB-123 was set at 200\u00a0mg BID.", [("RP2D", "AB-123", 200, "mg", "BID")]),
    (
        "The RP2D of AB-123 was set at 200\u202fmg twice daily.",
        [("RP2D", "AB-123", 200, "mg", "twice daily")],
    ),
    (
        "The MTD of AB-123 was determined to be 1.2\u2009mg/kg every three weeks.",
        [("MTD", "AB-123", 1.2, "mg/kg", "every three weeks")],
    ),
    (
        "The recommended Phase 2 dose of AB-123 was established at 3 \u00b5g/kg.",
        [("RP2D", "AB-123", 3, "ug/kg", None)],
    ),
    (
        "The recommended Phase 2 dose of AB-123 was established at 3 \u03bcg/kg.",
        [("RP2D", "AB-123", 3, "ug/kg", None)],
    ),
    (
        "The recommended Phase 2 dose of AB-123 was established at 3 mcg/kg.",
        [("RP2D", "AB-123", 3, "ug/kg", None)],
    ),
    (
        "The MTD of AB-123 was established at 20 milligrams per square meter weekly.",
        [("MTD", "AB-123", 20, "mg/m2", "weekly")],
    ),
    ("The MTD of AB-123 was established at 27 g/day.", [("MTD", "AB-123", 27000, "mg", "per day")]),
    # the drug a dose is said to be of, not the partner named before the term
    (
        "The MTD in combination with paclitaxel 175 mg/m2 was 30 mg/m2 of AB-123.",
        [("MTD", "AB-123", 30, "mg/m2", None)],
    ),
    # a schedule belongs to its own dose's words, not to a comparison or another dose
    (
        "The MTD of AB-123 was determined to be 40 mg/m2, which is higher than the 25 mg/m2 MTD "
        "reported for the weekly schedule.",
        [("MTD", "AB-123", 40, "mg/m2", None)],
    ),
    (
        "The recommended Phase 2 dose of AB-123 is 150 mg twice daily (300 mg total daily dose).",
        [("RP2D", "AB-123", 150, "mg", "twice daily")],
    ),
    (
        "The maximum tolerated dose of AB-123 was 80 mg/m2, and the dose recommended for the "
        "Phase II study is 60 mg/m2 every three weeks.",
        [
            ("MTD", "AB-123", 80, "mg/m2", None),
            ("RP2D", "AB-123", 60, "mg/m2", "every three weeks"),
        ],
    ),
    (
        "The MTD of AB-123 given weekly was 40 mg.",
        [("MTD", "AB-123", 40, "mg", "weekly")],
    ),
    # other wordings of an established dose
    (
        "Acme established a recommended Phase 2 dose of 0.39 mg/kg for AB-123.",
        [("RP2D", "AB-123", 0.39, "mg/kg", None)],
    ),
    (
        "Dose-limiting toxicities were observed at 80 mg; 60 mg was declared the MTD of AB-123.",
        [("MTD", "AB-123", 60, "mg", None)],
    ),
    (
        "In the Phase 1 study, 45 mg/m2 was considered to be the MTD of AB-123.",
        [("MTD", "AB-123", 45, "mg/m2", None)],
    ),
    (
        "Following escalation from 5 mg to 50 mg, the MTD of AB-123 was identified as 35 mg.",
        [("MTD", "AB-123", 35, "mg", None)],
    ),
    (
        "AB-123 was well tolerated up to 120 mg, and the MTD was established at 100 mg.",
        [("MTD", "AB-123", 100, "mg", None)],
    ),
    # a background MTD of another schedule is not the new one
    (
        "Previously, the MTD of AB-123 given weekly was 20 mg. In the new Phase 1 study, the MTD "
        "of AB-123 given every three weeks was determined to be 40 mg.",
        [("MTD", "AB-123", 40, "mg", "every three weeks")],
    ),
    # no dose established: not reached
    (
        "The MTD was not reached at doses up to 600 mg of AB-123.",
        [("MTD", "AB-123", None, None, None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_dose_categories(text: str, expected: list[Row]) -> None:
    """Each outcome with its own drug, dose and schedule."""
    assert outcomes(text) == expected


NEGATIVES = [
    "The Phase 1 trial will determine the MTD of AB-123, expected to be about 40 mg.",
    "The objective of the study is to establish the RP2D of AB-123.",
    "In rats, the maximum tolerated dose of AB-123 was 300 mg/kg.",
    "Our advisors recommended a dividend of 20 cents per share.",
    "Patients received 40 mg of AB-123 once daily in the Phase 2 trial.",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:50] for t in NEGATIVES])
def test_not_an_established_dose(text: str) -> None:
    """Plans, objectives, animal data and plain dosing are no outcome."""
    assert outcomes(text) == []
