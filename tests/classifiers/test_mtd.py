"""MTD/RP2D outcomes by category: what classify() reports for a sentence or a short text.

Each row is (id, text, expected) with the summaries of tests/classifiers/test_sentences.py:
"MTD 168 mg/m2", "RP2D 300 mg", "MTD -" (determined, no number), "MTD not-reached". Every
category has several wordings and its negatives; the sentences are our own.
"""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, classify
from tests.classifiers.test_sentences import summarize

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"

# A dose stated in its own clause belongs to the term of that clause; each dose is an event.
DOSE_LINKING = [
    (
        "mtd-and-rp2d-two-clauses",
        "The MTD was 250 mg BID, and the RP2D was set at 200 mg BID.",
        {"MTD 250 mg", "RP2D 200 mg"},
    ),
    (
        "mtd-and-rp2d-semicolon",
        "The maximum tolerated dose was 12 mg/kg; the recommended Phase 2 dose is 8 mg/kg.",
        {"MTD 12 mg/kg", "RP2D 8 mg/kg"},
    ),
    (
        "mtd-and-dose-recommended-for-phase2",
        "It appeared that the maximum tolerated dose is 80 mg/m2, and the dose recommended "
        "for phase II trials is 60 mg/m2 every three weeks.",
        {"MTD 80 mg/m2", "RP2D 60 mg/m2"},
    ),
    (
        "mtd-then-regimen-selected",
        "The MTD was 30 mg/kg, while the regimen selected for Phase 2 studies was 20 mg/kg.",
        {"MTD 30 mg/kg", "RP2D 20 mg/kg"},
    ),
    (
        "coordinated-terms-share-the-dose",
        "The study established both the maximum tolerated dose (MTD) and the recommended "
        "Phase 2 dose (RP2D) at 60 mg/m2.",
        {"MTD 60 mg/m2", "RP2D 60 mg/m2"},
    ),
    (
        "slash-terms-share-the-dose",
        "These DLTs set the MTD/RP2D at 300 mg bid.",
        {"MTD 300 mg", "RP2D 300 mg"},
    ),
    (
        "respectively",
        "The MTD and the RP2D were 250 mg and 200 mg, respectively.",
        {"MTD 250 mg", "RP2D 200 mg"},
    ),
    ("gapped-verb", "The MTD was 250 mg and the RP2D 200 mg.", {"MTD 250 mg", "RP2D 200 mg"}),
    (
        "phase2-dose-without-recommended",
        "The maximally tolerated dose was 18 mg/m2/day and the phase II dose was determined "
        "to be 12 mg/m2/day.",
        {"MTD 18 mg/m2", "RP2D 12 mg/m2"},
    ),
    (
        "dose-recommended-for-further-testing",
        "A dose of 275 mg/m2 is recommended for further clinical testing.",
        {"RP2D 275 mg/m2"},
    ),
    ("coordinated-not-established", "The MTD and RP2D have not been established.", set()),
    (
        "mtd-and-rp2d-shared-dose",
        "The MTD and RP2D were both determined to be 300 mg once daily.",
        {"MTD 300 mg", "RP2D 300 mg"},
    ),
    (
        "rp2d-set-no-break-space",
        f"Because of ocular toxicity, the RP2D was set at 200{NBSP}mg BID.",
        {"RP2D 200 mg"},
    ),
    (
        "rp2d-set-narrow-space",
        f"The RP2D was set at 200{NNBSP}mg twice daily (4 days on/3 days off).",
        {"RP2D 200 mg"},
    ),
    (
        "mtd-thin-space",
        f"The maximum tolerated dose was 250{THIN}mg BID.",
        {"MTD 250 mg"},
    ),
    ("mtd-transcoding-mark", "The maximum tolerated dose was 250?mg BID.", {"MTD 250 mg"}),
    (
        "two-doses-shared-unit",
        "The MTDs were 30 and 40 mg/kg on the weekly and every-two-week schedules, respectively.",
        {"MTD 30 mg/kg", "MTD 40 mg/kg"},
    ),
    (
        "two-doses-shared-unit-per-population",
        "The MTD was determined to be 30 or 40 mg/m2 in pretreated or untreated patients.",
        {"MTD 30 mg/m2", "MTD 40 mg/m2"},
    ),
    (
        "background-mtd-other-schedule-clause",
        "The MTD of the every-three-weeks schedule, established in an earlier study, is "
        "168 mg/m2; on the weekly schedule the MTD was determined to be 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "background-mtd-pluperfect",
        "While the MTD for daily dosing had been established at 300 mg, the MTD for the "
        "intermittent schedule was determined to be 450 mg.",
        {"MTD 450 mg"},
    ),
    (
        "background-mtd-previously",
        "Previously, the MTD on the every-three-weeks schedule was 168 mg/m2. "
        "On the weekly schedule, the MTD was determined to be 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "predicate-after-a-cohort-modifier",
        "The MTD in the dose-escalation cohort was 45 mg/m2.",
        {"MTD 45 mg/m2"},
    ),
    (
        "predicate-after-an-aside",
        "The MTD, based on DLTs in cycle 1, was 45 mg/m2.",
        {"MTD 45 mg/m2"},
    ),
    (
        "predicate-skips-the-dose-of-the-aside",
        "The MTD, based on the DLTs seen at 400 mg, was 300 mg.",
        {"MTD 300 mg"},
    ),
    (
        "predicate-skips-the-partner-dose",
        "The MTD of XR-1 given with 75 mg/m2 docetaxel was 1.2 mg/kg.",
        {"MTD 1.2 mg/kg"},
    ),
    (
        "previously-treated-patients-are-no-background",
        "The MTD for patients previously treated with chemotherapy was 30 mg/m2.",
        {"MTD 30 mg/m2"},
    ),
    (
        "no-predicate-dose-of-another-drug",
        "The RP2D of 300 mg daily is being used in the Phase 2 trial with 50 mg of YZ-2.",
        set(),
    ),
    (
        "while-clause-dose-is-the-rp2d",
        "The MTD was 250 mg bid, while 200 mg bid was chosen as the RP2D.",
        {"MTD 250 mg", "RP2D 200 mg"},
    ),
    (
        "and-clause-dose-is-the-rp2d",
        "MTD was 250 mg/m2 and 200 mg/m2 is recommended for phase II.",
        {"MTD 250 mg/m2", "RP2D 200 mg/m2"},
    ),
    (
        "rp2d-one-level-below-the-mtd",
        "A dose of 200 mg/m2 every 3 weeks is recommended for phase II trials, one level below "
        "the MTD of 250 mg/m2.",
        {"RP2D 200 mg/m2"},
    ),
    (
        "exceeded-then-declared",
        "The MTD was exceeded at 80 mg/m2; 60 mg/m2 was declared the MTD.",
        {"MTD 60 mg/m2"},
    ),
    ("exceeded-dose-before", "At 80 mg/m2, the dose exceeded the MTD.", set()),
    (
        "exceeded-anaphor",
        "Two patients had dose-limiting toxicities at 80 mg/m2. This dose exceeded the MTD.",
        set(),
    ),
]

