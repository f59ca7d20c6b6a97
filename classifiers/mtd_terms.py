"""MTD/RP2D terms in a sentence and the scope around each: its clause, and whether an
objective, future, interim, background, reference, bound, animal or hypothetical context
excludes it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from classifiers.context import ParsedText
from classifiers.doses import DoseMention
from classifiers.events import MtdKind
from classifiers.mtd_cues import (
    ACHIEVED_GOAL,
    ANIMAL,
    ANIMAL_AFTER_BREAK,
    ANIMAL_BEFORE_BREAK,
    BACKGROUND,
    BOUND,
    CLAUSE_BREAK,
    CLAUSE_CONJUNCTION,
    DEFINITION,
    DETERMINED_ELSEWHERE,
    FINITE_VERB,
    FUTURE_IN_TERM,
    FUTURE_TERM,
    GATE,
    HEADLINE_OUTCOME,
    HYPOTHETICAL,
    IMPLIED_OUTCOME,
    INTERIM,
    NEXT_CLAUSE,
    OBJECTIVE,
    OUTCOME,
    REFERENCE,
    RELATIVE_BACKGROUND,
    SAME_TERM_GAP,
    SELECTED_TERM,
    SUBORDINATE,
    TEMPORAL_CLAUSE,
    TERMS,
    USED_AFTER_ASIDE,
    USED_BEFORE,
)
from classifiers.sentences import Sentence, is_word_start

_SAME_TERM = 12  # "maximum tolerated dose (MTD)": a term this close after another is the same
_CONTEXT_BEFORE = 80  # objective, bound and reference words before a term
_FUTURE_AFTER = 40  # "the RP2D (to be determined)"
_DEFINITION_AFTER = 60  # "the MTD is defined as ..."
_ANIMAL_REACH = 60  # "in rats, the MTD ..." either side of the term
OUTCOME_BEFORE = 40  # "... established the MTD": outcome words around a term
OUTCOME_AFTER = 80
_BACKGROUND_REACH = 100  # the term's clause, searched for "previously", "had been"
_NEWLINE = re.compile("\n")
_PARAGRAPH_REACH = 2000  # how far back a hypothetical opener ("an example of") reaches


@dataclass(frozen=True, slots=True)
class Term:
    """An MTD/RP2D term at [start, end) of a lower-cased sentence, between its neighbours."""

    kind: MtdKind
    start: int
    end: int
    lo: int = 0  # end of the term before it in the sentence (0 for the first)
    hi: int = 0  # start of the term after it (the sentence's length for the last)


def find_terms(low: str) -> list[Term]:
    """MTD/RP2D terms in a lower-cased sentence; "maximum tolerated dose (MTD)" counts once."""
    found = sorted(
        (
            Term(kind, m.start(), m.end())
            for kind, pattern in TERMS.items()
            for m in pattern.finditer(low)
            if is_word_start(low, m.start())
        ),
        key=lambda t: t.start,
    )
    merged: list[Term] = []
    for term in found:
        last = merged[-1] if merged else None
        same = last and last.kind == term.kind and term.start - last.end <= _SAME_TERM
        if last and same and SAME_TERM_GAP.fullmatch(low, last.end, term.start):
            merged[-1] = Term(term.kind, last.start, term.end)
        else:
            merged.append(term)
    ends = [0, *(t.end for t in merged)]
    starts = [*(t.start for t in merged[1:]), len(low)]
    return [
        Term(t.kind, t.start, t.end, lo, hi)
        for t, lo, hi in zip(merged, ends, starts, strict=False)
    ]


def is_excluded(low: str, term: Term, end: int) -> bool:
    """Objectives, future, defining, background and reference statements, animals, bounds;
    `end` is where the term's clause ends (`clause_end`)."""
    before = _own_clause(low[max(0, term.start - _CONTEXT_BEFORE) : term.start])
    return (
        OBJECTIVE.search(ACHIEVED_GOAL.sub(" ", before)) is not None
        or SUBORDINATE.search(before) is not None
        or FUTURE_TERM.search(low[term.end : min(term.end + _FUTURE_AFTER, end)]) is not None
        or FUTURE_IN_TERM.search(low, term.start, term.end) is not None
        or DEFINITION.search(low, term.start, term.end + _DEFINITION_AFTER) is not None
        or BOUND.search(before) is not None
        or REFERENCE.search(before) is not None
        or RELATIVE_BACKGROUND.search(before) is not None
        or BACKGROUND.search(low, term.start, _before_temporal(low, term, end)) is not None
        or _is_animal(low, term)
        or "not yet" in low[clause_start(low, term) : end]
        or USED_AFTER_ASIDE.match(low, term.end) is not None
        or _is_used_reference(low, term, before)
    )


