"""Table-driven sentence tests: what classify() reports for one sentence (or a short text).

Each row is (id, text, expected) where expected is the set of event summaries:
"started 2", "completed 1b", "stopped -", "planned 3" for phase changes (phase "-" when none),
"MTD 168 mg/m2", "RP2D 300 mg", "MTD -" (determined, no number), "MTD not-reached".
"""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, PhaseChange, classify
from classifiers.events import Event


def summarize(events: list[Event]) -> set[str]:
    """One short string per event."""
    out: set[str] = set()
    for e in events:
        if isinstance(e, PhaseChange):
            out.add(f"{e.status} {e.phase or '-'}")
        elif isinstance(e, MtdOutcome):
            if e.not_reached:
                out.add(f"{e.kind} not-reached")
            elif e.dose is None:
                out.add(f"{e.kind} -")
            else:
                value = int(e.dose.value) if e.dose.value.is_integer() else e.dose.value
                out.add(f"{e.kind} {value} {e.dose.unit}")
    return out


PHASE_CASES = [
    # inline bullets: each item is its own sentence, so one item's modality stays in it
    (
        "inline-bullet-start-beside-an-expectation",
        "Recent highlights: • Dosed the first patient in the Phase 2 trial of AB-101 in gout "
        "• Expects to complete enrollment of the Phase 3 trial of AB-202 in 2027",
        {"started 2"},
    ),
    (
        "inline-bullet-start-after-a-conditional",
        "Highlights: • If approved, AB-5 would be the first oral therapy • Initiated the "
        "Phase 3 trial of AB-5 in lupus",
        {"started 3"},
    ),
    (
        "inline-bullet-mtd-beside-a-plan",
        "Highlights: • Established the MTD of AB-7 at 4 mg/kg every three weeks • Plan to "
        "start a Phase 2 trial of AB-7 in 2027",
        {"MTD 4 mg/kg", "planned 2"},
    ),
    # started
    (
        "initiated",
        "Acme Bio today announced that it has initiated a Phase 2 trial of AB-101 in "
        "patients with psoriasis.",
        {"started 2"},
    ),
    (
        "first-patient-dosed",
        "The first patient has been dosed in the Phase 1b study of ZT-44 in "
        "metastatic pancreatic cancer.",
        {"started 1b"},
    ),
    (
        "dosing-of-first-patient",
        "Helix announced the dosing of the first patient in its Phase I/II trial of HLX-9.",
        {"started 1/2"},
    ),
    ("doses-first-subject", "Orion Doses First Subject in Phase 1 Trial of OR-12", {"started 1"}),
    (
        "enrollment-commenced",
        "Enrollment has commenced in the Phase IIa study of tarvolimab in ulcerative colitis.",
        {"started 2a"},
    ),
    (
        "began-dosing",
        "The company began dosing patients in a Phase 3 trial of rovitinib.",
        {"started 3"},
    ),
    (
        "advanced-into",
        "KX-7 advanced into Phase 2 testing in hepatocellular carcinoma.",
        {"started 2"},
    ),
    (
        "roman-ib-ii",
        "Nuvo commenced its Phase Ib/II trial of NV-3 in gastric cancer.",
        {"started 1b/2"},
    ),
    (
        "now-in-phase",
        "Our lead antibody, now in Phase III testing, continues to enroll.",
        {"started 3"},
    ),
    (
        "first-patient-no-phase",
        "The first patient was dosed in the first-in-human study of QRT-5.",
        {"started -"},
    ),
    (
        "first-participant-vaccinated",
        "The first participant has been vaccinated in the Phase 1 trial of the vaccine candidate.",
        {"started 1"},
    ),
    ("now-recruiting", "The Phase 2b study is now recruiting patients in Europe.", {"started 2b"}),
    ("enrollment-opens", "Enrollment opens in the Phase 2 trial of AB-2.", {"started 2"}),
    ("got-underway", "The Phase 2 study of AB-1 got underway in March.", {"started 2"}),
    (
        "started-then-expected",
        "Acme announced that the Phase 2 trial has been initiated, with the first patient "
        "expected to be dosed next month.",
        {"started 2"},
    ),
    # completed
    (
        "successfully-completed",
        "The company has successfully completed its Phase 1 study of LX-2 in healthy volunteers.",
        {"completed 1"},
    ),
    (
        "completed-phase",
        "Veritas has completed its Phase 1 trial of VT-3 in healthy volunteers.",
        {"completed 1"},
    ),
    (
        "concluding-portion",
        "The review concluded the dose-escalation stage, thus concluding the "
        "Phase 1b portion of the Phase 1b/2 study.",
        {"completed 1b"},
    ),
    ("passed", "The vaccine candidate has passed a phase I trial in adults.", {"completed 1"}),
    # stopped
    (
        "clinical-hold",
        "The FDA placed a clinical hold on the Phase 1 trial of MX-2 after a "
        "serious adverse event.",
        {"stopped 1"},
    ),
    (
        "partial-hold-no-phase",
        "The FDA has issued a partial clinical hold on new enrollment in studies of the compound.",
        {"stopped -"},
    ),
    (
        "discontinued-phase3",
        "The Phase III study of BB-608 was discontinued after a planned futility analysis.",
        {"stopped 3"},
    ),
    (
        "terminated",
        "The company terminated its Phase 2 trial of lorvatide for business reasons.",
        {"stopped 2"},
    ),
    (
        "stop-early-efficacy",
        "The independent committee recommended stopping the Phase 3 trial early for efficacy.",
        {"stopped 3"},
    ),
    (
        "wind-down",
        "The company will wind down the Phase 2 trial after the interim review.",
        {"stopped 2"},
    ),
    ("scraps", "Acme Scraps Phase 3 Trial of AB-1 After Safety Review", {"stopped 3"}),
    (
        "hold-in-response",
        "The FDA placed the Phase 1 trial on clinical hold in response to a patient death.",
        {"stopped 1"},
    ),
    # planned
    (
        "plans-to-initiate",
        "Acme plans to initiate a Phase 2 trial of AB-101 in the second half of 2024.",
        {"planned 2"},
    ),
    (
        "expects-to-start",
        "The company expects to start the Phase 3 program next year.",
        {"planned 3"},
    ),
    (
        "ind-cleared",
        "The FDA cleared the IND for XR-1, allowing the company to proceed with a Phase 1 study.",
        {"planned 1"},
    ),
    (
        "cta-to-commence",
        "The MHRA approved the clinical trial application to commence a Phase I "
        "study of the compound.",
        {"planned 1"},
    ),
    ("will-enroll", "The Phase 2 trial will enroll up to 120 patients at 30 sites.", {"planned 2"}),
    ("will-initiate", "We will initiate the Phase 3 study in the first quarter.", {"planned 3"}),
    ("moving-into", "Based on these data we are moving into a Phase 2a study.", {"planned 2a"}),
    (
        "nominal-start-but-only-approved",
        "The ministry approved the company's application to "
        "conduct a Phase 1b trial, and screening will begin next quarter. The initiation of the "
        "Phase 1b trial represents a major step for us.",
        {"planned 1b"},
    ),
    (
        "headline-start-body-plan",
        "Acme Initiates Phase 2 Program for AB-1\nAcme announced that "
        "the FDA cleared its IND, allowing the company to begin a Phase 2 trial of AB-1.",
        {"planned 2"},
    ),
    (
        "headline-start-body-ind-only",
        "Acme Begins Phase 1 Program for AB-7\nAcme announced that the FDA has cleared the IND "
        "for AB-7.",
        {"planned 1"},
    ),
    (
        "headline-start-body-design",
        "Acme Initiates Phase 2 Trial of AB-1\nThe trial will enroll 120 patients with gout.",
        {"started 2"},
    ),
    # not phase changes
    (
        "enrollment-completed",
        "The company completed enrollment in its Phase 2 trial of PX-1.",
        set(),
    ),
    (
        "enrollment-halfway",
        "Enrollment in the pivotal Phase 3 trial has reached the halfway mark.",
        set(),
    ),
    ("topline-only", "Topline data from the Phase 2 trial showed a 40% response rate.", set()),
    (
        "hold-lifted",
        "The FDA lifted the clinical hold on the Phase 1 trial, and dosing will resume.",
        set(),
    ),
    (
        "dsmb-continue",
        "The data monitoring committee recommended that the Phase 3 trial "
        "continue without modification.",
        set(),
    ),
    (
        "new-cohort",
        "The company initiated the third cohort of its ongoing Phase 1 trial at 240 mg.",
        set(),
    ),
    (
        "expansion-phase",
        "The dose-escalation phase is complete and the expansion phase will begin shortly.",
        set(),
    ),
    (
        "disease-phase",
        "Patients with chronic phase CML who are resistant to imatinib were eligible.",
        set(),
    ),
    (
        "construction-phase",
        "Cambrook completed the first phase of the plant expansion and "
        "Phase 2 of the project is under way.",
        set(),
    ),
    (
        "previously-announced",
        "As previously announced, the company initiated a Phase 2 trial in March.",
        set(),
    ),
    (
        "completed-adjective",
        "Results from the completed Phase 1 study were presented at ASCO.",
        set(),
    ),
    (
        "patients-discontinued",
        "Two patients in the Phase 1 study discontinued treatment due to adverse events.",
        set(),
    ),
    (
        "investigator-initiated",
        "Data from an investigator-initiated Phase 2 trial were published.",
        set(),
    ),
    ("end-of-phase2", "The company held an End-of-Phase 2 meeting with the FDA.", set()),
    (
        "collaboration",
        "The companies entered into an agreement to evaluate the combination in a Phase 1/2 trial.",
        set(),
    ),
    (
        "risk-factor-hold",
        "Our trials could be placed on clinical hold if serious adverse events occur.",
        set(),
    ),
    (
        "cohort-halt",
        "The sponsor halted enrollment in the higher dose cohorts of the Phase 1 trial.",
        set(),
    ),
    ("ongoing-status", "The Phase 2 trial is ongoing at 12 sites in Europe.", set()),
    (
        "discontinued-operations",
        "Revenue from discontinued operations fell while the Phase 2 trial continued.",
        set(),
    ),
    (
        "terminated-license",
        "The company terminated the license agreement for its Phase 1 asset.",
        set(),
    ),
    (
        "escalation-portion-completed",
        "We completed the dose-escalation portion of the Phase 1 trial last month.",
        set(),
    ),
    (
        "recently-completed",
        "Data from the recently completed Phase 2 trial will be presented.",
        set(),
    ),
    (
        "initiated-in-year",
        "The Phase 3 trial, which was initiated in 2019, remains blinded.",
        set(),
    ),
    (
        "negated-start",
        "The Phase II portion of the study was not initiated because of slow accrual.",
        set(),
    ),
    (
        "escalation-completed",
        "Following completion of the Phase 1 dose escalation, the expansion cohort opened.",
        set(),
    ),
    (
        "textbook",
        "Phase 3 trials are typically initiated only after a Phase 2 trial is completed.",
        set(),
    ),
    (
        "restructuring-phase",
        "Phase 2 of the restructuring plan was completed in May.",
        set(),
    ),
    (
        "software-phase",
        "We completed Phase 1 of the software rollout.",
        set(),
    ),
    (
        "offering-to-fund",
        "The company commenced an underwritten offering to fund its Phase 3 trial.",
        set(),
    ),
    (
        "financing-completed",
        "Acme completed a $50 million financing to advance its Phase 2 program.",
        set(),
    ),
    (
        "patients-who-completed",
        "Patients who completed the Phase 1 study were eligible for the extension.",
        set(),
    ),
    (
        "shares-dropped",
        "Shares dropped the most in a year after the Phase 3 trial missed its endpoint.",
        set(),
    ),
    (
        "trading-halted",
        "Trading in the shares was halted pending news about the Phase 3 trial.",
        set(),
    ),
    (
        "enrollment-before-phase",
        "Enrollment in the Phase 2 trial of AB-1 completed ahead of schedule.",
        set(),
    ),
    (
        "had-issued",
        "In March, the company said the FDA had issued a clinical hold on the study.",
        set(),
    ),
]

