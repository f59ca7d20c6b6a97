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
    (
        "recommended-for-further-clinical-development",
        "The recommended dose for further clinical development is 600 mg once daily.",
        {"RP2D 600 mg"},
    ),
    (
        "dose-recommended-for-further-study",
        "The dose recommended for further study is 200 mg.",
        {"RP2D 200 mg"},
    ),
    (
        "amount-recommended-for-further-study",
        "A dose of 200 mg was recommended for further study.",
        {"RP2D 200 mg"},
    ),
    (
        "selected-to-advance-into-phase2",
        "The dose selected to advance into Phase 2 is 400 mg.",
        {"RP2D 400 mg"},
    ),
    # negatives: plans, the approved dose, a dose used in Phase 1
    (
        "to-be-selected-to-advance",
        "The dose to be selected to advance into Phase 2 will be announced.",
        set(),
    ),
    (
        "will-be-recommended-for-further-study",
        "A dose will be recommended for further study.",
        set(),
    ),
    ("dose-recommended-for-the-study", "The dose recommended for the study is 200 mg.", set()),
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

# 2. The value in the next sentence ("It was 45 mg/m2"), in the sentence before ("It was
# declared the MTD"), or before the term in a relative clause ("…, which became the MTD").
ANAPHORS = [
    (
        "it-was-next-sentence",
        "The MTD was determined. It was 45 mg/m2 given weekly.",
        {"MTD 45 mg/m2"},
    ),
    ("it-is-next-sentence", "The MTD has been identified. It is 80 mg once daily.", {"MTD 80 mg"}),
    (
        "it-was-determined-to-be-next-sentence",
        "The recommended Phase 2 dose was selected. It was determined to be 1.8 mg/kg.",
        {"RP2D 1.8 mg/kg"},
    ),
    (
        "this-dose-is-recommended",
        "Dose escalation identified 300 mg. This dose is recommended for Phase II.",
        {"RP2D 300 mg"},
    ),
    (
        "it-was-declared-the-mtd",
        "Six patients were treated at 300 mg. It was declared the MTD.",
        {"MTD 300 mg"},
    ),
    (
        "which-therefore-became-the-mtd",
        "Escalation proceeded to 2.4 mg/kg, which therefore became the MTD.",
        {"MTD 2.4 mg/kg"},
    ),
    (
        "which-then-became-the-rp2d",
        "Dose escalation reached 2.4 mg/kg, which then became the recommended Phase 2 dose.",
        {"RP2D 2.4 mg/kg"},
    ),
    (
        "cohort-which-was-declared-the-mtd",
        "The 2.4 mg/kg cohort, which was declared the MTD, had two DLTs.",
        {"MTD 2.4 mg/kg"},
    ),
    (
        "dose-level-which-was-considered-the-rp2d",
        "The 300 mg dose level, which was considered the RP2D, was well tolerated.",
        {"RP2D 300 mg"},
    ),
    (
        "completed-at-which-was-deemed",
        "Escalation was completed at 800 mg, which was deemed the RP2D.",
        {"RP2D 800 mg"},
    ),
    # negatives: a value the next sentence gives to something else, two doses before
    (
        "dose-level-which-was-below-the-mtd",
        "The 300 mg dose level, which was below the MTD, was well tolerated.",
        set(),
    ),
    (
        "it-was-tolerated-at-is-no-value",
        "The MTD was determined. It was well tolerated at 45 mg/m2.",
        {"MTD -"},
    ),
    (
        "it-was-declared-after-two-doses",
        "Patients were given 300 mg and 600 mg. It was declared the MTD.",
        {"MTD -"},
    ),
    (
        "it-is-expected-to-be-the-rp2d",
        "Six patients were treated at 300 mg. It is expected to be the RP2D.",
        set(),
    ),
    (
        "became-the-highest-dose-then-not-reached",
        "Dose escalation reached 2.4 mg/kg, which became the highest dose tested; the MTD "
        "was not reached.",
        {"MTD not-reached"},
    ),
    (
        "not-reached-then-it-was",
        "The MTD has not yet been reached. It was 45 mg/m2 in the prior cohort.",
        set(),
    ),
]

