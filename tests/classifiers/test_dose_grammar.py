"""The dose grammar of MTD/RP2D outcomes on wordings the rules were not written from (our own
sentences, invented drug names): grouped thousands, units outside the contract, label layout,
a second dose of one term, ranges, and typographic spaces and dashes inside a dose."""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, classify
from classifiers.doses import find_doses

Row = tuple[str, float | None, str | None, str | None]  # kind, value, unit, schedule


def outcomes(text: str) -> list[Row]:
    """(kind, dose value, dose unit, schedule) of every MTD/RP2D outcome in `text`."""
    return [
        (e.kind, e.dose.value if e.dose else None, e.dose.unit if e.dose else None, e.schedule)
        for e in classify(text)
        if isinstance(e, MtdOutcome)
    ]


def doses(text: str) -> list[tuple[float, str] | str | None]:
    """Each mention of `text`: (value, unit), else its range or other-unit text."""
    return [
        (m.dose.value, m.dose.unit) if m.dose else (m.range_text or m.cells)
        for m in find_doses(text.lower())
    ]


# 1. thousands grouped by a plain, thin, figure or no-break space (1-3 digits, then groups of 3)
THOUSANDS = [
    ("established at 1 500 mg once daily", [(1500, "mg")]),
    ("established at 1\u202f500 mg once daily", [(1500, "mg")]),
    ("established at 1\u00a0500 mg once daily", [(1500, "mg")]),
    ("established at 1\u2009500 mg once daily", [(1500, "mg")]),
    ("established at 1\u2007500 mg once daily", [(1500, "mg")]),
    ("a dose of 1 200 mg/m2 every three weeks", [(1200, "mg/m2")]),
    ("a dose of 12 500 mg", [(12500, "mg")]),
    ("a dose of 1,500 mg", [(1500, "mg")]),
    ("at 1 500mg daily", [(1500, "mg")]),
    ("the 1\u00a0500\u2011mg dose", [(1500, "mg")]),
    ("doses of 1 000, 1 500 and 2 000 mg", [(1000, "mg"), (1500, "mg"), (2000, "mg")]),
    ("from 1 000\u20131 500 mg", [None]),
    ("the 2 500-mg tablets", [(500, "mg")]),
    ("between 1 000 and 1 500 mg/m2", [None]),
    # not a thousand: a list, a count of tablets, a cohort's or a day's number, four digits
    ("cohorts at 1, 500 and 800 mg", [(1, "mg"), (500, "mg"), (800, "mg")]),
    ("two doses at 1, 500 mg", [(500, "mg")]),
    ("given as 2 500 mg tablets", [(500, "mg")]),
    ("dose level 3 600 mg was cleared", [(600, "mg")]),
    ("cohort 2 300 mg enrolled", [(300, "mg")]),
    ("on day 1 200 mg was given", [(200, "mg")]),
    ("in 2023 300 mg was chosen", [(300, "mg")]),
    ("a dose of 1 5000 mg", [(5000, "mg")]),
]


@pytest.mark.parametrize(("text", "expected"), THOUSANDS, ids=[t for t, _ in THOUSANDS])
def test_grouped_thousands(text: str, expected: list[object]) -> None:
    """A 1-3 digit group and whole groups of three are one number; lists and counts are not."""
    found = doses(text)
    if expected == [None]:  # a range: one mention without a dose
        assert len(found) == 1
        assert isinstance(found[0], str)
    else:
        assert found == expected


