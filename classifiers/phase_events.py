"""Phase changes: a trial phase started, completed, stopped, or is only planned.

Each news sentence is searched for status cues (cue_table.py), each tied to its trial phase
(phase_clauses.py). The cue's clause then decides its status, ConText-style: a conditional
trigger ("Upon completion of") or a plan ("plans to", "IND clearance") in scope makes it
planned or drops it; background ("as previously announced", a date well before the dateline),
negation, hypotheticals, non-clinical programs and enrollment or cohort milestones drop it. In the
body of a whole release, a change with no news marker, date of the period or topic phase is
history. Events are kept one per (status, phase, drug).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from classifiers.context import ParsedText
from classifiers.cue_table import (
    GATE,
)
from classifiers.dating import dated_after, dated_before, dated_recently
from classifiers.entities import find_drug_tracks, find_drugs, find_indications
from classifiers.events import PhaseChange, PhaseStatus
from classifiers.phase_clauses import (
    MAX_CUES,
    NEAR,
    NEGATION_REACH,
    SUBJECT_REACH,
    Cue,
    attach,
    clause,
    find_cues,
    is_blocked,
    span,
)
from classifiers.phase_cues import (
    ANAPHOR,
    BACKGROUND,
    CLINICAL_ANCHOR,
    CONDITIONAL,
    FOLLOWED,
    FORWARD_LIST,
    GENERIC,
    MODAL,
    NEGATED,
    NEWS_MARKER,
    NEXT_PREDICATE,
    NON_CLINICAL,
    OWN_PREDICATE,
    PERFECT,
    PLANNED,
    RELATIVE,
    STAGE,
    STOP_HYPOTHETICAL,
    UNPHASED_ANCHOR,
)
from classifiers.phases import PhaseMention, find_phases
from classifiers.sentences import contains_any, fold_case

_LOOKBACK = 30  # sentences looked back for the phase of a completion that names none
_CLINICAL_DOC = re.compile(  # over the lower-cased text: no IGNORECASE, several times faster
    r"\b(?:trials?|stud(?:y|ies)|patients?|clinical|dos(?:e|ed|es|ing)|fda|ind|subjects?|"
    r"participants?|drugs?|therap\w+|enrol\w*|volunteers?|testing|programs?|candidates?|"
    r"compounds?|cancers?|carcinomas?|tumou?rs?|vaccines?|indications?|efficacy|safety)\b",
)
_PRODUCT_CODE = re.compile(r"[A-Z]{1,6}-?\d{2,6}[A-Za-z]?")  # "AB-123", "XR1001", "ZT-011b"
_DESIGN = re.compile(r"will (?:\w+ )?(?:enrol|dos)")  # "will enroll 120 patients": design
_CLEARANCE = re.compile(
    r"\b(?:ind|cta|investigational new drug|clinical trial application)\b.{0,80}?"
    r"\b(?:clear|accept|approv|allow|in effect)|\b(?:clear|accept|approv)\w* (?:of )?"
    r"(?:its |the |an |our )?(?:ind|cta)\b"
)  # run on fold_case() sentences
_PREVIOUSLY = re.compile(r"\bpreviously (?!treated|untreated|diagnosed|irradiated|approved)")
_RECALLED = (
    "as previously",
    "as announced",
    "as reported",
    "as disclosed",
    "previously,",
    "since 19",
    "since 20",
    "to date,",
    "historically",
)  # a sentence opening with one of these recalls history
_NOMINAL = ("initiation", "commencement", "start of", "launch of", "kick-off")
_BACK_REACH = 80  # characters before an event searched for a background trigger
_DATE_REACH = 24  # … and after it: "initiated in August 2013"
_NOMINAL_END = " of"  # a nominal cue ends "… of": "termination of", "completion of"
_HEADLINE_SENTENCES = 3


def _is_clinical(
    sentence: str, low: str, cue: Cue, phase: PhaseMention | None, clause: tuple[int, int]
) -> bool:
    """A human trial of a product: clinical words or a product's name in the clause (a phase
    token with "program" or "testing" will do), and no business program in it."""
    left, right = clause
    if NON_CLINICAL.search(low, left, right) is not None:
        return False
    phased_program = phase is not None and contains_any(low[left:right], ("program", "testing"))
    product = any(left <= sentence.find(name) < right for name in find_drugs(sentence))
    if not (CLINICAL_ANCHOR.search(low, left, right) or phased_program or product):
        return False
    unphased_ok = cue.status == "stopped" or UNPHASED_ANCHOR.search(low) is not None
    return phase is not None or unphased_ok  # a start with no phase names a trial


def _own_predicate_start(low: str, cue: Cue, left: int) -> int:
    """Where the cue's own predicate begins when it is the second of two joined by "and":
    "… approval to begin the trial and has dosed its first patient". Only a perfect ("and has
    dosed") or a past tense ("and dosed") makes it one; "plans to … and initiate" stays a plan."""
    found = OWN_PREDICATE.search(low, left, cue.start)
    if found is None:
        return left
    past = low[cue.start : cue.end].split(" ", 1)[0].endswith("ed")
    return found.end() if found.group("aux") or past else left


def _modality(sentence: str, low: str, cue: Cue, left: int, right: int) -> PhaseStatus | None:
    """The status once planning, conditions and hypotheticals in the clause are weighed."""
    if CONDITIONAL.search(low, left, cue.start):
        return None  # "With successful completion of the Phase 3 study, approvals will be sought"
    left = _own_predicate_start(low, cue, left)
    ends = [
        m.start()
        for m in (RELATIVE.search(low, cue.end, right), NEXT_PREDICATE.search(low, cue.end, right))
        if m
    ]
    own = min(ends, default=right)  # "a Phase 2b study that will enroll 600", "… and plans to"
    planned = PLANNED.search(low, left, own) is not None or (
        FORWARD_LIST.search(low, 0, cue.start) is not None
    )
    modal = MODAL.search(sentence, left, own) is not None
    if cue.status == "stopped":
        risky = modal or STOP_HYPOTHETICAL.search(low, left, own) is not None
        return None if risky else "stopped"
    return "planned" if planned or modal else cue.status


def _is_background(low: str, cue: Cue, lo: int, hi: int) -> bool:
    """History told as such: "as previously announced", "which advanced X into", "Dr. Roe
    previously led …", "X has completed Phase 1 and is in the midst of a Phase 2 trial"."""
    if BACKGROUND.search(low, max(0, lo - _BACK_REACH), hi + _DATE_REACH) or low.startswith(
        _RECALLED
    ):
        return True
    if cue.status != "stopped" and _PREVIOUSLY.search(low, 0, cue.start):
        return True
    if FOLLOWED.search(low, max(0, cue.start - NEAR), cue.start) and low.startswith(
        _NOMINAL_END, cue.end - 3
    ):
        return True  # "after the completion of the Phase 1 trial": the earlier event
    perfect = PERFECT.search(low, max(0, cue.start - SUBJECT_REACH), cue.start) is not None
    return perfect and STAGE.search(low, cue.end) is not None


def _status(
    sentence: str, low: str, cue: Cue, phase: PhaseMention | None, today: date | None
) -> PhaseStatus | None:
    """The status the cue gives its phase in this sentence, or None to drop it."""
    if is_blocked(low, cue, phase) or NEGATED.search(
        low, max(0, cue.start - NEGATION_REACH), cue.start
    ):
        return None
    lo, hi = span(cue, phase)
    if _is_background(low, cue, lo, hi):
        return None
    left, right = clause(low, lo, hi)
    if GENERIC.search(low, left, right) or not _is_clinical(
        sentence, low, cue, phase, (left, right)
    ):
        return None  # textbook statements; drilling, token sales and grants
    dated = (left, min(right, hi + _DATE_REACH))  # dates before the event or right after it
    if dated_before(today, low, *dated):
        return None  # "In December 2023, Acme initiated …" in a release of 2025
    status = _modality(sentence, low, cue, left, right)
    if status in ("started", "completed") and dated_after(today, low, *dated):
        return "planned"  # "initiation of the Phase 3 study (Q4 2025)" in a release of September
    return status


def _confidence(status: PhaseStatus, phase: str | None, drug: str | None) -> float:
    """A rough confidence: firm statuses with a stated phase and drug score highest."""
    score = 0.6 if status == "planned" else 0.8
    return score + (0.1 if phase else 0.0) + (0.05 if drug else 0.0)


def _is_weak(sentence: str, low: str, cue: Cue, index: int, zone: str) -> bool:
    """A start stated only as a noun ("the initiation of ... represents") or in a headline
    (the first sentences, or an 8-K exhibit's headline)."""
    if cue.status != "started":
        return False
    nominal = low.startswith(_NOMINAL, cue.start)
    announced = "announc" in low[max(0, cue.start - NEAR) : cue.start]
    top = index < _HEADLINE_SENTENCES or zone == "headline"
    headline = top and not sentence.rstrip().endswith((".", '"', "”"))
    return (nominal and not announced) or headline


@dataclass(frozen=True, slots=True)
class _Found:
    """A phase change before names are looked up: where it is and how firmly it is worded."""

    status: PhaseStatus
    phase: str | None
    index: int  # sentence
    at: int  # offset in the sentence the names are looked up near
    weak: bool  # a start worded only as a noun or in a headline
    design: bool = False  # a plan that only describes the trial: "will enroll 120 patients"


_HISTORY_ZONES = ("body", "quote", "pipeline")


_TOPIC_ZONES = ("headline", "bullets", "lead")


def _topic_phases(doc: ParsedText) -> set[str]:
    """The phases the release's headline, bullets and lead speak of: its topic."""
    return {
        p.phase
        for low, zone in zip(doc.lowered, doc.zones, strict=True)
        if zone in _TOPIC_ZONES
        for p in find_phases(low)
    }


def _is_history(doc: ParsedText, index: int, cue: Cue, phase: PhaseMention | None) -> bool:
    """In the body of a whole release, a change of a phase the headline and lead do not speak
    of, told with no news marker nor a date of the period in its clause, is history (profiles,
    interviews, analyst notes): "Acme has completed Phase 1 and is in Phase 2"."""
    if not doc.whole or doc.zones[index] not in _HISTORY_ZONES:
        return False
    low = doc.lowered[index]
    left, right = clause(low, *span(cue, phase))
    if NEWS_MARKER.search(low, 0, right):
        return False  # a marker before the change or in its clause, not in a later one
    topic = doc.voice == "own" and phase is not None and phase.phase in _topic_phases(doc)
    if doc.zones[index] == "body" and topic:
        return False  # the body goes on about the headline's and lead's phase (not a note's)
    return not dated_recently(doc.date, low, left, right)


_ANAPHOR_ZONES = ("lead", "bullets")
_TRIAL = ("trial", "stud")


def _headline_phase(doc: ParsedText) -> str | None:
    """The one trial phase the headline names, if it names exactly one."""
    named = {
        p.phase
        for low, zone in zip(doc.lowered, doc.zones, strict=True)
        if zone == "headline"
        for p in find_phases(low)
    }
    return named.pop() if len(named) == 1 else None


_LEAD_TRIAL = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:clinical\s+)?(?:trials?|stud(?:y|ies))\b")
_PAST_TRIAL = re.compile(r"complet|conclud|finish|prior|previous|earlier|follow|after|befor")


