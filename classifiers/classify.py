"""`classify(text)`: every phase change and MTD/RP2D outcome a document states."""

from __future__ import annotations

from classifiers.context import parse_document
from classifiers.events import Event
from classifiers.mtd_events import classify_mtd
from classifiers.phase_events import classify_phase_changes


def classify(text: str) -> list[Event]:
    """Events stated in `text`, in document order; [] when there are none."""
    if not text or not text.strip():
        return []
    doc = parse_document(text)
    events: list[Event] = [*classify_mtd(doc), *classify_phase_changes(doc)]
    return sorted(events, key=lambda e: (e.start, e.type))