# MTD/RP2D stated without the usual words, or with an outcome verb of another shape.
WORDINGS = [
    (
        "considered-to-be-anaphor",
        "At a dose of 45 mg/m2, treatment could not be given as planned because of "
        "neutropenia. This dose level was considered to be the MTD.",
        {"MTD 45 mg/m2"},
    ),
    (
        "deemed-anaphor",
        "Two of three patients treated at 12 mg/kg had a dose-limiting toxicity. "
        "That dose was deemed the maximum tolerated dose.",
        {"MTD 12 mg/kg"},
    ),
    (
        "considered-dose-before",
        "Two DLTs occurred at 160 mg, and 120 mg once daily was considered to be the MTD.",
        {"MTD 120 mg"},
    ),
    (
        "considered-dose-after",
        "The maximum tolerated dose was considered to be 8 mg/kg.",
        {"MTD 8 mg/kg"},
    ),
    (
        "anaphor-needs-one-dose",
        "Patients received 10, 20 and 40 mg/kg. This dose level was considered to be the MTD.",
        {"MTD -"},
    ),
    (
        "dose-and-schedule-selected-anaphor",
        "A dose of 100 mg/m2 given weekly three out of four weeks was well tolerated. "
        "Ten patients were treated at the dose and schedule selected for Phase II studies.",
        {"RP2D 100 mg/m2"},
    ),
    (
        "prior-therapies-are-no-background",
        "Eight patients, all of whom had received multiple prior therapies, were treated at "
        "the dose selected for Phase 2 studies.",
        {"RP2D -"},
    ),
    ("prior-mtd-is-background", "Patients received the prior MTD of 10 mg/kg.", set()),
    (
        "regimen-chosen-for-phase2",
        "The regimen chosen for the Phase 2 trial was 20 mg twice daily.",
        {"RP2D 20 mg"},
    ),
    (
        "dose-selected-no-value",
        "Patients were treated at the dose selected for Phase 2 development.",
        {"RP2D -"},
    ),
    (
        "recommended-daily-dose-same-as-mtd",
        "The recommended daily dose was determined to be the same as the single-agent MTD of 8 mg.",
        {"RP2D 8 mg"},
    ),
    (
        "same-as-reference-in-parentheses",
        "The recommended daily dose of XR-1 when combined with YZ-2 was determined to be the "
        "same as the single agent MTD (8 mg).",
        {"RP2D 8 mg"},
    ),
    (
        "same-as-two-word-modifier",
        "A recommended daily dose determined to be the same as the single agent maximum "
        "tolerated dose of 8 mg was well tolerated.",
        {"RP2D 8 mg"},
    ),
    (
        "established-a-recommended-daily-dose",
        "The Phase 1b portion established a recommended daily dose of XR-1, when given with "
        "YZ-2, that is the same as the single-agent MTD of 8 mg.",
        {"RP2D 8 mg"},
    ),
    (
        "aims-to-establish-a-recommended-dose",
        "The study aims to establish a recommended daily dose of XR-1.",
        set(),
    ),
    ("plans-to-establish", "Acme will establish a recommended dose for the combination.", set()),
    (
        "recommended-combination-dose-established",
        "The recommended combination dose has been established at 150 mg twice daily.",
        {"RP2D 150 mg"},
    ),
    (
        "establishing-rp2d",
        "The company completed dose escalation, establishing a recommended Phase 2 dose "
        "of 0.39 mg/kg.",
        {"RP2D 0.39 mg/kg"},
    ),
    (
        "identifying-rp2d",
        "Escalation ended after the sixth cohort, identifying an RP2D of 600 mg QD.",
        {"RP2D 600 mg"},
    ),
    (
        "determining-mtd",
        "The dose-escalation part is complete, having determined an MTD of 2.4 mg/kg.",
        {"MTD 2.4 mg/kg"},
    ),
    ("resulted-in", "Dose escalation resulted in an MTD of 250 mg.", {"MTD 250 mg"}),
    ("yielded", "The trial yielded an MTD of 250 mg twice daily.", {"MTD 250 mg"}),
    ("showed-to-be", "Data showed the MTD to be 250 mg.", {"MTD 250 mg"}),
    ("misspelt-maximum", "The maximun tolerated dose was 45 mg/m2.", {"MTD 45 mg/m2"}),
    ("leading-dot-decimal", "The MTD was .6 mg/kg.", {"MTD 0.6 mg/kg"}),
    (
        "recommended-dose-for-expansion",
        "The recommended dose for expansion (RDE) was determined to be 6 mg/kg.",
        {"RP2D 6 mg/kg"},
    ),
    (
        "selected-as-the-dose-for-phase2",
        "The company selected 300 mg once daily as the dose for the Phase 2 portion of the study.",
        {"RP2D 300 mg"},
    ),
    (
        "go-forward-dose",
        "300 mg QD was chosen as the go-forward dose for Phase 2.",
        {"RP2D 300 mg"},
    ),
    (
        "optimal-dose-to-take-into-phase2",
        "The Phase 1 study identified 2 mg/kg as the optimal dose to take into Phase 2.",
        {"RP2D 2 mg/kg"},
    ),
    (
        "dose-chosen-for-further-development",
        "The dose chosen for further development is 300 mg twice daily.",
        {"RP2D 300 mg"},
    ),
    (
        "suggested-for-phase2",
        "A dose of 1,000 mg/m2 is suggested for phase II studies.",
        {"RP2D 1000 mg/m2"},
    ),
    (
        "proposed-for-phase2",
        "The dose proposed for phase II trials is 40 mg/m2 daily for 5 days.",
        {"RP2D 40 mg/m2"},
    ),
    (
        "phase2-recommended-dose-word-order",
        "The phase II recommended dose (RD) is 100 mg/m2 on day 1 every 3 weeks.",
        {"RP2D 100 mg/m2"},
    ),
    (
        "which-was-considered-the-mtd",
        "Dose-limiting toxicity was observed at 150 mg/m2, which was considered the MTD.",
        {"MTD 150 mg/m2"},
    ),
    (
        "established-both",
        "The Phase 1 trial established both the MTD and the RP2D.",
        {"MTD -", "RP2D -"},
    ),
    (
        "established-both-with-dose",
        "Dose escalation has established both the MTD and RP2D at 10 mg/kg.",
        {"MTD 10 mg/kg", "RP2D 10 mg/kg"},
    ),
]