# 3. A negative cue of another clause (animals, objectives, interim words) leaves the term's
# own outcome standing; in the term's own clause it still excludes it.
OTHER_CLAUSE = [
    (
        "animal-mtd-then-patients",
        "In mice the MTD was 50 mg/kg, and in patients the MTD was established at 6 mg/kg.",
        {"MTD 6 mg/kg"},
    ),
    (
        "while-preclinical-then-clinical",
        "While the preclinical MTD was 50 mg/kg, the clinical MTD was determined to be 6 mg/kg.",
        {"MTD 6 mg/kg"},
    ),
    (
        "patients-compared-with-mice",
        "The MTD in patients was 6 mg/kg, compared with 50 mg/kg in mice.",
        {"MTD 6 mg/kg"},
    ),
    (
        "rp2d-established-expansion-ongoing",
        "The RP2D was established (MTD 150 mg), while the expansion cohort is ongoing.",
        {"RP2D 150 mg", "MTD 150 mg"},
    ),
    (
        "determined-and-expansion-expected",
        "The MTD has been determined and the expansion phase is expected to begin in 2026.",
        {"MTD -"},
    ),
    (
        "determined-and-enrollment-ongoing",
        "The MTD has been determined and enrollment in the expansion cohort is ongoing.",
        {"MTD -"},
    ),
    (
        "objective-met-then-mtd",
        "The study met its primary objective and the MTD was determined to be 40 mg.",
        {"MTD 40 mg"},
    ),
    (
        "having-met-the-objective",
        "Having met the primary objective of safety, the MTD was established at 40 mg.",
        {"MTD 40 mg"},
    ),
    (
        "objective-in-a-clause-after",
        "The MTD was determined to be 40 mg, and the objective of Part B is to assess efficacy.",
        {"MTD 40 mg"},
    ),
    (
        "objective-in-a-closed-relative-clause",
        "The study, which aimed to determine the MTD, established an MTD of 40 mg.",
        {"MTD 40 mg"},
    ),
    (
        "although-designed-to-assess",
        "Although the trial was designed to assess safety, the MTD was established at 40 mg.",
        {"MTD 40 mg"},
    ),
    (
        "not-yet-for-another-schedule",
        "Although the MTD has not yet been reached for the weekly schedule, the MTD for the "
        "daily schedule was 40 mg.",
        {"MTD 40 mg"},
    ),
    # the verb and dose of the next term's own clause are not this term's
    (
        "treated-at-the-mtd-then-rp2d-set",
        "Patients treated at the MTD had no DLTs, and the RP2D was set at 200 mg.",
        {"RP2D 200 mg"},
    ),
    (
        "treated-at-the-mtd-then-rp2d-set-no-dose",
        "Patients treated at the MTD had no DLTs, and the RP2D was set.",
        {"RP2D -"},
    ),
    (
        "mtd-tolerated-then-rp2d",
        "The MTD was well tolerated; the RP2D was determined to be 200 mg.",
        {"RP2D 200 mg"},
    ),
    (
        "rp2d-then-mtd-tolerated",
        "The RP2D was determined to be 200 mg; the MTD was well tolerated.",
        {"RP2D 200 mg"},
    ),
    (
        "mtd-and-hence-the-rp2d",
        "The MTD, and hence the RP2D, was determined to be 40 mg.",
        {"MTD 40 mg", "RP2D 40 mg"},
    ),
    (
        "mtd-then-rp2d-each-its-own",
        "The MTD was 250 mg BID, and the RP2D was 200 mg QD.",
        {"MTD 250 mg", "RP2D 200 mg"},
    ),
    # negatives: the cue in the term's own clause
    (
        "relative-clause-then-will-determine",
        "The study, which is ongoing, will determine the MTD.",
        set(),
    ),
    (
        "relative-clause-then-designed",
        "The trial, which enrolled 30 patients, is designed to determine the MTD.",
        set(),
    ),
    ("rats-before-the-term", "Following toxicology studies in rats, the MTD was 50 mg/kg.", set()),
    ("rats-after-the-dose", "The MTD was 50 mg/kg in rats.", set()),
    (
        "preclinical-mtd",
        "The preclinical MTD was 50 mg/kg, and dosing in patients began at 5 mg.",
        set(),
    ),
    (
        "determination-ongoing",
        "The MTD determination is ongoing and results are expected in 2026.",
        set(),
    ),
    (
        "expected-to-be-determined",
        "The MTD is expected to be determined and reported in 2026.",
        set(),
    ),
    ("objective-to-assess-the-mtd", "The objective is to assess safety and the MTD.", set()),
]