def _lead_phase(doc: ParsedText) -> str | None:
    """The one trial phase the lead names ("… its Phase 2 PROMISE trial, a randomized …"),
    not a trial told as past ("which completed its Phase 1 trial"): the phase of the event a
    headline tells without one."""
    named: set[str] = set()
    for low, zone in zip(doc.lowered, doc.zones, strict=True):
        if zone != "lead":
            continue
        for p in find_phases(low):
            if _LEAD_TRIAL.match(low, p.end) and not _PAST_TRIAL.search(
                low, max(0, p.start - NEAR), p.start
            ):
                named.add(p.phase)
    return named.pop() if len(named) == 1 else None


def _anaphor(low: str, cue: Cue, phase: str | None) -> PhaseMention | None:
    """The headline's trial, when the lead's cue is about "the study" or "its trial" and names
    no phase: "Acme Completes Phase 2 Trial … Acme today announced it has completed the study"."""
    match = ANAPHOR.match(low, cue.end) if phase else None
    if match is None or phase is None:
        return None
    return PhaseMention(phase, match.start("trial"), match.end("trial"))


def _sentence_events(doc: ParsedText, index: int) -> list[_Found]:
    """The phase changes one news sentence states."""
    sentence, low = doc.sentences[index], doc.lowered[index]
    phases = list(find_phases(low))
    told = None if phases or doc.zones[index] not in _ANAPHOR_ZONES else _headline_phase(doc)
    found: list[_Found] = []
    for cue in find_cues(low, doc.zones[index] == "headline")[:MAX_CUES]:
        phase = attach(cue, phases) or _anaphor(low, cue, told)
        status = _status(sentence.text, low, cue, phase, doc.date)
        if status is None or (status != "planned" and _is_history(doc, index, cue, phase)):
            continue
        label = phase.phase if phase else None
        if label is None and status != "stopped" and doc.zones[index] == "headline":
            label = _lead_phase(doc)  # "Acme Doses First Patient in Trial of AB-1"
        if status == "stopped" and label is None:
            label = _drug_phase(doc, index, cue.start)
        if status == "completed" and label is None:
            label = _earlier_phase(doc, index)
        at = phase.start if phase else cue.start
        weak = _is_weak(sentence.text, low, cue, index, doc.zones[index])
        design = status == "planned" and _DESIGN.match(low, cue.start) is not None
        found.append(_Found(status, label, index, at, weak, design))
        found.extend(
            _Found(status, other.phase, index, _product_at(low, other), weak, design)
            for other in _coordinated_trials(low, phase, phases)
        )
    return found


