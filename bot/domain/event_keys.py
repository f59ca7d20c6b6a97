"""From classifier events to stored events: a stable key per event, and one event per key a filing.

The same news usually stands in the 8-K body and again in its EX-99.1 press release; it must
become one stored event (and one line in one Slack message), not two. Two drugs' news in one
release must stay two events: the classifier keeps one phase change per (status, phase) in a
document, so `reveal_per_drug` blanks the sentences already told and asks again, keeping the
other drugs' tellings of the same status and phase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from bot.domain.drugs import name_key
from bot.storage.models import EventRow
from classifiers import Event, MtdOutcome, PhaseChange, classify
from watchers import Document

LEAD_CHARS = 1200  # a drug-less event alerts only from a release's headline or lead
_FIRST_ITEM = re.compile(r"\bItem\s+\d{1,2}\.\d{2}\b", re.IGNORECASE)
MAX_REVEALS = 4  # drugs whose same-phase news one document can tell apart


def build_key(
    kind: str, what: str | None, level: str | None, dose: str | None, drug_key: str
) -> str:
    """The one event-key format: 'phase_change:started:2:huc242dm4', 'mtd:MTD:168mg/m2:…'.

    `kind` is phase_change or mtd; `what` the status or MTD/RP2D; `level` the phase; `dose`
    '168mg/m2', 'nr' (not reached) or None.
    """
    if kind == "phase_change":
        return f"phase_change:{what}:{level or '-'}:{drug_key}"
    return f"mtd:{what}:{dose or '-'}:{drug_key}"


def event_key(event: Event) -> str:
    """A key that is equal for the same news told twice in one filing."""
    drug = name_key(event.drug)
    if isinstance(event, PhaseChange):
        return build_key(event.type, event.status, event.phase, None, drug)
    dose = f"{event.dose.value:g}{event.dose.unit}" if event.dose else None
    return build_key(event.type, event.kind, None, "nr" if event.not_reached else dose, drug)


def merge_events(found: Iterable[tuple[Document, Event]]) -> list[tuple[Document, Event]]:
    """One (document, event) per key, keeping the most confident and most complete telling;
    each document's events are first completed with other drugs' news (`reveal_per_drug`)."""
    per_doc: dict[str, tuple[Document, list[Event]]] = {}
    for doc, event in found:
        per_doc.setdefault(doc.url, (doc, []))[1].append(event)
    best: dict[str, tuple[Document, Event]] = {}
    for doc, events in per_doc.values():
        for event in reveal_per_drug(doc.text, events):
            key = event_key(event)
            if key not in best or _rank(doc, event) > _rank(*best[key]):
                best[key] = (doc, event)
    return list(best.values())


def reveal_per_drug(text: str, events: list[Event]) -> list[Event]:
    """`events` and the phase changes of other drugs the classifier folded into them.

    "First patient dosed in the Phase 2 trial of TCB-101 …" and "… of HX-3 …" in one release
    come back as one event; blanking the sentences already found (offsets kept) and classifying
    again finds the second. Only a new drug with a status and phase already found is kept, and
    only from a sentence that names none of the drugs already found (a headline retelling the
    news of a found drug is the same news, whatever else it names).
    """
    found = list(events)
    for _ in range(MAX_REVEALS):
        told = [e for e in found if isinstance(e, PhaseChange) and e.drug]
        if not told:
            break
        kinds = {(e.status, e.phase) for e in told}
        seen = {(e.status, e.phase, name_key(e.drug)) for e in told}
        new = [
            e
            for e in classify(blank_spans(text, [(e.start, e.end) for e in found]))
            if isinstance(e, PhaseChange)
            and e.drug
            and (e.status, e.phase) in kinds
            and (e.status, e.phase, name_key(e.drug)) not in seen
            and not _names_any(e.evidence, told)
        ]
        if not new:
            break
        found.extend(new)
    return found


def _names_any(sentence: str, events: list[PhaseChange]) -> bool:
    low = sentence.lower()
    return any(e.drug and e.drug.lower() in low for e in events)


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with each (start, end) span replaced by spaces, so every offset stays true."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * max(0, min(end, len(chars)) - start)
    return "".join(chars)


def in_lead(text: str, doc_type: str, start: int) -> bool:
    """Whether offset `start` is in the headline or lead: the first LEAD_CHARS of a release, or
    of an 8-K body's first item (its cover page comes before)."""
    begin = 0
    if doc_type.upper().startswith("8-K") and (found := _FIRST_ITEM.search(text, 0, 50_000)):
        begin = found.start()
    return begin <= start < begin + LEAD_CHARS


def _rank(doc: Document, event: Event) -> tuple[bool, float, int]:
    """Which telling of one news to keep: a drug-less one from the lead first, then confidence."""
    lead = event.drug is None and in_lead(doc.text, doc.type, event.start)
    filled = sum(v is not None for v in (event.drug, getattr(event, "indication", None)))
    return (lead, event.confidence, filled)


def event_row(cik: int, doc: Document, event: Event, now: datetime) -> EventRow:
    """The database row for one classified event."""
    row = EventRow(
        accession=doc.filing.accession,
        cik=cik,
        key=event_key(event),
        type=event.type,
        drug=event.drug,
        evidence=event.evidence,
        start=event.start,
        end=event.end,
        confidence=event.confidence,
        document_url=doc.url,
        document_type=doc.type,
        created_at=now,
    )
    if isinstance(event, PhaseChange):
        row.status, row.phase, row.indication = event.status, event.phase, event.indication
    elif isinstance(event, MtdOutcome):
        row.kind, row.not_reached, row.schedule = event.kind, event.not_reached, event.schedule
        row.indication = event.indication
        if event.dose is not None:
            row.dose_value, row.dose_unit = event.dose.value, event.dose.unit
    return row


def is_alertable(row: EventRow) -> bool:
    """News worth a message: not a plan, and not a recap older than what is already known."""
    planned = row.type == "phase_change" and row.status == "planned"
    return not planned and row.change not in ("stale", "aside")
