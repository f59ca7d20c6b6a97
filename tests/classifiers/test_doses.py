"""The dose grammar: values, lists, ranges and units in every spelling, and schedules."""

from __future__ import annotations

import pytest

from classifiers.doses import find_doses, parse_dose, parse_schedule
from classifiers.events import Dose


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("168 mg/m²", Dose(168, "mg/m2"), id="superscript-two"),
        pytest.param("168 mg/m2", Dose(168, "mg/m2"), id="m2"),
        pytest.param("168mg/m2", Dose(168, "mg/m2"), id="no-space"),
        pytest.param("168 mg/m^2", Dose(168, "mg/m2"), id="caret"),
        pytest.param("168 mg m-2", Dose(168, "mg/m2"), id="negative-exponent"),
        pytest.param("45 mg/m 2 /week", Dose(45, "mg/m2"), id="spaced-exponent-per-week"),
        pytest.param("60 mg per square meter", Dose(60, "mg/m2"), id="per-square-meter"),
        pytest.param("100 mg/m2/day", Dose(100, "mg/m2"), id="per-day-suffix"),
        pytest.param("3 mg/kg", Dose(3, "mg/kg"), id="mg-kg"),
        pytest.param("3 MG/KG", Dose(3, "mg/kg"), id="upper-case"),
        pytest.param("3 mg per kg", Dose(3, "mg/kg"), id="per-kg-words"),
        pytest.param("30 mcg/kg", Dose(30, "ug/kg"), id="mcg"),
        pytest.param("30 µg/kg", Dose(30, "ug/kg"), id="micro-sign"),
        pytest.param("30 μg/kg", Dose(30, "ug/kg"), id="greek-mu"),
        pytest.param("30 ug/kg", Dose(30, "ug/kg"), id="ug"),
        pytest.param("30 micrograms/kg", Dose(30, "ug/kg"), id="micrograms-word"),
        pytest.param("2 µg", Dose(2, "ug"), id="flat-micrograms"),
        pytest.param("700 mg/body", Dose(700, "mg/body"), id="mg-body"),
        pytest.param("1.5 g/m2", Dose(1.5, "g/m2"), id="grams-per-m2"),
        pytest.param("27 g", Dose(27000, "mg"), id="flat-grams-to-mg"),
        pytest.param("0.39 mg/kg", Dose(0.39, "mg/kg"), id="decimal"),
        pytest.param("0,39 mg/kg", Dose(0.39, "mg/kg"), id="decimal-comma"),
        pytest.param("1,200 mg", Dose(1200, "mg"), id="thousands-comma"),
        pytest.param("200\u00a0mg", Dose(200, "mg"), id="no-break-space"),
        pytest.param("200\u202fmg", Dose(200, "mg"), id="narrow-no-break-space"),
        pytest.param("200\u2009mg", Dose(200, "mg"), id="thin-space"),
        pytest.param("200?mg", Dose(200, "mg"), id="space-lost-in-transcoding"),
        pytest.param("4.9\u00a0mg/kg", Dose(4.9, "mg/kg"), id="no-break-space-per-kg"),
        pytest.param("20 mg kg-1", Dose(20, "mg/kg"), id="kg-negative-exponent"),
        pytest.param("20 mg.kg-1", Dose(20, "mg/kg"), id="kg-dot-exponent"),
        pytest.param("20 mg·kg−1", Dose(20, "mg/kg"), id="kg-middle-dot-minus-sign"),
        pytest.param("20 mg kg⁻¹", Dose(20, "mg/kg"), id="kg-superscript-exponent"),
        pytest.param("45 mg.m-2", Dose(45, "mg/m2"), id="m2-dot-exponent"),
        pytest.param("1\u202f500 mg/m2", Dose(1500, "mg/m2"), id="thousands-narrow-space"),
        pytest.param("1\u00a0500 mg", Dose(1500, "mg"), id="thousands-no-break-space"),
        pytest.param("300mgs", Dose(300, "mg"), id="informal-plural"),
        pytest.param("168 mg/m?", Dose(168, "mg/m2"), id="superscript-lost-in-transcoding"),
        pytest.param("168 mg/m every", Dose(168, "mg/m2"), id="superscript-dropped"),
        pytest.param("30 ?g/kg", Dose(30, "ug/kg"), id="micro-lost-in-transcoding"),
        pytest.param("5 mg/mL", Dose(5, "mg"), id="per-millilitre-is-no-m2"),
        pytest.param("60㎎/㎡", Dose(60, "mg/m2"), id="cjk-squared-units"),
        pytest.param("5 mg/㎏", Dose(5, "mg/kg"), id="cjk-kilogram"),
        pytest.param("１００ mg", Dose(100, "mg"), id="full-width-digits"),
        pytest.param("the 45-mg/m2 dose level", Dose(45, "mg/m2"), id="hyphenated-adjective-m2"),
        pytest.param("a 250-mg tablet", Dose(250, "mg"), id="hyphenated-adjective-mg"),
        pytest.param("the 1.2-mg/kg cohort", Dose(1.2, "mg/kg"), id="hyphenated-adjective-kg"),
        pytest.param("the 30-µg dose", Dose(30, "ug"), id="hyphenated-adjective-micrograms"),
        pytest.param("45 mg per sq m", Dose(45, "mg/m2"), id="per-sq-m"),
        pytest.param("45 mg/square meter", Dose(45, "mg/m2"), id="slash-square-meter"),
        pytest.param("45 mg/square metre", Dose(45, "mg/m2"), id="slash-square-metre"),
        pytest.param("a 3-month course of 45 mg", Dose(45, "mg"), id="hyphen-of-a-duration"),
        pytest.param("70-90 mg/m2", None, id="range-is-no-single-dose"),
        pytest.param("70\u221290 mg/m2", None, id="range-minus-sign"),
        pytest.param("70\u201490 mg/m2", None, id="range-em-dash"),
        pytest.param("a grade 3 rash", None, id="no-dose"),
        pytest.param("3 mg per kilogram", Dose(3, "mg/kg"), id="per-kilogram"),
        pytest.param("1.2 g/kg", Dose(1200, "mg/kg"), id="grams-per-kg-in-mg"),
        pytest.param("2 g/m2", Dose(2, "g/m2"), id="grams-per-m2-kept"),
        pytest.param("1.5 g", Dose(1500, "mg"), id="flat-grams-in-mg"),
        pytest.param("10 mg/kg/day", Dose(10, "mg/kg"), id="mg-kg-day"),
        pytest.param("30 \u03bcgs/kg", Dose(30, "ug/kg"), id="greek-mu-plural"),
        pytest.param("30 \u00b5gs", Dose(30, "ug"), id="micro-sign-plural"),
        pytest.param("240\nmg/m2", Dose(240, "mg/m2"), id="line-break-before-unit"),
        pytest.param("240 mg/\nm2", Dose(240, "mg/m2"), id="line-break-inside-unit"),
        pytest.param("1.2 x 10^9 cells", None, id="cell-dose-has-no-mass-unit"),
    ],
)
def test_parse_dose_reads_every_spelling(raw: str, expected: Dose | None) -> None:
    """Every spelling of a unit, and any space between value and unit, gives one dose."""
    assert parse_dose(raw) == expected


