"""Trial-phase mentions: find "Phase Ib/II", "phase 2a", "Phase III" and normalise them.

`parse_phase("Ib/II") == "1b/2"`; `find_phases(sentence)` yields `PhaseMention`s for trial
phases only, skipping construction or project phases ("Phase 2 of the project").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from classifiers.sentences import contains_any, fold_case, is_word_start

_NUMERAL = r"(?:iv|[il]{1,3}|[1-4]|one|two|three|four)"  # "Phase lll", "Phase lI": I typed as l
_PH = (  # "Ph 2 trial", "Ph.III study": the short form only right before a trial word
    rf"ph\.?(?=\s?{_NUMERAL}[ab]?(?:/{_NUMERAL}[ab]?)?\s(?:trials?|stud|clinical|program|data))"
)
PHASE_RE = re.compile(
    rf"(?:phase|{_PH})[\s-]{{0,3}}(?P<a>{_NUMERAL})(?P<al>[ab])?"
    rf"(?:\s{{0,2}}(?:/|-|–|and|or|to)\s{{0,2}}(?:phase[\s-]{{0,3}})?(?P<b>{_NUMERAL})(?P<bl>[ab])?)?"
    r"(?![a-z0-9])"
)  # matched against fold_case() text
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "one": "1", "two": "2", "three": "3"}
_ROMAN["four"] = "4"
_NON_TRIAL_AFTER = re.compile(
    r"\s*(?:of|for)\s+(?:the|our|its|this)\s+(?:\w+\s+){0,2}?"
    r"(?:project|construction|expansion|facility|plant|site|building|campus|renovation|"
    r"build-?out|development plan|program(?:me)? of works|restructuring|repurchase|rollout|"
    r"roll-out|implementation|integration|reorgani[sz]ation|offering|financing|campaign|"
    r"remodel\w*|migration|deployment|buyback|share|stock|cost|merger|transformation)\b"
)
_NON_TRIAL_NOUN = re.compile(
    r"\s*(?:(?!trial|stud|clinical)[\w-]+\s+)?(?:review|grants?|awards?|contracts?|drill\w*|"
    r"geophysic\w*|exploration|presale|pre-sale|tokens?|mainnet|testnet)\b"
)  # "Phase 2 review", "Phase II SBIR grant", "Phase 1 maiden drill program": not a trial
_CONSTRUCTION = (
    "construction",
    "square f",
    "facility",
    "facilities",
    "plant",
    "campus",
    "building",
    "renovation",
    "groundbreaking",
)
_CLINICAL = re.compile(
    r"\b(?:trials?|stud(?:y|ies)|patients?|subjects?|dos(?:e|ed|ing)|clinical|participants?)\b"
)


@dataclass(frozen=True, slots=True)
class PhaseMention:
    """A trial phase mentioned in a sentence, normalised ("1b/2"), with offsets in it."""

    phase: str
    start: int
    end: int


def _numeral(token: str) -> str:
    """'II' -> '2', '3' -> '3'."""
    low = token.lower().replace("l", "i")
    return _ROMAN.get(low, low)


def parse_phase(raw: str) -> str | None:
    """Normalise a phase label: "Ib/II" -> "1b/2", "IIa" -> "2a", "Phase 3" -> "3"."""
    text = fold_case(raw.strip())
    if not text.startswith("phase"):
        text = "phase " + text
    match = PHASE_RE.match(text)
    return _from_match(match) if match and match.end() == len(text) else None


def _from_match(match: re.Match[str]) -> str:
    """The normalised phase of a PHASE_RE match."""
    first = _numeral(match.group("a")) + (match.group("al") or "").lower()
    if match.group("b") is None:
        return first
    second = _numeral(match.group("b")) + (match.group("bl") or "").lower()
    return first if second == first else f"{first}/{second}"


def find_phases(sentence: str) -> Iterator[PhaseMention]:
    """Yield the trial phases mentioned in `sentence` (construction phases excluded)."""
    sentence = fold_case(sentence)
    construction = contains_any(sentence, _CONSTRUCTION) and not _CLINICAL.search(sentence)
    if construction:
        return
    for match in PHASE_RE.finditer(sentence):
        if not is_word_start(sentence, match.start()):
            continue
        if _NON_TRIAL_AFTER.match(sentence, match.end()) or _NON_TRIAL_NOUN.match(
            sentence, match.end()
        ):
            continue
        yield PhaseMention(_from_match(match), match.start(), match.end())