# "a Phase 2 trial of AB-1 and a Phase 1 trial of AB-2": between one phase and the next, the
# first trial's own noun and product, then a coordinating "and a"
_NEXT_TRIAL = re.compile(
    r"\s+(?:clinical\s+)?(?:trials?|stud(?:y|ies))\s+(?:of|with|evaluating|testing)\s+[^.;,()]{1,40}?"
    r",?\s+(?:and|as well as)\s+(?:a|an|the|its|their|our)\s+$"
)


_TRIAL_OF = re.compile(
    r"\s+(?:clinical\s+)?(?:trials?|stud(?:y|ies))\s+(?:of|with|evaluating|testing)\s+"
)


def _product_at(low: str, phase: PhaseMention) -> int:
    """Where the product of "Phase 1 trial of AB-2" is named (else the phase itself)."""
    match = _TRIAL_OF.match(low, phase.end)
    return match.end() if match else phase.start


def _coordinated_trials(
    low: str, phase: PhaseMention | None, phases: list[PhaseMention]
) -> list[PhaseMention]:
    """The phases of trials coordinated with the cue's own, each of its own product, that share
    the cue: "initiated a Phase 2 trial of AB-1 and a Phase 1 trial of AB-2" gives Phase 1."""
    coordinated: list[PhaseMention] = []
    for other in phases:
        if phase is None or other.start <= phase.start:
            continue
        if _NEXT_TRIAL.fullmatch(low, phase.end, other.start) is None or find_cues(
            low[phase.end : other.start]
        ):
            break
        coordinated.append(other)
        phase = other
    return coordinated