def _doses(text: str) -> list[tuple[float, str] | str]:
    """(value, unit) per single dose, the range text per range, in order."""
    return [
        (m.dose.value, m.dose.unit) if m.dose else f"range {m.range_text}" for m in find_doses(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("at 30 and 40 mg/kg", [(30, "mg/kg"), (40, "mg/kg")], id="pair"),
        pytest.param("at 30 or 40 mg", [(30, "mg"), (40, "mg")], id="pair-or"),
        pytest.param(
            "doses of 15, 30, 40 and 45 mg/m2",
            [(15, "mg/m2"), (30, "mg/m2"), (40, "mg/m2"), (45, "mg/m2")],
            id="list",
        ),
        pytest.param(
            "at 10, 20, and 40 mg",
            [(10, "mg"), (20, "mg"), (40, "mg")],
            id="oxford-comma-list",
        ),
        pytest.param("was 70-90 mg/m2", ["range 70-90 mg/m2"], id="hyphen-range"),
        pytest.param("was 70 to 90 mg/m2", ["range 70 to 90 mg/m2"], id="to-range"),
        pytest.param("between 70 and 90 mg/m2", ["range 70 and 90 mg/m2"], id="between-is-a-range"),
        pytest.param("was 70-90-mg/m2", ["range 70-90-mg/m2"], id="hyphenated-range"),
        pytest.param(
            "was 0.3\u00a0mg/kg\u20130.6\u00a0mg/kg",
            ["range 0.3\u00a0mg/kg\u20130.6\u00a0mg/kg"],
            id="dash-between-two-whole-doses-is-a-range",
        ),
        pytest.param(
            "was 0.3 mg/kg - 0.6 mg/kg", ["range 0.3 mg/kg - 0.6 mg/kg"], id="spaced-dash-range"
        ),
        pytest.param(
            "from 0.3 mg/kg to 0.6 mg/kg",
            [(0.3, "mg/kg"), (0.6, "mg/kg")],
            id="to-between-whole-doses-stays-two",
        ),
        pytest.param(
            "200 mg/m2 - 5 mg/kg", [(200, "mg/m2"), (5, "mg/kg")], id="dash-between-units-stays-two"
        ),
        pytest.param(
            "10 mg, 20 mg-30 mg and 40 mg",
            [(10, "mg"), "range 20 mg-30 mg", (40, "mg")],
            id="dash-range-inside-a-list",
        ),
        pytest.param("In 2019, 30 mg was chosen", [(30, "mg")], id="year-is-no-dose"),
        pytest.param("cohort 3, 200 mg BID", [(200, "mg")], id="comma-pair-is-no-list"),
        pytest.param("XR-1 and 60 mg", [(60, "mg")], id="code-number-is-no-list-value"),
        pytest.param("AB-12, 30 mg", [(30, "mg")], id="code-number-before-a-comma"),
        pytest.param("20 mg-30 mg", ["range 20 mg-30 mg"], id="unit-dash-is-still-a-range"),
        pytest.param(
            "250\u202fmg BID and 200\u00a0mg BID",
            [(250, "mg"), (200, "mg")],
            id="two-with-odd-spaces",
        ),
    ],
)
def test_find_doses_splits_lists_and_keeps_ranges(
    text: str, expected: list[tuple[float, str] | str]
) -> None:
    """Values sharing a unit are each a dose; a range (also "between X and Y") is one."""
    assert _doses(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("168 mg/m2 every three weeks", "every three weeks", id="every-three-weeks"),
        pytest.param("3 mg/kg every 3 weeks", "every 3 weeks", id="every-3-weeks"),
        pytest.param("10 mg/kg Q3W", "Q3W", id="q3w"),
        pytest.param("10 mg/kg q2w", "q2w", id="q2w-lower"),
        pytest.param("400 mg QD", "QD", id="qd"),
        pytest.param("200 mg BID", "BID", id="bid"),
        pytest.param("400 mg once daily", "once daily", id="once-daily"),
        pytest.param("200 mg twice daily", "twice daily", id="twice-daily"),
        pytest.param("6 mg/m2 once weekly", "once weekly", id="once-weekly"),
        pytest.param("6 mg/m2 weekly", "weekly", id="weekly"),
        pytest.param("6 mg/kg every other week", "every other week", id="every-other-week"),
        pytest.param("6 mg/kg once a month", "once a month", id="once-a-month"),
        pytest.param("6 mg/kg monthly", "monthly", id="monthly"),
        pytest.param("200 mg (4 days on/3 days off)", "4 days on/3 days off", id="on-off"),
        pytest.param("100 mg/m2 three out of four weeks", "three out of four weeks", id="x-of-y"),
        pytest.param("a dose of 45 mg/m2", None, id="none"),
        # abbreviations are whole words: a company or drug name that starts like one is not
        pytest.param("Tidewater Bio establishes the MTD", None, id="tid-in-a-name"),
        pytest.param("Qdex Pharma reports 40 mg", None, id="qd-in-a-name"),
        pytest.param("Bidwell Bio's 10 mg cohort", None, id="bid-in-a-name"),
        pytest.param("dosed q21days at 5 mg", None, id="q21-not-q21d"),
        pytest.param("5 mg/kg q21d", "q21d", id="q21d"),
        pytest.param("200 mg q.d.", "QD", id="dotted-qd"),
        pytest.param("150 mg b.i.d. continuously", "BID", id="dotted-bid"),
        pytest.param("100 mg t.i.d", "TID", id="dotted-tid-no-final-dot"),
        pytest.param("100 mg Q.D.", "QD", id="dotted-upper"),
        pytest.param("5 µg/kg/week", "per week", id="slash-week"),
        pytest.param("5 mg/kg/d orally", "per day", id="slash-d"),
        pytest.param("100 mg/m2 on a 21-day cycle", "21-day cycle", id="day-cycle"),
        pytest.param("100 mg/m2 given every 21 days", "every 21 days", id="every-21-days"),
        pytest.param("5 mg/kg/dose", None, id="per-dose-is-no-schedule"),
        pytest.param("e.g. 5 mg in the U.S. trial", None, id="dotted-words-are-not-schedules"),
    ],
)
def test_parse_schedule_finds_the_schedule(text: str, expected: str | None) -> None:
    """Written-out and abbreviated schedules are both found."""
    assert parse_schedule(text) == expected


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        pytest.param("at 1.2 x 10^9 cells", ["1.2 x 10^9 cells"], id="caret"),
        pytest.param("2 × 10⁶ car-t cells/kg", ["2 × 10⁶ car-t cells/kg"], id="superscript-per-kg"),
        pytest.param("2 x 106 cells/kg", ["2 x 106 cells/kg"], id="superscript-lost"),
        pytest.param(
            "5 × 10^8 viable t cells per kilogram",
            ["5 × 10^8 viable t cells per kilogram"],
            id="per-kilogram-words",
        ),
        pytest.param("100 million car t cells", ["100 million car t cells"], id="million"),
        pytest.param("1-5 x 10^8 cells", ["1-5 x 10^8 cells"], id="range"),
        pytest.param("tested in 2 cell lines at 10 mg", [], id="cell-lines-are-no-dose"),
        pytest.param("10 x 10 cm cells of the grid", [], id="no-power-of-ten-exponent"),
    ],
)
def test_find_doses_reads_cell_doses(text: str, cells: list[str]) -> None:
    """A cell therapy's dose is a mention without a contract dose, its text kept in `cells`."""
    found = [m for m in find_doses(text) if m.dose is None and m.range_text is None]
    assert [m.cells for m in found] == cells