# 2. units outside the contract: the dose is kept as text (value None), like a cell dose
OTHER_UNITS = [
    ("3 x 10^13 vg/kg", "3 x 10^13 vg/kg"),
    ("3e13 vg/kg", "3e13 vg/kg"),
    ("3 × 10¹³ vg/kg", "3 × 10¹³ vg/kg"),
    ("3×10¹³ vg/kg", "3×10¹³ vg/kg"),
    ("1.5 x 10(14) vector genomes per kilogram", "1.5 x 10(14) vector genomes per kilogram"),
    ("2.0e+13 vg/kg", "2.0e+13 vg/kg"),
    ("3.0 × 10^13 gc/kg", "3.0 × 10^13 gc/kg"),
    ("9 million iu/m2", "9 million iu/m2"),
    ("12 500 iu/kg", "12 500 iu/kg"),
    ("6 mu/m2", "6 mu/m2"),
    ("500 u/kg", "500 u/kg"),
    ("6 miu/m2", "6 miu/m2"),
    ("6 miu/m²", "6 miu/m²"),
    ("600 000 iu/kg", "600 000 iu/kg"),
    ("720,000 iu/kg", "720,000 iu/kg"),
    (
        "5 million international units per square meter",
        "5 million international units per square meter",
    ),
    ("3 x 10^6 cells/kg", "3 x 10^6 cells/kg"),
    ("auc 6", "auc 6"),
    ("auc of 5", "auc of 5"),
    ("auc 5 mg/ml/min", "auc 5 mg/ml/min"),
    ("auc = 4.5", "auc = 4.5"),
]


@pytest.mark.parametrize(("text", "expected"), OTHER_UNITS, ids=[t for t, _ in OTHER_UNITS])
def test_other_units_are_kept_as_text(text: str, expected: str) -> None:
    """Vector genomes, international units, cells and carboplatin's AUC: one mention, no dose."""
    assert doses(f"the dose was {text} in all") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "patients with stage 3 gc were treated",
        "the 2 mu opioid agonists",
        "a 12 u dose of insulin",
        "3 vg cohorts",
    ],
)
def test_no_other_unit_without_its_form(text: str) -> None:
    """A vector unit needs its power of ten, a bare U or MU its basis: "stage 3 GC" is none."""
    assert doses(text) == []


CONTRACT_UNITS = [
    ("30 µg/kg", (30, "ug/kg")),
    ("30 ug/kg", (30, "ug/kg")),
    ("30 mcg/kg", (30, "ug/kg")),
    ("30 mcg per kilogram", (30, "ug/kg")),
    ("30 µg/m2", (30, "ug/m2")),
    ("30 micrograms/m²", (30, "ug/m2")),
    ("30 mg/m²", (30, "mg/m2")),
    ("30 mg·m⁻²", (30, "mg/m2")),
    ("300 mg/body", (300, "mg/body")),
    ("300 mg flat", (300, "mg")),
    ("1.2 g/m2", (1.2, "g/m2")),
]


@pytest.mark.parametrize(("text", "expected"), CONTRACT_UNITS, ids=[t for t, _ in CONTRACT_UNITS])
def test_mass_units(text: str, expected: tuple[float, str]) -> None:
    """Mass doses keep the units labels write: ug for µg and mcg, mg/m2 for mg/m²."""
    assert doses(f"the dose was {text} in all") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "carboplatin auc 6 mg/ml/min",
        "carboplatin auc 6 mg/ml·min",
        "carboplatin auc 6 mg·min/ml",
        "an exposure of 40 mg·h/l",
    ],
)
def test_exposures_are_no_dose(text: str) -> None:
    """An AUC's unit (mg/mL·min, mg·h/L) is no dose of a unit of the contract."""
    assert all(not isinstance(d, tuple) for d in doses(text))


