"""The document model (zones, dateline date) and the clause-scoped rules it feeds, as tables of
sentences written for these tests (positives and negatives of each category)."""

from __future__ import annotations

from datetime import date

import pytest

from classifiers import PhaseChange, classify
from classifiers.entities import find_drugs
from classifiers.voice import parse_voice
from classifiers.zones import parse_date, parse_zones

RELEASE = (
    "# Acme Starts Phase 2 Trial of AB-101\n\n"
    "BOSTON, March 3, 2025 /PRNewswire/ -- Acme Bio today announced that it dosed the first "
    "patient in its Phase 2 trial of AB-101 in gout.\n\n"
    " About Acme Inc.\n\n"
    "Acme completed a Phase 1 trial of AB-7 and is in a Phase 3 trial of AB-9.\n\n"
    "Forward-Looking Statements\n\n"
    "This release contains forward-looking statements within the meaning of the Act. The "
    "imposition of a clinical hold on our Phase 3 trial could delay us.\n\n"
    "Media Contact\nJane Roe\n555-0100\n\n"
    "| Milestone | Date |\n| Phase 3 trial initiated | 2026 |\n\n"
    "---\n[Original release](https://example.com/acme)\n"
)


def _firm(text: str) -> set[str]:
    return {
        f"{e.status} {e.phase}"
        for e in classify(text)
        if isinstance(e, PhaseChange) and e.status != "planned"
    }


def test_zones_of_a_whole_release() -> None:
    """Headline, lead, About, safe harbor, contacts, table and footer each get their zone."""
    zones = [b.zone for b in parse_zones(RELEASE)]
    assert zones[:2] == ["headline", "lead"]
    for zone in ("about", "forward_looking", "contacts", "table", "footer"):
        assert zone in zones


def test_boilerplate_zones_yield_no_event() -> None:
    """Only the lead's start is news; About, safe harbor and the milestone table are not."""
    assert _firm(RELEASE) == {"started 2"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PARIS, 8 July 2025 - Acme said", date(2025, 7, 8)),
        ("NEW YORK, Jan. 5, 2024 /Wire/ -- Acme", date(2024, 1, 5)),
        ("No date here.", None),
    ],
)
def test_dateline_date(text: str, expected: date | None) -> None:
    """The first date near the top is the document's date."""
    assert parse_date(text) == expected


CASES = [
    # conditionals: the trigger's scope runs to the cue with no comma between
    (
        "cond-with",
        "With successful completion of the Phase 3 trial of AB-1, Acme will file.",
        set(),
    ),
    (
        "cond-upon",
        "Upon completion of these Phase 2 trials, Acme intends on initiating Phase 3.",
        set(),
    ),
    ("cond-once", "Once the Phase 1 study of AB-1 is finished, expansion will follow.", set()),
    (
        "cond-negative",
        "Acme completed the Phase 2 trial of AB-1, and will meet the FDA.",
        {"completed 2"},
    ),
    # a relative clause about the trial's future keeps the main clause's start firm
    (
        "rel-will-enroll",
        "Acme has initiated dosing in a Phase 2b study of AB-1 that will enroll 600 patients.",
        {"started 2b"},
    ),
    (
        "rel-which-will",
        "Acme started a Phase 3 trial of AB-1, which will run for two years.",
        {"started 3"},
    ),
    ("rel-negative", "Acme will start a Phase 3 trial of AB-1 that enrolls 600 patients.", set()),
    # background: dated well before the dateline
    (
        "dated-old",
        "BOSTON, June 2, 2025 -- In December 2023, Acme initiated a Phase 2 trial of AB-1.",
        set(),
    ),
    (
        "dated-quarter",
        "BOSTON, May 2, 2025 -- Acme initiated a Phase 3 trial of AB-1 during Q1 2025.",
        {"started 3"},
    ),
    (
        "dated-old-hold",
        "BOSTON, June 2, 2025 -- The FDA placed the Phase 1 trial of AB-1 on clinical hold "
        "in March 2023.",
        set(),
    ),
    # negation and other subjects
    ("no-halt", "There was no halt of the Phase 2 trial of AB-1.", set()),
    (
        "efficacy-stop",
        "Enrollment in the Phase 3 trial of AB-1 was stopped early because of efficacy.",
        set(),
    ),
    (
        "medication-stop",
        "Users who discontinued GLP-1 medication kept their weight in the Phase 2 study.",
        set(),
    ),
    # clinical anchor: business programs never qualify
    ("drill", "Acme Metals completed its Phase 1 drill program at the deposit.", set()),
    ("token", "Phase 2 of the token presale was completed in April.", set()),
    (
        "grant",
        "Acme was awarded a Phase II SBIR grant and completed Phase I of the project.",
        set(),
    ),
    ("lll", "Acme initiated a Phase lll trial of AB-1 in gout.", {"started 3"}),
    ("spelled", "Acme initiated a Phase Two trial of AB-1 in gout.", {"started 2"}),
    ("spelled-project", "Acme completed Phase One of its office expansion program.", set()),
    # misses by kind
    (
        "first-enrolled",
        "The first participant was enrolled in the Phase 1 trial of AB-1.",
        {"started 1"},
    ),
    (
        "recruited-dosed",
        "The first patient has been recruited and dosed in the Phase 2 study of AB-1.",
        {"started 2"},
    ),
    ("advanced-into", "Acme advanced AB-1 into a Phase II trial in gout.", {"started 2"}),
    ("start-of", "Acme announced the start of Phase II trials of AB-1 in gout.", {"started 2"}),
    (
        "enrollment-commenced",
        "Enrollment for this new Phase 2 study of AB-1 has commenced.",
        {"started 2"},
    ),
    (
        "unphased-no-trial",
        "The first patients were enrolled at the University Clinical Center.",
        set(),
    ),
]


