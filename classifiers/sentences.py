"""A small, linear-time sentence splitter that keeps character offsets.

`parse_sentences(text)` returns `Sentence` spans with `text[start:end] == sentence.text`.
Boundaries are `.`, `!`, `?` (plus closing quotes/brackets) followed by white space and an
upper-case letter, digit or opening quote, unless the word before the stop is a known
abbreviation (Inc., Ph.D., e.g., No., Dr., U.S., mg/m2.), a single initial ("Daniel M. Junius")
or a number inside a list of references. Blank lines always end a sentence; a single line
break ends one when the line before is short (a heading) or the next line is a bullet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    [
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "s.a",
        "ag",
        "nv",
        "bv",
        "gmbh",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "sr",
        "jr",
        "st",
        "no",
        "nos",
        "vs",
        "v",
        "etc",
        "e.g",
        "i.e",
        "et",
        "al",
        "approx",
        "fig",
        "figs",
        "ref",
        "refs",
        "vol",
        "pp",
        "ph.d",
        "m.d",
        "m.s",
        "b.s",
        "m.b.a",
        "d.c",
        "u.s",
        "u.k",
        "u.s.a",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mg",
        "ml",
        "kg",
        "dept",
        "est",
        "inj",
        "ca",
        "cf",
        "viz",
    ]
)
_CLOSERS = "\"')]}»”’"
_OPENERS = "\"'([{«“‘"
_BULLET = re.compile(r"[ \t]*(?:[-•*·▪◦o]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")
_BREAK = re.compile(r"[.!?]+|\n")
_SHORT_LINE = 48


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and offsets in the original document."""

    text: str
    start: int
    end: int


def _word_before(text: str, pos: int) -> str:
    """The token ending at `pos` (exclusive), lower-cased, without leading brackets."""
    i = pos
    while i > 0 and not text[i - 1].isspace() and pos - i < 40:
        i -= 1
    return text[i:pos].lstrip(_OPENERS).lower()


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends an abbreviation or an initial, not a sentence."""
    word = _word_before(text, stop)
    if not word:
        return False
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():
        return True  # initials: "Daniel M. Junius", "J. Smith"
    core = word.split("/")[-1]
    return core in ABBREVIATIONS or ("." in word and len(word.replace(".", "")) <= 4)


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the text at `pos` (after white space) can open a new sentence."""
    if pos >= len(text):
        return True
    ch = text[pos]
    return ch.isupper() or ch.isdigit() or ch in _OPENERS or ch in "-•*"


def _is_hard_newline(text: str, nl: int, line_start: int) -> bool:
    """Whether the line break at `nl` ends a sentence."""
    nxt = nl + 1
    if nxt < len(text) and text[nxt] in "\r\n":
        return True
    line = text[line_start:nl].strip()
    if not line or len(line) < _SHORT_LINE:
        return True
    end = text.find("\n", nxt)
    next_line = text[nxt : end if end >= 0 else len(text)]
    if not next_line.strip():
        return True
    return _BULLET.match(next_line) is not None


def _boundaries(text: str) -> list[int]:
    """End offsets (exclusive) of each sentence in `text`."""
    ends: list[int] = []
    line_start = 0
    for match in _BREAK.finditer(text):
        if match.group() == "\n":
            if _is_hard_newline(text, match.start(), line_start):
                ends.append(match.start())
            line_start = match.end()
            continue
        end = match.end()
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        if end < len(text) and not text[end].isspace():
            continue
        nxt = end
        while nxt < len(text) and text[nxt] in " \t":
            nxt += 1
        if match.group() == "." and _is_abbreviation(text, match.start()):
            continue
        if nxt < len(text) and text[nxt] != "\n" and not _starts_sentence(text, nxt):
            continue
        ends.append(end)
    ends.append(len(text))
    return ends


def parse_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences with offsets; white space is trimmed from each span."""
    sentences: list[Sentence] = []
    start = 0
    for end in _boundaries(text):
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Sentence(text[s:e], s, e))
        start = max(start, end)
    return sentences
