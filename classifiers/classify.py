"""`classify(text)`: every phase change and MTD/RP2D outcome a document states."""

from __future__ import annotations

from classifiers.context import parse_text
from classifiers.cue_table import DOCUMENT_GATE, GATE
from classifiers.events import Event
from classifiers.mtd_cues import GATE as MTD_GATE
from classifiers.mtd_events import classify_mtd
from classifiers.phase_events import classify_phase_changes
from classifiers.sentences import contains_any, fold_case

# The words most releases hold (counted on the newswire set) are tried first, so that a text or
# block holding one passes after few scans; the order of an any() test changes only its speed.
_COMMON_FIRST = ("first", "development", "hold", "clinical", "trial", "phase", "select", "cta")
# The prefilter: a text with none of these words is skipped before it is parsed at all (and a
# news block with none of them is not split into sentences).
_PREFILTER = tuple(
    sorted(
        dict.fromkeys((*DOCUMENT_GATE, *GATE, *MTD_GATE)),
        key=lambda w: _COMMON_FIRST.index(w) if w in _COMMON_FIRST else len(_COMMON_FIRST),
    )
)


def classify(text: str) -> list[Event]:
    """Events stated in `text`, in document order; [] when there are none."""
    if not text or not text.strip() or not contains_any(fold_case(text), _PREFILTER):
        return []
    doc = parse_text(text, _PREFILTER)
    events: list[Event] = [*classify_mtd(doc), *classify_phase_changes(doc)]
    return sorted(events, key=lambda e: (e.start, e.type))