PHASE_CASES += [
    # the dosing of a whole trial is done: a completion, with or without enrollment beside it
    (
        "completed-enrollment-and-dosing",
        "Acme has completed enrollment and dosing in its Phase 2 trial of AB-1 in gout.",
        {"completed 2"},
    ),
    (
        "completion-of-enrollment-and-dosing",
        "Acme announced the completion of enrollment and dosing in the Phase IIb study of AB-1.",
        {"completed 2b"},
    ),
    (
        "dosing-and-enrollment-completed",
        "Dosing and enrollment have been completed in the Phase 2/3 trial of AB-1.",
        {"completed 2/3"},
    ),
    (
        "dosing-has-been-completed",
        "Dosing has been completed in the Phase lll trial of AB-1.",
        {"completed 3"},
    ),
    (
        "completed-patient-dosing",
        "Acme completed patient dosing in its Phase 1 trial of AB-1.",
        {"completed 1"},
    ),
    (
        "dosing-of-all-participants",
        "Acme has completed enrollment and dosing of all participants in its Phase 1 study.",
        {"completed 1"},
    ),
    # … but enrollment alone, a cohort's dosing or patients finishing treatment is not
    (
        "completed-enrollment-only",
        "Acme has completed enrollment in its Phase 2 trial of AB-1 in gout.",
        set(),
    ),
    (
        "enrollment-then-began-dosing",
        "Acme completed enrollment and began dosing in its Phase 2 trial of AB-1.",
        {"started 2"},
    ),
    (
        "cohort-enrollment-and-dosing",
        "Acme completed enrollment and dosing of the first cohort in its Phase 1 trial of AB-1.",
        set(),
    ),
    (
        "patients-completed-treatment",
        "Patients who completed treatment in the Phase 2 trial of AB-1 kept their response.",
        set(),
    ),
]