# A dose-less outcome takes the one value the document names for the term elsewhere.
NAMED_ELSEWHERE = [
    (
        "headline-outcome-body-value",
        "Acme Identifies Maximum Tolerated Dose in Phase 1 Trial of XR-1\n\nSix patients were "
        "treated at the MTD of 250 mg twice daily, and two had grade 3 rash.",
        {"MTD 250 mg"},
    ),
    (
        "headline-outcome-body-label",
        "Acme Announces Maximum Tolerated Dose Identified in Phase 1 Trial of XR-1\n\nSix "
        "patients were treated at 45 mg/m2 (the MTD) and two had grade 3 rash.",
        {"MTD 45 mg/m2"},
    ),
    (
        "label-without-outcome",
        "Six patients were treated at 45 mg/m2 (the MTD) and two had grade 3 rash.",
        set(),
    ),
    (
        "no-outcome-no-value",
        "The MTD has not yet been determined.\n\nSix patients were treated at the MTD of 250 mg.",
        set(),
    ),
    (
        "two-values-stay-apart",
        "Acme Identifies Maximum Tolerated Dose in Phase 1 Trial of XR-1\n\nPatients were treated "
        "at the MTD of 250 mg, and in a second cohort at the MTD of 300 mg.",
        {"MTD -"},
    ),
    (
        "animal-value-is-not-named",
        "The MTD was determined.\n\nIn rats, the MTD of 250 mg/kg was higher.",
        {"MTD -"},
    ),
]

