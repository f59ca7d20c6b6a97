"""The zones of a release: headline, bullets, lead, body, quotes, and the boilerplate around them.

`parse_zones(text)` cuts the text into blocks (paragraphs between blank lines; a heading line is
a block of its own) and gives each a `Zone`. A boilerplate heading ("About Acme, Inc.",
"Forward-Looking Statements", "Risk Factors", "Media Contact", "###") opens a section of that zone
that runs until the next heading of another kind; a paragraph that opens with safe-harbor
language, a table (rows of `|` or tab-separated cells) and a newswire footer line are boilerplate
wherever they are. In an 8-K, an "Exhibit 99.1" line ends the cover page: the exhibit's
headline and lead follow. A line of prose hard-wrapped mid-sentence (the next line goes on in
lower case, it ends on "of", or it opens with a dateline) is no heading. `parse_date(text)` reads
the dateline's date. Every step is one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from classifiers.sentences import ABBREVIATIONS, is_title

Zone = Literal[
    "headline",
    "bullets",
    "lead",
    "body",
    "quote",
    "highlights",
    "pipeline",
    "about",
    "forward_looking",
    "risk",
    "contacts",
    "footer",
    "table",
]
NEWS_ZONES: frozenset[Zone] = frozenset(
    {"headline", "bullets", "lead", "body", "quote", "highlights", "pipeline"}
)
_PIPELINE_HEAD = re.compile(
    r"(?:[\w&-]+\s+){0,3}?(?:pipeline|programs|product candidates|portfolio)|"
    r"[a-z]+olog(?:y|ies)|infectious diseases?|rare diseases?|vaccines|cell therapy|gene therapy"
)  # a pipeline overview: what each product has done so far
_PIPELINE_MAX_WORDS = 4
_HIGHLIGHTS_WORDS = frozenset(
    ["highlights", "updates", "update", "developments", "progress", "milestones", "achievements"]
)
_HIGHLIGHTS_MAX_WORDS = 8


def _news_section(heading: str) -> Zone | None:
    """The news section a heading opens: "Q2 Highlights" -> highlights, "Oncology" -> pipeline."""
    if _is_highlights(heading):
        return "highlights"
    words = heading.split()
    if len(words) <= _PIPELINE_MAX_WORDS and _PIPELINE_HEAD.fullmatch(heading.lower()):
        return "pipeline"
    return None


def _is_highlights(heading: str) -> bool:
    """A short heading that ends on "Highlights", "Update", "Recent Developments" …"""
    words = re.findall(r"[a-z]+", heading.lower())
    return 0 < len(words) <= _HIGHLIGHTS_MAX_WORDS and bool(
        _HIGHLIGHTS_WORDS & set(words[-2:])
    )  # a section of the period's own news: "Q2 2025 Highlights", "Recent Developments"


_HEADING_MAX = 90
_ABOUT_PARAGRAPH = re.compile(r"(?:About|ABOUT) [A-Z]")  # capitalised: not "about 600 patients"
_RULES = ("###", "---", "***", "___")
_BULLETS = ("- ", "• ", "* ", "· ", "▪ ", "– ")  # a list item is prose, never a heading
_MARKUP = "#*_>|-•·▪ \t\u00a0"
_SECTION_HEADS: tuple[tuple[Zone, re.Pattern[str]], ...] = (
    ("about", re.compile(r"company (?:overview|profile|background)|backgrounder")),
    (
        "forward_looking",
        re.compile(
            r"forward[- ]looking|safe harbou?r|cautionary (?:note|statement|language)|"
            r"disclaimer|legal notice|important (?:information|notice)|notes? to editors?"
        ),
    ),
    ("risk", re.compile(r"risk factors|risks? (?:and|&) uncertaint")),
    (
        "contacts",
        re.compile(
            r"(?:media|investor|press|company)s?(?: relations)?(?: and \w+)?"
            r"(?: contacts?| inquiries)|contacts?\b|for (?:more|further|additional) information|"
            r"source:|investor relations"
        ),
    ),
    ("footer", re.compile(r"###|-{3,}|\*{3,}|_{3,}|view (?:source|original)|to view the full")),
)
# one pattern of named groups, tried in the table's order: the first zone whose heading matches
_SECTION_HEAD = re.compile(
    "|".join(f"(?P<z{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(_SECTION_HEADS))
)
_HEAD_ZONES: dict[str, Zone] = {f"z{i}": zone for i, (zone, _) in enumerate(_SECTION_HEADS)}
_FLS_OPENER = re.compile(
    r"forward[- ]looking statements?[^.]{0,200}?(?:within the meaning|involve|are subject|"
    r"include|based on|reflect|identified by)"
)  # one sentence that says what follows is forward-looking
_STILL_FLS = re.compile(
    r"forward[- ]looking|risks?\b|uncertaint|undue reliance|actual results|obligation to update|"
    r"undertakes? no|could cause|securities and exchange commission|sec filings"
)  # a paragraph that goes on with safe-harbor language
_FOOTER_LINE = re.compile(
    r"(?:to view the (?:full|original)|view (?:source|original) version|"
    r"(?:originally )?(?:published|distributed|issued) (?:by|on|via)|"
    r"https?://\S+$|(?:tel|phone|fax|e-?mail|email):)"
)
_DATELINE = re.compile(
    r"/\s?[\w\- ]*(?:newswire|wire|pr|release|press)[\w\- ]*/|\((?:[A-Z][\w ]*WIRE|[A-Z]{2,})\)"
    r"| -- |\s[-–—]\s"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b|"
    rf"\b(?P<day2>\d{{1,2}})\s+(?P<month2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.?,?\s+(?P<year2>(?:19|20)\d\d)\b"
)
_DATELINE_REACH = 1500
_LEAD_DATE = 120  # a dateline's date sits this close to the start of its paragraph


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or a heading line: its zone and offsets in the text."""

    zone: Zone
    start: int
    end: int


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end exclusive of the line break."""
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        nl = text.find("\n", start)
        if nl < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, nl))
        start = nl + 1


def _is_heading(line: str) -> bool:
    """A short line without a final stop ("About Acme, Inc.", "**Contacts**", "# Title", "---")."""
    stripped = line.strip()
    if stripped.startswith(_RULES) and not stripped.strip(_MARKUP):
        return True
    core = stripped.strip(_MARKUP)
    if core.endswith(".") and core.rsplit(None, 1)[-1][:-1].lower() in ABBREVIATIONS:
        core = core[:-1]  # "About Acme Inc."
    return 0 < len(core) <= _HEADING_MAX and not core.endswith((".", ";", ",", ":", "!", "?"))


_EXHIBIT = re.compile(
    r"(?:exhibit|ex)[ .-]*(?:no\.? ?)?99(?:\.\d{1,2})?(?: *[-–—:]? *press release)?"
)  # an 8-K's "Exhibit 99.1", "EX-99.1": the press release starts after it


def is_exhibit_marker(line: str) -> bool:
    """Whether a line is only an exhibit number ("Exhibit 99.1", "EX-99.1 Press Release")."""
    core = line.strip(_MARKUP)
    return core[:2] in ("Ex", "EX", "ex") and _EXHIBIT.fullmatch(core.lower()) is not None


def heading_zone(line: str) -> Zone | None:
    """The boilerplate zone a heading line opens, if any ("About Acme" -> "about")."""
    stripped = line.strip()
    core = stripped.strip(_MARKUP)
    if stripped.startswith(_RULES) and not core:
        return "footer"
    if core[:6] in ("About ", "ABOUT ") and core[6:7].strip():
        return "about"  # capitalised: a wrapped line "about 600 patients" is not a heading
    found = _SECTION_HEAD.match(core.lower())
    return _HEAD_ZONES[found.lastgroup] if found and found.lastgroup else None


def _paragraph_zone(first: str, low: str) -> Zone | None:
    """The boilerplate zone of a paragraph by its own words, or None for news."""
    if _FLS_OPENER.search(low):
        return "forward_looking"
    if _ABOUT_PARAGRAPH.match(first.lstrip(_MARKUP)):
        return "about"  # "About Acme: Acme is …", "About Acme Inc.Acme is …"
    if "|" in first or "\t" in first:  # else no row has cells
        rows = [row for row in first.splitlines() if row.strip()]
        cells = sum(row.count("|") >= 2 or row.count("\t") >= 2 for row in rows)
        if rows and cells * 2 > len(rows):
            return "table"
    if _FOOTER_LINE.match(low):
        return "footer"
    return None


_Span = tuple[int, int, bool, "Zone | None"]  # start, end, is_heading, the heading's zone


def _blocks(text: str) -> list[_Span]:
    """(start, end, is_heading, heading_zone) of each paragraph and heading line, in order.

    A paragraph ends at a blank line or at a line that ends a sentence. A heading is a short
    line without a final stop that stands alone (a blank line or the end after it), or looks
    like a title, or opens a boilerplate section; any other line is prose."""
    blocks: list[_Span] = []
    para: tuple[int, int] | None = None
    lines = _lines(text)
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip():
            if para:
                blocks.append((*para, False, None))
            para = None
            continue
        if _is_heading(line):
            opened = heading_zone(line)
            if (
                opened is not None
                or ("99" in line and is_exhibit_marker(line))
                or (para is None and _stands_as_heading(text, lines, i, line))
            ):
                if para:
                    blocks.append((*para, False, None))
                blocks.append((start, end, True, opened))
                para = None
                continue
        para = (para[0], end) if para else (start, end)
        tail = line.rstrip()  # a line that ends a sentence ends its paragraph, not on "Inc."
        if tail.endswith(_SENTENCE_ENDS) and (
            tail[-1] != "." or _ABBREVIATED.search(tail, max(0, len(tail) - 8)) is None
        ):
            blocks.append((*para, False, None))
            para = None
    if para:
        blocks.append((*para, False, None))
    return blocks


def _stands_as_heading(text: str, lines: list[tuple[int, int]], i: int, line: str) -> bool:
    """Whether a short line that opens no section is a heading: not a list item, and alone
    (a blank line or the end after it), a title, or a markdown heading; not a line of wrapped
    prose that runs on into the next."""
    if line.lstrip()[:2] in _BULLETS:
        return False  # "- Completed the Phase 1 trial of AB-1"
    following = "" if i + 1 == len(lines) else text[lines[i + 1][0] : lines[i + 1][1]].strip()
    if not following:
        return True  # alone
    if _runs_on(line, following):
        return False
    return is_title(line.strip(_MARKUP)) or line.startswith("#")


_FUNCTION_WORDS = """a an the of and or to in on at by for with from into as that which who its
their our his her is are was were has have had be"""
_RUN_ON_WORDS = frozenset(_FUNCTION_WORDS.split())  # a line of wrapped prose may end on one of
# these; a heading never does


def _runs_on(line: str, following: str) -> bool:
    """Whether `line` is wrapped prose that `following` (the next line, not blank) goes on:
    the next line opens in lower case, the line ends on a function word ("… Officer of"), or
    it opens with a dateline ("BOSTON, March 3, 2025 -- Acme Bio, Inc. (Nasdaq: ACME) today")."""
    if following[:1].islower():
        return True
    last = line[-8:].rsplit(None, 1)
    if last and last[-1].lower() in _RUN_ON_WORDS:
        return True
    head = line.lstrip(_MARKUP)
    return _opens_with_date(head) and _DATELINE.search(head) is not None


_ABBREVIATED = re.compile(
    r"(?:^|[\s(\"“])(?:"
    + "|".join(sorted((re.escape(a) for a in ABBREVIATIONS), key=len, reverse=True))
    + r")\.$",
    re.IGNORECASE,
)  # a line that ends on "Inc." or "Corp." goes on: "… -- Acme Bio, Inc.\ntoday announced"
_SENTENCE_ENDS = (".", "!", "?", '."', ".”")


def _news_zone(text: str, start: int, end: int, seen_lead: bool, index: int) -> Zone:
    """The zone of a news paragraph: headline, bullets, lead, quote or body."""
    head = text[start : min(end, start + 300)].lstrip()
    body = text[start:end].strip()
    one_line = "\n" not in body
    if index == 0 and (head.startswith("#") or (_one_title(body, one_line) and body[-1:] != ".")):
        return "headline"
    if not seen_lead and head[:1] in "-•*·▪":
        return "bullets"
    if not seen_lead or (_opens_with_date(head) and _DATELINE.search(head)):
        return "lead"  # the first paragraph of prose, or one that opens with a dateline
    if head[:1] in "\"“'‘":
        return "quote"
    return "body"


def _one_title(body: str, one_line: bool) -> bool:
    """One line, or a title wrapped over two ("Acme Doses First Patient in Phase 2 Trial of\n
    AB-1 in Gout"): a dateline paragraph is no title."""
    if one_line:
        return True
    lines = body.split("\n")
    return (
        len(lines) == 2
        and len(body) <= 2 * _HEADING_MAX
        and is_title(" ".join(lines))
        and not (_opens_with_date(body) and _DATELINE.search(body))
    )


def _opens_with_date(head: str) -> bool:
    """Whether a date sits in the paragraph's first _LEAD_DATE characters (a dateline's)."""
    opening = head[:_LEAD_DATE]
    has_year = "19" in opening or "20" in opening  # every _DATE has a year: a cheap test first
    return has_year and _DATE.search(opening.lower()) is not None


def _goes_on(section: Zone | None, by_heading: bool, block: str, low: str) -> bool:
    """Whether an open boilerplate section takes in this paragraph too."""
    if section is None or (by_heading and section not in ("contacts", "footer")):
        return section is not None
    if section in ("contacts", "footer"):
        return len(block) <= _HEADING_MAX * 3  # names, phones, links: short lines
    return _STILL_FLS.search(low) is not None


def parse_zones(text: str) -> list[Block]:
    """Every block of `text` with its zone, in order."""
    zones: list[Block] = []
    section: Zone | None = None
    by_heading = False
    seen_lead = False
    opening = 0  # the index of the release's first block: 0, or the one after "Exhibit 99.1"
    for index, (start, end, heading, head_zone) in enumerate(_blocks(text)):
        block = text[start:end]
        if heading and "99" in block and is_exhibit_marker(block):
            # an 8-K's cover page ends here: the exhibit's headline and lead follow
            section, by_heading, seen_lead, opening = None, False, False, index + 1
            zones.append(Block("body", start, end))
            continue
        if heading:
            opened = head_zone
            if opened is None and index > opening:
                opened = _news_section(block.strip(_MARKUP))
            if opened or section is None or is_title(block.strip(_MARKUP)):
                section, by_heading = opened, True
            # a plain line inside a section stays in it
            zone = opened or section or ("headline" if not seen_lead else "body")
            zones.append(Block(zone, start, end))
            continue
        low = block.lstrip(_MARKUP).lower()
        own = _paragraph_zone(block, low)
        if own is None and not _goes_on(section, by_heading, block, low):
            section = None
        if own in ("forward_looking", "about"):
            section, by_heading = own, False
        zone = own or section or _news_zone(text, start, end, seen_lead, index - opening)
        seen_lead = seen_lead or zone in ("lead", "body", "quote")
        zones.append(Block(zone, start, end))
    return zones


def parse_date(text: str) -> date | None:
    """The first date in the dateline ("July 08, 2025", "8 July 2025"), or None."""
    match = _DATE.search(text[:_DATELINE_REACH].lower())
    if match is None:
        return None
    month = match.group("month") or match.group("month2")
    day = int(match.group("day") or match.group("day2"))
    year = int(match.group("year") or match.group("year2"))
    number = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month))
    try:
        return date(year, number, day)
    except ValueError:
        return None