# The trial's last visit done by every participant ("last patient last visit"): a completion,
# in several wordings; one patient's visit, the first patient's, or a visit still to come is not
PHASE_CASES += [
    (
        "final-visits-for-all",
        "Acme completed the final study visits for all participants in its Phase 2a trial of "
        "AB-101.",
        {"completed 2a"},
    ),
    (
        "last-patient-completed-final-visit",
        "The last patient completed the final visit in the Phase 3 study of AB-101.",
        {"completed 3"},
    ),
    (
        "all-participants-last-visit",
        "All participants have now completed their last study visit in the Phase 1 trial of AB-7.",
        {"completed 1"},
    ),
    (
        "gerund-after-dosing",
        "Acme reached a milestone by dosing 40 patients in its Phase 2 trial of AB-1 and "
        "completing the final study visits.",
        {"completed 2"},
    ),
    (
        "last-patient-last-visit",
        "Acme announced last patient, last visit in its Phase 2b trial of AB-101.",
        {"completed 2b"},
    ),
    (
        "last-patient-visit-object",
        "Acme completed the last patient visit in its Phase 2 study of AB-1 in gout.",
        {"completed 2"},
    ),
    (
        "last-participant-follow-up-visit",
        "The last participant completed the final follow-up visit in the Phase 1/2 trial of AB-1.",
        {"completed 1/2"},
    ),
    (
        "first-patient-final-visit",
        "The first patient completed the final visit in the Phase 3 trial of AB-1.",
        set(),
    ),
    (
        "some-patients-final-visit",
        "Forty patients have completed their final study visit in the Phase 2 trial of AB-1.",
        set(),
    ),
    (
        "patients-completing-final-visit",
        "Patients completing the final study visit of the Phase 2 trial may enter an extension "
        "study.",
        set(),
    ),
    (
        "final-visit-expected",
        "The last patient is expected to complete the final visit in the Phase 3 trial of AB-1 "
        "in May.",
        set(),
    ),
    (
        "final-visit-of-a-cohort",
        "Acme completed the final visit of the dose-escalation cohort in its Phase 1 trial of "
        "AB-1.",
        set(),
    ),
    (
        "upon-final-visits",
        "Upon completing the final study visits, the Phase 2 trial of AB-1 will be unblinded.",
        set(),
    ),
]

