"""Phase-change recall, in our own wordings (invented names): the release inside an 8-K, text
hard-wrapped at ~70 columns, a headline that names no phase, and start, completion and stop cues
told in more ways; with the plans, boilerplate, enrollment and cohort milestones that must stay
silent."""

from __future__ import annotations

import pytest

from classifiers import PhaseChange, classify
from classifiers.context import parse_text
from classifiers.zones import parse_zones

Row = tuple[str, str | None, str | None]  # status, phase, drug


def changes(text: str) -> list[Row]:
    """(status, phase, drug) of every phase change in `text`."""
    return [(e.status, e.phase, e.drug) for e in classify(text) if isinstance(e, PhaseChange)]


def firm(text: str) -> set[Row]:
    """The alertable phase changes (not only planned) of `text`."""
    return {row for row in changes(text) if row[0] != "planned"}


# --- 1. zones: the release inside an 8-K, and text wrapped at ~70 columns ---------------------

COVER = (
    "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\n\n"
    "FORM 8-K\n\nCURRENT REPORT\n"
    "Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934\n\n"
    "Date of Report (Date of earliest event reported): March 3, 2025\n\n"
    "NORVALE BIOSCIENCES, INC.\n(Exact name of registrant as specified in its charter)\n\n"
    "Item 8.01 Other Events.\n\n"
    "On March 3, 2025, the Company issued a press release, a copy of which is attached as "
    "Exhibit 99.1.\n\n"
    "Item 9.01 Financial Statements and Exhibits.\n\n(d) Exhibits\n\n"
    "99.1 Press release dated March 3, 2025\n\n"
    "SIGNATURES\n\n"
    "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has "
    "duly caused this report to be signed.\n\n"
)
ABOUT = (
    "About Norvale Biosciences\n\n"
    "Norvale is a clinical-stage company. Norvale completed a Phase 1 trial of NV-100 and "
    "ceased development of NV-50.\n\n"
    "Forward-Looking Statements\n\n"
    "This press release contains forward-looking statements. We may decide not to continue the "
    "Phase 3 trial of NV-210, and we expect first patient dosed in our Phase 1 trial of NV-300 "
    "in Q2.\n"
)
MARKERS = ["Exhibit 99.1", "EXHIBIT 99.1", "EX-99.1", "Exhibit 99.1\n\nPress Release"]


@pytest.mark.parametrize("marker", MARKERS)
def test_the_exhibit_line_starts_the_release(marker: str) -> None:
    """After "Exhibit 99.1" (or "EX-99.1", a "Press Release" heading) the next heading is the
    headline and the dateline paragraph the lead, whatever the cover page held before."""
    text = (
        COVER + marker + "\n\n"
        "Norvale Biosciences Completes Phase 2 Trial of NV-210 in Gout\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced that it has "
        "completed the study, which enrolled 120 adults with gout.\n\n" + ABOUT
    )
    doc = parse_text(text)
    zones = dict(zip((s.text for s in doc.sentences), doc.zones, strict=True))
    assert zones["Norvale Biosciences Completes Phase 2 Trial of NV-210 in Gout"] == "headline"
    lead = next(s for s in zones if s.startswith("BOSTON"))
    assert zones[lead] == "lead"
    assert firm(text) == {("completed", "2", "NV-210")}


def test_the_lead_of_an_exhibit_tells_the_headlines_trial() -> None:
    """The lead's "the first patient in the trial" is the exhibit headline's Phase 2 trial."""
    text = (
        COVER + "EX-99.1\n\n"
        "Norvale Announces First Patient Dosed in Phase 2 Trial of NV-210\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced that the first "
        "participant in the trial has received NV-210.\n\n" + ABOUT
    )
    assert firm(text) == {("started", "2", "NV-210")}


def test_the_cover_page_is_not_the_headline() -> None:
    """The cover page's first lines are not the release's headline: a cover page alone names no
    topic phase, and an exhibit index line ("99.1 Press release …") starts no release."""
    blocks = parse_zones(COVER + "Exhibit 99.1\n\nNorvale Starts Phase 2 Trial of NV-210\n\n")
    heads = [b for b in blocks if b.zone == "headline"]
    assert heads, blocks
    assert all(b.start > len(COVER) for b in heads)


def test_an_exhibit_with_no_clinical_news_stays_silent() -> None:
    """A financing 8-K's exhibit: nothing to alert on."""
    text = (
        COVER + "Exhibit 99.1\n\n"
        "Norvale Biosciences Announces $40 Million Private Placement\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced that it has entered "
        "into a securities purchase agreement for a private placement that is expected to close "
        "on March 5, 2025.\n\n" + ABOUT
    )
    assert firm(text) == set()