CASES += [
    (
        "dated-future",
        "BOSTON, Sept. 2, 2025 -- Initiation of the Phase 3 study of AB-1 (Q4 2025).",
        set(),
    ),
    (
        "dated-same-year",
        "BOSTON, March 2, 2025 -- Acme initiated a Phase 3 trial of AB-1 in 2025.",
        {"started 3"},
    ),
    (
        "catalyst-list",
        "Key catalysts include Phase 2 data, and initiation of the Phase 3 study of AB-1.",
        set(),
    ),
    (
        "first-in-humans",
        "Acme successfully completed our first trial in humans of AB-1.",
        {"completed None"},
    ),
    (
        "fih-completed",
        "Acme completed its first-in-human trial of AB-1 in healthy volunteers.",
        {"completed None"},
    ),
    ("headline-plural", "Acme and Beta Initiate Phase 1b Trial of AB-1", {"started 1b"}),
]


CASES += [
    (
        "participle-dated",
        "Acme reported data from the Phase I trial of AB-1 initiated in August 2013.",
        set(),
    ),
    (
        "followed-termination",
        "The move followed the termination of the Phase III trial of AB-1.",
        set(),
    ),
    (
        "after-completion",
        "After the completion of the Phase 1 trial, Acme initiated a Phase 2 trial of AB-1.",
        {"started 2"},
    ),
    (
        "stop-phase-later",
        "Acme discontinued development of AB-1 after a review of patients in a Phase II trial.",
        {"stopped 2"},
    ),
]


CASES += [
    ("part-b", "Acme announced the initiation of Part B of its Phase 1 trial of AB-1.", set()),
    (
        "new-cohort",
        "Acme dosed the first patient in a new cohort of its Phase 1 trial of AB-1.",
        set(),
    ),
    ("enrollment-done", "Acme completed enrollment in its Phase 3 trial of AB-1.", set()),
    (
        "new-phase",
        "Acme initiated the Phase 2 portion of its Phase 1/2 trial of AB-1.",
        {"started 2"},
    ),
]


CASES += [
    (
        "recent-milestones",
        "Recent milestones include the initiation of a Phase 2 trial of AB-1.",
        {"started 2"},
    ),
    (
        "data-expected-later",
        "BOSTON, May 2, 2025 -- Acme began a Phase 3 trial of AB-1, with data expected in 2027.",
        {"started 3"},
    ),
]