MTD_CASES = [
    (
        "mtd-established",
        "The MTD of XT-1, dosed every three weeks, has been established to be 168 mg/m².",
        {"MTD 168 mg/m2"},
    ),
    ("mtd-was", "The maximum tolerated dose was 2.4 mg/kg.", {"MTD 2.4 mg/kg"}),
    ("dose-as-mtd", "A dose of 300 mg twice daily was identified as the MTD.", {"MTD 300 mg"}),
    (
        "rp2d-at",
        "These toxicities established the MTD and recommended phase II dose (RP2D) at 300 mg bid.",
        {"MTD 300 mg", "RP2D 300 mg"},
    ),
    (
        "rp2d-mcg",
        "The recommended Phase 2 dose is 30 mcg/kg administered weekly.",
        {"RP2D 30 ug/kg"},
    ),
    ("rp2d-microgram-sign", "The RP2D was determined to be 2 µg/kg.", {"RP2D 2 ug/kg"}),
    ("g-per-m2", "The MTD was 1.5 g/m2 given on days 1 and 8.", {"MTD 1.5 g/m2"}),
    ("grams-flat", "The maximum tolerated dose of the supplement was 27 g/day.", {"MTD 27000 mg"}),
    (
        "two-schedules",
        "The MTD was reached at 375 mg on the seven-day schedule and 475 mg on the "
        "three-day schedule.",
        {"MTD 375 mg", "MTD 475 mg"},
    ),
    (
        "no-number",
        "The study achieved the determination of the maximum tolerated dose on the "
        "weekly schedule.",
        {"MTD -"},
    ),
    ("headline-identified", "Maximum Tolerated Dose Identified for Weekly Regimen", {"MTD -"}),
    (
        "not-determined",
        "After 12 dose levels, a maximum tolerated dose was not determined.",
        {"MTD not-reached"},
    ),
    ("range", "The MTD was determined to be 70-90 mg/m2.", {"MTD -"}),
    (
        "implicit-selected",
        "The dose selected for Phase II studies was 45 mg/m2 weekly.",
        {"RP2D 45 mg/m2"},
    ),
    (
        "implicit-should-use",
        "Phase II studies of the agent should use a daily dose of 6 mg/m2.",
        {"RP2D 6 mg/m2"},
    ),
    (
        "recommended-for-phase2",
        "A regimen of 80 mg/body/day for 14 days was recommended for early phase II studies.",
        {"RP2D 80 mg/body"},
    ),
    (
        "mtd-mg-m2-artefact",
        "The MTD in this schedule was 150 mg m À2 on days 1 and 2.",
        {"MTD 150 mg/m2"},
    ),
    (
        "established-rp2d-of",
        "The company established a recommended Phase 2 dose of 400 mg once daily.",
        {"RP2D 400 mg"},
    ),
    (
        "dose-selected-as-rp2d",
        "3 mg/kg every three weeks was selected as the RP2D.",
        {"RP2D 3 mg/kg"},
    ),
    (
        "paren-dose-then-verb",
        "The recommended Phase 2 dose (RP2D) of 400 mg QD was selected "
        "after review of all cohorts.",
        {"RP2D 400 mg"},
    ),
    (
        "mtd-and-rp2d-differ",
        "The MTD was 240 mg, and the RP2D has not been established.",
        {"MTD 240 mg"},
    ),
    (
        "not-reached-at-highest",
        "The MTD was not reached at 600 mg, the highest dose tested.",
        {"MTD not-reached"},
    ),
    (
        "recommended-for-phase2-after-dose",
        "Drug X at 300 mg/m2 every 3 weeks is recommended for phase II studies.",
        {"RP2D 300 mg/m2"},
    ),
    (
        "we-recommend",
        "We recommend 100 mg/m2 on days 1-5 for future phase II trials.",
        {"RP2D 100 mg/m2"},
    ),
    (
        "selection-headline",
        "Acme Announces Selection of Recommended Phase 2 Dose for AB-1",
        {"RP2D -"},
    ),
    (
        "two-populations",
        "The MTD was 30 mg/m2 for heavily pretreated patients and 40 mg/m2 for minimally "
        "pretreated patients.",
        {"MTD 30 mg/m2", "MTD 40 mg/m2"},
    ),
    ("exceeded", "The MTD was exceeded at 80 mg/m2.", set()),
    (
        "preclinical-far-away",
        "Consistent with the favorable profile seen in preclinical work, dose escalation in "
        "the clinic went smoothly and the MTD in patients was 5 mg/kg.",
        {"MTD 5 mg/kg"},
    ),
    # not outcomes
    ("at-the-rp2d-of", "Patients in the Phase 2 trial receive the RP2D of 300 mg daily.", set()),
    ("has-not-been-determined", "The MTD has not been determined.", set()),
    (
        "has-not-been-reached-complete",
        "Escalation through all planned dose levels is complete; the MTD has not been reached.",
        {"MTD not-reached"},
    ),
    ("objective", "The study is designed to determine the maximum tolerated dose of RX-3.", set()),
    ("objective-rp2d", "The primary endpoint is to establish the MTD and RP2D.", set()),
    ("not-yet", "The MTD has not yet been reached and dose escalation continues.", set()),
    (
        "interim-not-reached",
        "The maximum tolerated dose has not been reached, and enrollment in "
        "the next cohort is ongoing.",
        set(),
    ),
    ("animal", "In rats, the maximum tolerated dose was 50 mg/kg.", set()),
    (
        "well-below",
        "Tumor regressions were seen at doses well below the maximum tolerated dose.",
        set(),
    ),
    ("well-tolerated-up-to", "The drug was well tolerated at doses up to 600 mg daily.", set()),
    (
        "definition",
        "The MTD is defined as the highest dose at which fewer than one third of "
        "patients had a DLT.",
        set(),
    ),
    ("until-mtd", "Doses will be escalated until the MTD is reached.", set()),
    ("below-rp2d", "The results suggest that an RP2D below 390 mg/m2 is warranted.", set()),
    ("previous-mtd", "Patients received the previously established MTD of 10 mg/kg.", set()),
    ("mtd-cohort", "Twelve patients are being treated in the MTD expansion cohort.", set()),
    ("dose-cap", "Dosing resumed with doses capped at 3 mg/kg.", set()),
    (
        "treated-at-other-dose",
        "This MTD is based on toxicity in two patients treated at 223 mg/m².",
        set(),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in PHASE_CASES + MTD_CASES]
)
def test_sentence_yields_expected_events(text: str, expected: set[str]) -> None:
    """classify() on the sentence reports exactly the expected events."""
    assert summarize(classify(text)) == expected
