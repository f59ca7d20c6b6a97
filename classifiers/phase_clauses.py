"""Status cues in a sentence, the phase each is about, its clause, and what blocks it.

`find_cues(low)` finds every cue of the cue table; `attach(cue, phases)` ties it to the nearest
phase mention; `clause(low, lo, hi)` bounds the clause around an event; `is_blocked(...)` drops
cues about something other than a whole trial phase (patients, cohorts, parts, lifted holds,
enrollment, deals). Window sizes are named here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.cue_table import CUES, HEADLINE_CUES, STEMS, statuses_at
from classifiers.events import PhaseStatus
from classifiers.phase_cues import (
    BLOCKERS,
    COHORT_AFTER,
    DOSING_DONE,
    ENROLLMENT_DONE,
    ENROLLMENT_STOPPED,
    PART_AFTER,
    STATIVE,
    STOP_AFTER,
    STOP_ANSWERED,
    STOP_BEFORE,
    STOP_CONTEXT,
    STOP_FOR_BENEFIT,
    STOP_UNDONE,
    STOP_UNDONE_LATER,
    TRIAL_COMPLETED,
    UNPHASED_START,
    VISITS_DONE,
)
from classifiers.phases import PhaseMention
from classifiers.sentences import is_word_start

# Window sizes, in characters of the sentence:
WINDOW = 60  # a clause reaches this far either side of an event (cut earlier at ';', ', and')
ATTACH_REACH = 120  # a cue attaches to a phase mention at most this far away
NEAR = 40  # words right before or around a cue: "patients who", "response to", "announced"
STOP_OBJECT_REACH = 80  # what a stop cue stops: "discontinued … medication", "… contracts"
SUBJECT_REACH = 30  # a cue's subject or auxiliary: "enrollment in the … completed", "has …"
TAIL = 15  # just after a cue: "initiated cohort 2"
NEGATION_REACH = 24  # "did not initiate", "no halt"

_CLAUSE_BREAK = re.compile(
    r";|, (?:and|but|while|with|whereas|although) |"
    r" and (?=(?:has|have|had|also|recently|subsequently|then|is|are|was|were) )"
)  # a new clause: "…; ", ", and ", " and recently reported …"
MAX_CUES = 12  # per sentence: keeps the work per sentence bounded on degenerate input


@dataclass(frozen=True, slots=True)
class Cue:
    """A status cue: its status and offsets in the lower-cased sentence."""

    status: PhaseStatus
    start: int
    end: int


def find_cues(low: str, headline: bool = False) -> list[Cue]:
    """Every status cue in the lower-cased sentence, in order (headline-only rows too in a
    headline)."""
    found: list[Cue] = []
    resume: dict[str, int] = {}
    for stem in STEMS.finditer(low):
        start = stem.start()
        if not is_word_start(low, start):
            continue
        for status in statuses_at(low, start):
            if start < resume.get(status, 0):
                continue
            match = CUES[status].match(low, start) if status in CUES else None
            if match is None and headline and status in HEADLINE_CUES:
                match = HEADLINE_CUES[status].match(low, start)
            if match:
                found.append(Cue(status, start, match.end()))
                resume[status] = match.end()
    return found


def attach(cue: Cue, phases: list[PhaseMention]) -> PhaseMention | None:
    """The phase a cue is about: the nearest one after it, else the nearest before it."""
    inside = [p for p in phases if cue.start <= p.start < cue.end]
    if inside:
        return inside[0]  # "IND for a Phase 1 trial was cleared"
    after = [p for p in phases if p.start >= cue.end and p.start - cue.end <= ATTACH_REACH]
    if after:
        return after[0]
    before = [p for p in phases if p.end <= cue.start and cue.start - p.end <= ATTACH_REACH]
    return before[-1] if before else None


def span(cue: Cue, phase: PhaseMention | None) -> tuple[int, int]:
    """The part of the sentence that states the event."""
    if phase is None:
        return cue.start, cue.end
    return min(cue.start, phase.start), max(cue.end, phase.end)


def clause(sentence: str, lo: int, hi: int) -> tuple[int, int]:
    """Bounds of the clause around [lo, hi): ±WINDOW characters, cut at ';' or ', with …'."""
    left = max(0, lo - WINDOW)
    for before in _CLAUSE_BREAK.finditer(sentence, left, lo):
        left = before.end()
    right = min(len(sentence), hi + WINDOW)
    after = _CLAUSE_BREAK.search(sentence, hi, right)
    return left, after.start() if after else right


def _stop_blocked(low: str, cue: Cue) -> bool:
    """A stop cue about patients, a lifted hold, or nothing trial-like is not a stop."""
    near = low[max(0, cue.start - NEAR) : cue.end + NEAR]
    return (
        STOP_BEFORE.search(low, max(0, cue.start - NEAR), cue.start) is not None
        or STOP_AFTER.search(low[cue.end : cue.end + STOP_OBJECT_REACH]) is not None
        or _enrollment_stopped_for_benefit(low, cue)
        or STOP_UNDONE.search(near) is not None
        or STOP_UNDONE_LATER.search(low, cue.end) is not None
        or STOP_ANSWERED.search(low, max(0, cue.start - NEAR), cue.start) is not None
        or STOP_CONTEXT.search(low) is None
    )


def _enrollment_stopped_for_benefit(low: str, cue: Cue) -> bool:
    """ "Enrollment was stopped early because of efficacy": the trial goes on (a trial
    stopped early for efficacy is a stop)."""
    after = STOP_FOR_BENEFIT.search(low[cue.end : cue.end + STOP_OBJECT_REACH])
    lo = max(0, cue.start - 2 * NEAR)
    return (
        after is not None and ENROLLMENT_STOPPED.search(low[lo : cue.end + after.end()]) is not None
    )


def _unphased_blocked(low: str, cue: Cue) -> bool:
    """Without a phase, only "the trial was completed" and first-patient starts count."""
    if cue.status == "completed":
        visits = VISITS_DONE.match(low, cue.start) is not None and ("trial" in low or "stud" in low)
        return not visits and TRIAL_COMPLETED.search(low) is None  # or "last patient out"
    opener = re.match(r"first|dos|enrol|random|treat", low[cue.start : cue.end])
    return opener is None and UNPHASED_START.match(low, cue.end) is None


def _part_blocked(low: str, cue: Cue, phase: PhaseMention) -> bool:
    """Cohorts, expansion parts, dose escalations and patients are parts of a phase; so is
    the enrollment a completion is told of ("Enrollment is complete in the Phase 2 trial")."""
    if cue.status == "started":
        return COHORT_AFTER.match(low, phase.end) is not None  # "Phase 1b expansion cohort"
    if cue.status == "completed":
        before = max(0, cue.start - NEAR)
        if ENROLLMENT_DONE.search(low, before, cue.start) is not None:
            return True
        patients = STOP_BEFORE.search(low, before, cue.start)  # "patients who"
        dosing = patients is not None and low.startswith("dosing", patients.start())
        stative = low.startswith("complete", cue.start) and STATIVE.search(low, before, cue.start)
        people = patients is not None and not dosing and not stative  # "… in volunteers is"
        return people or PART_AFTER.match(low, phase.end) is not None
    return False


def _first_cohort(low: str, cue: Cue) -> str:
    """`low` with the cue's own "first cohort" blanked (same length), so that the cohort
    blocker reads only other cohorts: "the first cohort has been dosed in the Phase 1 trial"
    is the trial's start; "the first patient in the second cohort" and "completed dosing of
    the first cohort" are not."""
    at = low.find("first cohort", cue.start, cue.end)
    if at < 0 or "cohort" in low[at + 12 :] or "cohort" in low[:at] or "complet" in low[:at]:
        return low
    return low[: at + 6] + " " * 6 + low[at + 12 :]