UNIT_OUTCOMES: list[tuple[str, list[Row]]] = [
    (
        "The RP2D of AB-12 was established at 3 x 10^13 vg/kg.",
        [("RP2D", None, None, "3 x 10^13 vg/kg")],
    ),
    (
        "The maximum tolerated dose of AB-12 was 6 MIU/m2 three times weekly.",
        [("MTD", None, None, "6 MIU/m2; three times weekly")],
    ),
    (
        "The MTD of carboplatin in the combination was AUC 6.",
        [("MTD", None, None, "AUC 6")],
    ),
    (
        "The RP2D of AB-12 was 50 mg/m2 weekly with carboplatin AUC 5.",
        [("RP2D", 50, "mg/m2", "weekly; with carboplatin AUC 5")],
    ),
    (
        "The MTD of AB-12 in combination was carboplatin AUC 5 plus 40 mg/m2 of AB-12.",
        [("MTD", 40, "mg/m2", None)],
    ),
    (
        "The RP2D was AUC 6 carboplatin with AB-12 at 300 mg BID.",
        [("RP2D", 300, "mg", "BID")],
    ),
    (
        "The MTD of AB-12 was 30 µg/m² daily.",
        [("MTD", 30, "ug/m2", "daily")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), UNIT_OUTCOMES, ids=[c[0][:60] for c in UNIT_OUTCOMES]
)
def test_unit_outcomes(text: str, expected: list[Row]) -> None:
    """An outcome whose dose has no contract unit keeps the dose's text in its schedule."""
    assert outcomes(text) == expected


# 3. label layout: a verbless term followed directly by its value
LABELS: list[tuple[str, list[Row]]] = [
    ("Phase 1 results for AB-12: RP2D \u2013 200 mg BID", [("RP2D", 200, "mg", "BID")]),
    ("Phase 1 results for AB-12: RP2D - 200 mg BID.", [("RP2D", 200, "mg", "BID")]),
    ("Phase 1 results for AB-12. MTD: 45 mg/m2.", [("MTD", 45, "mg/m2", None)]),
    (
        "Escalation of AB-12 is complete; MTD 45 mg/m2; RP2D 30 mg/m2 weekly.",
        [("MTD", 45, "mg/m2", None), ("RP2D", 30, "mg/m2", "weekly")],
    ),
    (
        "Dose escalation of AB-12 was completed (MTD, 45 mg/m2).",
        [("MTD", 45, "mg/m2", None)],
    ),
    ("Result: the MTD, 45 mg/m2.", [("MTD", 45, "mg/m2", None)]),
    ("Highlights: RP2D \u2014 200 mg BID.", [("RP2D", 200, "mg", "BID")]),
    ("MTD/RP2D: 45 mg/m2.", [("MTD", 45, "mg/m2", None), ("RP2D", 45, "mg/m2", None)]),
    ("Maximum tolerated dose: 45 mg/m\u00b2 weekly.", [("MTD", 45, "mg/m2", "weekly")]),
    ("\u2022 MTD: 45 mg/m2", [("MTD", 45, "mg/m2", None)]),
    ("Escalation of AB-12 completed; MTD 45 mg/m2 (weekly).", [("MTD", 45, "mg/m2", "weekly")]),
    ("Key findings: MTD = 12 mg/kg every 3 weeks.", [("MTD", 12, "mg/kg", "every 3 weeks")]),
    ("Escalation of AB-12 ended (RP2D: 400 mg QD).", [("RP2D", 400, "mg", "QD")]),
]


@pytest.mark.parametrize(("text", "expected"), LABELS, ids=[c[0][:60] for c in LABELS])
def test_label_layout(text: str, expected: list[Row]) -> None:
    """ "MTD: 45 mg/m2", "RP2D – 200 mg BID", "(MTD, 45 mg/m2)": the value of a label."""
    assert outcomes(text) == expected


def test_a_label_term_and_its_value_are_no_drug_code() -> None:
    """ "MTD 45 mg/m2" is a term and its value, not a drug called "MTD 45"."""
    events = [
        e for e in classify("Escalation is complete; MTD 45 mg/m2.") if isinstance(e, MtdOutcome)
    ]
    assert [(e.kind, e.drug) for e in events] == [("MTD", None)]


LABEL_NEGATIVES = [
    "Patients received the MTD, 45 mg/m2, in the expansion part.",
    "At the MTD, 45 mg/m2, two responses were seen.",
    "Escalation continues; MTD 45 mg/m2 cohort is enrolling.",
    "The trial will define the RP2D \u2013 200 mg BID is one candidate.",
    "Objectives: MTD \u2013 to be determined.",
    "Toxicity below the MTD, 45 mg/m2, was mild.",
]


@pytest.mark.parametrize("text", LABEL_NEGATIVES, ids=[t[:50] for t in LABEL_NEGATIVES])
def test_label_layout_negatives(text: str) -> None:
    """A term that is an object, a bound or a plan is no label with a value."""
    assert [r for r in outcomes(text) if r[1] is not None] == []


# 4. a second dose of one term in the same sentence
SECOND: list[tuple[str, list[Row]]] = [
    (
        "The MTD of AB-12 was 3.0 mg/kg on schedule A and 2.4 mg/kg on schedule B.",
        [("MTD", 3.0, "mg/kg", None), ("MTD", 2.4, "mg/kg", None)],
    ),
    (
        "MTD: 3.0 mg/kg (weekly); 2.4 mg/kg (every 3 weeks).",
        [("MTD", 3.0, "mg/kg", "weekly"), ("MTD", 2.4, "mg/kg", "every 3 weeks")],
    ),
    (
        "The MTD of AB-12 was 3.0 mg/kg weekly and 2.4 mg/kg every 3 weeks.",
        [("MTD", 3.0, "mg/kg", "weekly"), ("MTD", 2.4, "mg/kg", "every 3 weeks")],
    ),
    (
        "MTDs of 3.0 mg/kg (weekly) and 2.4 mg/kg (every 3 weeks) were established for AB-12.",
        [("MTD", 3.0, "mg/kg", "weekly"), ("MTD", 2.4, "mg/kg", "every 3 weeks")],
    ),
    (
        "The MTD was 3.0 mg/kg for schedule A; for schedule B, it was 2.4 mg/kg.",
        [("MTD", 3.0, "mg/kg", None), ("MTD", 2.4, "mg/kg", None)],
    ),
    (
        "MTD: 3.0 mg/kg (weekly); 2.4 mg/kg (every 3 weeks); 1.8 mg/kg (daily).",
        [
            ("MTD", 3.0, "mg/kg", "weekly"),
            ("MTD", 2.4, "mg/kg", "every 3 weeks"),
            ("MTD", 1.8, "mg/kg", "daily"),
        ],
    ),
    (
        "The RP2D of AB-12: 200 mg QD; 100 mg BID.",
        [("RP2D", 200, "mg", "QD"), ("RP2D", 100, "mg", "BID")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SECOND, ids=[c[0][:60] for c in SECOND])
def test_second_dose(text: str, expected: list[Row]) -> None:
    """Each distinct dose of a term is its own event."""
    assert outcomes(text) == expected


SECOND_NEGATIVES: list[tuple[str, list[Row]]] = [
    (
        "One dose level below the MTD of 3.0 mg/kg, 2.4 mg/kg was chosen for expansion.",
        [],
    ),
    (
        "The MTD of AB-12 was 3.0 mg/kg; 2.4 mg/kg was given in the expansion cohort.",
        [("MTD", 3.0, "mg/kg", None)],
    ),
    (
        "MTD: 3.0 mg/kg; 12 patients were treated at 2.4 mg/kg.",
        [("MTD", 3.0, "mg/kg", None)],
    ),
    (
        "The MTD was 600 mg daily, given as 300 mg twice daily.",
        [("MTD", 600, "mg", "daily")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), SECOND_NEGATIVES, ids=[c[0][:60] for c in SECOND_NEGATIVES]
)
def test_not_a_second_dose(text: str, expected: list[Row]) -> None:
    """A compared, restated or later-treated dose is no second value of the term."""
    assert outcomes(text) == expected


# 5. ranges: the value is null and the range goes to the schedule (labeling rule 5)
RANGES: list[tuple[str, list[Row]]] = [
    (
        "The MTD of AB-12 lies between 40 and 60 mg/m2.",
        [("MTD", None, None, "range 40 and 60 mg/m2")],
    ),
    (
        "The MTD of AB-12 lies between 40 mg and 60 mg.",
        [("MTD", None, None, "range 40 mg and 60 mg")],
    ),
    (
        "The MTD of AB-12 was between 40 mg/m2 and 60 mg/m2.",
        [("MTD", None, None, "range 40 mg/m2 and 60 mg/m2")],
    ),
    (
        "The MTD of AB-12 ranged from 40 to 60 mg/m2.",
        [("MTD", None, None, "range 40 to 60 mg/m2")],
    ),
    (
        "An MTD of 40\u201360 mg/m2 was established for AB-12.",
        [("MTD", None, None, "range 40\u201360 mg/m2")],
    ),
    (
        "The MTD of AB-12 falls in the range of 40-60 mg/m2.",
        [("MTD", None, None, "range 40-60 mg/m2")],
    ),
    (
        "The MTD of AB-12 was determined to be 70-90 mg/m2.",
        [("MTD", None, None, "range 70-90 mg/m2")],
    ),
    (
        "The MTD of AB-12 was 0.3\u20131.0 mg/kg.",
        [("MTD", None, None, "range 0.3\u20131.0 mg/kg")],
    ),
    (
        "The MTD of AB-12 was 0.3 mg/kg\u20121.0 mg/kg.",
        [("MTD", None, None, "range 0.3 mg/kg\u20121.0 mg/kg")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RANGES, ids=[c[0][:60] for c in RANGES])
def test_ranges(text: str, expected: list[Row]) -> None:
    """An MTD given as a range has no value; its range is kept in the schedule."""
    assert outcomes(text) == expected


def test_escalation_between_doses_is_no_range_of_the_term() -> None:
    """Doses escalated between two levels are not the term's range."""
    text = "Doses between 40 mg and 60 mg were tested, and the MTD of AB-12 was 50 mg."
    assert outcomes(text) == [("MTD", 50, "mg", None)]


# 6. typographic spaces and dashes inside a dose
SPACES: list[tuple[str, list[Row]]] = [
    ("The RP2D of AB-12 was set at 200\u00a0mg\u00a0BID.", [("RP2D", 200, "mg", "BID")]),
    ("The RP2D of AB-12 was set at 200\u202fmg\u202fBID.", [("RP2D", 200, "mg", "BID")]),
    ("The RP2D of AB-12 was set at 200\u2009mg\u2009BID.", [("RP2D", 200, "mg", "BID")]),
    ("The MTD of AB-12 was 45\u00a0mg/m\u00b2 weekly.", [("MTD", 45, "mg/m2", "weekly")]),
    ("The MTD of AB-12 was 45\u00a0mg\u00a0/\u00a0m2.", [("MTD", 45, "mg/m2", None)]),
    ("The RP2D of AB-12 was the 45\u2011mg/m2 dose.", [("RP2D", 45, "mg/m2", None)]),
    ("The RP2D of AB-12 was the 45\u2010mg/m2 dose.", [("RP2D", 45, "mg/m2", None)]),
    (
        "The MTD of AB-12 was 0.3\u00a0\u2013\u00a01.0 mg/kg.",
        [("MTD", None, None, "range 0.3\u00a0\u2013\u00a01.0 mg/kg")],
    ),
    (
        "The MTD of AB-12 was 0.3\u20121.0 mg/kg.",
        [("MTD", None, None, "range 0.3\u20121.0 mg/kg")],
    ),
    (
        "The MTD of AB-12 was established at 1\u202f500 mg once daily.",
        [("MTD", 1500, "mg", "once daily")],
    ),
    (
        "The MTD of AB-12 was established at 1 500 mg once daily.",
        [("MTD", 1500, "mg", "once daily")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPACES, ids=[repr(c[0][20:70]) for c in SPACES])
def test_typographic_spaces_and_dashes(text: str, expected: list[Row]) -> None:
    """No-break, narrow and thin spaces, hyphens and dashes of any kind inside a dose."""
    assert outcomes(text) == expected