# Results reported at an RP2D that the sentence gives a value: the Phase 1's RP2D is reported.
REPORTED_AT = [
    (
        "responses-at-the-dose-phase2-dose-level",
        "Tumor biomarker reductions were observed in 5 of 7 evaluable patients at the 4.9 mg "
        "Phase 2 dose level.",
        {"RP2D 4.9 mg"},
    ),
    (
        "results-at-the-rp2d-of",
        "Patients treated at the RP2D of 300 mg showed a response rate of 40%.",
        {"RP2D 300 mg"},
    ),
    # negatives
    (
        "rp2d-without-value",
        "Patients receiving the RP2D had better progression-free survival than those at "
        "lower doses.",
        set(),
    ),
    (
        "later-trial-uses-it",
        "Responses were observed in the Phase 2 trial at the 300 mg Phase 2 dose.",
        set(),
    ),
    (
        "phase2-dose-ranging",
        "The company will start a Phase 2 dose-ranging trial of 100 mg and 300 mg.",
        set(),
    ),
    ("future-phase2-dose", "The 300 mg Phase 2 dose will be evaluated next year.", set()),
]

# Headlines and short forms: the verb before the term, no dose.
HEADLINES = [
    (
        "headline-selects",
        "Acme Selects Recommended Phase 2 Dose of XR-1 and Advances to Phase 2",
        {"RP2D -"},
    ),
    ("headline-announces", "Acme Announces Recommended Phase 2 Dose for XR-1", {"RP2D -"}),
    (
        "headline-identifies",
        "Acme Identifies Maximum Tolerated Dose in Phase 1 Trial of XR-1",
        {"MTD -"},
    ),
    ("dose-level-no-value", "The MTD was dose level 3.", {"MTD -"}),
    (
        "we-recommend-decimal",
        "Based on these results, we recommend a dose of 1.5 mg/m2 for phase II studies.",
        {"RP2D 1.5 mg/m2"},
    ),
    (
        "chosen-after-dose",
        "The RP2D of 10 mg/kg Q3W was chosen based on safety, PK and efficacy data.",
        {"RP2D 10 mg/kg"},
    ),
    (
        "future-after-the-dose-is-another-clause",
        "The MTD is 10 mg/kg and will be used in the Phase 2 trial.",
        {"MTD 10 mg/kg"},
    ),
    # negatives
    ("headline-plans", "Acme Announces Plans to Determine the RP2D in 2026", set()),
    (
        "headline-designed-to",
        "Acme Announces First Patient Dosed in Phase 1 Trial Designed to Identify the MTD",
        set(),
    ),
    ("future-before-the-dose", "The RP2D will be 10 mg/kg.", set()),
    ("dose-for-phase2-planned", "The dose for the Phase 2 trial will be selected in 2026.", set()),
    (
        "dose-for-phase2-in-use",
        "Patients in the Phase 2 trial receive a dose for Phase 2 of 300 mg.",
        set(),
    ),
    (
        "tolerated-at-the-mtd-of",
        "Results from the trial showed that XR-1 was well tolerated at the MTD of 250 mg.",
        set(),
    ),
    ("to-be-determined", "Patients will receive the RP2D to be determined in Part A.", set()),
    ("to-be-identified", "The MTD, to be identified in Part A, will be used in Part B.", set()),
]