def _as_dosing(low: str) -> str:
    """`low` with "enrollment and dosing", "patient dosing" … written as plain "dosing", and
    "the last patient completed the final visit" as "completed" (same length): the end of a
    trial's dosing or of its last visit is not an enrollment or patient milestone."""
    if "visit" in low or "out" in low:
        low = VISITS_DONE.sub(lambda m: "completed".ljust(len(m.group())), low)
    if "dosing" not in low:
        return low
    return DOSING_DONE.sub(lambda m: "dosing".ljust(len(m.group())), low)


def is_blocked(low: str, cue: Cue, phase: PhaseMention | None) -> bool:
    """Whether the cue is about something other than a whole trial phase."""
    if cue.status == "stopped":
        return _stop_blocked(low, cue)
    if phase is None:
        return _unphased_blocked(low, cue)
    visits = cue.status == "completed" and VISITS_DONE.match(low, cue.start) is not None
    if cue.status == "completed":
        low = _as_dosing(low)
    elif cue.status == "started" and "first cohort" in low:
        low = _first_cohort(low, cue)
    if _part_blocked(low, cue, phase):
        return True
    lo, hi = span(cue, phase)
    if cue.status == "completed" and phase.start < cue.start and not visits:
        lo = max(0, lo - SUBJECT_REACH)  # "enrollment in the Phase 2 trial completed"
    blocker = BLOCKERS[cue.status]
    tail = low[cue.end : cue.end + TAIL]
    return blocker.search(low, lo, hi) is not None or blocker.search(tail) is not None