WRAPPED = [
    # the dateline line is title-like, the sentence runs on in lower case
    (
        "Norvale Biosciences Completes Phase 2 Trial of NV-210 in Gout\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. (Nasdaq: NRVL) today\n"
        "announced that it has completed the study, which enrolled 120 patients\n"
        "with chronic gout at 20 sites in the United States.\n\n"
        '"We thank the patients," said Jane Roe, Chief Executive Officer of\n'
        "Norvale.\n\n" + ABOUT,
        {("completed", "2", "NV-210")},
    ),
    # the wrap falls after the company's name: the next line opens in upper case
    (
        "Norvale Starts Phase 2 Trial of NV-210\n\n"
        "CAMBRIDGE, Mass., June 9, 2025 /PRNewswire/ -- Norvale Therapeutics\n"
        "Corporation today announced that the first patient has been dosed in the\n"
        "trial, a randomized study of NV-210 in adults with gout.\n\n" + ABOUT,
        {("started", "2", "NV-210")},
    ),
    # a dateline lead with no phase in its first line, the phase on the next
    (
        "Norvale Reports Progress\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. (Nasdaq: NRVL), a\n"
        "clinical-stage company, today announced that it has initiated a Phase 2\n"
        "trial of NV-210 in adults with gout.\n\n" + ABOUT,
        {("started", "2", "NV-210")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), WRAPPED, ids=["lower", "upper", "phase-next"])
def test_a_wrapped_dateline_is_still_the_lead(text: str, expected: set[Row]) -> None:
    """A hard newline mid-sentence does not make the dateline's first line a heading."""
    doc = parse_text(text)
    lead = [s.text for s, z in zip(doc.sentences, doc.zones, strict=True) if z == "lead"]
    assert lead, list(zip(doc.zones, (s.text for s in doc.sentences), strict=True))
    assert lead[0].startswith(("BOSTON", "CAMBRIDGE")), lead
    assert firm(text) == expected


def test_wrapped_lines_of_a_quote_stay_one_paragraph() -> None:
    """A quote's first line ends on "of": it runs on, it is no heading."""
    text = (
        "Norvale Reports Progress\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced news.\n\n"
        '"We thank the patients," said Jane Roe, Chief Executive Officer of\n'
        "Norvale.\n"
    )
    quote = [b for b in parse_zones(text) if text[b.start : b.end].startswith('"')]
    assert len(quote) == 1
    assert text[quote[0].start : quote[0].end].endswith("Norvale.")
    assert quote[0].zone == "quote"


def test_a_headline_wrapped_over_two_lines_is_the_headline() -> None:
    """A long headline wrapped after "in" is one headline, its dateline paragraph the lead."""
    text = (
        "Norvale Biosciences Doses First Patient in Phase 2 Trial of NV-210 in\n"
        "Adults with Chronic Gout\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced that the first\n"
        "patient has been dosed in the trial.\n\n" + ABOUT
    )
    zones = [b.zone for b in parse_zones(text)]
    assert zones[:2] == ["headline", "lead"]
    assert firm(text) == {("started", "2", "NV-210")}


# --- 2. a headline with no phase takes the phase its lead states for the same event -----------

HEADLINED = [
    (
        "Norvale Doses First Patient in Trial of NV-210 for Gout\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced that its Phase 2 "
        "PROMISE trial, a randomized, double-blind, placebo-controlled, multicenter study of the "
        "efficacy and safety of NV-210 in adults with chronic gout, has dosed its first patient."
        "\n\n" + ABOUT,
        {("started", "2", "NV-210")},
    ),
    (
        "Norvale Doses First Patient in Trial of NV-210\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced a milestone in the "
        "Phase 2b SUMMIT trial evaluating NV-210 in adults with chronic gout at sites in Ohio."
        "\n\n" + ABOUT,
        {("started", "2b", "NV-210")},
    ),
    (
        "Norvale Announces Last Patient Out in Trial of NV-210\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced this milestone in "
        "its Phase 3 RESOLVE trial evaluating NV-210 in adults with chronic gout.\n\n" + ABOUT,
        {("completed", "3", "NV-210")},
    ),
    # the lead's only phase is a past trial's: the headline's start keeps no phase
    (
        "Norvale Doses First Patient in Trial of NV-210\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc., which completed its Phase 1 trial "
        "of NV-100 last year, today announced the milestone for NV-210 in adults with gout.\n\n"
        + ABOUT,
        {("started", None, "NV-210")},
    ),
    # two phases in the lead: none is taken
    (
        "Norvale Doses First Patient in Trial of NV-210\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced the milestone in its "
        "Phase 2 trial of NV-210 in gout and its Phase 3 trial of NV-300 in lupus.\n\n" + ABOUT,
        {("started", None, "NV-210")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), HEADLINED, ids=["far", "no-cue", "completed", "past-trial", "two"]
)
def test_a_phaseless_headline_takes_the_leads_phase(text: str, expected: set[Row]) -> None:
    """The headline's event takes the one trial phase the lead names for it."""
    assert firm(text) == expected


# --- 3. more wordings of starts, completions and stops -----------------------------------------

POSITIVES: list[tuple[str, list[Row]]] = [
    # starts
    (
        "Acme announced that the first healthy volunteer was dosed in its Phase 1 trial of AB-101.",
        [("started", "1", "AB-101")],
    ),
    (
        "Acme dosed the first healthy volunteers in the Phase 1 study of AB-101.",
        [("started", "1", "AB-101")],
    ),
    (
        "First pediatric patient dosed in the Phase 2 trial of AB-101 in gout.",
        [("started", "2", "AB-101")],
    ),
    (
        "Acme announced that its Phase 2 trial of AB-101 has received its first patient.",
        [("started", "2", "AB-101")],
    ),
    (
        "The Phase 3 study of AB-101 has received the first participant.",
        [("started", "3", "AB-101")],
    ),
    (
        "Acme announced first-patient-in for its Phase 2 trial of AB-101.",
        [("started", "2", "AB-101")],
    ),
    (
        "Acme reached the first-patient-in milestone in the Phase 1 study of AB-101.",
        [("started", "1", "AB-101")],
    ),
    (
        "The first cohort has been dosed in the Phase 1 trial of AB-101.",
        [("started", "1", "AB-101")],
    ),
    (
        "Acme announced that the first cohort of patients was dosed in its Phase 1 study of "
        "AB-101.",
        [("started", "1", "AB-101")],
    ),
    (
        "Acme announced first subject randomized in the Phase 3 trial of AB-101.",
        [("started", "3", "AB-101")],
    ),
    (
        "The first subject has been randomized in the Phase 2b study of AB-101.",
        [("started", "2b", "AB-101")],
    ),
    # completions
    (
        "Acme announced that the Phase 2 study of AB-101 is complete.",
        [("completed", "2", "AB-101")],
    ),
    (
        "The Phase 1 trial of AB-101 in healthy volunteers is now complete.",
        [("completed", "1", "AB-101")],
    ),
    (
        "Acme announced last patient out in its Phase 3 trial of AB-101.",
        [("completed", "3", "AB-101")],
    ),
    (
        "Acme reached the last-patient-out milestone in the Phase 2 trial of AB-101.",
        [("completed", "2", "AB-101")],
    ),
    (
        "Acme announced last patient last visit in its Phase 3 trial of AB-101.",
        [("completed", "3", "AB-101")],
    ),
    (
        "The Phase 2 study of AB-101 reached last-patient-last-visit in May.",
        [("completed", "2", "AB-101")],
    ),
    # stops
    ("Acme ceased development of AB-101 after its Phase 2 trial.", [("stopped", "2", "AB-101")]),
    ("Acme has ceased its Phase 1 trial of AB-101 in gout.", [("stopped", "1", "AB-101")]),
    ("Acme decided not to continue the Phase 2 trial of AB-101.", [("stopped", "2", "AB-101")]),
    (
        "After a portfolio review, Acme elected not to continue its Phase 1 study of AB-101.",
        [("stopped", "1", "AB-101")],
    ),
    ("Acme withdrew its Phase 1 trial of AB-101.", [("stopped", "1", "AB-101")]),
    ("Acme has withdrawn the Phase 2 study of AB-101 in gout.", [("stopped", "2", "AB-101")]),
    ("Acme ended its Phase 2 trial of AB-101 in gout.", [("stopped", "2", "AB-101")]),
    ("Acme has ended the Phase 3 study of AB-101 early.", [("stopped", "3", "AB-101")]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES, ids=[c[0][:60] for c in POSITIVES])
def test_more_wordings_of_a_change(text: str, expected: list[Row]) -> None:
    """Each wording gives its change, its phase and its drug."""
    assert changes(text) == expected


PLANS: list[str] = [
    "Acme expects first patient dosed in Q2 in its Phase 2 trial of AB-101.",
    "Acme expects the first healthy volunteer to be dosed in the Phase 1 trial of AB-101.",
    "Acme is expecting first-patient-in for the Phase 2 trial of AB-101 in the fourth quarter.",
    "Acme expects last patient out in the Phase 3 trial of AB-101 in mid-2026.",
    "Acme plans to cease development of AB-101 after the Phase 2 trial.",
    "Acme may decide not to continue the Phase 2 trial of AB-101.",
    "Acme could withdraw its Phase 1 trial of AB-101 if funding is not secured.",
    "Acme expects the Phase 2 study of AB-101 to be complete by year end.",
    "Once the Phase 2 trial of AB-101 is complete, Acme will seek a partner.",
]


@pytest.mark.parametrize("text", PLANS, ids=[t[:50] for t in PLANS])
def test_plans_are_not_events(text: str) -> None:
    """An expected, planned, possible or conditional change never alerts."""
    assert firm(text) == set()


NEGATIVES: list[str] = [
    # enrollment completion is not a phase completion
    "Enrollment is complete in the Phase 2 trial of AB-101.",
    "Enrollment in the Phase 2 trial of AB-101 is complete.",
    "Enrollment has been completed in the Phase 2 trial of AB-101.",
    "Patient recruitment is now complete in the Phase 3 study of AB-101.",
    "Accrual was completed in the Phase 1 study of AB-101.",
    # a new cohort, part or dose level inside one Phase 1 is not a start
    "Acme dosed the first patient in the second cohort of its Phase 1 trial of AB-101.",
    "The first cohort has been dosed in the Phase 1b expansion of AB-101.",
    "Acme dosed the first cohort in Part B of its Phase 1 trial of AB-101.",
    "The first cohort at the third dose level has been dosed in the Phase 1 study of AB-101.",
    "Acme opened a new cohort in its Phase 1 trial of AB-101 after the first cohort was dosed "
    "at the second dose level.",
    # patients who withdrew, trials that ended a period, quarters ended
    "Patients who withdrew from the Phase 2 trial of AB-101 were replaced.",
    "Two participants withdrew from the Phase 1 study of AB-101 for personal reasons.",
    "Acme ended the quarter with $40 million, and its Phase 2 trial of AB-101 continues.",
    "For the year ended December 31, 2024, costs of the Phase 2 trial of AB-101 rose.",
    "The first patient received 10 mg of AB-101 in the Phase 1 trial and the next received 20 mg.",
    "Acme withdrew its guidance while its Phase 2 trial of AB-101 continues.",
    "Acme ceased trading on the exchange while its Phase 2 trial of AB-101 continued.",
    # results and a design: no completion
    "Acme reported that the analysis of the Phase 2 study of AB-101 is complete.",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:50] for t in NEGATIVES])
def test_milestones_that_are_not_phase_changes(text: str) -> None:
    """Enrollment done, a cohort inside one trial, withdrawals of patients: no change."""
    assert firm(text) == set()


def test_boilerplate_with_the_new_cues_stays_silent() -> None:
    """About and forward-looking paragraphs that use the new cues yield nothing."""
    text = (
        "Norvale Reports Corporate Update\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced a new office.\n\n"
        + ABOUT
    )
    assert firm(text) == set()


def test_a_release_with_no_clinical_content_never_alerts() -> None:
    """A non-clinical release with the new words (ceased, ended, withdrew, first cohort)."""
    text = (
        "Harbor Freight Lines Reports Fourth Quarter Results\n\n"
        "DALLAS, Feb. 3, 2025 -- Harbor Freight Lines today announced results for the quarter "
        "ended December 31, 2024. The company ceased operations at two terminals, withdrew its "
        "outlook for 2025 and ended its share repurchase program. The first cohort of drivers "
        "has completed training, and the second phase of the depot project is complete.\n\n"
        "About Harbor Freight Lines\n\nHarbor Freight Lines is a carrier.\n"
    )
    assert firm(text) == set()


def test_an_exhibit_headline_start_yields_to_a_body_that_only_plans() -> None:
    """As at the top of a release: the exhibit's headline start over an IND clearance is a
    plan (the body labels it)."""
    text = (
        COVER + "Exhibit 99.1\n\n"
        "Norvale Launches Phase 2 Trial of NV-210 in Gout\n\n"
        "BOSTON, March 3, 2025 -- Norvale Biosciences, Inc. today announced that the FDA has "
        "cleared its IND application for a Phase 2 trial of NV-210 in adults with gout.\n\n" + ABOUT
    )
    assert firm(text) == set()


def test_last_patient_out_with_no_phase_in_its_sentence() -> None:
    """ "Last patient out" in a trial's sentence is its completion."""
    assert firm("Acme announced last patient out in the trial of AB-101.") == {
        ("completed", None, "AB-101")
    }