def _reconcile(found: list[_Found], doc: ParsedText) -> list[_Found]:
    """A start worded only weakly (headline, noun) yields to plans when nothing firm backs it;
    a plan that only describes a trial (its design), or that its own sentence says was carried
    out, yields to that trial's firm start."""
    firm = {f.phase for f in found if f.status == "started" and not f.weak}
    # "has initiated dosing in a Phase 2b study that will enroll 600 patients": the plan only
    # describes the trial that started
    found = [f for f in found if not (f.design and f.phase in firm)]
    # "has received approval to begin the Phase 2 trial and has dosed its first patient": the
    # plan of the sentence's first predicate was carried out in its second
    started_at = {(f.index, f.phase) for f in found if f.status == "started" and not f.weak}
    found = [f for f in found if not (f.status == "planned" and (f.index, f.phase) in started_at)]
    doubtful = [f for f in found if f.weak and f.phase not in firm]
    if not doubtful:
        return found
    planned = any(f.status == "planned" and not f.design for f in found) or any(
        _CLEARANCE.search(low) for low in doc.lowered
    )
    if not planned:
        return found
    return [replace(f, status="planned") if f in doubtful else f for f in found]


def _tells_better(doc: ParsedText, new: _Found, old: _Found) -> bool:
    """Of two tellings of one change, a firm sentence beats a weak one (a headline), and then
    one that names the indication beats one that does not; otherwise the first stays."""
    if new.weak != old.weak:
        return not new.weak
    named = doc.indication_near(new.index, new.at) is not None
    return named and doc.indication_near(old.index, old.at) is None


def _event(doc: ParsedText, found: _Found) -> PhaseChange:
    """The PhaseChange for a finding, with its drug and indication looked up."""
    sentence = doc.sentences[found.index]
    drug = doc.drug_near(found.index, found.at)
    return PhaseChange(
        status=found.status,
        phase=found.phase,
        drug=drug,
        indication=doc.indication_near(found.index, found.at),
        evidence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        confidence=_confidence(found.status, found.phase, drug),
    )


