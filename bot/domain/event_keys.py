"""From classifier events to stored events: a stable key per event, and one event per key a filing.

The same news usually stands in the 8-K body and again in its EX-99.1 press release; it must
become one stored event (and one line in one Slack message), not two. Two drugs' news in one
release stays two events: the classifier keeps its events per drug.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.kinds import compose_key, event_key
from classifiers import Event
from watchers import Document

LEAD_CHARS = 1200  # a drug-less event alerts only from a release's headline or lead
_FIRST_ITEM = re.compile(r"\bItem\s+\d{1,2}\.\d{2}\b", re.IGNORECASE)

__all__ = ["LEAD_CHARS", "build_key", "event_key", "in_lead", "merge_events"]


def build_key(
    kind: str, what: str | None, level: str | None, dose: str | None, drug_key: str
) -> str:
    """An event key from its parts: 'phase_change:started:2:huc242dm4', 'mtd:MTD:168mg/m2:…'.

    `kind` is the event type; `what` the status or MTD/RP2D; `level` the phase, or `dose`
    '168mg/m2' or 'nr' (not reached). Kinds build their keys from their details
    (`bot.domain.kinds`); this spelling serves the registry watcher's own phase events.
    """
    return compose_key(kind, what or "-", level if level is not None else dose, drug_key)


def merge_events(found: Iterable[tuple[Document, Event]]) -> list[tuple[Document, Event]]:
    """One (document, event) per key, keeping the most confident and most complete telling."""
    best: dict[str, tuple[Document, Event]] = {}
    for doc, event in found:
        key = event_key(event)
        if key not in best or _rank(doc, event) > _rank(*best[key]):
            best[key] = (doc, event)
    return list(best.values())


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