# Interim, subordinate and negation words count only inside the term's own clause.
CLAUSE_SCOPE = [
    (
        "interim-word-in-another-clause",
        "Having established both the MTD and RP2D, the company continues to enroll patients "
        "in the expansion cohort.",
        {"MTD -", "RP2D -"},
    ),
    (
        "ongoing-other-portion",
        "The Phase 1 portion, which established both the MTD and the RP2D, is complete and "
        "the Phase 2 portion is ongoing.",
        {"MTD -", "RP2D -"},
    ),
    (
        "ongoing-after-semicolon",
        "The MTD was established; enrollment in the expansion cohort is ongoing.",
        {"MTD -"},
    ),
    (
        "long-subject-same-as-reference",
        "The recommended daily dose of XR-1 in combination with YZ-2 was determined to be the "
        "same as its single-agent MTD of 8 mg, and enrollment in the expansion cohort is "
        "expected to complete in 2026.",
        {"RP2D 8 mg"},
    ),
    (
        "before-in-a-closed-clause",
        "Based on data from all 30 patients enrolled before the cut-off, the RP2D was set at 8 mg.",
        {"RP2D 8 mg"},
    ),
    (
        "absolute-participle",
        "With the RP2D of 12 mg/kg established, the company plans to begin Phase 2 in 2026.",
        {"RP2D 12 mg/kg"},
    ),
    (
        "negation-belongs-to-the-other-term",
        "No MTD was identified and the RP2D was determined to be 12 mg/kg.",
        {"MTD not-reached", "RP2D 12 mg/kg"},
    ),
    (
        "yet-in-its-own-clause",
        "Results showed the MTD of XR-1 to be 8 mg/kg, and no MTD has yet been defined for "
        "the combination.",
        {"MTD 8 mg/kg"},
    ),
    # negatives
    (
        "once-clause-to-its-comma",
        "Once the dose escalation step is finished and the recommended Phase 2 dose is "
        "identified, more patients will be enrolled.",
        set(),
    ),
    ("until-clause", "Until the MTD is reached, dose escalation will continue.", set()),
    ("determination-ongoing", "Determination of the MTD and RP2D is ongoing.", set()),
    ("not-yet-with-dose", "The MTD has not yet been reached at 10 mg/kg.", set()),
]

