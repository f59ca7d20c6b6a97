"""MTD and RP2D outcomes: a maximum tolerated or recommended Phase 2 dose was determined.

A sentence qualifies when it names an MTD/RP2D (or an implicit one: "the dose selected for
Phase II studies") together with an outcome: a dose tied to the term ("MTD ... established to
be 168 mg/m²"), a determination verb ("the MTD was determined") or a finished "not reached"
("a maximum tolerated dose was not determined"). Design objectives ("to determine the MTD"),
interim notes ("not yet reached"), animal MTDs and bounds ("below the MTD") are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.context import Document
from classifiers.doses import DoseMention, find_doses, parse_schedule
from classifiers.events import MtdKind, MtdOutcome

_I = re.IGNORECASE
_PH2 = r"phase[\s-]?(?:2|II|two)\b"
_TERMS: dict[MtdKind, re.Pattern[str]] = {
    "MTD": re.compile(
        r"\b(?:maxim(?:um|al|ally)[\s-]+tolera(?:ted|ble)[\s-]+dos(?:e|es|age)|MTDs?)\b", _I
    ),
    "RP2D": re.compile(
        rf"\b(?:RP2Ds?|recommended\s+(?:{_PH2}\s+)?(?:dose|dosage|regimen)s?"
        rf"|(?:dose|dosage|regimen)s?\b[^.;]{{0,90}}?(?:selected|recommended|chosen|appropriate|"
        rf"suitable)\s+(?:for|in)\s+(?:an?\s+|the\s+)?(?:\w+\s+){{0,2}}?{_PH2}"
        rf"|{_PH2}\s+(?:studies|trials?)\s+(?:[^.;]{{0,60}}?\s)?should\s+use)",
        _I,
    ),
}
_OBJECTIVE = re.compile(
    r"\b(?:to|will|would|should)\s+(?:\w+\s+){0,3}?(?:determin|establish|identif|defin|find|"
    r"assess|evaluat|select|confirm|reach|explor|characteri[sz]|recommend)\w*|"
    r"designed|objectives?|aim(?:s|ed)?|goal|endpoints?|purpose|until|as we|once|if\b|before|"
    r"in order|seek",
    _I,
)
_INTERIM = re.compile(r"\bnot\s+yet\b|\bongoing\b|\bcontinu\w*|\bexpected\b|\bpending\b", _I)
_ANIMAL = re.compile(
    r"\b(?:mice|mouse|murine|rats?|dogs?|monkeys?|primates?|rodents?|animals?|preclinical|"
    r"xenografts?|in vivo|canine)\b",
    _I,
)
_BOUND = re.compile(
    r"(?:below|above|exceed\w*|under|approach\w*|than|near|up to|beyond|within|"
    r"fraction of|%\s+of|percent of)\s+(?:the\s+|a\s+|an\s+|its\s+)?$",
    _I,
)
_DOSE_BOUND = re.compile(r"(?:below|above|under|less than|lower than|up to|<|>|≤|≥)\s*$", _I)
_OUTCOME = re.compile(
    r"\b(?:was|were|is|are|has been|have been|had been|been|be)\s+(?:\w+\s+){0,2}?"
    r"(?:determined|established|reached|identified|defined|declared|set|confirmed|achieved|"
    r"found|selected|observed|recommended)\b|\bdetermination of\b|\b(?:established|determined|"
    r"identified|defined|reached)\s+(?:the|an?|its)\b",
    _I,
)
_NOT_REACHED = re.compile(
    r"\b(?:was|were|has|have|had|is|are)\s+not\s+(?:been\s+)?(?:reached|determined|identified|"
    r"established|defined|achieved)|\bno\s+MTD\b|\bwithout\s+reaching\b|\bnot\s+reached\b",
    _I,
)
_GAP_BLOCK = re.compile(
    r"treated|patients|based on|DLT|dose[- ]limiting|toxicit|starting|cohort|level|escalat|"
    r"received|administered",
    _I,
)
_JOIN = re.compile(r"^[^.;]{0,60}?(?:\band\b|,|\bor\b|respectively)", _I)


@dataclass(frozen=True, slots=True)
class _Term:
    kind: MtdKind
    start: int
    end: int


_HEADLINE_OUTCOME = re.compile(
    r"^\W{0,3}(?:\(\w+\)\s*)?(?:was\s+|has\s+been\s+)?(?:identified|determined|established|"
    r"reached|defined|declared)\b",
    _I,
)
_SAME_TERM = 12


def _terms(sentence: str) -> list[_Term]:
    """MTD/RP2D terms in `sentence`; "maximum tolerated dose (MTD)" counts once."""
    found = sorted(
        (
            _Term(kind, m.start(), m.end())
            for kind, p in _TERMS.items()
            for m in p.finditer(sentence)
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


def _is_excluded(sentence: str, term: _Term) -> bool:
    """Objectives, animal MTDs and bounds ("below the MTD") are not outcomes."""
    before = sentence[max(0, term.start - 80) : term.start]
    cut = max(before.rfind(";"), before.rfind(":"))
    before = before[cut + 1 :]
    return (
        _OBJECTIVE.search(before) is not None
        or _ANIMAL.search(sentence) is not None
        or _BOUND.search(before) is not None
    )


def _linked_doses(sentence: str, term: _Term) -> list[DoseMention]:
    """Doses the term is equated with: the first after it, plus any joined by "and"/","."""
    linked: list[DoseMention] = []
    cursor = term.end
    for mention in find_doses(sentence):
        if mention.end <= term.start:
            continue
        gap = sentence[cursor : mention.start] if mention.start >= cursor else ""
        if _GAP_BLOCK.search(gap) or _DOSE_BOUND.search(sentence[: mention.start]):
            break
        if linked and (mention.dose is None or not _JOIN.match(gap)):
            break
        if not linked and len(gap) > 80:
            break
        linked.append(mention)
        cursor = mention.end
    return linked


def _dose_before(sentence: str, term: _Term) -> DoseMention | None:
    """A dose stated just before the term: "300 mg BID is the recommended dose"."""
    before = [m for m in find_doses(sentence) if m.end <= term.start]
    if not before:
        return None
    gap = sentence[before[-1].end : term.start]
    ok = len(gap) <= 40 and re.search(r"\b(?:is|was|as|and is)\b", gap, _I)
    return before[-1] if ok and not _GAP_BLOCK.search(gap) else None


def _schedule(sentence: str, term: _Term, mention: DoseMention | None) -> str | None:
    """The schedule next to the dose, else from the term on, else anywhere in the sentence."""
    if mention is not None:
        near = parse_schedule(sentence[mention.end : mention.end + 60])
        if near:
            return near
    return parse_schedule(sentence[term.start :]) or parse_schedule(sentence)


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


def _term_events(doc: Document, index: int, term: _Term) -> list[MtdOutcome]:
    """The outcomes a single term states, possibly none."""
    text = doc.sentences[index].text
    if _is_excluded(text, term) or re.search(r"\bnot\s+yet\b", text, _I):
        return []
    doses = _linked_doses(text, term) or [m for m in [_dose_before(text, term)] if m]
    if doses:
        return [_event(doc, index, term, m) for m in doses]
    window = text[max(0, term.start - 40) : term.end + 80]
    if _INTERIM.search(text):
        return []
    if _NOT_REACHED.search(window):
        event = _event(doc, index, term, None)
        return [_replace_not_reached(event)]
    if _OUTCOME.search(window) or _HEADLINE_OUTCOME.match(text[term.end :]):
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
    for index, sentence in enumerate(doc.sentences):
        for term in _terms(sentence.text):
            events.extend(_term_events(doc, index, term))
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
