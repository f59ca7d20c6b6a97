"""Doses and schedules in free text: "168 mg/m²", "300mg BID", "30 mcg/kg", "70-90 mg/m2".

`find_doses(sentence)` yields `DoseMention`s with the unit normalised to mg/m2, mg/kg, mg,
ug/kg, ug, g/m2 or mg/body (grams per day are converted to mg); a range ("70-90 mg/m2") is a
mention with `dose=None` and its text in `range_text`. `parse_schedule` finds "every three
weeks", "BID", "twice weekly (BIW)" and similar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from classifiers.events import Dose

_NUM = r"\d{1,6}(?:[.,]\d{1,4})?"
_MASS = r"(?P<mass>mg|g|gm|µg|μg|ug|mcg|microg(?:rams?)?|milligrams?|grams?)"
_PER = (
    r"(?:\s?/\s?(?P<per>m\s?2|m²|m\^2|m\(2\)|sq\.?\s?m|kg|body)"
    r"|(?:\s?|\s?·\s?)(?:per\s)?(?P<sq>m(?:\s?(?:À|-|−|–|\^)\s?2|²|⁻²|2|\(-?2\))|m\s?2)"
    r"(?![a-z0-9])"
    r"|\s(?:per\s)(?P<perw>kg|kilogram|body|square\smet(?:er|re))"
    r")?"
)
DOSE_RE = re.compile(
    rf"(?<![\w.])(?P<lo>{_NUM})(?:\s?(?:-|–|to)\s?(?P<hi>{_NUM}))?\s?{_MASS}{_PER}(?![a-zA-Z])",
    re.IGNORECASE,
)
_MASS_UNIT = {"mg": "mg", "milligram": "mg", "g": "g", "gm": "g", "gram": "g"}
_SCHEDULES = re.compile(
    r"\b(?:(?:once|twice|three times|thrice)\s+(?:a\s+|per\s+)?(?:daily|day|weekly|week)"
    r"(?:\s+\((?:BIW|QD|BID|TID|QW|Q3W)\))?"
    r"|(?:once[\s-]+)?every[\s-]+(?:\w+[\s-]+)?(?:days?|weeks?|months?)"
    r"|q\s?\d\s?w(?:ks?)?\b|q\d{1,2}d|BID|TID|QD|QID|BIW|QW"
    r"|(?:daily|weekly)(?:\s+(?:x|×)\s?\d+(?:\s+days?)?)?"
    r"|per\s+day|/day|on\s+days?\s+[\d,\s+and-]{1,20}"
    r"|\d+\s?(?:-|–)?\s?days?\s+on\s?/\s?\d+\s?(?:-|–)?\s?days?\s+off"
    r"|(?:\d+|one|two|three|four|five|six|seven)[- ](?:day|hour)\s+(?:schedule|infusion)"
    r"|single\s+(?:oral\s+)?dose|consecutive\s+days?)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DoseMention:
    """A dose in a sentence; `dose` is None for a range, whose text is then in `range_text`."""

    dose: Dose | None
    range_text: str | None
    start: int
    end: int


def _unit(mass: str, per: str | None) -> tuple[str, float]:
    """Normalised unit and the factor to apply to the value: ("ug/kg", 1.0), ("mg", 1000.0)."""
    low = mass.lower().rstrip("s")
    base = _MASS_UNIT.get(low, "ug")
    factor = 1.0
    if per is None:
        if base == "g":
            base, factor = "mg", 1000.0
        return base, factor
    p = per.lower().replace(" ", "")
    if p.startswith(("kg", "kilogram")):
        return f"{base}/kg", factor
    if p.startswith("body"):
        return f"{base}/body", factor
    return f"{base}/m2", factor


def _number(raw: str) -> float:
    """'1,200' -> 1200.0; '6.0' -> 6.0; '0,5' -> 0.5 (decimal comma)."""
    if "," in raw:
        head, _, tail = raw.partition(",")
        raw = head + tail if len(tail) == 3 else f"{head}.{tail}"
    return float(raw)


def parse_dose(raw: str) -> Dose | None:
    """Parse one dose: "168 mg/m²" -> Dose(168, "mg/m2"); a range or no dose -> None."""
    match = DOSE_RE.search(raw)
    if match is None or match.group("hi"):
        return None
    return _mention(match).dose


def _mention(match: re.Match[str]) -> DoseMention:
    """The DoseMention of a DOSE_RE match."""
    per = match.group("per") or match.group("sq") or match.group("perw")
    unit, factor = _unit(match.group("mass"), per)
    if match.group("hi"):
        return DoseMention(None, match.group().strip(), match.start(), match.end())
    value = round(_number(match.group("lo")) * factor, 6)
    return DoseMention(Dose(value, unit), None, match.start(), match.end())


def find_doses(sentence: str) -> Iterator[DoseMention]:
    """Yield every dose (or dose range) mentioned in `sentence`, in order."""
    for match in DOSE_RE.finditer(sentence):
        yield _mention(match)


def parse_schedule(text: str) -> str | None:
    """The first dosing schedule in `text` ("every three weeks", "BID"), or None."""
    match = _SCHEDULES.search(text)
    if match is None:
        return None
    found = " ".join(match.group().split())
    return "per day" if found == "/day" else found