_Key = tuple[str, str | None, str | None]


def _keep_per_drug(doc: ParsedText, found: list[_Found]) -> dict[_Key, _Found]:
    """One finding per (status, phase, drug named in its own sentence); a finding whose sentence
    names no drug joins a finding of the same status and phase that does."""
    kept: dict[_Key, _Found] = {}
    for item in found:
        key = (item.status, item.phase, doc.drug_in(item.index, item.at))
        if key not in kept or _tells_better(doc, item, kept[key]):
            kept[key] = item
    named = {(status, phase) for status, phase, drug in kept if drug}
    return {k: v for k, v in kept.items() if k[2] or (k[0], k[1]) not in named}


def _clinical_doc(doc: ParsedText, found: list[_Found]) -> bool:
    """Clinical words anywhere (searched last: it reads the whole text), or a finding's own
    sentence that names a product code and a disease: "AB-123 entered Phase 2 in gout"."""
    if _CLINICAL_DOC.search(doc.low or fold_case(doc.text)) is not None:
        return True
    return any(
        _PRODUCT_CODE.fullmatch(doc.drug_in(f.index, f.at) or "")
        and find_indications(doc.sentences[f.index].text)
        for f in found
    )


def classify_phase_changes(doc: ParsedText) -> list[PhaseChange]:
    """Phase changes stated in the document's news sentences, one per (status, phase, drug)."""
    if doc.voice == "roundup":
        return []  # other companies' trials in an agency's roundup
    found: list[_Found] = []
    told = _headline_phase(doc) is not None
    for index, low in enumerate(doc.lowered):
        anaphoric = told and doc.zones[index] in _ANAPHOR_ZONES and contains_any(low, _TRIAL)
        if anaphoric or contains_any(low, GATE):
            found.extend(_sentence_events(doc, index))
    if not found or not _clinical_doc(doc, found):
        return []  # "Phase 2" with no clinical vocabulary and no product code named with it
    kept = _keep_per_drug(doc, _reconcile(found, doc))
    phased = {status for status, phase, _ in kept if phase}
    found = [
        item
        for (status, phase, _), item in kept.items()
        if phase or status not in phased  # a phase-less duplicate of a phased status goes
    ]
    return _per_drug(doc, found)


def _per_drug(doc: ParsedText, found: list[_Found]) -> list[PhaseChange]:
    """The events of the findings, one per drug a clause names apart ("Phase 2 trials of AB-1
    and AB-2"), each with the indication the clause gives it (entities.find_drug_tracks)."""
    events: list[PhaseChange] = []
    seen: set[_Key] = set()
    for item in found:
        event = _event(doc, item)
        tracks = find_drug_tracks(doc.sentences[item.index].text, item.at)
        split = [
            replace(event, drug=t.drug, indication=t.indication or event.indication) for t in tracks
        ]
        for one in split or [event]:
            if (one.status, one.phase, one.drug) not in seen:
                seen.add((one.status, one.phase, one.drug))
                events.append(one)
    return events


_DRUG_REACH = 8  # sentences either side searched for the stopped drug's phase


def _drug_phase(doc: ParsedText, index: int, at: int) -> str | None:
    """The phase named later in the same sentence, else with the same drug in a nearby one:
    "discontinue development of AB-1" after "a partial clinical hold on the Phase 2 AB-1 study"."""
    later = [p for p in find_phases(doc.lowered[index]) if p.start > at]
    if later:
        return later[0].phase
    drug = doc.drug_in(index, at)
    if drug is None:
        return None
    lo, hi = max(0, index - _DRUG_REACH), min(len(doc.lowered), index + _DRUG_REACH + 1)
    for j in sorted(range(lo, hi), key=lambda j: abs(j - index)):
        if j != index and drug in doc.sentences[j].text:
            found = list(find_phases(doc.lowered[j]))
            if found:
                return found[0].phase
    return None


def _earlier_phase(doc: ParsedText, index: int) -> str | None:
    """The last trial phase named in the few sentences before sentence `index`."""
    for j in range(index - 1, max(-1, index - 1 - _LOOKBACK), -1):
        found = list(find_phases(doc.lowered[j]))
        if found:
            return found[-1].phase
    return None
