"""Every MTD/RP2D cue is reachable: its gate lets the sentence in and it yields an event.

The gate (`mtd_cues.GATE`, the substring prefilter that skips every other sentence) is derived
from the cue table, so these tests fail when a cue is added without an example here, when a
cue's gate does not occur in what it matches, or when a cue's sentence gives no event.
"""

from __future__ import annotations

import re

import pytest

from classifiers import MtdOutcome, classify
from classifiers.mtd_cues import GATE, TERM_CUES, TermCue
from classifiers.sentences import fold_case

# one sentence per cue (our own) that must end in an event of the cue's kind
EXAMPLES: dict[str, str] = {
    "mtd-words": "The maximum tolerated dose was determined to be 45 mg/m2.",
    "mtd-abbreviation": "The MTD was 2.4 mg/kg every three weeks.",
    "rp2d-abbreviation": "The RP2D was set at 200 mg BID.",
    "recommended-phase2-dose": "The recommended Phase II dose is 300 mg once daily.",
    "recommended-dose-near-phase2": "The recommended dose of 40 mg/m2 was confirmed for Phase 2.",
    "recommended-dose-for-development": "The recommended dose for further studies is 12 mg/kg.",
    "recommended-dose-for-expansion": "The recommended dose for expansion was set at 6 mg/kg.",
    "established-a-recommended-dose": (
        "Part 1 established a recommended daily dose of XR-1 that is the same as its MTD, 8 mg."
    ),
    "recommended-dose-determined": "The recommended combination dose was established as 8 mg.",
    "phase2-dose-determined": "The Phase II dose was determined to be 12 mg/m2/day.",
    "dose-recommended-for-development": "A dose of 275 mg/m2 is recommended for further testing.",
    "phase2-dose": "Responses were observed in 5 of 7 patients at the 4.9 mg Phase 2 dose level.",
    "dose-selected-for-phase2": "The dose selected for Phase 2 studies was 45 mg/m2 weekly.",
    "dose-for-phase2": "The optimal dose for Phase 2 was determined to be 300 mg.",
    "dose-selected-for-development": "The dose chosen for further development is 300 mg BID.",
    "phase2-studies-should-use": "Phase II studies should use a daily dose of 6 mg/m2.",
    "for-phase2-recommended": "For phase II studies, a dose of 30 mg/m2 weekly is recommended.",
    "amount-selected-for-phase2": "300 mg BID was selected for the Phase 2 portion of the study.",
    "recommended-for-phase2": "We recommend 100 mg/m2 on days 1-5 for future phase II trials.",
    "at-single-agent-dose": (
        "The two agents can be combined safely at their full recommended single-agent doses."
    ),
}


def test_every_cue_has_an_example() -> None:
    """A new cue needs its example here (and an example needs its cue)."""
    assert sorted(EXAMPLES) == sorted(c.name for c in TERM_CUES)


def test_cue_names_are_unique() -> None:
    """Each cue is named once, so an example cannot hide a second cue of the same name."""
    names = [c.name for c in TERM_CUES]
    assert len(names) == len(set(names))


def test_gate_is_the_union_of_the_cue_gates() -> None:
    """The prefilter is derived from the table: nothing kept by hand beside it."""
    assert set(GATE) == {g for c in TERM_CUES for g in c.gate}


@pytest.mark.parametrize("cue", TERM_CUES, ids=lambda c: c.name)
def test_cue_matches_its_example_through_its_gate(cue: TermCue) -> None:
    """The cue matches its example, and the match contains one of the cue's gate literals."""
    low = fold_case(EXAMPLES[cue.name])
    match = re.search(cue.pattern, low)
    assert match is not None, f"{cue.name} does not match its example"
    assert any(g in match.group() for g in cue.gate), f"{cue.name}: no gate in {match.group()!r}"


@pytest.mark.parametrize("cue", TERM_CUES, ids=lambda c: c.name)
def test_cue_reaches_an_event_end_to_end(cue: TermCue) -> None:
    """classify() on the cue's example reports an outcome of the cue's kind."""
    kinds = {e.kind for e in classify(EXAMPLES[cue.name]) if isinstance(e, MtdOutcome)}
    assert cue.kind in kinds


@pytest.mark.parametrize("cue", TERM_CUES, ids=lambda c: c.name)
def test_cue_is_silent_without_its_gate(cue: TermCue) -> None:
    """With every gate literal of the whole table spelled otherwise, the example gives nothing:
    the gate, not some other route, is what lets it in."""
    text = EXAMPLES[cue.name]
    for literal in GATE:
        text = fold_case(text).replace(literal, "x" * len(literal))
    assert [e for e in classify(text) if isinstance(e, MtdOutcome)] == []