# 4. A term a dose is given at, told as determined in another study or part, is a reference;
# a study that determines it is the news.
REFERENCES = [
    (
        "treated-at-rp2d-established-in-fih",
        "Patients were treated at the RP2D of 1.2 mg/kg established in the first-in-human study.",
        set(),
    ),
    (
        "using-mtd-established-earlier",
        "The expansion cohort is using the MTD established in the earlier study.",
        set(),
    ),
    (
        "based-on-mtd-determined-in-study",
        "Dosing was based on the MTD determined in Study 101.",
        set(),
    ),
    (
        "received-at-mtd-determined-in-phase1",
        "Patients received XR-1 at the MTD determined in the Phase 1 trial, 300 mg.",
        set(),
    ),
    (
        "uses-rp2d-identified-in-phase1",
        "The Phase 2 trial uses the RP2D of 300 mg identified in the Phase 1 study.",
        set(),
    ),
    (
        "received-mtd-determined-during-escalation",
        "Patients in Part B received the MTD of 2.5 mg/kg determined during dose escalation.",
        set(),
    ),
    (
        "received-rp2d-which-had-been-established",
        "All patients received the RP2D, which had been established in the Phase 1a study.",
        set(),
    ),
    (
        "evaluating-at-rp2d-determined-in-phase1",
        "The Phase 2 trial is evaluating XR-1 at the RP2D of 300 mg determined in the Phase 1 "
        "study.",
        set(),
    ),
    (
        "treated-at-rp2d-comma-identified",
        "Patients in the expansion are treated at the RP2D, identified in the dose-escalation "
        "part of the trial.",
        set(),
    ),
    (
        "given-at-its-rp2d-selected-in-phase1",
        "XR-1 is given at its recommended Phase 2 dose of 300 mg, selected in the Phase 1 study.",
        set(),
    ),
    (
        "expansion-at-mtd-defined-in-part-a",
        "Dose expansion at the MTD defined in Part A has begun.",
        set(),
    ),
    # the news: a study that determines it, a term that is its clause's subject
    (
        "committee-selected-the-rp2d",
        "The safety review committee selected the RP2D of 300 mg.",
        {"RP2D 300 mg"},
    ),
    (
        "phase1-study-established-an-mtd",
        "The Phase 1 study established an MTD of 40 mg.",
        {"MTD 40 mg"},
    ),
    (
        "company-established-mtd-in-phase1",
        "The company established the MTD at 40 mg in the Phase 1 study.",
        {"MTD 40 mg"},
    ),
    (
        "mtd-established-in-study-was",
        "The MTD established in the first-in-human study was 300 mg.",
        {"MTD 300 mg"},
    ),
    (
        "at-rp2d-established-in-this-study",
        "At the RP2D of 300 mg established in this study, responses were seen in 4 of 10 patients.",
        {"RP2D 300 mg"},
    ),
    (
        "treated-at-the-rp2d-responses",
        "Patients were treated at the RP2D of 300 mg, and responses were observed in 5 patients.",
        {"RP2D 300 mg"},
    ),
]

