"""MTD and RP2D outcomes: a maximum tolerated or recommended Phase 2 dose was determined.

A sentence qualifies when it names an MTD/RP2D (or an implicit one: "the dose selected for
Phase II studies") together with an outcome: a dose tied to the term ("MTD ... established to
be 168 mg/m²"), a determination verb ("the MTD was determined") or a finished "not reached"
("a maximum tolerated dose was not determined"). Design objectives ("to determine the MTD"),
interim notes ("not yet reached"), animal MTDs and bounds ("below the MTD") are dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from classifiers.context import Document
from classifiers.doses import DoseMention, find_doses, parse_schedule
from classifiers.events import Dose, MtdKind, MtdOutcome
from classifiers.mtd_cues import (
    ANAPHOR_ARTICLE,
    ANAPHOR_SUBJECT,
    ANIMAL,
    BACKGROUND,
    BOUND,
    COORDINATED,
    COPULA,
    DEFINITION,
    DOSE_BEFORE_GAP,
    DOSE_BOUND,
    FINISHED,
    FUTURE_IN_TERM,
    FUTURE_TERM,
    GAP_BLOCK,
    GATE,
    HEADLINE_OUTCOME,
    HYPOTHETICAL,
    IMPLICIT_TERM,
    IMPLIED_OUTCOME,
    INTERIM,
    JOIN,
    JOIN_BLOCK,
    NOT_REACHED,
    OBJECTIVE,
    OUTCOME,
    PREDICATE_TAIL,
    REFERENCE,
    SELECTED_TERM,
    SUBORDINATE,
    TERM_WORDS,
    TERMS,
    VERB_BEFORE,
)
from classifiers.sentences import is_word_start

# window sizes, in characters of one sentence
_SAME_TERM = 12  # "maximum tolerated dose (MTD)": a term this close after another is the same
_CONTEXT_BEFORE = 80  # objective, bound and reference words before a term
_FUTURE_AFTER = 40  # "the RP2D (to be determined)"
_DEFINITION_AFTER = 60  # "the MTD is defined as ..."
_ANIMAL_REACH = 60  # "in rats, the MTD ..." either side of the term
_OUTCOME_BEFORE = 40  # "... established the MTD": outcome words around a term
_OUTCOME_AFTER = 80
_NEGATION_AFTER = 60  # "the MTD was not reached"
_VERB_REACH = 50  # "established a recommended Phase 2 dose of"
_BOUND_BEFORE = 16  # "below 390 mg/m2"
_LINK_GAP = 80  # the most words between a term and its first dose
_DOSE_BEFORE = 40  # "300 mg BID is the recommended dose"
_BACKGROUND_REACH = 100  # the term's clause, searched for "previously", "had been"
_SCHEDULE_NEAR = 60  # a schedule right after the dose
_SCHEDULE_REACH = 160  # else one near the term
_PARAGRAPH_REACH = 2000  # how far back a hypothetical opener ("an example of") reaches
_ANAPHOR_GAP = 3  # "... at 45 mg/m2. This dose level was ...": the sentences touch
_APPOSITION = ("", "of", "at", "at a dose of")  # "the MTD of 250 mg", "the RP2D (200 mg)"
_MAX_LINKED = 4
_MAX_TERMS = 8  # per sentence: keeps the work per sentence bounded on degenerate input


@dataclass(frozen=True, slots=True)
class _Term:
    kind: MtdKind
    start: int
    end: int
    lo: int = 0  # end of the term before it in the sentence (0 for the first)
    hi: int = 0  # start of the term after it (the sentence's length for the last)


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
    ends = [0, *(t.end for t in merged)]
    starts = [*(t.start for t in merged[1:]), len(low)]
    return [
        _Term(t.kind, t.start, t.end, lo, hi)
        for t, lo, hi in zip(merged, ends, starts, strict=False)
    ]


def _is_excluded(low: str, term: _Term, clause_end: int) -> bool:
    """Objectives, future, defining, background and reference statements, animals, bounds."""
    before = low[max(0, term.start - _CONTEXT_BEFORE) : term.start]
    cut = max(before.rfind(";"), before.rfind(":"))
    before = before[cut + 1 :]
    return (
        OBJECTIVE.search(before) is not None
        or SUBORDINATE.search(before) is not None
        or FUTURE_TERM.search(low[term.end : min(term.end + _FUTURE_AFTER, clause_end)]) is not None
        or FUTURE_IN_TERM.search(low, term.start, term.end) is not None
        or DEFINITION.search(low, term.start, term.end + _DEFINITION_AFTER) is not None
        or BOUND.search(before) is not None
        or REFERENCE.search(before) is not None
        or BACKGROUND.search(low, term.start, clause_end) is not None
        or ANIMAL.search(low, max(0, term.start - _ANIMAL_REACH), term.end + _ANIMAL_REACH)
        is not None
        or "not yet" in low[_clause_start(low, term) : clause_end]
    )


def _clause_start(low: str, term: _Term) -> int:
    """Where the term's clause begins: after the term before it, a comma or ";", or a reach."""
    lo = max(term.lo, term.start - _OUTCOME_BEFORE)
    return max(lo, low.rfind(",", lo, term.start) + 1, low.rfind(";", lo, term.start) + 1)


def _clause_end(low: str, term: _Term, doses: list[DoseMention]) -> int:
    """Where the term's own clause ends: its first dose, the next term or ";", or a reach."""
    end = min(term.hi, term.end + _BACKGROUND_REACH)
    semicolon = low.find(";", term.end, end)
    end = semicolon if semicolon >= 0 else end
    after = [d.end for d in doses if d.start >= term.end and d.end <= end]
    return after[0] if after else end


def _is_reference(low: str, term: _Term) -> bool:
    """A term another one is equated with: "the same as the single-agent MTD of 8 mg"."""
    return REFERENCE.search(low, max(term.lo, term.start - _CONTEXT_BEFORE), term.start) is not None


def _is_implicit(low: str, term: _Term) -> bool:
    """A term without the words MTD/RP2D: "the dose selected for Phase II studies"."""
    return low.startswith(("dose", "dosage", "regimen"), term.start)


def _asserted(low: str, term: _Term, gap: str) -> bool:
    """Whether the text states the term equals the dose, not just names it ("at the RP2D of")."""
    return (
        COPULA.search(gap) is not None
        or VERB_BEFORE.search(low, max(0, term.start - _VERB_REACH), term.start) is not None
        or IMPLIED_OUTCOME.search(low, term.start, term.end) is not None
        or (_is_implicit(low, term) and IMPLICIT_TERM.search(low, term.start, term.end) is not None)
        or (
            gap.strip(" ()[],") in ("", "of", "at", "at a dose of")
            and OUTCOME.search(low, max(0, term.start - _OUTCOME_BEFORE), term.end + _OUTCOME_AFTER)
            is not None
        )
    )


def _linked_doses(low: str, term: _Term, doses: list[DoseMention]) -> list[DoseMention]:
    """Doses the term is equated with: its first, plus any joined to it by "and"/","."""
    candidates = doses[bisect_left([d.end for d in doses], term.start + 1) :]
    first = _first_dose(low, term, candidates)
    if first is None:
        return []
    linked = [candidates[first]]
    for mention in candidates[first + 1 :]:
        gap = low[linked[-1].end : mention.start]
        bound = DOSE_BOUND.search(low, max(0, mention.start - _BOUND_BEFORE), mention.start)
        if bound or JOIN_BLOCK.search(gap) or len(linked) == _MAX_LINKED:
            break
        if mention.dose is None or not JOIN.match(gap) or TERM_WORDS.search(gap):
            break
        linked.append(mention)
    return linked


def _first_dose(low: str, term: _Term, candidates: list[DoseMention]) -> int | None:
    """Index of the dose the term is equated with: inside the term, right after an assertion
    ("MTD ... was determined to be"), or the predicate of its clause ("The MTD, based on the
    DLTs at 400 mg, was 300 mg"); other doses of the clause are skipped."""
    for k, mention in enumerate(candidates):
        gap = low[term.end : mention.start] if mention.start >= term.end else ""
        if len(gap) > _LINK_GAP or ";" in gap:
            return None
        if DOSE_BOUND.search(low, max(0, mention.start - _BOUND_BEFORE), mention.start):
            return None
        if mention.start < term.end:
            return k
        nearest = k == 0 or candidates[k - 1].start < term.end
        if nearest and not GAP_BLOCK.search(gap) and _asserted(low, term, gap):
            return k
        copulas = list(COPULA.finditer(gap))
        if copulas and PREDICATE_TAIL.fullmatch(gap, copulas[-1].end()):
            return k
    return None


def _dose_before(low: str, term: _Term, doses: list[DoseMention]) -> DoseMention | None:
    """A dose stated just before the term: "300 mg BID is the recommended dose"."""
    before = [d for d in doses if d.end <= term.start and term.start - d.end <= _DOSE_BEFORE]
    if not before:
        return None
    gap = low[before[-1].end : term.start]
    ok = DOSE_BEFORE_GAP.search(gap) is not None
    return before[-1] if ok and not GAP_BLOCK.search(gap) else None


def _anaphoric(doc: Document, index: int, term: _Term) -> tuple[DoseMention, str] | None:
    """The one dose of the sentence before, when this one refers back to it ("This dose level
    was considered to be the MTD"; "treated at the dose and schedule selected for Phase II")."""
    low = doc.lowered[index]
    refers = ANAPHOR_SUBJECT.search(low, 0, term.start) is not None or (
        _is_implicit(low, term) and ANAPHOR_ARTICLE.search(low, 0, term.start) is not None
    )
    if not refers or index == 0:
        return None
    previous = doc.sentences[index - 1]
    if doc.sentences[index].start - previous.end > _ANAPHOR_GAP:
        return None
    mentions = [m for m in find_doses(doc.lowered[index - 1]) if m.dose is not None]
    if len({m.dose for m in mentions}) != 1:
        return None
    return mentions[-1], previous.text


def _schedule(sentence: str, term: _Term, mention: DoseMention | None) -> str | None:
    """The schedule next to the dose, else from the term on, else anywhere in the sentence."""
    if mention is not None:
        near = parse_schedule(sentence[mention.end : mention.end + _SCHEDULE_NEAR])
        if near:
            return near
    after = parse_schedule(sentence[term.start : term.end + _SCHEDULE_REACH])
    return after or parse_schedule(sentence[max(0, term.start - _SCHEDULE_REACH) : term.start])


def _event(
    doc: Document, index: int, term: _Term, mention: DoseMention | None, source: str | None = None
) -> MtdOutcome:
    """One outcome for `term` in sentence `index`, with `mention` (of `source`) as its dose."""
    sentence = doc.sentences[index]
    if source is not None and mention is not None:
        near = parse_schedule(source[mention.end : mention.end + _SCHEDULE_NEAR])
        schedule = near or _schedule(sentence.text, term, None)
    else:
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
    if _is_excluded(low, term, _clause_end(low, term, doses)):
        return []
    after = [d.start for d in doses if d.start >= term.end]
    negation_end = min([term.end + _NEGATION_AFTER, *after[:1]])
    negation = NOT_REACHED.search(low, max(term.lo, term.start - _OUTCOME_BEFORE), negation_end)
    if negation:
        perfect = negation.group().startswith(("has", "have", "is ", "are "))
        if INTERIM.search(low) or term.kind == "RP2D" or (perfect and not FINISHED.search(low)):
            return []  # interim ("has not been reached"), or an RP2D still to be set
        return [_replace_not_reached(_event(doc, index, term, None))]
    linked = _linked_doses(low, term, doses) or [m for m in [_dose_before(low, term, doses)] if m]
    if linked:
        return [_event(doc, index, term, m) for m in linked]
    anaphor = _anaphoric(doc, index, term) if not any(d.dose for d in doses) else None
    if anaphor is not None:
        return [_event(doc, index, term, *anaphor)]
    return [_event(doc, index, term, None)] if _states_outcome(low, term, doses) else []


def _states_outcome(low: str, term: _Term, doses: list[DoseMention]) -> bool:
    """Whether the term's clause says it was determined (with no dose of its own), not that
    the determination is still pending ("ongoing", "expected")."""
    window = low[max(0, term.start - _OUTCOME_BEFORE) : term.end + _OUTCOME_AFTER]
    implied = IMPLIED_OUTCOME.search(low, term.start, term.end) is not None or (
        _is_implicit(low, term) and SELECTED_TERM.search(low, term.start, term.end) is not None
    )
    stated = OUTCOME.search(window) or HEADLINE_OUTCOME.match(low, term.end)
    end = min(len(low), term.end + _BACKGROUND_REACH)
    stops = [i for i in (low.find(",", term.end, end), low.find(";", term.end, end)) if i >= 0]
    interim = INTERIM.search(low, _clause_start(low, term), min(stops, default=end))
    return bool(implied or stated) and interim is None


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


def _is_hypothetical(doc: Document, index: int) -> bool:
    """Whether the sentence is part of a made-up scenario opened earlier in its paragraph."""
    sentence = doc.sentences[index]
    lo = max(0, sentence.start - _PARAGRAPH_REACH)
    start = doc.text.rfind("\n", lo, sentence.start) + 1 or lo
    return HYPOTHETICAL.search(doc.text[start : sentence.end].lower()) is not None


def _sentence_events(doc: Document, index: int, terms: list[_Term]) -> list[MtdOutcome]:
    """The outcomes of one sentence's terms, with coordinated and parallel terms resolved."""
    low = doc.lowered[index]
    doses = list(find_doses(low))
    found = [_term_events(doc, index, t, doses) for t in terms]
    for i, j in zip(range(len(terms)), range(1, len(terms)), strict=False):
        if found[i] and not _has_dose(found[i]) and _is_reference(low, terms[j]):
            linked = _linked_doses(low, terms[j], doses)[:1]
            found[i] = [_event(doc, index, terms[i], m) for m in linked] or found[i]
    for i in range(1, len(terms)):
        if not found[i] and _has_dose(found[i - 1]):
            found[i] = _gapped(doc, index, terms[i], doses)
    for i in range(len(terms) - 1):
        first, second = terms[i], terms[i + 1]
        if first.kind != second.kind and COORDINATED.fullmatch(low, first.end, second.start):
            found[i], found[i + 1] = _share(low, (first, found[i]), (second, found[i + 1]))
    return [e for events in found for e in events]


def _gapped(doc: Document, index: int, term: _Term, doses: list[DoseMention]) -> list[MtdOutcome]:
    """A verbless term right after a stated one: "the MTD was 250 mg and the RP2D 200 mg"."""
    low = doc.lowered[index]
    after = [d for d in doses if d.start >= term.end and d.dose is not None]
    if not after or low[term.end : after[0].start].strip(" ,") not in ("", "of"):
        return []
    if _is_excluded(low, term, _clause_end(low, term, doses)):
        return []
    return [_event(doc, index, term, after[0])]


def _share(
    low: str, first: tuple[_Term, list[MtdOutcome]], second: tuple[_Term, list[MtdOutcome]]
) -> tuple[list[MtdOutcome], list[MtdOutcome]]:
    """Doses of "the MTD and RP2D ..." go to both terms; "..., respectively" pairs them."""
    (a_term, a), (b_term, b) = first, second
    if _has_dose(a) and not _has_dose(b):
        b = [replace(e, kind=b_term.kind) for e in a]
    elif _has_dose(b) and not _has_dose(a):
        a = [replace(e, kind=a_term.kind) for e in b]
    doses = [e.dose for e in a]
    if "respectively" in low and len(doses) == 2 and doses == [e.dose for e in b]:
        a, b = a[:1], b[1:]
    return a, b


def _has_dose(events: list[MtdOutcome]) -> bool:
    """Whether any of `events` carries a dose."""
    return any(e.dose is not None for e in events)


def _gated(doc: Document) -> list[int]:
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


def classify_mtd(doc: Document) -> list[MtdOutcome]:
    """MTD/RP2D outcomes stated in the document's news sentences, deduplicated."""
    events: list[MtdOutcome] = []
    named: dict[MtdKind, set[tuple[Dose, str | None]]] = {"MTD": set(), "RP2D": set()}
    for index in _gated(doc):
        terms = _terms(doc.lowered[index])[:_MAX_TERMS]
        if terms and not _is_hypothetical(doc, index):
            events.extend(_sentence_events(doc, index, terms))
            for kind, dose, schedule in _named_doses(doc, index, terms):
                named[kind].add((dose, schedule))
    return _dedupe([_with_named_dose(e, named[e.kind]) for e in events])


def _named_doses(
    doc: Document, index: int, terms: list[_Term]
) -> list[tuple[MtdKind, Dose, str | None]]:
    """Values a sentence gives a term in passing: "treated at the MTD of 250 mg BID"."""
    low = doc.lowered[index]
    doses = [d for d in find_doses(low) if d.dose is not None]
    named: list[tuple[MtdKind, Dose, str | None]] = []
    for term in terms:
        after = [d for d in doses if d.start >= term.end]
        if not after or low[term.end : after[0].start].strip(" ()[],") not in _APPOSITION:
            continue
        if _is_excluded(low, term, _clause_end(low, term, doses)):
            continue
        if after[0].dose is not None:
            end = after[0].end
            named.append(
                (term.kind, after[0].dose, parse_schedule(low[end : end + _SCHEDULE_NEAR]))
            )
    return named


def _with_named_dose(event: MtdOutcome, named: set[tuple[Dose, str | None]]) -> MtdOutcome:
    """A dose-less outcome takes the one value the document names for its term elsewhere."""
    if event.dose is not None or event.not_reached or len({d for d, _ in named}) != 1:
        return event
    dose, schedule = next(iter(named))
    return replace(event, dose=dose, schedule=event.schedule or schedule, confidence=0.9)


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
