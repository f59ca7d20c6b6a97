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