def _is_used_reference(low: str, term: Term, before: str) -> bool:
    """Whether the term is a dose given at, told as determined elsewhere: "treated at the RP2D
    of 1.2 mg/kg established in the first-in-human study" (not "the Phase 1 study established
    an MTD of 40 mg", which is the news)."""
    hi = term.hi if term.hi > term.end else len(low)
    return USED_BEFORE.search(before) is not None and (
        DETERMINED_ELSEWHERE.match(low, term.end, hi) is not None
    )


def _is_animal(low: str, term: Term) -> bool:
    """Whether animal words stand near the term in its own clause: "in rats, the MTD …", "the
    MTD in mice was …"; not those of a contrasted clause ("In mice the MTD was 50 mg/kg, and in
    patients the MTD was …")."""
    lo = max(0, term.start - _ANIMAL_REACH)
    for found in ANIMAL_BEFORE_BREAK.finditer(low, lo, term.start):
        lo = found.end()
    hi = min(len(low), term.end + _ANIMAL_REACH)
    stop = ANIMAL_AFTER_BREAK.search(low, term.end, hi)
    return ANIMAL.search(low, lo, stop.start() if stop else hi) is not None


def _before_temporal(low: str, term: Term, end: int) -> int:
    """Where a temporal or causal clause after the term begins ("… after all 13 dose levels
    had been tested"), else `end`."""
    found = TEMPORAL_CLAUSE.search(low, term.end, end)
    return found.start() if found else end


def _own_clause(before: str) -> str:
    """The end of `before` from its last clause break on: the words of another clause ("The
    aim was to determine the MTD; ...", "Previously the MTD was 168 mg/m2, and ...",
    "Although ... planned ..., the MTD") do not qualify the term."""
    cut = 0
    for found in CLAUSE_BREAK.finditer(before):
        cut = found.end()
    return before[cut:]


def clause_start(low: str, term: Term) -> int:
    """Where the term's clause begins: after the term before it, a comma or ";", or a reach."""
    lo = max(term.lo, term.start - OUTCOME_BEFORE)
    return max(lo, low.rfind(",", lo, term.start) + 1, low.rfind(";", lo, term.start) + 1)


def clause_end(low: str, term: Term, doses: list[DoseMention]) -> int:
    """Where the term's own clause ends: its first dose, the next term or ";", or a reach."""
    end = min(term.hi, term.end + _BACKGROUND_REACH)
    semicolon = low.find(";", term.end, end)
    end = semicolon if semicolon >= 0 else end
    after = [d.end for d in doses if d.start >= term.end and d.end <= end]
    return after[0] if after else end


def own_clause_end(low: str, term: Term) -> int:
    """Where the term's clause ends when another term follows in a clause of its own: at a ";"
    or ", and" after the term's verb ("Patients treated at the MTD had no DLTs, and the RP2D
    was set at 200 mg"); else the sentence's end."""
    if term.hi <= term.end or term.hi >= len(low):
        return len(low)
    found = NEXT_CLAUSE.search(low, term.end, term.hi)
    if found is None or not _verb_outside_brackets(low, term.end, found.start()):
        return len(low)
    return found.start()


