"""MTD/RP2D doses in further wordings of our own (invented drug names): a hyphenated schedule
before the term ("On the once-daily schedule the MTD ..."), a past "had an MTD of", a clause
opened by "following", "led to 60 mg being declared", schedules of each clause or of a
respectively list, odd slashes and cell exponents. Each row: the text and the set of
(kind, value, unit, schedule) of its outcomes; negatives give the empty set."""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, classify

Outcome = tuple[str, float | None, str | None, str | None]


def outcomes(text: str) -> set[Outcome]:
    """(kind, dose value, dose unit, schedule) of every MTD/RP2D outcome in `text`."""
    return {
        (e.kind, e.dose.value if e.dose else None, e.dose.unit if e.dose else None, e.schedule)
        for e in classify(text)
        if isinstance(e, MtdOutcome)
    }


CASES = [
    # each dose of a term keeps its own schedule, not the one of the dose before it
    (
        "later-dose-own-schedule",
        "The MTD for the weekly schedule was 35 mg/m2 and for the every-three-week schedule "
        "70 mg/m2.",
        {("MTD", 35, "mg/m2", "weekly"), ("MTD", 70, "mg/m2", "every-three-week")},
    ),
    (
        "whereas-clause-schedule",
        "The MTD on the Q3W schedule was 200 mg/m2, whereas on the weekly schedule it was "
        "80 mg/m2.",
        {("MTD", 200, "mg/m2", "Q3W"), ("MTD", 80, "mg/m2", "weekly")},
    ),
    (
        "later-dose-without-schedule",
        "The MTD of oral AB-123 was 200 mg twice daily and that of intravenous AB-123 was "
        "100 mg/m2.",
        {("MTD", 200, "mg", "twice daily"), ("MTD", 100, "mg/m2", None)},
    ),
    # two terms in one sentence, each with its own dose
    (
        "mtd-and-rp2d",
        "The MTD was 40 mg and the RP2D was 30 mg.",
        {("MTD", 40, "mg", None), ("RP2D", 30, "mg", None)},
    ),
    (
        "had-an-mtd-and-an-rp2d",
        "AB-123 had an MTD of 40 mg and an RP2D of 30 mg.",
        {("MTD", 40, "mg", None), ("RP2D", 30, "mg", None)},
    ),
    (
        "although-clause",
        "Although the MTD was 40 mg, 30 mg was selected as the recommended Phase 2 dose.",
        {("MTD", 40, "mg", None), ("RP2D", 30, "mg", None)},
    ),
    (
        "established-an-mtd-and-an-rp2d",
        "The study established an MTD of 40 mg and a recommended Phase 2 dose of 30 mg.",
        {("MTD", 40, "mg", None), ("RP2D", 30, "mg", None)},
    ),
    # respectively lists: values and schedules in order
    (
        "respectively-values",
        "The MTDs of AB-123 and CD-456 were 10 and 20 mg, respectively.",
        {("MTD", 10, "mg", None), ("MTD", 20, "mg", None)},
    ),
    (
        "respectively-own-schedules",
        "The MTD was 120 mg once daily and 80 mg twice daily, respectively, for the two schedules.",
        {("MTD", 120, "mg", "once daily"), ("MTD", 80, "mg", "twice daily")},
    ),
    (
        "respectively-schedules-before-term",
        "On the once-daily and twice-daily schedules, the MTDs were 120 mg and 80 mg, "
        "respectively.",
        {("MTD", 120, "mg", "once-daily"), ("MTD", 80, "mg", "twice-daily")},
    ),
    (
        "respectively-schedules-after-term",
        "The MTDs of the QD and BID schedules were determined to be 120 mg and 80 mg, "
        "respectively.",
        {("MTD", 120, "mg", "QD"), ("MTD", 80, "mg", "BID")},
    ),
    (
        "respectively-every-three-week",
        "The maximum tolerated doses for the weekly and every-three-week schedules were "
        "determined to be 2.0 mg/kg and 3.5 mg/kg, respectively.",
        {("MTD", 2.0, "mg/kg", "weekly"), ("MTD", 3.5, "mg/kg", "every-three-week")},
    ),
    # each clause's own schedule
    (
        "hyphenated-schedule-opens-each-clause",
        "On the once-daily schedule the MTD was 120 mg, and on the twice-daily schedule the "
        "MTD was 80 mg.",
        {("MTD", 120, "mg", "once-daily"), ("MTD", 80, "mg", "twice-daily")},
    ),
    (
        "schedule-of-each-semicolon-clause",
        "Administered every three weeks, AB-123 had an MTD of 3.5 mg/kg; administered weekly, "
        "its MTD was 1.5 mg/kg.",
        {("MTD", 3.5, "mg/kg", "every three weeks"), ("MTD", 1.5, "mg/kg", "weekly")},
    ),
    (
        "schedule-not-from-a-background-clause",
        "The MTD of AB-123 on the daily schedule was previously determined to be 60 mg; in "
        "this study, the MTD of the intermittent schedule was established at 90 mg.",
        {("MTD", 90, "mg", None)},
    ),
    (
        "days-of-a-cycle",
        "The MTD of AB-123 was 30 mg/m2 on days 1 and 8 of a 21-day cycle.",
        {("MTD", 30, "mg/m2", "on days 1 and 8, of a 21-day cycle")},
    ),
    (
        "qd-then-bid",
        "The MTD of AB-123 was 120 mg QD and the RP2D was 100 mg BID.",
        {("MTD", 120, "mg", "QD"), ("RP2D", 100, "mg", "BID")},
    ),
    # background before, new one after
    (
        "following-an-earlier-determination",
        "Following the earlier determination of a 60 mg MTD for the weekly schedule, the MTD "
        "for the daily schedule was established at 20 mg.",
        {("MTD", 20, "mg", "daily")},
    ),
    (
        "earlier-study-then-current",
        "In the earlier study the MTD was 60 mg; the MTD in the current study was established "
        "at 40 mg.",
        {("MTD", 40, "mg", None)},
    ),
    (
        "older-value-in-an-aside",
        "The MTD of AB-123, previously established at 60 mg once daily, was determined to be "
        "40 mg twice daily in this study.",
        {("MTD", 40, "mg", "twice daily")},
    ),
    (
        "older-value-in-an-aside-perfect",
        "The maximum tolerated dose of AB-123, earlier reported as 60 mg, has been established "
        "at 45 mg in combination.",
        {("MTD", 45, "mg", None)},
    ),
    (
        "aside-without-a-value-makes-the-term-background",
        "The MTD of the weekly schedule, determined in an earlier study, was 60 mg, and the MTD "
        "of the daily schedule was established at 20 mg.",
        {("MTD", 20, "mg", "daily")},
    ),
    (
        "older-value-in-an-aside-and-nothing-new",
        "The MTD of AB-123, previously established at 60 mg once daily, was used as the "
        "starting dose.",
        set(),
    ),
    # other wordings
    (
        "led-to-being-declared",
        "DLTs at 80 mg led to 60 mg being declared the MTD.",
        {("MTD", 60, "mg", None)},
    ),
    (
        "dlts-then-declared",
        "Dose-limiting toxicities were observed at 80 mg; 60 mg was declared the MTD.",
        {("MTD", 60, "mg", None)},
    ),
    (
        "considered-to-be-the-mtd",
        "A dose of 25 mg/m2 was considered to be the MTD.",
        {("MTD", 25, "mg/m2", None)},
    ),
    (
        "establishing-a-recommended-phase-2-dose",
        "The study completed dose escalation, establishing a recommended Phase 2 dose of 0.39 "
        "mg/kg.",
        {("RP2D", 0.39, "mg/kg", None)},
    ),
    ("set-at-bid", "The RP2D was set at 200 mg BID.", {("RP2D", 200, "mg", "BID")}),
    (
        "not-reached-up-to",
        "The MTD was not reached at doses up to 600 mg.",
        {("MTD", None, None, None)},
    ),
    # signs inside doses
    ("division-slash", "The MTD of AB-123 was 40 mg\u2215m2.", {("MTD", 40, "mg/m2", None)}),
    ("fraction-slash", "The MTD of AB-123 was 3 mg\u2044kg.", {("MTD", 3, "mg/kg", None)}),
    (
        "narrow-nbsp-and-square",
        "The MTD of AB-123 was 40\u202fmg/m\u00b2.",
        {("MTD", 40, "mg/m2", None)},
    ),
    (
        "greek-mu",
        "The RP2D of AB-123 was determined to be 2.5 \u03bcg/kg.",
        {("RP2D", 2.5, "ug/kg", None)},
    ),
    (
        "micro-sign",
        "The RP2D of AB-123 was determined to be 2.5 \u00b5g/kg.",
        {("RP2D", 2.5, "ug/kg", None)},
    ),
    ("mcg", "The RP2D of AB-123 was determined to be 2.5 mcg/kg.", {("RP2D", 2.5, "ug/kg", None)}),
    (
        "cells-bracketed-exponent",
        "The RP2D of AB-123 was 1.5 x 10(8) cells.",
        {("RP2D", None, None, "1.5 x 10(8) cells")},
    ),
    (
        "en-dash-range",
        "The MTD of AB-123 was 70\u201390 mg/m2.",
        {("MTD", None, None, "range 70\u201390 mg/m2")},
    ),
    # negatives
    (
        "interim-not-reached",
        "The MTD has not been reached at doses up to 600 mg, and escalation continues.",
        set(),
    ),
    ("well-tolerated-up-to", "AB-123 was well tolerated up to 600 mg.", set()),
    ("objective", "The study aims to determine the MTD of AB-123.", set()),
    ("background-only", "In the earlier study, the MTD was 60 mg.", set()),
    (
        "relative-background",
        "AB-123, which had an MTD of 60 mg in an earlier trial, entered Phase 2.",
        set(),
    ),
    ("has-a-previous-mtd", "AB-123 has a previously established MTD of 60 mg.", set()),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_dose_wordings(text: str, expected: set[Outcome]) -> None:
    """Each outcome carries its own dose, unit and schedule; negatives give none."""
    assert outcomes(text) == expected
