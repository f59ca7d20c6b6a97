"""Drop sentences that are not the filer's news: cover pages, safe harbor, "About" sections.

`parse_zoned_sentences(text)` gives every sentence the zone of its block (see zones.py); single
boilerplate sentences (8-K cover checkboxes, safe-harbor language, incorporation by reference)
are marked boilerplate wherever they are. `parse_news_sentences(text)` keeps the news ones.
"""

from __future__ import annotations

from bisect import bisect_right

from classifiers.sentences import Sentence, contains_any, fold_case, parse_sentences
from classifiers.zones import NEWS_ZONES, Block, Zone, parse_zones

_PHRASES = (
    "forward-looking statement",
    "forward looking statement",
    "private securities litigation",
    "safe harbor",
    "safe harbour",
    "risks and uncertainties",
    "actual results",
    "undue reliance",
    "check the appropriate box",
    "pre-commencement communications",
    "soliciting material pursuant",
    "written communications pursuant",
    "emerging growth company",
    "securities exchange act of 1934",
    "incorporated by reference",
    "shall not be deemed",
    "annual report on form 10-k",
    "quarterly report on form 10-q",
    "risk factors",
    "exact name of registrant",
    "commission file number",
    "irs employer",
)


_UNGATED: frozenset[Zone] = frozenset({"headline", "lead"})


def _flagged(text: str, sentences: list[Sentence]) -> set[int]:
    """Indexes of sentences that contain a boilerplate phrase (found in one pass per phrase)."""
    low = fold_case(text)
    starts = [s.start for s in sentences]
    flagged: set[int] = set()
    for phrase in _PHRASES:
        pos = low.find(phrase)
        while pos >= 0:
            flagged.add(bisect_right(starts, pos) - 1)
            pos = low.find(phrase, pos + len(phrase))
    return flagged


def parse_zoned_sentences(text: str) -> list[tuple[Sentence, Zone]]:
    """Every sentence of `text` with the zone it sits in, in order."""
    sentences = parse_sentences(text)
    flagged = _flagged(text, sentences)
    blocks = parse_zones(text)
    starts = [b.start for b in blocks]
    zoned: list[tuple[Sentence, Zone]] = []
    for index, sentence in enumerate(sentences):
        at = bisect_right(starts, sentence.start) - 1
        zone: Zone = blocks[at].zone if at >= 0 else "body"
        zoned.append((sentence, "forward_looking" if index in flagged else zone))
    return zoned


def parse_candidate_sentences(
    text: str, blocks: list[Block], gate: tuple[str, ...] | None = None, low: str | None = None
) -> list[tuple[Sentence, Zone]]:
    """The news sentences of `text` (in blocks that hold a word of `gate`), with their zones.

    Blocks of boilerplate zones, and news blocks without a gate word, are never split; the
    headline and lead always are (the lead may tell the headline's trial as "the study").
    `low` is `fold_case(text)` when the caller has it already."""
    low = fold_case(text) if low is None else low
    found: list[tuple[Sentence, Zone]] = []
    for block in blocks:
        if block.zone not in NEWS_ZONES:
            continue
        block_low = low[block.start : block.end]
        if gate is not None and block.zone not in _UNGATED and not contains_any(block_low, gate):
            continue
        phrased = contains_any(block_low, _PHRASES)  # else no sentence of it holds one
        for s in parse_sentences(text[block.start : block.end]):
            start, end = block.start + s.start, block.start + s.end
            if not phrased or not contains_any(low[start:end], _PHRASES):
                found.append((Sentence(s.text, start, end), block.zone))
    return found


def parse_news_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` that are not boilerplate, in order."""
    return [s for s, zone in parse_zoned_sentences(text) if zone in NEWS_ZONES]
