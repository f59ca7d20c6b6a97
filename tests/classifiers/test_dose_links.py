"""Which dose an MTD/RP2D term takes, in further wordings of our own (invented drug names):
a dose that is the subject of a chain of predicates ("450 mg was the highest dose … and was
declared the MTD"), a term whose value the next sentence gives ("… the RP2D was identified.
This dose, 30 mg/kg …"), a post-nominal "the dose recommended for further studies", and a
combination written before the term ("Dose level 3 (AB-123 2 mg/kg plus docetaxel 75 mg/m2)
was declared the MTD"), a dose that is a verb's object ("declared 0.6 mg/kg the MTD"), and a
dose restated or compared after the value ("…, given as 100 mg twice daily"), which is none.
Each row: the text and the set of (kind, value, unit) of its outcomes; negatives give the set
they should, often a term without a dose."""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, classify

Outcome = tuple[str, float | None, str | None]


def outcomes(text: str) -> set[Outcome]:
    """(kind, dose value, dose unit) of every MTD/RP2D outcome in `text`."""
    return {
        (e.kind, e.dose.value if e.dose else None, e.dose.unit if e.dose else None)
        for e in classify(text)
        if isinstance(e, MtdOutcome)
    }


CASES = [
    # a dose as the subject of several predicates, the term in the last
    (
        "subject-dose-and-was-declared",
        "Of the doses tested, 450 mg was the highest dose with acceptable tolerability and "
        "was declared the MTD.",
        {("MTD", 450, "mg")},
    ),
    (
        "subject-dose-and-has-been-selected",
        "In the escalation part, 2.5 mg/kg was well tolerated across all cohorts and has been "
        "selected as the recommended Phase 2 dose.",
        {("RP2D", 2.5, "mg/kg")},
    ),
    (
        "subject-dose-aside-then-predicate",
        "The 300 mg twice-daily regimen, the highest dose given without dose-limiting "
        "toxicity, was determined to be the maximum tolerated dose.",
        {("MTD", 300, "mg")},
    ),
    (
        "subject-dose-is-then-and-is",
        "Based on the safety data, 60 mg/m2 is the highest tolerable dose and is considered "
        "the MTD of AB-123.",
        {("MTD", 60, "mg/m2")},
    ),
    # negatives: another subject takes the predicate, so the dose before is not the value
    (
        "other-subject-takes-the-predicate",
        "At 150 mg, two patients had dose-limiting toxicities and the next lower dose was "
        "declared the MTD.",
        {("MTD", None, None)},
    ),
    (
        "dose-in-a-prepositional-phrase",
        "Patients at 450 mg had more nausea than expected, and the lower dose was declared "
        "the MTD.",
        {("MTD", None, None)},
    ),
    (
        "dose-of-a-clause-before-a-semicolon",
        "Enrollment at 450 mg was completed in May and went smoothly; the MTD was declared "
        "in June.",
        {("MTD", None, None)},
    ),
    # a term the next sentence gives the value of
    (
        "next-sentence-this-dose",
        "Dose escalation was completed and the recommended Phase 2 dose was identified. This "
        "dose, 30 mg/kg given every two weeks, will be used in the Phase 2 trial.",
        {("RP2D", 30, "mg/kg")},
    ),
    (
        "next-sentence-that-dose-is",
        "The maximum tolerated dose has been determined. That dose is 80 mg/m2 weekly.",
        {("MTD", 80, "mg/m2")},
    ),
    (
        "next-sentence-the-selected-dose",
        "The company has established the RP2D of AB-123. The selected dose of 400 mg once "
        "daily will be taken into the Phase 2 study.",
        {("RP2D", 400, "mg")},
    ),
    # negatives: the next sentence's dose is not the term's
    (
        "next-sentence-dose-of-another-thing",
        "The recommended Phase 2 dose was identified. Patients also received dexamethasone "
        "20 mg before each infusion.",
        {("RP2D", None, None)},
    ),
    (
        "next-sentence-a-paragraph-away",
        "The recommended Phase 2 dose was identified.\n\nThis dose, 30 mg/kg, is the same as "
        "in the earlier program.",
        {("RP2D", None, None)},
    ),
    (
        "next-sentence-this-dose-of-a-term-with-a-value",
        "The RP2D was 20 mg/kg. This dose, 30 mg/kg in the earlier program, was lower.",
        {("RP2D", 20, "mg/kg")},
    ),
    # "found to be" is a finding, not a dose still to be chosen
    (
        "found-to-be-safe-and-selected",
        "A dose of 30 mg/kg was found to be safe and was selected for Phase 2 studies.",
        {("RP2D", 30, "mg/kg")},
    ),
    (
        "expected-to-be-selected",
        "A dose of 30 mg/kg is expected to be selected for Phase 2 studies.",
        set(),
    ),
    (
        "to-be-selected",
        "The dose to be selected for Phase 2 studies will be based on safety.",
        set(),
    ),
    # a temporal clause after the term is not the term's background or list
    (
        "not-determined-after-all-levels-had-been-tested",
        "The MTD was not determined after all 13 dose levels had been tested.",
        {("MTD", None, None)},
    ),
    (
        "value-then-an-after-clause-with-a-dose",
        "The MTD was 60 mg, after the 80 mg cohort had been closed.",
        {("MTD", 60, "mg")},
    ),
    (
        "background-in-the-terms-own-clause",
        "The MTD of AB-123 had been established at 60 mg in an earlier study.",
        set(),
    ),
    # an outcome told in an aside, the sentence's news being its use
    (
        "aside-then-used",
        "The 400 mg RP2D, determined in the Phase 1 trial in 2023, is used in the ongoing "
        "Phase 2 trial.",
        set(),
    ),
    (
        "aside-then-an-outcome",
        "The RP2D, determined in the dose-escalation part, was 400 mg once daily.",
        {("RP2D", 400, "mg")},
    ),
    # a post-nominal "recommended for"
    (
        "dose-recommended-for-further-studies",
        "The dose recommended for further studies is 15 mg/kg every three weeks.",
        {("RP2D", 15, "mg/kg")},
    ),
    (
        "regimen-recommended-for-future-trials",
        "The regimen recommended for future trials was 200 mg once daily.",
        {("RP2D", 200, "mg")},
    ),
    (
        "dose-recommended-still-to-come",
        "The dose recommended for further studies will be determined after the expansion.",
        set(),
    ),
    # a combination before the term: the first drug's dose is the term's own
    (
        "combination-in-brackets-before-the-term",
        "Dose level 3 (AB-123 2 mg/kg plus docetaxel 75 mg/m2) was declared the MTD.",
        {("MTD", 2, "mg/kg")},
    ),
    (
        "combination-with-before-the-term",
        "AB-123 at 2 mg/kg with docetaxel at 75 mg/m2 was declared the MTD of the combination.",
        {("MTD", 2, "mg/kg")},
    ),
    # the dose as the object of a verb whose complement is the term
    (
        "object-declared-dose-the-mtd",
        "After the last cohort cleared, investigators declared 0.6 mg/kg the MTD.",
        {("MTD", 0.6, "mg/kg")},
    ),
    (
        "object-deemed-dose-with-schedule-the-term",
        "The safety committee deemed 80 mg twice daily the maximum tolerated dose.",
        {("MTD", 80, "mg")},
    ),
    (
        "object-named-dose-its-rp2d",
        "The sponsor named 50 mg/m2 its recommended Phase 2 dose.",
        {("RP2D", 50, "mg/m2")},
    ),
    (
        "object-of-another-verb",
        "The committee reviewed 80 mg cohort data, and the MTD was determined to be 60 mg.",
        {("MTD", 60, "mg")},
    ),
    (
        "object-deemed-too-toxic",
        "The committee deemed 80 mg too toxic for further escalation; the MTD was 60 mg.",
        {("MTD", 60, "mg")},
    ),
    # a dose in apposition, closed by a comma, then the predicate
    (
        "apposition-dose-then-predicate",
        "The highest dose tested, 960 mg, was declared the RP2D.",
        {("RP2D", 960, "mg")},
    ),
    # another term's negation is not this term's
    (
        "rp2d-declared-since-the-mtd-was-not-reached",
        "The highest dose tested, 960 mg, was declared the RP2D since the MTD was not reached.",
        {("RP2D", 960, "mg"), ("MTD", None, None)},
    ),
    (
        "both-terms-not-determined",
        "The MTD and the RP2D were not determined.",
        {("MTD", None, None)},
    ),
    # each population its own dose, though the population is "patients with …"
    (
        "two-populations-with-with",
        "The MTD of AB-123 was 45 mg/m2 in patients with solid tumors and 60 mg/m2 in patients "
        "with leukemia.",
        {("MTD", 45, "mg/m2"), ("MTD", 60, "mg/m2")},
    ),
    (
        "partner-drug-with-is-still-a-partner",
        "The MTD of AB-123 was 45 mg/m2 with 75 mg/m2 of docetaxel.",
        {("MTD", 45, "mg/m2")},
    ),
    # the same dose restated, or another dose compared, is not a second value
    (
        "restated-given-as",
        "The MTD was 200 mg per day, administered as 100 mg twice daily.",
        {("MTD", 200, "mg")},
    ),
    (
        "restated-ie",
        "The RP2D was 600 mg daily, i.e. 300 mg BID.",
        {("RP2D", 600, "mg")},
    ),
    (
        "compared-one-level-below",
        "The MTD was determined to be 2.4 mg/kg, one dose level below the 3.2 mg/kg cohort.",
        {("MTD", 2.4, "mg/kg")},
    ),
    (
        "compared-lower-than",
        "The RP2D was set at 150 mg, lower than the 200 mg used in the first cohorts.",
        {("RP2D", 150, "mg")},
    ),
    (
        "two-schedules-still-two-values",
        "The MTD was 25 mg/m2 on the weekly schedule and 40 mg/m2 on the three-weekly schedule.",
        {("MTD", 25, "mg/m2"), ("MTD", 40, "mg/m2")},
    ),
    # a bracket after the term that names the dose level, then the value
    (
        "bracket-dose-level-semicolon-value",
        "The MTD (dose level 4; 1.2 mg/kg) was established in the escalation part.",
        {("MTD", 1.2, "mg/kg")},
    ),
    (
        "bracket-cohort-comma-value",
        "The RP2D (cohort 3, 300 mg twice daily) was confirmed by the review committee.",
        {("RP2D", 300, "mg")},
    ),
    (
        "bracket-of-a-results-sentence",
        "Patients treated at the MTD (dose level 4; 1.2 mg/kg) had the most responses.",
        set(),
    ),
    (
        "semicolon-outside-brackets-still-ends-the-clause",
        "The MTD was declared in June; 1.2 mg/kg had been the highest dose given.",
        {("MTD", None, None)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_term_takes_its_own_dose(text: str, expected: set[Outcome]) -> None:
    assert outcomes(text) == expected
