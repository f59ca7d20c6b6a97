"""Phase changes: a trial phase started, completed, stopped, or is only planned.

Each sentence is searched for status cues ("initiated", "first patient dosed", "completed its
Phase I", "clinical hold", "discontinued"); each cue is tied to the nearest trial phase. A
planning cue near the event ("plans to", "IND clearance", "expects to") makes it `planned`;
background ("as previously announced"), hypotheticals and enrollment or cohort milestones
are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.context import Document
from classifiers.events import PhaseChange, PhaseStatus
from classifiers.phases import PhaseMention, find_phases

_I = re.IGNORECASE
_SUBJECT = r"(?:patients?|subjects?|participants?|volunteers?|cohort of patients)"
_CUES: dict[PhaseStatus, re.Pattern[str]] = {
    "started": re.compile(
        r"(?<![-–])\b(?:initiat(?:ed|es|ion|ing)|commenc(?:ed|ement|es|ing)|began|begun|begins|"
        r"start(?:ed|s)|launch(?:ed|es)|"
        rf"first {_SUBJECT}(?: has| have| was| were)?(?: been)? (?:dosed|enrolled|treated|"
        r"randomi[sz]ed)|dosed (?:the |its |our )?first|"
        r"(?:dosing|enrol?lment|treatment|randomi[sz]ation) of (?:the |its |our )?first "
        rf"{_SUBJECT}|"
        r"(?:dosing|enrol?lment|recruitment|treatment) (?:has |have |is |was )?"
        r"(?:now )?(?:commenced|begun|started|initiated|underway|under way)|"
        r"moved into|advanced (?:in)?to|advances (?:in)?to|advancing into|"
        r"entered(?! into an?\b)|enters(?! into an?\b)|now in|opened (?:for )?enrol?lment)\b",
        _I,
    ),
    "completed": re.compile(
        r"\b(?:completed|completes|completion of|conclud(?:ed|es|ing)|conclusion of|"
        r"finished|(?:has|have) (?:successfully )?passed)\b",
        _I,
    ),
    "stopped": re.compile(
        r"\b(?:clinical hold|(?:placed|put) on (?:a )?(?:partial |full )?hold|"
        r"discontinu(?:e|ed|es|ing|ation of)|terminat(?:e|ed|es|ing|ion of)|"
        r"suspend(?:ed|s|ing)?|suspension of|halt(?:ed|s|ing)?|stopp(?:ed|ing)|"
        r"stop(?:s)? (?:the|its|enrol?lment|dosing|development)|"
        r"end(?:s|ed|ing)? (?:its |the )?development|paus(?:e|ed|es|ing))\b",
        _I,
    ),
}
_PLANNED = re.compile(
    r"\b(?:plan(?:s|ned|ning)?\s+to|intend(?:s|ed)?\s+to|expect(?:s|ed)?\s+to|anticipat\w*|"
    r"will\s+(?:\w+\s+){0,2}?(?:initiat|begin|start|commenc|enrol|launch|dos|conduct|advanc|"
    r"mov|enter|open)|to\s+(?:commence|initiate|begin|start|enter|launch|advance|move)|"
    r"look(?:s|ing)?\s+forward|(?:is|are)\s+expected|scheduled|on\s+track|"
    r"prepar(?:e|es|ing)\s+(?:to|for)|upcoming|later\s+(?:this|in)|would|could|might|"
    r"aim(?:s|ed)?\s+to|seek(?:s|ing)?\s+to|planned|proposed|subject\s+to|assuming|"
    r"intention|pending|next\s+step|clearance|cleared|allowed?\s+to\s+proceed|"
    r"(?:accept|approv|clear)\w*\s+(?:of\s+)?(?:its\s+|the\s+|an\s+)?(?:IND|CTA)|"
    r"IND\s+(?:application\s+)?(?:has\s+)?(?:been\s+)?(?:clear|accept|approv|in\s+effect|"
    r"submi|fil)\w*)",
    _I,
)
_MODAL = re.compile(r"\b(?:may|if|whether)\b")
_BACKGROUND = re.compile(
    r"\b(?:previously|as announced|had\s+(?:already\s+|been\s+)?(?:\w+ed|begun|been)|"
    r"in an? (?:completed|prior|previous|earlier)|"
    r"prior (?:trial|study|studies)|earlier this|last (?:year|month|quarter)|"
    r"(?:the|a|an|its|our|their|recently|successfully) completed)\b",
    _I,
)
_BLOCKERS = {
    "completed": re.compile(
        r"enrol|accrual|recruit|cohort|safety review|dose level|screening|randomi[sz]ation|"
        r"analysis|review|patient",
        _I,
    ),
    "started": re.compile(r"cohort|dose level|expansion|arm of patients|site", _I),
    "stopped": re.compile(r"lift|remov|resum|release|respon|address|patients?\b|due to", _I),
}
_STOP_CONTEXT = re.compile(r"trial|study|program|development|dosing|enrol|phase|hold", _I)
_HOLD_LIFTED = re.compile(r"\b(?:lift\w*|remov\w*|resum\w*|released)\b", _I)
_TRIAL_COMPLETED = re.compile(
    r"\b(?:trial|study)\s+(?:was|has\s+been|had\s+been|is\s+now)\s+(?:successfully\s+)?"
    r"(?:completed|concluded)",
    _I,
)
_WINDOW = 60
_LOOKBACK = 30


@dataclass(frozen=True, slots=True)
class _Cue:
    status: PhaseStatus
    start: int
    end: int


def _cues(sentence: str) -> list[_Cue]:
    """Every status cue in `sentence`, in order."""
    found = [
        _Cue(status, m.start(), m.end())
        for status, pattern in _CUES.items()
        for m in pattern.finditer(sentence)
    ]
    return sorted(found, key=lambda c: c.start)


def _attach(cue: _Cue, phases: list[PhaseMention]) -> PhaseMention | None:
    """The phase a cue is about: the nearest one after it, else the nearest before it."""
    after = [p for p in phases if p.start >= cue.end and p.start - cue.end <= _WINDOW * 2]
    if after:
        return after[0]
    before = [p for p in phases if p.end <= cue.start and cue.start - p.end <= _WINDOW * 2]
    return before[-1] if before else None


def _span(cue: _Cue, phase: PhaseMention | None) -> tuple[int, int]:
    """The part of the sentence that states the event."""
    if phase is None:
        return cue.start, cue.end
    return min(cue.start, phase.start), max(cue.end, phase.end)


def _clause(sentence: str, lo: int, hi: int) -> str:
    """The text around [lo, hi), up to _WINDOW characters each side, cut at ';'."""
    left = max(0, lo - _WINDOW)
    semi = sentence.rfind(";", left, lo)
    left = semi + 1 if semi >= 0 else left
    right = min(len(sentence), hi + _WINDOW)
    semi = sentence.find(";", hi, right)
    return sentence[left : semi if semi >= 0 else right]


def _is_blocked(sentence: str, cue: _Cue, phase: PhaseMention | None) -> bool:
    """Whether the cue is about something other than a whole trial phase."""
    lo, hi = _span(cue, phase)
    between = sentence[lo:hi] if phase else ""
    tail = sentence[cue.end : cue.end + 30]
    blocker = _BLOCKERS[cue.status]
    if cue.status == "stopped":
        context = sentence[max(0, cue.start - 30) : cue.end + 40]
        return (
            blocker.search(context) is not None
            or _STOP_CONTEXT.search(sentence) is None
            or _HOLD_LIFTED.search(sentence) is not None
        )
    if cue.status == "started" and phase is None:
        return not re.match(r"first|dos|enrol", sentence[cue.start : cue.end], _I)
    if cue.status == "completed" and phase is None:
        return _TRIAL_COMPLETED.search(sentence) is None
    return blocker.search(between) is not None or blocker.search(tail[:15]) is not None


def _status(sentence: str, cue: _Cue, phase: PhaseMention | None) -> PhaseStatus | None:
    """The status the cue gives its phase in this sentence, or None to drop it."""
    if _is_blocked(sentence, cue, phase):
        return None
    lo, hi = _span(cue, phase)
    clause = _clause(sentence, lo, hi)
    if _BACKGROUND.search(sentence[max(0, lo - 40) : hi + 10]):
        return None
    if _PLANNED.search(clause):
        return "planned"
    if cue.status == "stopped" and _MODAL.search(clause):
        return None
    return cue.status


def _confidence(status: PhaseStatus, phase: str | None, drug: str | None) -> float:
    """A rough confidence: firm statuses with a stated phase and drug score highest."""
    score = 0.6 if status == "planned" else 0.8
    return score + (0.1 if phase else 0.0) + (0.05 if drug else 0.0)


def _sentence_events(doc: Document, index: int) -> list[PhaseChange]:
    """The phase changes one news sentence states."""
    sentence = doc.sentences[index]
    phases = list(find_phases(sentence.text))
    events: list[PhaseChange] = []
    for cue in _cues(sentence.text):
        phase = _attach(cue, phases)
        status = _status(sentence.text, cue, phase)
        if status is None:
            continue
        label = phase.phase if phase else None
        if status == "completed" and label is None:
            label = _earlier_phase(doc, index)
        at = phase.start if phase else cue.start
        drug = doc.drug_near(index, at)
        events.append(
            PhaseChange(
                status=status,
                phase=label,
                drug=drug,
                indication=doc.indication_near(index, at),
                evidence=sentence.text,
                start=sentence.start,
                end=sentence.end,
                confidence=_confidence(status, label, drug),
            )
        )
    return events


def classify_phase_changes(doc: Document) -> list[PhaseChange]:
    """Phase changes stated in the document's news sentences, one per (status, phase)."""
    events: list[PhaseChange] = []
    seen: set[tuple[str, str | None]] = set()
    for index in range(len(doc.sentences)):
        for event in _sentence_events(doc, index):
            if (event.status, event.phase) not in seen:
                seen.add((event.status, event.phase))
                events.append(event)
    return _drop_unphased_duplicates(events)


def _earlier_phase(doc: Document, index: int) -> str | None:
    """The last trial phase named in the few sentences before sentence `index`."""
    for j in range(index - 1, max(-1, index - 1 - _LOOKBACK), -1):
        found = list(find_phases(doc.sentences[j].text))
        if found:
            return found[-1].phase
    return None


def _drop_unphased_duplicates(events: list[PhaseChange]) -> list[PhaseChange]:
    """Drop a phase-less event when the same status is also reported with a phase."""
    phased = {e.status for e in events if e.phase}
    return [e for e in events if e.phase or e.status not in phased]
