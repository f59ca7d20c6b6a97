"""Drop sentences that are not the filer's news: cover pages, safe harbor, "About" sections.

`parse_news_sentences(text)` keeps the sentences worth classifying. A heading such as
"About ImmunoGen, Inc.", "Forward-Looking Statements" or "Risk Factors" (and a paragraph that
opens with safe-harbor language) starts a boilerplate section that runs until the next heading
of another kind; single boilerplate sentences (8-K cover checkboxes, safe-harbor language,
incorporation by reference) are dropped wherever they are.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from classifiers.sentences import Sentence, fold_case, parse_sentences

_HEADING_MAX = 90
_SECTION_HEAD = re.compile(
    r"^(?:about\s+\S|forward[- ]looking|safe harbou?r|cautionary (?:note|statement)|"
    r"risk factors|disclaimer|notes? to editors|###)",
    re.IGNORECASE,
)
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
_FLS_OPENER = re.compile(
    r"forward[- ]looking statements?.{0,200}(?:within the meaning|involve|are subject|"
    r"include|based on)",
    re.IGNORECASE | re.DOTALL,
)


def _is_heading(sentence: Sentence, text: str) -> bool:
    """A short line of its own without a final full stop."""
    if len(sentence.text) > _HEADING_MAX or "\n" in sentence.text:
        return False
    before = text[max(0, sentence.start - 1) : sentence.start]
    after = text[sentence.end : sentence.end + 1]
    own_line = before in ("", "\n") and after in ("", "\n", "\r")
    return own_line and not sentence.text.endswith((".", ";", ","))


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


def parse_news_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` that are not boilerplate, in order."""
    sentences = parse_sentences(text)
    flagged = _flagged(text, sentences)
    kept: list[Sentence] = []
    in_boilerplate = False
    for index, sentence in enumerate(sentences):
        body = sentence.text.lstrip("-•*· \t")
        if _is_heading(sentence, text):
            # a boilerplate heading opens a section; any other heading closes it
            in_boilerplate = _SECTION_HEAD.match(body) is not None
            if in_boilerplate:
                continue
        if index in flagged and _FLS_OPENER.search(body):
            in_boilerplate = True
        if not in_boilerplate and index not in flagged:
            kept.append(sentence)
    return kept