# 5. "Not reached" when escalation is over is an outcome; while it goes on, or is to end
# later, it is none.
FINISHED_NOT_REACHED = [
    (
        "not-reached-escalation-concluded",
        "The MTD has not been reached and dose escalation has concluded.",
        {"MTD not-reached"},
    ),
    (
        "not-reached-escalation-over",
        "The MTD has not been reached and dose escalation is over.",
        {"MTD not-reached"},
    ),
    (
        "escalation-ended-not-reached",
        "Dose escalation has ended; the MTD has not been reached.",
        {"MTD not-reached"},
    ),
    (
        "completed-without-reaching",
        "Dose escalation completed without reaching an MTD.",
        {"MTD not-reached"},
    ),
    (
        "concluded-without-an-mtd-being-reached",
        "Dose escalation has concluded without an MTD being reached.",
        {"MTD not-reached"},
    ),
    (
        "concluded-without-any-mtd-identified",
        "Escalation concluded without any maximum tolerated dose having been identified.",
        {"MTD not-reached"},
    ),
    (
        "conclusion-of-escalation",
        "With the conclusion of dose escalation, the MTD has not been reached.",
        {"MTD not-reached"},
    ),
    # negatives: escalation goes on, or ends later
    (
        "not-yet-escalation-continues",
        "The MTD has not yet been reached, and escalation continues.",
        set(),
    ),
    (
        "not-reached-escalation-continues",
        "The MTD has not been reached; dose escalation continues.",
        set(),
    ),
    ("not-reached-alone", "The MTD has not been reached.", set()),
    (
        "continuing-without-an-mtd",
        "Dose escalation is continuing without an MTD being reached.",
        set(),
    ),
    (
        "escalation-to-be-completed",
        "The MTD has not been reached and dose escalation will be completed next year.",
        set(),
    ),
    (
        "escalation-planned-to-conclude",
        "The MTD has not been reached and dose escalation is planned to conclude in 2026.",
        set(),
    ),
]

# 6. Quoted achievements: a perfect infinitive ("pleased to have identified") or a perfect
# participle ("Having determined the MTD") is done, not an aim; hopes and plans stay none.
QUOTES = [
    (
        "pleased-to-have-identified-quoted",
        "\u201cWe are pleased to have identified the RP2D of 300 mg,\u201d said the CEO.",
        {"RP2D 300 mg"},
    ),
    (
        "pleased-to-have-identified",
        "We are pleased to have identified the RP2D of 300 mg.",
        {"RP2D 300 mg"},
    ),
    (
        "excited-to-have-established",
        "We are excited to have established the MTD at 40 mg twice daily.",
        {"MTD 40 mg"},
    ),
    (
        "delighted-to-have-selected",
        "We are delighted to have selected a recommended Phase 2 dose of 2 mg/kg.",
        {"RP2D 2 mg/kg"},
    ),
    (
        "completed-and-to-have-determined",
        "We are pleased to have completed dose escalation and to have determined the MTD of 40 mg.",
        {"MTD 40 mg"},
    ),
    (
        "having-determined",
        "Having determined the MTD, we are now moving into the expansion phase.",
        {"MTD -"},
    ),
    (
        "having-determined-quoted-with-dose",
        '"Having determined the MTD at 1.8 mg/kg, we will now open the expansion cohorts," '
        "said Dr. Smith.",
        {"MTD 1.8 mg/kg"},
    ),
    # negatives: hopes, plans, expectations, animals
    ("hope-to-have-identified", "We hope to have identified the RP2D by year-end.", set()),
    ("on-track-to-have-selected", "We are on track to have selected the RP2D by mid-2026.", set()),
    (
        "expect-to-have-determined",
        "We expect to have determined the MTD in the first half of 2026.",
        set(),
    ),
    ("look-forward-to-determining", "We look forward to determining the MTD.", set()),
    ("pleased-to-identify", "We will be pleased to identify the RP2D next year.", set()),
    (
        "having-determined-in-rats",
        "Having determined the MTD in rats, we began the first-in-human study.",
        set(),
    ),
]

ALL_CASES = IMPLICIT_RP2D + ANAPHORS + OTHER_CLAUSE + REFERENCES + FINISHED_NOT_REACHED + QUOTES


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in ALL_CASES])
def test_mtd_scope_by_category(text: str, expected: set[str]) -> None:
    """classify() reports exactly the expected MTD/RP2D events."""
    mtds = [e for e in classify(text) if isinstance(e, MtdOutcome)]
    assert summarize(list(mtds)) == expected