# Not outcomes: objectives, plans, interim notes, animals, labels, hypotheticals.
NEGATIVES = [
    ("objective", "The primary objective is to determine the MTD and RP2D of XR-5.", set()),
    ("will-establish", "The study will establish the recommended Phase 2 dose.", set()),
    ("expected-to-select", "The RP2D is expected to be selected in the first half of 2026.", set()),
    ("plan-to-identify", "We plan to identify the MTD by year-end.", set()),
    ("anticipates-determining", "The company anticipates determining the RP2D in Q3.", set()),
    ("dose-to-be-selected", "The dose to be selected for Phase 2 studies is not known.", set()),
    ("not-yet", "The MTD has not yet been reached.", set()),
    (
        "interim-not-reached",
        "Dose escalation is ongoing and the MTD has not been reached.",
        set(),
    ),
    (
        "finished-without-reaching",
        "Dose escalation was completed without reaching the MTD.",
        {"MTD not-reached"},
    ),
    (
        "not-reached-highest-level",
        "The maximum tolerated dose was not reached at the highest dose level of 1200 mg.",
        {"MTD not-reached"},
    ),
    (
        "completed-without-identifying",
        "All six dose levels were completed without identifying an MTD.",
        {"MTD not-reached"},
    ),
    ("pluperfect-at-cutoff", "The MTD had not been reached at the time of data cutoff.", set()),
    (
        "pluperfect-escalation-complete",
        "The MTD had not been reached when escalation was completed at 12 mg/kg.",
        {"MTD not-reached"},
    ),
    ("animal-dogs", "In a 28-day toxicology study in dogs, the MTD was 30 mg/kg.", set()),
    ("animal-mice", "The MTD in mice was 100 mg/kg.", set()),
    (
        "animal-primates",
        "Nonhuman primate studies established an MTD of 10 mg/kg.",
        set(),
    ),
    ("rp2d-in-use", "The RP2D of 300 mg daily is being used in the Phase 2 trial.", set()),
    (
        "approved-label",
        "The recommended dose of the approved drug is 200 mg every three weeks.",
        set(),
    ),
    (
        "hypothetical-example",
        "Here is a simplified example of a successful Phase 1 trial: the drug is well "
        "tolerated. DLT in the seventh cohort. MTD established at the sixth dose level.",
        set(),
    ),
    ("hypothetical-imagine", "Imagine a trial in which the MTD is reached at 10 mg/kg.", set()),
    ("hypothetical-suppose", "Suppose the MTD was established at 200 mg.", set()),
]

# Words of another clause (after ";", ", and", ", but", a fronted "although ...,") do not
# qualify a term: an objective or a background MTD in one clause leaves the next clause's
# outcome standing, and a "not reached" there does not negate the RP2D of the next.
CLAUSE_BREAKS = [
    (
        "objective-then-semicolon",
        "The aim of the study was to determine the MTD; the MTD was 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "objective-then-and",
        "The objective was to determine the MTD, and the MTD was found to be 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "fronted-objective-then-and",
        "To determine the MTD, patients received escalating doses, and the MTD was 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "background-then-and-now",
        "Previously the MTD on the every-3-week schedule was 168 mg/m2, and the MTD on the "
        "weekly schedule has now been determined to be 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "background-in-a-whereas-clause",
        "Whereas an earlier study set the MTD at 168 mg/m2, this study determined the MTD to "
        "be 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "background-then-but",
        "Historical data put the MTD at 168 mg/m2, but in this trial the MTD was 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "plan-in-an-although-clause",
        "Although patients were planned to receive up to 300 mg, the MTD was 200 mg.",
        {"MTD 200 mg"},
    ),
    (
        "expectation-in-another-clause",
        "Enrollment was expected to take a year, and the MTD was 200 mg.",
        {"MTD 200 mg"},
    ),
    (
        "design-in-another-clause",
        "The study was designed with six cohorts, and the MTD was 200 mg.",
        {"MTD 200 mg"},
    ),
    (
        "objective-in-its-own-clause",
        "Escalation continues, and the study aims to determine the MTD.",
        set(),
    ),
    (
        "background-in-its-own-clause",
        "Dosing was weekly, but previously the MTD was 168 mg/m2.",
        set(),
    ),
    (
        "subordinate-in-its-own-clause",
        "Enrollment continues, and once the MTD is reached at 200 mg, expansion begins.",
        set(),
    ),
    (
        "restated-term-is-one",
        "The maximum tolerated dose, or MTD, was 45 mg/m2.",
        {"MTD 45 mg/m2"},
    ),
    (
        "restated-term-objective",
        "The study aims to determine the maximum tolerated dose (MTD) of XR-1.",
        set(),
    ),
    (
        "not-reached-then-semicolon-rp2d",
        "The MTD was not reached; the RP2D was 400 mg.",
        {"MTD not-reached", "RP2D 400 mg"},
    ),
    (
        "not-reached-then-and-rp2d",
        "The MTD was not reached, and the RP2D was 400 mg.",
        {"MTD not-reached", "RP2D 400 mg"},
    ),
    (
        "not-reached-although-rp2d-selected",
        "Although the MTD was not reached, 400 mg was selected as the RP2D.",
        {"MTD not-reached", "RP2D 400 mg"},
    ),
    (
        "no-mtd-then-rp2d-set",
        "No MTD was identified, and the RP2D was set at 400 mg QD.",
        {"MTD not-reached", "RP2D 400 mg"},
    ),
    (
        "rp2d-not-determined-own-clause",
        "Escalation is complete, but the RP2D was not determined.",
        set(),
    ),
]

