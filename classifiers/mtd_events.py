"""MTD and RP2D outcomes: a maximum tolerated or recommended Phase 2 dose was determined.

A sentence qualifies when it names an MTD/RP2D (or an implicit one: "the dose selected for
Phase II studies") together with an outcome: a dose tied to the term ("MTD ... established to
be 168 mg/m²"), a determination verb ("the MTD was determined") or a finished "not reached"
("a maximum tolerated dose was not determined"). Design objectives ("to determine the MTD"),
interim notes ("not yet reached"), animal MTDs and bounds ("below the MTD") are dropped.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from classifiers.context import Document
from classifiers.doses import DoseMention, find_doses, parse_schedule
from classifiers.events import MtdKind, MtdOutcome
from classifiers.mtd_cues import (
    ANIMAL,
    BOUND,
    COPULA,
    DEFINITION,
    DOSE_BEFORE_GAP,
    DOSE_BOUND,
    FINISHED,
    FUTURE_TERM,
    GAP_BLOCK,
    HEADLINE_OUTCOME,
    IMPLICIT_TERM,
    IMPLIED_OUTCOME,
    INTERIM,
    JOIN,
    JOIN_BLOCK,
    NOT_REACHED,
    OBJECTIVE,
    OUTCOME,
    TERM_WORDS,
    TERMS,
    VERB_BEFORE,
)
from classifiers.sentences import contains_any, is_word_start

_SAME_TERM = 12
_SCHEDULE_REACH = 160
_MAX_LINKED = 4
_MAX_TERMS = 8  # per sentence: keeps the work per sentence bounded on degenerate input
_GATE = (
    "tolera",
    "mtd",
    "rp2d",
    "rphd",
    "recommend",
    "phase ii",
    "phase 2",
    "phase-2",
    "phase two",
    "phase-ii",
    "single-agent",
    "single agent",
    "monotherapy",
)  # a sentence without any of these cannot state an MTD/RP2D outcome


@dataclass(frozen=True, slots=True)
class _Term:
    kind: MtdKind
    start: int
    end: int


def _terms(low: str) -> list[_Term]:
    """MTD/RP2D terms in a lower-cased sentence; "maximum tolerated dose (MTD)" counts once."""
    found = sorted(
        (
            _Term(kind, m.start(), m.end())
            for kind, pattern in TERMS.items()
            for m in pattern.finditer(low)
            if is_word_start(low, m.start())
        ),
        key=lambda t: t.start,
    )
    merged: list[_Term] = []
    for term in found:
        last = merged[-1] if merged else None
        if last and last.kind == term.kind and term.start - last.end <= _SAME_TERM:
            merged[-1] = _Term(term.kind, last.start, term.end)
        else:
            merged.append(term)
    return merged


def _is_excluded(low: str, term: _Term) -> bool:
    """Objectives, future or defining statements, animal MTDs and bounds are not outcomes."""
    before = low[max(0, term.start - 80) : term.start]
    cut = max(before.rfind(";"), before.rfind(":"))
    before = before[cut + 1 :]
    return (
        OBJECTIVE.search(before) is not None
        or FUTURE_TERM.search(low[term.end : term.end + 40]) is not None
        or DEFINITION.search(low, term.start, term.end + 60) is not None
        or BOUND.search(before) is not None
        or ANIMAL.search(low, max(0, term.start - 60), term.end + 60) is not None
        or "not yet" in low
    )


def _asserted(low: str, term: _Term, gap: str) -> bool:
    """Whether the text states the term equals the dose, not just names it ("at the RP2D of")."""
    return (
        COPULA.search(gap) is not None
        or VERB_BEFORE.search(low, max(0, term.start - 50), term.start) is not None
        or IMPLIED_OUTCOME.search(low, term.start, term.end) is not None
        or (
            low.startswith(("dose", "dosage", "regimen"), term.start)
            and IMPLICIT_TERM.search(low, term.start, term.end) is not None
        )
        or (
            gap.strip(" ()[],") in ("", "of", "at", "at a dose of")
            and OUTCOME.search(low, max(0, term.start - 40), term.end + 80) is not None
        )
    )


def _linked_doses(low: str, term: _Term, doses: list[DoseMention]) -> list[DoseMention]:
    """Doses the term is equated with: the first after it, plus any joined by "and"/","."""
    linked: list[DoseMention] = []
    cursor = term.end
    for mention in doses[bisect_left([d.end for d in doses], term.start + 1) :]:
        gap = low[cursor : mention.start] if mention.start >= cursor else ""
        bound = DOSE_BOUND.search(low, max(0, mention.start - 16), mention.start)
        blocked = (JOIN_BLOCK if linked else GAP_BLOCK).search(gap)
        if blocked or bound or (not linked and len(gap) > 80):
            break
        if not linked and mention.start >= term.end and not _asserted(low, term, gap):
            break
        if linked and (mention.dose is None or not JOIN.match(gap) or TERM_WORDS.search(gap)):
            break
        if len(linked) == _MAX_LINKED:
            break
        linked.append(mention)
        cursor = mention.end
    return linked


def _dose_before(low: str, term: _Term, doses: list[DoseMention]) -> DoseMention | None:
    """A dose stated just before the term: "300 mg BID is the recommended dose"."""
    before = [d for d in doses if d.end <= term.start and term.start - d.end <= 40]
    if not before:
        return None
    gap = low[before[-1].end : term.start]
    ok = DOSE_BEFORE_GAP.search(gap) is not None
    return before[-1] if ok and not GAP_BLOCK.search(gap) else None


def _schedule(sentence: str, term: _Term, mention: DoseMention | None) -> str | None:
    """The schedule next to the dose, else from the term on, else anywhere in the sentence."""
    if mention is not None:
        near = parse_schedule(sentence[mention.end : mention.end + 60])
        if near:
            return near
    after = parse_schedule(sentence[term.start : term.end + _SCHEDULE_REACH])
    return after or parse_schedule(sentence[max(0, term.start - _SCHEDULE_REACH) : term.start])


def _event(doc: Document, index: int, term: _Term, mention: DoseMention | None) -> MtdOutcome:
    """One outcome for `term` in sentence `index`, with `mention` as its dose (or none)."""
    sentence = doc.sentences[index]
    schedule = _schedule(sentence.text, term, mention)
    if mention is not None and mention.range_text:
        schedule = "; ".join(filter(None, [schedule, f"range {mention.range_text}"]))
    dose = mention.dose if mention else None
    return MtdOutcome(
        kind=term.kind,
        dose=dose,
        not_reached=False,
        schedule=schedule,
        drug=doc.drug_near(index, term.start),
        evidence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        confidence=0.95 if dose else 0.8,
    )


def _term_events(
    doc: Document, index: int, term: _Term, doses: list[DoseMention]
) -> list[MtdOutcome]:
    """The outcomes a single term states, possibly none."""
    low = doc.lowered[index]
    if _is_excluded(low, term):
        return []
    window = low[max(0, term.start - 40) : term.end + 80]
    after = [d.start for d in doses if d.start >= term.end]
    negation_end = min([term.end + 60, *after[:1]])
    negation = NOT_REACHED.search(low, max(0, term.start - 40), negation_end)
    if negation:
        perfect = negation.group().startswith(("has", "have", "is ", "are "))
        if INTERIM.search(low) or term.kind == "RP2D" or (perfect and not FINISHED.search(low)):
            return []  # interim ("has not been reached"), or an RP2D still to be set
        return [_replace_not_reached(_event(doc, index, term, None))]
    linked = _linked_doses(low, term, doses) or [m for m in [_dose_before(low, term, doses)] if m]
    if linked:
        return [_event(doc, index, term, m) for m in linked]
    implied = IMPLIED_OUTCOME.search(low, term.start, term.end) is not None
    stated = OUTCOME.search(window) or HEADLINE_OUTCOME.match(low, term.end)
    if (implied or stated) and not INTERIM.search(low):
        return [_event(doc, index, term, None)]
    return []


def _replace_not_reached(event: MtdOutcome) -> MtdOutcome:
    """The same outcome marked as "not reached"."""
    return MtdOutcome(
        kind=event.kind,
        dose=None,
        not_reached=True,
        schedule=event.schedule,
        drug=event.drug,
        evidence=event.evidence,
        start=event.start,
        end=event.end,
        confidence=0.85,
    )


def classify_mtd(doc: Document) -> list[MtdOutcome]:
    """MTD/RP2D outcomes stated in the document's news sentences, deduplicated."""
    events: list[MtdOutcome] = []
    for index, low in enumerate(doc.lowered):
        if not contains_any(low, _GATE):
            continue
        terms = _terms(low)[:_MAX_TERMS]
        if not terms:
            continue
        doses = list(find_doses(low))
        for term in terms:
            events.extend(_term_events(doc, index, term, doses))
    return _dedupe(events)


def _dedupe(events: list[MtdOutcome]) -> list[MtdOutcome]:
    """One event per (kind, dose); a dose-less outcome goes when its kind has a dose."""
    with_dose = {e.kind for e in events if e.dose is not None}
    kept: list[MtdOutcome] = []
    seen: set[tuple[str, object, bool]] = set()
    for event in events:
        bare = event.dose is None and not event.not_reached and not event.schedule
        if bare and event.kind in with_dose:
            continue
        key = (event.kind, event.dose, event.not_reached)
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept
