"""MTD and RP2D outcomes: a maximum tolerated or recommended Phase 2 dose was determined.

A sentence qualifies when it names an MTD/RP2D (or an implicit one: "the dose selected for
Phase II studies") together with an outcome: a dose tied to the term ("MTD ... established to
be 168 mg/m²"), a determination verb ("the MTD was determined") or a finished "not reached"
("a maximum tolerated dose was not determined"). Design objectives ("to determine the MTD"),
interim notes ("not yet reached"), animal MTDs and bounds ("below the MTD") are dropped.
"""

from __future__ import annotations

from dataclasses import replace

from classifiers.context import ParsedText
from classifiers.doses import (
    DOSE_RE,
    DoseMention,
    dose_scope_end,
    find_doses,
    parse_dose_schedules,
    parse_schedule,
    parse_schedules,
)
from classifiers.events import Dose, MtdKind, MtdOutcome
from classifiers.mtd_cues import (
    BACKGROUND_ASIDE,
    COORDINATED,
    FINISHED,
    INTERIM,
    LATER_TRIAL,
    NOT_REACHED,
    PRONOUN_VALUE,
    RESPECTIVELY,
    RESULTS,
)
from classifiers.mtd_links import (
    anaphoric_dose,
    dose_before,
    forward_dose,
    is_apposition,
    is_bound,
    linked_doses,
    own_drug_after,
    respective_drugs,
    split_partners,
)
from classifiers.mtd_terms import (
    HypotheticalScope,
    Term,
    clause_end,
    clause_start,
    find_terms,
    gated_sentences,
    is_excluded,
    is_reference,
    own_clause_end,
    states_outcome,
)

_NEGATION_AFTER = 60  # "the MTD was not reached"
_SCHEDULE_NEAR = 60  # a schedule right after the dose
_SCHEDULE_REACH = 160  # else one near the term
_LABEL_BEFORE = ("", "the", "i.e. the", "i.e.")  # "treated at 45 mg/m2 (the MTD)"
_PRONOUN_REACH = 70  # "; for schedule B it was" before the dose
_MAX_TERMS = 8  # per sentence: keeps the work per sentence bounded on degenerate input
_MAX_TERM_SENTENCES = 300  # per document (a release has a handful): bounds degenerate input


def _schedule(sentence: str, term: Term, mention: DoseMention | None) -> str | None:
    """The schedule next to the dose, else from the term to the dose (or on from the term when
    there is none), else in the words before the term."""
    if mention is not None:
        near = parse_dose_schedules(sentence[mention.end : mention.end + _SCHEDULE_NEAR])
        if near:
            return near
    # from the term to the end of its dose's own words ("the MTD of AB-1 given weekly was 40
    # mg"): "40 mg, which is higher than the 25 mg MTD of the weekly schedule" is not weekly
    reach, start = term.end + _SCHEDULE_REACH, term.start
    if mention is not None and mention.start > term.start:
        reach = mention.end + dose_scope_end(sentence[mention.end : mention.end + _SCHEDULE_NEAR])
        start = _after_prior_dose(sentence, term, mention)
    after = parse_schedule(sentence[start:reach])
    if start != term.start:
        return after  # a later dose of the term: "… and for the 3-weekly schedule 70 mg/m2"
    # before the term, only its own clause's, the nearest: "Given weekly, its MTD was 30 mg;
    # given daily, its MTD was 10 mg" (not past the term before it or a ";")
    lo = max(term.lo, term.start - _SCHEDULE_REACH, sentence.rfind(";", 0, term.start) + 1)
    before = parse_schedules(sentence[lo : term.start])
    return after or (before[-1] if before else None)


def _after_prior_dose(sentence: str, term: Term, mention: DoseMention) -> int:
    """Where the words of the doses between the term and `mention` end (the term's start when
    there are none): their schedules are theirs ("200 mg twice daily and that of … 100 mg/m2")."""
    prior = [m.end() for m in DOSE_RE.finditer(sentence, term.end, mention.start)]
    if not prior:
        return term.start
    return prior[-1] + dose_scope_end(sentence[prior[-1] : mention.start])


def _partner_text(text: str, name: str, mention: DoseMention) -> str:
    """A partner drug's dose as the schedule keeps it: "with YZ-2 60 mg/m2 QD"."""
    dose = " ".join(text[mention.start : mention.end].split())
    near = parse_dose_schedules(text[mention.end : mention.end + _SCHEDULE_NEAR])
    return " ".join(filter(None, ["with", name, dose, near]))


def _event(
    doc: ParsedText,
    index: int,
    term: Term,
    mention: DoseMention | None,
    source: str | None = None,
    *,
    beside: list[str] | None = None,
) -> MtdOutcome:
    """One outcome for `term` in sentence `index`, with `mention` (of `source`) as its dose and
    the doses of partner drugs `beside` it."""
    sentence = doc.sentences[index]
    if source is not None and mention is not None:
        near = parse_dose_schedules(source[mention.end : mention.end + _SCHEDULE_NEAR])
        schedule = near or _schedule(sentence.text, term, None)
    else:
        schedule = _schedule(sentence.text, term, mention)
    if mention is not None and mention.range_text:
        schedule = "; ".join(filter(None, [schedule, f"range {mention.range_text}"]))
    if mention is not None and mention.cells:
        cells = (
            mention.cells
            if source
            else " ".join(sentence.text[mention.start : mention.end].split())
        )
        schedule = "; ".join(filter(None, [cells, schedule]))
    if beside:
        schedule = "; ".join(filter(None, [schedule, *beside]))
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
    doc: ParsedText, index: int, term: Term, doses: list[DoseMention]
) -> list[MtdOutcome]:
    """The outcomes a single term states, possibly none."""
    low = doc.lowered[index]
    aside = BACKGROUND_ASIDE.match(low, term.end)
    inside = [d for d in doses if aside and aside.start() <= d.start < aside.end()]
    if aside and inside:  # the older value between commas is not the term's: skip it
        doses = [d for d in doses if d not in inside]
        gap = " " * (aside.end() - term.end)
        if is_excluded(
            low[: term.end] + gap + low[aside.end() :], term, clause_end(low, term, doses)
        ):
            return []
        return _stated_events(doc, index, term, doses)
    if is_excluded(low, term, clause_end(low, term, doses)):
        return []
    after = [d.start for d in doses if d.start >= term.end and not is_bound(low, d)]
    # up to its first dose, or the next term unless the two share a predicate ("the MTD and
    # the RP2D were not reached"): "… was declared the RP2D since the MTD was not reached"
    shared = COORDINATED.fullmatch(low, term.end, term.hi) is not None
    negation_end = min([term.end + _NEGATION_AFTER, *after[:1], len(low) if shared else term.hi])
    negation = NOT_REACHED.search(low, clause_start(low, term), negation_end)
    if negation:
        perfect = negation.group().startswith(("has", "have", "had", "is ", "are "))
        if INTERIM.search(low) or term.kind == "RP2D" or (perfect and not FINISHED.search(low)):
            return []  # interim ("has not been reached"), or an RP2D still to be set
        event = _event(doc, index, term, None)
        return [replace(event, dose=None, not_reached=True, confidence=0.85)]
    return _stated_events(doc, index, term, doses)


def _stated_events(
    doc: ParsedText, index: int, term: Term, doses: list[DoseMention]
) -> list[MtdOutcome]:
    """The outcome of a term that is not negated: with its linked doses, the dose of the
    sentence before, no dose, or the value results are reported at."""
    low = doc.lowered[index]
    end = own_clause_end(low, term)  # not the dose of the next term's own clause
    linked = [m for m in linked_doses(low, term, doses) if m.start < end] or [
        m for m in [dose_before(low, term, doses)] if m
    ]
    if linked:
        text = doc.sentences[index].text
        own, partners = split_partners(text, term, doses, linked, doc.drug_near(index, term.start))
        own = [
            (m, drug or own_drug_after(text, m)) for m, drug in respective_drugs(text, term, own)
        ]
        beside = [_partner_text(text, name, m) for name, m in partners]
        events = _respective_schedules(
            text,
            term,
            [m for m, _ in own],
            [_event(doc, index, term, m, beside=beside) for m, _ in own],
        )
        return [replace(e, drug=drug or e.drug) for e, (_, drug) in zip(events, own, strict=True)]
    anaphor = anaphoric_dose(doc, index, term) if not any(d.dose for d in doses) else None
    if anaphor is not None:
        return [_event(doc, index, term, *anaphor)]
    if states_outcome(low, term, doses):
        forward = forward_dose(doc, index) if not doses else None
        return [_event(doc, index, term, *forward) if forward else _event(doc, index, term, None)]
    return [_event(doc, index, term, m) for m in _reported_value(low, term, doses)]


def _respective_schedules(
    text: str, term: Term, own: list[DoseMention], events: list[MtdOutcome]
) -> list[MtdOutcome]:
    """ "On the QD and BID schedules, the MTDs were 120 mg and 80 mg, respectively": as many
    schedules named in the term's clause before its first dose as doses, paired in order,
    when no dose has one of its own."""
    if len(own) < 2 or not RESPECTIVELY.match(text, own[-1].end):
        return events
    if any(parse_dose_schedules(text[m.end : m.end + _SCHEDULE_NEAR]) for m in own):
        return events
    lo = max(term.lo, term.start - _SCHEDULE_REACH, text.rfind(";", 0, term.start) + 1)
    named = parse_schedules(text[lo : own[0].start])
    if len(named) != len(own):
        return events
    return [replace(e, schedule=s) for e, s in zip(events, named, strict=True)]


def _reported_value(low: str, term: Term, doses: list[DoseMention]) -> list[DoseMention]:
    """The value of an RP2D that results are reported at: "responses at the 4.9 mg Phase 2
    dose level", "patients treated at the RP2D of 300 mg showed ..."; not in a sentence about
    a later trial that uses it ("patients in the Phase 2 trial receive the RP2D of 300 mg")."""
    if term.kind != "RP2D" or not RESULTS.search(low) or LATER_TRIAL.search(low):
        return []
    before = [d for d in doses if d.end <= term.start and d.dose is not None]
    if before and not low[before[-1].end : term.start].strip():
        return before[-1:]
    return _appositive(low, term, doses)


def _sentence_events(
    doc: ParsedText, index: int, terms: list[Term], doses: list[DoseMention]
) -> list[MtdOutcome]:
    """The outcomes of one sentence's terms, with coordinated and parallel terms resolved."""
    low = doc.lowered[index]
    found = [_term_events(doc, index, t, doses) for t in terms]
    for i, j in zip(range(len(terms)), range(1, len(terms)), strict=False):
        if found[i] and not _has_dose(found[i]) and is_reference(low, terms[j]):
            linked = linked_doses(low, terms[j], doses)[:1] or _appositive(low, terms[j], doses)
            found[i] = [_event(doc, index, terms[i], m) for m in linked] or found[i]
    for i in range(1, len(terms)):
        if not found[i] and _has_dose(found[i - 1]):
            found[i] = _gapped(doc, index, terms[i], doses)
    for i in range(len(terms) - 1):
        first, second = terms[i], terms[i + 1]
        if first.kind != second.kind and COORDINATED.fullmatch(low, first.end, second.start):
            found[i], found[i + 1] = _share(low, (first, found[i]), (second, found[i + 1]))
    for i, term in enumerate(terms):
        if found[i]:
            found[i] = found[i] + _restated(doc, index, term, doses, found[i])
    return [e for events in found for e in events]


def _restated(
    doc: ParsedText, index: int, term: Term, doses: list[DoseMention], stated: list[MtdOutcome]
) -> list[MtdOutcome]:
    """A later clause that gives the term's value again by a pronoun: "On schedule A the MTD
    was 12 mg/m2; on schedule B it was 20 mg/m2"."""
    low = doc.lowered[index]
    have = {e.dose for e in stated}
    return [
        _event(doc, index, term, d)
        for d in doses
        if term.end <= d.start < term.hi
        and d.dose is not None
        and d.dose not in have
        and PRONOUN_VALUE.search(low, max(term.end, d.start - _PRONOUN_REACH), d.start)
    ][:1]


def _gapped(doc: ParsedText, index: int, term: Term, doses: list[DoseMention]) -> list[MtdOutcome]:
    """A verbless term right after a stated one: "the MTD was 250 mg and the RP2D 200 mg"."""
    low = doc.lowered[index]
    after = [d for d in doses if d.start >= term.end and d.dose is not None]
    if not after or low[term.end : after[0].start].strip(" ,") not in ("", "of"):
        return []
    if is_excluded(low, term, clause_end(low, term, doses)):
        return []
    return [_event(doc, index, term, after[0])]


def _share(
    low: str, first: tuple[Term, list[MtdOutcome]], second: tuple[Term, list[MtdOutcome]]
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


def classify_mtd(doc: ParsedText) -> list[MtdOutcome]:
    """MTD/RP2D outcomes stated in the document's news sentences, deduplicated."""
    events: list[MtdOutcome] = []
    named: dict[MtdKind, set[tuple[Dose, str | None]]] = {"MTD": set(), "RP2D": set()}
    hypothetical = HypotheticalScope(doc.text)
    read = 0
    for index in gated_sentences(doc):
        terms = find_terms(doc.lowered[index])[:_MAX_TERMS]
        read += bool(terms)
        if read > _MAX_TERM_SENTENCES:
            break
        if terms and not hypothetical.covers(doc.sentences[index]):
            doses = list(find_doses(doc.lowered[index]))
            events.extend(_sentence_events(doc, index, terms, doses))
            for kind, dose, schedule in _named_doses(doc.lowered[index], terms, doses):
                named[kind].add((dose, schedule))
    return _dedupe([_with_named_dose(e, named[e.kind]) for e in events])


def _named_doses(
    low: str, terms: list[Term], doses: list[DoseMention]
) -> list[tuple[MtdKind, Dose, str | None]]:
    """Values a sentence gives a term in passing: "treated at the MTD of 250 mg BID"."""
    named: list[tuple[MtdKind, Dose, str | None]] = []
    for term in terms:
        value = _appositive(low, term, doses)
        if not value or is_excluded(low, term, clause_end(low, term, doses)):
            continue
        dose, end = value[0].dose, value[0].end
        if dose is not None:
            named.append((term.kind, dose, parse_schedule(low[end : end + _SCHEDULE_NEAR])))
    return named


def _appositive(low: str, term: Term, doses: list[DoseMention]) -> list[DoseMention]:
    """The dose written right after the term, as its value: "the MTD of 250 mg", "MTD (8 mg)"."""
    after = [d for d in doses if d.start >= term.end and d.dose is not None]
    if after and is_apposition(low[term.end : after[0].start]):
        return after[:1]
    before = [d for d in doses if d.end <= term.start and d.dose is not None]
    if before and low[before[-1].end : term.start].strip(" ()[],") in _LABEL_BEFORE:
        return before[-1:]  # "45 mg/m2 (the MTD)"
    return []


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