# More ways a text gives the dose: a fronted "For Phase II …, … recommended", an amount
# "selected for Phase 2" without the word dose, "announced the RP2D of", the RPTD spelling,
# a dose written as an adjective ("the 45-mg/m2 dose level"), and a reference MTD of another
# schedule or agent ("compared with", "versus", "below the single-agent MTD") left out.
MORE_WORDINGS = [
    (
        "fronted-for-phase2-passive",
        "For phase II trials, a dose of 30 mg/m2 is recommended.",
        {"RP2D 30 mg/m2"},
    ),
    (
        "fronted-for-phase2-active",
        "For phase II studies, we recommend 30 mg/m2 weekly.",
        {"RP2D 30 mg/m2"},
    ),
    (
        "fronted-for-future-phase2",
        "For future phase 2 trials, 1.2 mg/kg every 3 weeks is recommended.",
        {"RP2D 1.2 mg/kg"},
    ),
    (
        "fronted-future",
        "For phase II trials, a dose will be recommended after escalation.",
        set(),
    ),
    ("fronted-plan", "For phase II, Acme plans to recommend 30 mg/m2.", set()),
    (
        "amount-selected-for-phase2",
        "300 mg BID was selected for the Phase 2 portion of the study.",
        {"RP2D 300 mg"},
    ),
    (
        "amount-chosen-for-phase2",
        "1.2 mg/kg every 3 weeks was chosen for Phase II.",
        {"RP2D 1.2 mg/kg"},
    ),
    ("drug-selected-for-phase2", "XR-1 was selected for the Phase 2 program.", set()),
    ("amount-to-be-selected", "300 mg will be selected for Phase 2.", set()),
    ("amount-selected-for-phase3", "300 mg was selected for the Phase 3 trial.", set()),
    (
        "announced-the-rp2d-of",
        "Acme announced the recommended Phase 2 dose of 300 mg once daily for XR-1.",
        {"RP2D 300 mg"},
    ),
    ("reported-the-mtd-of", "Investigators reported the MTD of 2.4 mg/kg.", {"MTD 2.4 mg/kg"}),
    ("announced-before", "Acme previously announced the MTD of 2.4 mg/kg.", set()),
    ("rptd", "The RPTD was 1.2 mg/kg.", {"RP2D 1.2 mg/kg"}),
    ("rptd-future", "The RPTD will be determined in Part A.", set()),
    (
        "previous-trial-then-this-trial",
        "In a previous Phase 1 trial, the MTD was 300 mg; in this trial, the MTD was 400 mg.",
        {"MTD 400 mg"},
    ),
    (
        "previously-treated-patients",
        "In previously treated patients, the MTD was 60 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "compared-with-single-agent-mtd",
        "The MTD of XR-1 with YZ-2 was 200 mg, compared with a single-agent MTD of 400 mg.",
        {"MTD 200 mg"},
    ),
    (
        "below-the-single-agent-mtd",
        "The RP2D of the combination is 200 mg, one dose level below the single-agent MTD "
        "of 300 mg.",
        {"RP2D 200 mg"},
    ),
    (
        "versus-other-schedule-mtd",
        "The weekly MTD was 60 mg/m2 versus the every-3-week MTD of 168 mg/m2.",
        {"MTD 60 mg/m2"},
    ),
    (
        "hyphenated-dose-before-the-term",
        "The 45-mg/m2 dose level was determined to be the MTD.",
        {"MTD 45 mg/m2"},
    ),
    ("hyphenated-dose-predicate", "The MTD was the 250-mg dose.", {"MTD 250 mg"}),
    (
        "hyphenated-dose-rp2d",
        "The recommended Phase 2 dose was the 1.2-mg/kg dose given every three weeks.",
        {"RP2D 1.2 mg/kg"},
    ),
    (
        "pronoun-gives-a-second-value",
        "On schedule A the MTD was 12 mg/m2; on schedule B it was 20 mg/m2.",
        {"MTD 12 mg/m2", "MTD 20 mg/m2"},
    ),
    (
        "pronoun-after-and",
        "The MTD was 12 mg/m2 on the weekly schedule, and on the daily schedule it was "
        "determined to be 4 mg/m2.",
        {"MTD 12 mg/m2", "MTD 4 mg/m2"},
    ),
    (
        "pronoun-after-not-reached",
        "For schedule B, the MTD was not reached; for schedule A it was 12 mg/m2.",
        {"MTD not-reached", "MTD 12 mg/m2"},
    ),
    (
        "pronoun-tolerated-is-no-value",
        "The MTD was 12 mg/m2; it was well tolerated at 20 mg/m2 in a second cohort.",
        {"MTD 12 mg/m2"},
    ),
    (
        "pronoun-exceeded-is-no-value",
        "The MTD was 12 mg/m2, and it was exceeded at 20 mg/m2.",
        {"MTD 12 mg/m2"},
    ),
    ("range-of-two-whole-doses", "The MTD was 0.3 mg/kg\u20130.6 mg/kg.", {"MTD -"}),
]

