"""When a clause says its event happened, against the document's dateline date.

`dated_before(today, low, left, right)`: the clause dates its event more than
BACKGROUND_MONTHS before the document (history); `dated_after(...)`: after it (a plan).
`months_before(today, match)` reads a DATED match ("August 2013", "Q1 2025", "2019").
"""

from __future__ import annotations

import re
from datetime import date

from classifiers.phase_cues import DATED

BACKGROUND_MONTHS = 4  # an event dated this long before the document is history
_QUARTER_END = {"1": 3, "2": 6, "3": 9, "4": 12}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def months_before(today: date, match: re.Match[str], *, earliest: bool = False) -> int:
    """How many months before `today` a DATED match lies: its latest possible month ("2023"
    is December 2023), or with `earliest` its first ("2026" is January 2026)."""
    year = int(match.group("year"))
    if match.group("month"):
        month = 1 + _MONTHS.index(match.group("month")[:3])
    elif match.group("quarter"):
        month = _QUARTER_END[match.group("quarter")] - (2 if earliest else 0)
    elif match.group("half"):
        month = (1 if match.group("half") == "first" else 7) + (0 if earliest else 5)
    else:
        month = 1 if earliest else 12
    return (today.year * 12 + today.month) - (year * 12 + month)


def dated_before(today: date | None, low: str, left: int, right: int) -> bool:
    """Whether the clause dates its event well before the document (background)."""
    if today is None:
        return False
    return any(
        months_before(today, m) > BACKGROUND_MONTHS for m in DATED.finditer(low, left, right)
    )


def dated_after(today: date | None, low: str, left: int, right: int) -> bool:
    """Whether the clause dates its event after the document (a plan or an expectation)."""
    if today is None:
        return False
    return any(months_before(today, m, earliest=True) < 0 for m in DATED.finditer(low, left, right))


_MONTH_ONLY = re.compile(
    r"\b(?:in|on|during|since|since early|in early|in mid-|in late) "
    r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z]|,? (?:19|20)\d\d)"
)  # "in March", "during July": a month of the document's own year


def dated_recently(today: date | None, low: str, left: int, right: int) -> bool:
    """Whether the clause dates its event within the document's period: a date at most
    BACKGROUND_MONTHS before it, or a bare month ("in March") at most that far back (any bare
    month when the document has no date)."""
    if today is not None and any(
        0 <= months_before(today, m) <= BACKGROUND_MONTHS for m in DATED.finditer(low, left, right)
    ):
        return True
    for m in _MONTH_ONLY.finditer(low, left, right):
        if today is None:
            return True
        back = (today.month - 1 - _MONTHS.index(m.group("month"))) % 12
        if back <= BACKGROUND_MONTHS:
            return True
    return False