def own_clause_start(low: str, term: Term) -> int:
    """Where the term's clause begins when another term precedes it in a clause of its own
    ("The RP2D was determined to be 200 mg; the MTD was well tolerated"); else 0."""
    if term.lo <= 0:
        return 0
    breaks = list(NEXT_CLAUSE.finditer(low, term.lo, term.start))
    last = breaks[-1] if breaks else None
    if last is None or not _verb_outside_brackets(low, term.lo, last.start()):
        return 0
    return last.end()


def _verb_outside_brackets(low: str, start: int, end: int) -> bool:
    """Whether [start, end) holds a finite verb and no bracket left open ("the MTD (dose
    level 4; 1.2 mg/kg)" is one clause)."""
    part = low[start:end]
    return part.count("(") <= part.count(")") and FINITE_VERB.search(part) is not None


def is_reference(low: str, term: Term) -> bool:
    """A term another one is equated with: "the same as the single-agent MTD of 8 mg"."""
    return REFERENCE.search(low, max(term.lo, term.start - _CONTEXT_BEFORE), term.start) is not None


def is_implicit(low: str, term: Term) -> bool:
    """A term without the words MTD/RP2D: "the dose selected for Phase II studies"."""
    return low.startswith(("dose", "dosage", "regimen"), term.start)


def states_outcome(low: str, term: Term, doses: list[DoseMention]) -> bool:
    """Whether the term's clause says it was determined (with no dose of its own), not that
    the determination is still pending ("ongoing", "expected")."""
    offset = max(0, term.start - OUTCOME_BEFORE, own_clause_start(low, term))
    window = low[offset : min(term.end + OUTCOME_AFTER, own_clause_end(low, term))]
    implied = IMPLIED_OUTCOME.search(low, term.start, term.end) is not None or (
        is_implicit(low, term) and SELECTED_TERM.search(low, term.start, term.end) is not None
    )
    outcome = OUTCOME.search(window)
    headline = HEADLINE_OUTCOME.match(low, term.end) if outcome is None else None
    stated = outcome or headline
    end = min(len(low), term.end + _BACKGROUND_REACH)
    stops = [i for i in (low.find(",", term.end, end), low.find(";", term.end, end)) if i >= 0]
    verb_end = outcome.end() + offset if outcome else headline.end() if headline else 0
    other = CLAUSE_CONJUNCTION.search(low, verb_end, end) if verb_end > term.end else None
    stops += [other.start()] if other else []  # "… determined and the expansion is ongoing"
    interim = INTERIM.search(low, clause_start(low, term), min(stops, default=end))
    return bool(implied or stated) and interim is None


class HypotheticalScope:
    """Where the paragraphs of a text open a made-up scenario ("Here is an example of …");
    each paragraph is searched once, so asking for every sentence stays linear."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._breaks: list[int] | None = None
        self._openers: dict[int, int] = {}  # paragraph start -> first opener, or -1

    def covers(self, sentence: Sentence) -> bool:
        """Whether `sentence` follows an opener of its own paragraph, within reach."""
        if self._breaks is None:
            self._breaks = [m.start() for m in _NEWLINE.finditer(self._text)]
        i = bisect_left(self._breaks, sentence.start)
        start = self._breaks[i - 1] + 1 if i else 0
        if start not in self._openers:
            end = self._breaks[i] if i < len(self._breaks) else len(self._text)
            found = HYPOTHETICAL.search(self._text[start:end].lower())
            self._openers[start] = start + found.start() if found else -1
        opener = self._openers[start]
        return 0 <= opener < sentence.end and sentence.start - opener <= _PARAGRAPH_REACH


def gated_sentences(doc: ParsedText) -> list[int]:
    """Indexes of the sentences that contain a gate literal: one scan per literal of the
    lower-cased sentences joined (cheaper than testing every sentence for every literal)."""
    low = "\n".join(doc.lowered)
    starts: list[int] = []
    offset = 0
    for sentence in doc.lowered:
        starts.append(offset)
        offset += len(sentence) + 1
    hits: set[int] = set()
    for literal in GATE:
        pos = low.find(literal)
        while pos >= 0:
            hits.add(bisect_right(starts, pos) - 1)
            pos = low.find(literal, pos + 1)
    return sorted(hits)