ALL_CASES = (
    DOSE_LINKING
    + MORE_WORDINGS
    + WORDINGS
    + NAMED_ELSEWHERE
    + REPORTED_AT
    + HEADLINES
    + CLAUSE_SCOPE
    + CLAUSE_BREAKS
    + NEGATIVES
)


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in ALL_CASES])
def test_mtd_outcomes_by_category(text: str, expected: set[str]) -> None:
    """classify() reports exactly the expected MTD/RP2D events."""
    mtds = [e for e in classify(text) if isinstance(e, MtdOutcome)]
    assert summarize(list(mtds)) == expected


RELEASE = """Acme Therapeutics Reports First Quarter 2026 Results

BOSTON, May 5, 2026 -- Acme Therapeutics, Inc. today reported results for the first quarter.
Enrollment in the ongoing Phase 2 trial of AC-1 continues as planned.

About Acme Therapeutics
Acme is a clinical-stage company. Its Phase 1 trial of AC-1 established the MTD at 10 mg/kg,
and the recommended Phase 2 dose was determined to be 8 mg/kg.

Forward-Looking Statements
This press release contains forward-looking statements, including the expected RP2D of AC-2
and our plans to determine the maximum tolerated dose. Actual results may differ materially.
"""


def test_about_and_forward_looking_paragraphs_give_no_mtd() -> None:
    """An MTD in the "About" section or the safe-harbor paragraph is not the release's news."""
    assert [e for e in classify(RELEASE) if isinstance(e, MtdOutcome)] == []


def test_the_same_outcome_in_the_body_is_found() -> None:
    """The control: the same sentence in the body is an outcome."""
    body = RELEASE.replace(
        "Enrollment in the ongoing",
        "The Phase 1 trial of AC-1 established the MTD at 10 mg/kg. Enrollment in the ongoing",
    )
    assert summarize([e for e in classify(body) if isinstance(e, MtdOutcome)]) == {"MTD 10 mg/kg"}


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        pytest.param(
            "The RP2D was set at 200 mg BID (4 days on/3 days off, 3 out of 4 weeks).",
            "BID, 4 days on/3 days off, 3 out of 4 weeks",
            id="all-parts-after-the-dose",
        ),
        pytest.param(
            "The MTD was 250 mg BID, and the RP2D was 200 mg QD.", "BID", id="stops-at-the-clause"
        ),
        pytest.param(
            "The MTD of XT-1, dosed every three weeks, was 168 mg/m2.",
            "every three weeks",
            id="near-the-term",
        ),
    ],
)
def test_schedule_of_the_first_event(text: str, schedule: str) -> None:
    """The schedule is every part written after the dose in its clause, else the term's."""
    mtds = [e for e in classify(text) if isinstance(e, MtdOutcome)]
    assert mtds[0].schedule == schedule