CASES += [
    (
        "network-participants",
        "Phase 2, completed in April, added a block size limit for all network participants.",
        set(),
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_clause_scoped_status(case: str, text: str, expected: set[str]) -> None:
    """Each sentence yields exactly the firm phase changes expected of its category."""
    assert _firm(text) == expected, case


@pytest.mark.parametrize(
    ("sentence", "drugs"),
    [
        ("Acme dosed patients in the GLORA-4 trial of AB-101.", ["AB-101"]),
        ("A proof of concept study of AB-7 except in children.", ["AB-7"]),
        ("The KEYNOTE-689 study tested XY-12.", ["XY-12"]),
        ("The RING-2 trial tested XY-12.", ["XY-12"]),
        ("Acme dosed patients in the AB-101 Phase 2 trial.", ["AB-101"]),
        ("Results of the AB-101 study were positive.", ["AB-101"]),
    ],
)
def test_trial_names_and_look_alikes_are_not_drugs(sentence: str, drugs: list[str]) -> None:
    """Trial names and words that only end like an INN are not drug names."""
    assert find_drugs(sentence) == drugs


@pytest.mark.parametrize(
    ("sentence", "drugs"),
    [
        ("Acme Starts Phase 1/2 Trial of its PI-3 Kinase Inhibitor AB-866", ["AB-866"]),
        ("XB-2001, a GLP-1 receptor agonist, entered Phase 2", ["XB-2001"]),
        ("Patients with FGFR-2 mutations received AB-101", ["AB-101"]),
        ("a TLR-9 agonist (CX-301) in melanoma", ["CX-301"]),
        ("KT-333, a STAT-3 degrader, dosed its first patient", ["KT-333"]),
        ("HER-2 positive patients were treated with ZW-25", ["ZW-25"]),
        # the product itself, before a verb or a comma, stays a drug
        ("AB-101 inhibits the kinase in Phase 1", ["AB-101"]),
        ("AB-101, an inhibitor of BTK, in Phase 2", ["AB-101"]),
        # ... and a code right after the words naming what the product acts on
        ("AB-101, an antibody-drug conjugate targeting TROP-7, entered Phase 2", ["AB-101"]),
        ("XY-5, a bispecific directed against FRA-4, dosed its first patient", ["XY-5"]),
        ("ZX-12 inhibits KRAS-12 in a Phase 1 trial", ["ZX-12"]),
        ("an antibody to GPR-75 (KT-9) in obesity", ["KT-9"]),
    ],
)
def test_a_code_naming_the_target_is_not_the_drug(sentence: str, drugs: list[str]) -> None:
    """A code right before a word of its biology (kinase, receptor, agonist, mutation…) is the
    target the product acts on, not the product."""
    assert find_drugs(sentence) == drugs


HISTORY_CASES = [
    # In the body of a whole release, history is not news; the lead's news is.
    ("body-history", "Acme has completed Phase 1 trials of AB-7 in gout.", set()),
    (
        "body-marker",
        "Acme recently dosed the first patient in a Phase 1 trial of AB-7.",
        {"started 1"},
    ),
    ("body-topic", "The Phase 2 trial of AB-101 was completed on schedule.", {"completed 2"}),
    (
        "body-dated-in-period",
        "Acme started a Phase 3 trial of AB-9 in February 2025.",
        {"started 3"},
    ),
    ("body-dated-old", "Acme started a Phase 3 trial of AB-9 in February 2022.", set()),
]


def _release(body: str) -> str:
    """A whole release: headline and lead about a Phase 2 result, `body`, an About section."""
    return (
        "# Acme Reports Phase 2 Results\n\n"
        "BOSTON, March 3, 2025 /PRNewswire/ -- Acme today reported results of its Phase 2 "
        "trial of AB-101.\n\n"
        f"{body}\n\n"
        "About Acme\n\nAcme develops medicines.\n"
    )


HISTORY_CASES += [
    (
        "body-bare-month",
        "In February we dosed the first patient in a Phase 3 trial of AB-9.",
        {"started 3"},
    ),
    ("body-old-month", "In August we dosed the first patient in a Phase 3 trial of AB-9.", set()),
]

HISTORY_CASES += [
    # the last visit of a trial is news with a marker or the lead's phase, history without
    (
        "body-final-visits-marker",
        "This month all participants completed their final study visit in the Phase 1 trial "
        "of AB-7.",
        {"completed 1"},
    ),
    (
        "body-final-visits-topic",
        "The last patient completed the final visit in the Phase 2 trial of AB-101.",
        {"completed 2"},
    ),
    (
        "body-final-visits-history",
        "All participants completed their final study visit in a Phase 1 trial of AB-7.",
        set(),
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "expected"), HISTORY_CASES, ids=[c[0] for c in HISTORY_CASES]
)
def test_history_in_the_body_of_a_whole_release(case: str, body: str, expected: set[str]) -> None:
    """A body sentence is news with a news marker, a date of the period or the lead's phase."""
    assert _firm(_release(body)) == expected, case


@pytest.mark.parametrize(
    ("case", "text", "expected"),
    [
        ("stage", "AB-7 has completed Phase 1 and is in the midst of a Phase 2 trial.", set()),
        ("stage-now-in", "AB-7 has completed Phase 1 trials and is currently in Phase 2.", set()),
        ("which-advanced", "Acme, which advanced AB-7 into a Phase 3 trial, hired a CFO.", set()),
        (
            "timeline",
            "Acme changed the timeline of initiation of the clinical trial of AB-7.",
            set(),
        ),
        ("firm-perfect", "Acme has completed its Phase 1 trial of AB-7 in gout.", {"completed 1"}),
    ],
)
def test_stage_descriptions_and_background_clauses(
    case: str, text: str, expected: set[str]
) -> None:
    """A stage described, a relative clause of the subject and a timeline are not news."""
    assert _firm(text) == expected, case


def test_pipeline_section_is_history_and_highlights_are_news() -> None:
    """Under "Neurology" the pipeline is recapped; under "Q3 Highlights" the quarter's news."""
    head = (
        "# Acme Reports Third Quarter Results\n\n"
        "BOSTON, Nov. 3, 2025 /PRNewswire/ -- Acme today reported results for the quarter.\n\n"
    )
    tail = "\n\nAbout Acme\n\nAcme develops medicines.\n"
    pipeline = head + "Neurology\n\nThe Phase II trials of AB-7 were completed." + tail
    highlights = head + "Q3 Highlights\n\nThe Phase II trials of AB-7 were completed." + tail
    assert _firm(pipeline) == set()
    assert _firm(highlights) == {"completed 2"}
    zones = {b.zone for b in parse_zones(pipeline)} | {b.zone for b in parse_zones(highlights)}
    assert {"pipeline", "highlights"} <= zones


def test_a_stop_takes_the_phase_named_with_its_drug_nearby() -> None:
    """'discontinue development of AB-1' takes the phase of the AB-1 trial named nearby."""
    text = (
        "The FDA placed a partial hold on the Phase 2 AB-1 study last year.\n\n"
        "Acme today announced it will focus on AB-2.\n\n"
        "Acme has decided to discontinue the development of AB-1."
    )
    stops = {
        e.phase for e in classify(text) if isinstance(e, PhaseChange) and e.status == "stopped"
    }
    assert stops == {"2"}


def test_two_drugs_starts_are_two_events() -> None:
    """Events are kept per drug: two drugs' Phase 2 starts in one release are two events."""
    text = (
        "Acme initiated a Phase 2 trial of AB-101 in gout. Acme also initiated a Phase 2 "
        "trial of XY-202 in lupus. The Phase 2 trial was initiated after a long review."
    )
    drugs = sorted(e.drug or "" for e in classify(text) if isinstance(e, PhaseChange))
    assert drugs == ["AB-101", "XY-202"]


def test_headline_start_over_a_body_that_only_plans() -> None:
    """'Initiates' in a headline over a body that says it will initiate is a plan."""
    text = (
        "Acme Initiates First Clinical Trial; AB-1 Phase I Trial for Cancer 6/1/2024\n"
        "Acme announced today it will initiate its first clinical trial program in June."
    )
    assert {e.status for e in classify(text) if isinstance(e, PhaseChange)} == {"planned"}


def test_comparator_is_not_the_drug() -> None:
    """The drug of a start is the product, not what it is compared with."""
    events = classify("Acme initiated a Phase 3 trial of AB-101 versus XY-200 in gout.")
    assert [e.drug for e in events if isinstance(e, PhaseChange)] == ["AB-101"]


def _notice(headline: str, lead: str, body: str) -> str:
    """A whole release: `headline`, a dated `lead`, `body`, an About section and a contact."""
    return (
        f"# {headline}\n\nCHICAGO, June 12, 2025 /PRNewswire/ -- {lead}\n\n{body}\n\n"
        "About the Firm\n\nThe firm serves companies.\n\nMedia Contact\nJane Roe\n555-0100\n"
    )


_CLIENT_NEWS = (
    "Recent progress: AB-1 completed Phase 1 trials, and a new Phase 1/2 trial launched in "
    "March 2025, with the first patient recently dosed."
)

VOICE_CASES = [
    # an agency or an organiser speaks for other companies: their trials are not its news
    (
        "agency-clients",
        "Northgate Communications to Represent Life Sciences Clients at the Spring Summit",
        "Northgate Communications, a marketing firm, announces its participation in the summit.",
        _CLIENT_NEWS,
        "roundup",
        set(),
    ),
    (
        "agency-on-behalf",
        "Northgate Communications Heads to the Spring Summit",
        "Northgate Communications will meet investors on behalf of its client companies.",
        _CLIENT_NEWS,
        "roundup",
        set(),
    ),
    (
        "organiser-presenting",
        "Spring Biotech Summit Announces Presenting Companies",
        "The Spring Biotech Summit today named the presenting companies of its June program.",
        _CLIENT_NEWS,
        "roundup",
        set(),
    ),
    (
        "organiser-lineup",
        "Spring Summit Unveils Lineup of Companies for Its Investor Day",
        "The summit today announced a line-up of companies that will meet investors.",
        _CLIENT_NEWS,
        "roundup",
        set(),
    ),
    (
        "agency-clients-present",
        "Northgate Communications Heads to the Spring Summit",
        "Northgate Communications said six of its clients will present at the summit.",
        _CLIENT_NEWS,
        "roundup",
        set(),
    ),
    # a company that speaks of its own customers still tells its own trial
    (
        "own-customers",
        "Acme Bio Doses First Patient in Phase 1 Trial of AB-1",
        "Acme Bio, whose platform serves our clients and partners, today dosed the first patient "
        "in its Phase 1 trial of AB-1.",
        "Acme recently dosed the first patient in a Phase 1 trial of AB-1.",
        "own",
        {"started 1"},
    ),
    # a company's own webinar names its own presenters: its news stays its own
    (
        "own-presenters",
        "Acme to Host Webinar on Its Phase 1 Program",
        "Acme Bio will host a webinar on June 20. Presenters will include the CEO and the CMO.",
        "Acme recently dosed the first patient in a Phase 1 trial of AB-1.",
        "own",
        {"started 1"},
    ),
    # an analyst's note: its lead speaks of finances, so a body change needs a marker
    (
        "analyst-recap",
        "Stonebridge Updates Coverage on Acme Bio Q2 2025",
        "Stonebridge Partners updates its coverage on Acme Bio. R&D costs fell after the Phase "
        "2 trial of AB-1 moved to a larger site.",
        "AB-1 Update: AB-1 has completed dosing in a Phase 2 clinical trial of 128 subjects.",
        "analyst",
        set(),
    ),
    (
        "analyst-initiates",
        "Stonebridge Initiates Research Coverage of Acme Bio",
        "Stonebridge Partners initiated coverage of Acme Bio, whose Phase 2 trial of AB-1 runs.",
        "Acme has started a Phase 2 trial of AB-1 in gout.",
        "analyst",
        set(),
    ),
    (
        "analyst-marked-news",
        "Stonebridge Updates Coverage on Acme Bio Q2 2025",
        "Stonebridge Partners updates its coverage on Acme Bio, whose Phase 2 trial runs.",
        "AB-1 Update: Most recently the Company completed dosing in a Phase 2 trial of AB-1.",
        "analyst",
        {"completed 2"},
    ),
    # the same body in a company's own results release goes on about the lead's phase
    (
        "own-topic",
        "Acme Bio Reports Q2 2025 Results",
        "Acme Bio today reported results for the quarter and news of its Phase 2 trial of AB-1.",
        "AB-1 Update: AB-1 has completed dosing in a Phase 2 clinical trial of 128 subjects.",
        "own",
        {"completed 2"},
    ),
]


@pytest.mark.parametrize("row", VOICE_CASES, ids=[c[0] for c in VOICE_CASES])
def test_whose_news_a_release_tells(row: tuple[str, str, str, str, str, set[str]]) -> None:
    """A roundup of clients or presenters tells no trial of its own; an analyst's note tells a
    change as news only with a marker or a date of the period."""
    case, headline, lead, body, voice, expected = row
    text = _notice(headline, lead, body)
    assert parse_voice(text, parse_zones(text)) == voice, case
    assert _firm(text) == expected, case


def _told(headline: str, lead: str, body: str = "Acme develops medicines.") -> str:
    """A whole release whose lead may speak of the headline's trial as "the study"."""
    return (
        f"# {headline}\n\nBOSTON, March 3, 2025 /PRNewswire/ -- {lead}\n\n{body}\n\n"
        "About Acme\n\nAcme is a clinical-stage company.\n\nMedia Contact\nJane Roe\n"
    )


ANAPHOR_CASES = [
    # the lead tells the headline's trial as "the study", "its trial": the headline's phase
    (
        "lead-completed-the-study",
        "Acme Reports Topline Results from Phase IIb Trial of AB-1",
        "Acme Bio today announced that it has completed the study, which met its endpoint.",
        {"completed 2b"},
    ),
    (
        "lead-completion-of-its-trial",
        "AB-1 Phase 2/3 Trial Update",
        "Acme Bio today announced the successful completion of its clinical trial in gout.",
        {"completed 2/3"},
    ),
    (
        "lead-enrollment-and-dosing",
        "Acme Reports Progress in Phase lll Program of AB-1",
        "Acme Bio today announced it has completed enrollment and dosing in the trial.",
        {"completed 3"},
    ),
    (
        "lead-dosed-first-participant",
        "Acme Announces Milestone in Phase 2 Trial of AB-1",
        "Acme Bio today announced that it has dosed the first participant in the trial.",
        {"started 2"},
    ),
    (
        "lead-initiated-the-study",
        "Acme Advances Phase 1 Program of AB-1",
        "Acme Bio today announced that it has initiated the study in healthy volunteers.",
        {"started 1"},
    ),
    # not the headline's trial, or not a change of it
    (
        "two-phases-in-headline",
        "Acme Reports Phase 1 Data and Phase 2 Plans for AB-1",
        "Acme Bio today announced that it has completed the study.",
        set(),
    ),
    (
        "lead-enrollment-only",
        "Acme Reports Progress in Phase 2 Trial of AB-1",
        "Acme Bio today announced that it has completed enrollment in the trial.",
        set(),
    ),
    (
        "lead-patients-completed",
        "Acme Reports Progress in Phase 2 Trial of AB-1",
        "Acme Bio today announced that most patients have completed the study.",
        set(),
    ),
    (
        "lead-completed-adjective",
        "Acme Presents Phase 2 Data of AB-1",
        "Acme Bio today presented results from the completed study at a congress.",
        set(),
    ),
    (
        "lead-will-complete",
        "Acme Reports Progress in Phase 2 Trial of AB-1",
        "Acme Bio today announced that it expects to complete the study in 2026.",
        set(),
    ),
]


@pytest.mark.parametrize(
    ("case", "headline", "lead", "expected"), ANAPHOR_CASES, ids=[c[0] for c in ANAPHOR_CASES]
)
def test_the_lead_tells_the_headlines_trial(
    case: str, headline: str, lead: str, expected: set[str]
) -> None:
    """A start or completion the lead tells of "the study" takes the one phase the headline
    names; the same words in the body, or under a headline of two phases, are no event."""
    assert _firm(_told(headline, lead)) == expected, case


def test_the_study_in_the_body_is_not_the_headlines_trial() -> None:
    """Only the lead speaks of the headline's trial: a body's "completed the study" is not."""
    text = _told(
        "Acme Reports Phase 2 Data of AB-1",
        "Acme Bio today reported data of its program.",
        "Dr. Roe said the site has completed the study visits of its own research.",
    )
    assert _firm(text) == set()


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            "- Completed dosing in the Phase 1 trial of AB-1\n- Initiated a Phase 2 trial of XY-2",
            {"completed 1", "started 2"},
        ),
        ("• Completed the Phase 2 Trial of AB-1 in Gout", {"completed 2"}),
        ("* Dosed the First Patient in the Phase 1 Trial of AB-1", {"started 1"}),
    ],
)
def test_list_items_under_a_highlights_heading_stay_in_it(items: str, expected: set[str]) -> None:
    """A list item that reads like a title (capitals, a product code) is prose, not a heading
    that would close the highlights section."""
    head = (
        "# Acme Reports Second Quarter Results\n\n"
        "BOSTON, Aug. 3, 2025 /PRNewswire/ -- Acme today reported results for the quarter.\n\n"
        "Second Quarter 2025 and Recent Business Highlights\n\n"
    )
    text = head + items + "\n\nAbout Acme\n\nAcme develops medicines.\n"
    zones = [b.zone for b in parse_zones(text)]
    assert zones[2:4] == ["highlights", "highlights"]
    assert _firm(text) == expected
