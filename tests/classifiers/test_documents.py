"""Document-level tests on short releases and abstracts written for these tests.

Each row: (id, text, announces a phase change, reports an MTD/RP2D outcome), as defined in the
contract: a phase change is an event whose status is not planned.
"""

from __future__ import annotations

import pytest

from classifiers import MtdOutcome, PhaseChange, classify

DOCS: dict[str, tuple[str, bool, bool]] = {
    "pr_start": (
        "Zentra Therapeutics Announces First Patient Dosed in Phase 2b Trial of ZT-201 "
        "in Moderate-to-Severe Atopic Dermatitis\n\nBOSTON, March 4, 2024 (GLOBE NEWSWIRE) "
        "-- Zentra Therapeutics, Inc. (Nasdaq: ZNTR), a clinical-stage biotechnology "
        "company, today announced that the first patient has been dosed in its Phase 2b "
        "clinical trial evaluating ZT-201 in adults with moderate-to-severe atopic "
        "dermatitis. The randomized, double-blind, placebo-controlled trial is expected "
        "to enroll approximately 240 patients across 60 sites in the U.S. and Europe. "
        'Topline data are expected in the first half of 2025.\n\n"Dosing the first patient '
        'in this Phase 2b study is an important milestone," said Jane Doe, M.D., Ph.D., '
        'Chief Medical Officer of Zentra. "We previously completed a Phase 1 study in '
        "healthy volunteers in which ZT-201 was well tolerated at doses up to 600 "
        'mg."\n\nAbout ZT-201\nZT-201 is an oral small molecule inhibitor. In a completed '
        "Phase 1 trial, ZT-201 was well tolerated. The Company plans to initiate a Phase "
        "3 program in 2026.\n\nForward-Looking Statements\nThis press release contains "
        "forward-looking statements within the meaning of the Private Securities "
        "Litigation Reform Act of 1995, including statements regarding the initiation "
        "and completion of clinical trials. Our Phase 2b trial may be placed on clinical "
        "hold or terminated.\n",
        True,
        False,
    ),
    "pr_hold": (
        "Kappa Bio Announces FDA Partial Clinical Hold on KB-9 Phase 1/2 Study\nSAN "
        "DIEGO, Jan. 8, 2023 -- Kappa Bio, Inc. today announced that the U.S. Food and "
        "Drug Administration has placed a partial clinical hold on the Phase 1/2 study "
        "of KB-9 in patients with relapsed AML following a Grade 5 event. Patients "
        "currently enrolled may continue treatment. The company will work with the FDA "
        "to resolve the hold.",
        True,
        False,
    ),
    "pr_lifted": (
        "Kappa Bio Announces FDA Lifts Partial Clinical Hold on KB-9\nKappa Bio today "
        "announced that the FDA has lifted the partial clinical hold on the Phase 1/2 "
        "study of KB-9. The company expects to resume enrollment in the second quarter. "
        "As previously announced, the FDA placed the study on partial clinical hold in "
        "January.",
        False,
        False,
    ),
    "abs_mtd": (
        "Background: LX-77 is a selective inhibitor. Methods: Patients received LX-77 "
        "orally once daily in 28-day cycles using a 3+3 design. Results: Twenty-four "
        "patients were treated at five dose levels (50-400 mg). Dose-limiting toxicities "
        "of grade 3 rash occurred at 400 mg. The MTD was established as 300 mg once "
        "daily, which was selected as the recommended phase 2 dose. Conclusions: LX-77 "
        "was well tolerated.",
        False,
        True,
    ),
    "abs_objective": (
        "A phase I study to determine the maximum tolerated dose and recommended phase "
        "II dose of RX-5 in solid tumors. Patients will receive escalating doses of RX-5 "
        "until the MTD is reached. The primary objective is to establish the RP2D. "
        "Enrollment is ongoing.",
        False,
        False,
    ),
    "pr_complete": (
        "Orbit Pharma Completes Phase 1 Trial of OP-3 and Advances to Phase 2\nOrbit "
        "Pharma announced today that it has completed its Phase 1 clinical trial of OP-3 "
        "in healthy volunteers. Based on these results, the company plans to initiate a "
        "Phase 2 trial in patients with gout later this year.",
        True,
        False,
    ),
    "pr_enrollment": (
        "Delta Therapeutics Completes Enrollment in Phase 3 STAR Trial\nDelta "
        "Therapeutics today announced completion of patient enrollment in its pivotal "
        "Phase 3 STAR trial of DT-11 in migraine. Topline results are expected in the "
        "fourth quarter. The Phase 3 program, which began in 2021, includes two trials.",
        False,
        False,
    ),
    "pr_ind": (
        "Nova Announces FDA Clearance of IND for NV-12\nNova Biosciences today announced "
        "that the FDA has cleared its Investigational New Drug application for NV-12. "
        "The company expects to dose the first patient in a Phase 1 trial in the third "
        "quarter of 2024.",
        False,
        False,
    ),
    "pr_discontinue": (
        "Theta Bio to Discontinue Development of TB-4 Following Phase 2 Results\nTheta "
        "Bio announced that the Phase 2 trial of TB-4 in NASH did not meet its primary "
        "endpoint. As a result, the company has decided to discontinue development of "
        "TB-4 and will reduce its workforce by 30%.",
        True,
        False,
    ),
    "earnings": (
        "Sigma Reports Fourth Quarter Results\nSigma reported revenue of $12.1 million. "
        "Research and development expenses increased due to costs of our ongoing Phase 3 "
        "trial. During the quarter we completed a $75 million public offering. Net loss "
        "was $20.3 million.",
        False,
        False,
    ),
    "pr_dsmb": (
        "Independent DMC Recommends Continuation of Phase 3 Trial\nLambda Pharma "
        "announced that the independent data monitoring committee completed its planned "
        "interim analysis of the Phase 3 LUMOS trial and recommended that the trial "
        "continue without modification.",
        False,
        False,
    ),
    "abs_nr": (
        "Patients received RZ-1 weekly at doses from 0.5 to 12 mg/kg. Dose escalation "
        "was completed through all 8 planned dose levels. No dose-limiting toxicities "
        "were observed, and the maximum tolerated dose was not reached. Pharmacokinetics "
        "were dose proportional.",
        False,
        True,
    ),
    "pr_interim": (
        "Epsilon reports interim Phase 1 data: 18 patients have been treated across four "
        "dose levels up to 8 mg/kg. The maximum tolerated dose has not been reached and "
        "dose escalation continues.",
        False,
        False,
    ),
    "pr_trial_stop_eff": (
        "Omega Announces Phase 3 Trial Stopped Early for Efficacy\nOmega today announced "
        "that the independent Data Monitoring Committee recommended stopping the Phase 3 "
        "OMEGA-1 trial early after the prespecified interim analysis showed overwhelming "
        "efficacy.",
        True,
        False,
    ),
    "abs_rp2d_range_nr": (
        "In this phase I trial, 31 patients received AZ-4 at 8 dose levels from 20 to "
        "640 mg. The maximum tolerated dose was not identified; the recommended phase II "
        "dose was defined as 480 mg twice daily based on pharmacokinetic saturation.",
        False,
        True,
    ),
    "abs_bsa": (
        "Forty patients were treated. Dose-limiting neutropenia occurred at 100 mg/m2. "
        "The MTD was 75 mg/m(2) given on days 1 and 8 every 21 days.",
        False,
        True,
    ),
    "abs_ug": (
        "The maximum tolerated dose of the cytokine was 10 µg/kg/day; the recommended "
        "dose for phase II studies is 8 µg/kg/day administered subcutaneously.",
        False,
        True,
    ),
    "abs_gm2": (
        "Escalation proceeded from 1.0 to 3.0 g/m2. The MTD of the infusion was "
        "determined to be 2.5 g/m2.",
        False,
        True,
    ),
    "abs_combination": (
        "This phase Ib study evaluated ZX-1 plus paclitaxel. ZX-1 could be combined with "
        "paclitaxel at its recommended single agent dose without additional toxicity.",
        False,
        True,
    ),
    "pr_mtd_pr": (
        "Helios Announces Determination of Maximum Tolerated Dose in Phase 1 Trial of "
        "HL-7\nHelios today announced that the maximum tolerated dose of HL-7 has been "
        "determined at 12 mg/kg administered every two weeks. The company plans to "
        "initiate a Phase 2 trial in the second half of the year.",
        False,
        True,
    ),
    "pr_mtd_animal": (
        "Preclinical data showed that HX-1 was active in mouse models at doses well "
        "below the maximum tolerated dose. The company expects to file an IND next year.",
        False,
        False,
    ),
    "8k_item801": (
        'Item 8.01 Other Events.\nOn May 2, 2022, Rho Therapeutics, Inc. (the "Company") '
        "announced that it has initiated dosing in its Phase 1 clinical trial of RT-100 "
        "in patients with solid tumors.\nItem 9.01 Financial Statements and Exhibits.\n(d) "
        "Exhibits\n99.1 Press Release dated May 2, 2022",
        True,
        False,
    ),
    "news_rewrite": (
        "Rho begins human testing of cancer drug. Rho Therapeutics said on Monday it has "
        "started a Phase 1 study of its experimental drug RT-100, sending its shares up "
        "12%. The company said it expected data in 2023.",
        True,
        False,
    ),
    "pr_ph2_start_expansion": (
        "Sigma Initiates Phase 1b Expansion Cohort\nSigma announced the initiation of the "
        "Phase 1b expansion cohort of its ongoing Phase 1 trial of SG-4 at the "
        "recommended dose.",
        False,
        False,
    ),
    "pr_complete_dosing": (
        "Tau Completes Dosing in Phase 1 Trial\nTau Biotech announced that dosing has "
        "been completed in all cohorts of its Phase 1 single ascending dose trial of "
        "TU-8. The company expects to report results next quarter.",
        True,
        False,
    ),
    "pr_terminated": (
        "Upsilon announced that it has terminated its Phase 2b trial of UP-3 in "
        "psoriasis following a strategic review.",
        True,
        False,
    ),
    "pr_suspend": (
        "Phi Pharma has voluntarily paused enrollment and dosing in its Phase 1/2 trial "
        "of PH-2 pending review of a serious adverse event.",
        True,
        False,
    ),
    "pr_resume": (
        "Phi Pharma announced that the FDA has removed the clinical hold and the company "
        "has resumed dosing in its Phase 1/2 trial.",
        False,
        False,
    ),
    "cml_phase": (
        "Patients in accelerated phase or blast phase CML were excluded. The Phase 2 "
        "trial of PN-2 continues to enroll.",
        False,
        False,
    ),
    "pr_moved_to_ph3": (
        "Chi Biotech has moved its lead asset, CB-3, into Phase 3 with the first patient "
        "randomized in the CHI-301 trial.",
        True,
        False,
    ),
    "pr_2a_part_b": (  # a new part inside one ongoing trial is not a phase change (issue 11)
        "Psi Therapeutics today announced the initiation of Part B of its Phase 2a trial of PS-5.",
        False,
        False,
    ),
    "abs_trial_in_progress": (
        "Background: XYZ-1 is a novel inhibitor. Methods: This open-label phase II trial "
        "(NCT01234567) is enrolling patients with relapsed lymphoma. The primary "
        "endpoint is overall response rate. Enrollment began in March 2015 and is "
        "ongoing; 40 of 60 planned patients have been enrolled.",
        False,
        False,
    ),
    "abs_phase1_results_no_mtd": (
        "Results: 18 patients received doses from 1 to 8 mg/kg. No DLTs occurred. Dose "
        "escalation is continuing. Conclusions: ABC-2 was well tolerated up to 8 mg/kg.",
        False,
        False,
    ),
    "pr_topline_ph3": (
        "Gamma Announces Positive Topline Results from Phase 3 GEMINI Trial\nGamma today "
        "announced positive topline results from its Phase 3 GEMINI trial of GX-4 in "
        "hypertension. The trial met its primary endpoint. The company plans to submit "
        "an NDA in 2025.",
        False,
        False,
    ),
    "pr_ph2_completed_results": (
        "Beta Completes Phase 2 Study of BT-9; Reports Positive Results\nBeta Pharma "
        "announced today that it has completed its Phase 2 study of BT-9 in fibromyalgia "
        "and that the study met its primary endpoint.",
        True,
        False,
    ),
    "pr_8k_officer": (
        "Item 5.02 Departure of Directors or Certain Officers. On June 1, 2023, the "
        "Board appointed Jane Roe as Chief Medical Officer. Dr. Roe previously led the "
        "Phase 3 development of several oncology drugs at a large pharmaceutical "
        "company, where she initiated more than ten Phase 1 trials.",
        False,
        False,
    ),
    "pr_dosing_complete_cohort": (
        "Kappa announced that dosing is complete in the third cohort of its Phase 1 SAD "
        "study and the safety review committee approved escalation to the fourth cohort.",
        False,
        False,
    ),
    "pr_hold_voluntary": (
        "Mu Therapeutics today announced that it has voluntarily paused dosing in its "
        "Phase 1 trial of MU-1 to evaluate a serious adverse event. The FDA subsequently "
        "placed the trial on clinical hold.",
        True,
        False,
    ),
    "pr_first_patient_ph3_japan": (
        "Nu Pharma Announces First Patient Enrolled in Japanese Phase III Study of NP-2 "
        "in Gastric Cancer",
        True,
        False,
    ),
    "abs_mtd_two_schedules": (
        "On schedule A (days 1-5 every 21 days) the MTD was 25 mg/m2/day; on schedule B "
        "(days 1 and 8) the MTD was 40 mg/m2.",
        False,
        True,
    ),
    "pr_collab_ph2": (
        "Xi and Omicron Enter Clinical Collaboration to Evaluate XI-5 in Combination "
        "with Pembrolizumab in a Phase 2 Trial. The trial is expected to begin in the "
        "first half of 2024.",
        False,
        False,
    ),
    "pr_fda_accept_ind_start": (
        "Pi Bio Announces FDA Acceptance of IND and Initiation of Phase 1 Trial of "
        "PB-7\nPi Bio announced that the FDA has accepted its IND and that the company "
        "has initiated a Phase 1 trial of PB-7, with the first patient dosed on May 5.",
        True,
        False,
    ),
    "pr_rho_terminated_agreement": (
        "Rho terminated its license agreement with Sigma for the Phase 2 asset RX-9, "
        "effective immediately.",
        False,
        False,
    ),
    "abs_japanese": (
        "A phase I study of KW-2 was conducted in 20 patients. The dose was escalated "
        "from 50 to 400 mg/body. The MTD was considered to be 300 mg/body and the "
        "recommended dose for phase II study was 250 mg/body.",
        False,
        True,
    ),
    "interview_final_visits": (
        "# Omega Bio Lists on a New Exchange and Reaches a Clinical Milestone\n\n"
        "--Wire Service--\n\n"
        "The chief executive of Omega Bio spoke with a reporter about the listing of the "
        "company's shares on a larger exchange.\n\n"
        "He also said that Omega Bio reached a milestone by dosing 48 patients with OB-12 "
        "eye drops in its Phase 2a study and completing the final study visits for all "
        "participants. Topline data are expected next quarter.\n\n"
        "Contact: editor@example.com\n",
        True,
        False,
    ),
    "pr_first_patient_final_visits": (
        "# Omega Bio Activates All Sites and Marks First Patients Completing Phase 3 Trial\n\n"
        "BOSTON, May 2, 2025 -- Omega Bio today announced that all 80 sites of its Phase 3 "
        "trial of OB-12 are active. The first patients have completed their final study visit, "
        "and patients who complete the final visit may join an open-label extension. "
        "The last patient is expected to complete the final visit in 2026.\n\n"
        "About Omega Bio\n\nOmega Bio develops eye medicines.\n",
        False,
        False,
    ),
}


@pytest.mark.parametrize(
    ("text", "phase_change", "mtd"),
    [pytest.param(text, pc, mtd, id=name) for name, (text, pc, mtd) in DOCS.items()],
)
def test_document_level_decisions(text: str, phase_change: bool, mtd: bool) -> None:
    """The document announces a phase change / MTD outcome exactly when labeled so."""
    events = classify(text)
    firm = any(isinstance(e, PhaseChange) and e.status != "planned" for e in events)
    assert (firm, any(isinstance(e, MtdOutcome) for e in events)) == (phase_change, mtd)
