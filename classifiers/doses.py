"""Doses and schedules in free text: "168 mg/m²", "300mg BID", "30 mcg/kg", "70-90 mg/m2".

A dose is a value (or a list "30 and 40", or a range "70-90", "70 to 90", "between 70 and 90"),
an optional space of any kind (U+00A0, U+202F, U+2009, or the "?" a lost one leaves), then a
unit: mass (mg, g, µg/μg/mcg/ug/microgram) and an optional basis (/m2, /m², m-2, /m 2, /kg,
kg-1, /body, per kg). `find_doses(sentence)` yields one `DoseMention` per value with the unit
normalised to mg/m2, mg/kg, mg, ug/kg, ug, g/m2 or mg/body (grams without a basis become mg);
a range is a mention with `dose=None` and its text in `range_text`, and a cell therapy's dose
("1.2 x 10^9 cells", "2 × 10⁶ CAR-T cells/kg"), which has no unit of the contract, one with
its text in `cells`. The number that ends a code name ("XR-1 and 60 mg") is never a value.
`parse_schedule` finds "every three weeks", "Q3W", "BID" (and "b.i.d."), "once daily",
"twice weekly (BIW)", "/week", "21-day cycles" and similar.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from classifiers.events import Dose

_THIN = "\u00a0\u202f\u2009\u2007"  # typographic spaces that group thousands: "1\u202f500 mg"
# A plain space groups thousands too ("1 500 mg"), but not after the number of a cohort, level
# or day ("dose level 3 600 mg", "on day 1 200 mg"), nor before a count of tablets ("2 500 mg
# tablets"): there the first number is another one.
_NOT_A_COUNT = "".join(
    rf"(?<!\b{word}\s)"
    for word in (
        "level",
        "levels",
        "cohort",
        "cohorts",
        "dl",
        "arm",
        "group",
        "part",
        "cycle",
        "day",
        "days",
        "week",
        "weeks",
        "step",
        "stage",
        "grade",
        "phase",
    )
)
_NOT_TABLETS = (
    r"(?![\s\-‐‑]?[a-zµμ/]{1,12}[\s\-‐‑](?:tablet|capsule|pill|vial|sachet|softgel)s?(?![a-z]))"
)
_GROUPED = (
    rf"\d{{1,3}}(?:[{_THIN}]\d{{3}}){{1,3}}(?!\d)"
    rf"|{_NOT_A_COUNT}\d{{1,3}}(?:\x20\d{{3}}){{1,3}}{_NOT_TABLETS}(?!\d)"
)
_NUM = rf"(?:(?:{_GROUPED}|\d{{1,6}})(?:[.,]\d{{1,4}})?|\.\d{{1,4}})"
_LIST = rf"(?:{_NUM}\s?,\s?)*{_NUM},?\s+(?:and|or)\s+"  # "30 and", "15, 30, 40 and": share a unit
_GAP = r"(?:\s{0,2}|\?|[-‐‑])"  # any space (U+00A0, U+202F, U+2009 too), the "?" a lost one leaves,
# or the hyphen of a dose used as an adjective ("the 45-mg/m2 dose level", "a 250-mg tablet")
_MASS = (
    r"(?P<mass>mgs?|g|gm|µgs?|μgs?|ugs?|mcgs?|microg(?:rams?)?|micro-?grams?|milligrams?|grams?"
    r"|㎎|㎍|\?g)"  # the CJK squared forms of mg and µg; "?g": a µ lost in transcoding
)
_PER = (
    r"(?:\s?[/∕⁄／]\s?(?P<per>m\s?2|m²|m\^2|m\(2\)|m\?|m(?![a-z0-9])|sq\.?\s?m|square\smet(?:er|re)|kg|body|㎡|㎏)"
    r"|(?:\s?|\s?[·.⋅]\s?)(?:per\s)?(?P<sq>m(?:\s?(?:À|-|−|–|\^)\s?2|²|⁻²|2|\(-?2\))|m\s?2)"
    r"(?![a-z0-9])"
    r"|(?:\s?|\s?[·.⋅]\s?)(?P<kgexp>kg(?:\s?(?:-|−|–|\^-?)\s?1|⁻¹|\(-1\)))(?![a-z0-9])"
    r"|\s(?:per\s)(?P<perw>kg|kilogram|body|square\smet(?:er|re)|sq\.?\s?m(?![a-z]))"
    r")?"
)
# an AUC's unit is no dose: "AUC 6 mg/mL/min", "40 mg·h/L"
_NOT_EXPOSURE = r"(?!\s?/\s?m?l\s?[/·⋅*x×.]\s?min|\s?[·⋅*×]\s?(?:min|h|hr)(?![a-z]))"
DOSE_RE = re.compile(
    rf"(?<![\w.])(?:(?<![a-z]-)|(?<=g-))(?P<list>{_LIST})?(?P<lo>{_NUM})(?:\s?(?:-|–|—|−|‑|‐|‒|to)\s?(?P<hi>{_NUM}))?"
    rf"{_GAP}{_MASS}{_PER}(?![a-zA-Z]){_NOT_EXPOSURE}",
    re.IGNORECASE,
)
# A cell therapy's dose: "1.2 x 10^9 cells", "2 × 10⁶ CAR-T cells/kg", "100 million T cells";
# the contract has no unit for it, so it is a mention without a `dose`, its text in `cells`.
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
CELLS_RE = re.compile(
    r"(?<![\w.])(?:\d{1,3}(?:[.,]\d{1,3})?\s?(?:-|–|to)\s?)?\d{1,3}(?:[.,]\d{1,3})?"
    rf"(?:\s?(?:x|×|\*|·)\s?10\s?(?:\^\s?|e|\*\*)?"
    rf"(?:\d{{1,2}}|[{_SUPERSCRIPTS}]{{1,2}}|\(\d{{1,2}}\))"  # "10^8", "10⁸", "10(8)"
    r"|\s(?:million|billion))"
    r"\s?(?:[\w+-]+\s){0,3}?cells?(?:\s?/\s?kg|\s(?:per\s)(?:kg|kilogram))?(?![a-z])",
    re.IGNORECASE,
)
# A dose in a unit outside the contract: vector genomes ("3 x 10^13 vg/kg", "3e13 vg/kg"),
# international units ("6 MIU/m2", "600 000 IU/kg") or carboplatin's target AUC ("AUC 6",
# "AUC of 5 mg/mL/min"): like a cell dose, a mention without a `dose`, its text in `cells`.
_POWER = (
    rf"(?:\s?(?:x|×|\*|·)\s?10\s?(?:\^\s?|e|\*\*)?(?:\d{{1,2}}|[{_SUPERSCRIPTS}]{{1,2}}|\(\d{{1,2}}\))"
    r"|e\+?\d{1,2}|\s(?:million|billion|trillion))"
)
_VECTOR = r"(?:vg|v\.g\.|vector[\s-]genomes?|gc|genome\scopies)"  # with a power of ten only
_IU = r"(?:miu|iu|(?:million\s)?international\sunits?)"
_UNITS = r"(?:mu|u)"  # "6 MU/m2", "500 U/kg": with a basis only
_OTHER_BASIS = (
    r"(?:\s?/\s?(?:kg|m2|m²|m\^2|body)|\s?(?:per\s)(?:kg|kilogram|m2|m²|square\smet(?:er|re)))"
)
OTHER_RE = re.compile(
    rf"(?<![\w.])(?:(?:{_NUM}\s?(?:-|–|to)\s?)?{_NUM}(?:{_POWER}\s?{_VECTOR}{_OTHER_BASIS}?"
    rf"|{_POWER}?\s?{_IU}{_OTHER_BASIS}?|\s?{_UNITS}{_OTHER_BASIS})"
    r"|auc\s?(?:of\s|=\s?|:\s?)?\d{1,2}(?:[.,]\d{1,2})?(?!\d)"
    r"(?:\s?mg\s?(?:/\s?ml\s?[/·⋅*x×.]?\s?min|[·⋅*x×.]\s?min\s?/\s?ml))?)(?![a-z0-9])",
    re.IGNORECASE,
)
_OTHER_GATE = ("cell", "vg", "v.g", "genom", "iu", "units", "gc", "mu", "u/", "auc")
_NUMBER = re.compile(_NUM)
_UNGROUP = str.maketrans("", "", _THIN + " ")
_BETWEEN = re.compile(r"between\s+$", re.IGNORECASE)
_BETWEEN_REACH = 10
_RANGE_AND = re.compile(r"\s{1,3}and\s{1,3}", re.IGNORECASE)  # "between 40 mg and 60 mg"
_RANGE_DASH = re.compile(r"\s?[-–—−‑‐‒]\s?")  # between the two ends of a range
_MASS_UNIT = {"mg": "mg", "milligram": "mg", "㎎": "mg", "g": "g", "gm": "g", "gram": "g"}
_SCHEDULES = re.compile(
    r"\b(?:(?:once|twice|three times|thrice)[\s-]+(?:a\s+|per\s+)?(?:daily|day|weekly|week|month)"
    r"(?:\s+\((?:BIW|QD|BID|TID|QW|Q3W)\))?"
    r"|(?:once[\s-]+)?every[\s-]+(?:\w+[\s-]+)?(?:days?|weeks?|months?)"
    r"|q\s?\d\s?w(?:ks?)?\b|q\d{1,2}d\b|(?:BID|TID|QD|QID|BIW|QW)\b"  # whole words: not "Tidecrest"
    r"|(?:\d|one|two|three|four)\s+(?:out\s+)?of\s+(?:\d|two|three|four|five|six)\s+weeks"
    r"|(?:daily|weekly|monthly|biweekly)(?:\s+(?:x|×)\s?\d+(?:\s+days?)?)?"
    r"|per\s+(?:day|week)|/(?:day|d|week|wk)(?![\w/])|on\s+days?\s+[\d,\s+and-]{1,20}"
    r"|(?:of\s+(?:a|each)\s+)?\d{1,2}-day\s+cycles?"
    r"|(?<![\w.])(?:b\.\s?i|t\.\s?i|q\.\s?i|q)\.\s?d\b\.?"  # dotted: "q.d.", "b.i.d.", "t.i.d."
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
    cells: str | None = None  # a cell therapy's dose ("2 x 10^6 cells/kg"): no contract unit


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
    if base == "g" and p.startswith(("kg", "kilogram", "㎏", "body")):
        base, factor = "mg", 1000.0  # the contract has g/m2 only: "1.2 g/kg" is 1200 mg/kg
    if p.startswith(("kg", "kilogram", "㎏")):
        return f"{base}/kg", factor
    if p.startswith("body"):
        return f"{base}/body", factor
    return f"{base}/m2", factor


def _number(raw: str) -> float:
    """'1,200' -> 1200.0; '6.0' -> 6.0; '0,5' -> 0.5 (decimal comma); '1\u202f500' -> 1500.0."""
    raw = raw.translate(_UNGROUP)
    if "," in raw:
        head, _, tail = raw.partition(",")
        raw = head + tail if len(tail) == 3 else f"{head}.{tail}"
    return float(raw)


def parse_dose(raw: str) -> Dose | None:
    """Parse one dose: "168 mg/m²" -> Dose(168, "mg/m2"); a range or no dose -> None."""
    match = DOSE_RE.search(raw)
    if match is None:
        return None
    mentions = _mentions(match)
    return mentions[0].dose if len(mentions) == 1 else None


def _mentions(match: re.Match[str]) -> list[DoseMention]:
    """The DoseMentions of a DOSE_RE match: one per value of a list, one for a range."""
    per = match.group("per") or match.group("sq") or match.group("perw") or match.group("kgexp")
    unit, factor = _unit(match.group("mass"), per)
    listed = match.group("list")
    lo = max(0, match.start() - _BETWEEN_REACH)
    between = _BETWEEN.search(match.string, lo, match.start()) is not None
    if match.group("hi") or (between and listed):
        return [DoseMention(None, match.group().strip(), match.start(), match.end())]
    mentions = [
        DoseMention(
            Dose(round(_number(m.group()) * factor, 6), unit),
            None,
            match.start() + m.start(),
            match.start() + m.end(),
        )
        for m in _NUMBER.finditer(listed or "")
    ]
    value = round(_number(match.group("lo")) * factor, 6)
    mentions.append(DoseMention(Dose(value, unit), None, match.start("lo"), match.end()))
    return mentions


def find_doses(sentence: str) -> list[DoseMention]:
    """Every dose (or dose range, or dose in a unit outside the contract) mentioned in
    `sentence`, in order; two single doses of one unit joined by a dash, or by "and" after
    "between", are one range ("0.3 mg/kg–0.6 mg/kg", "between 40 mg and 60 mg")."""
    found = list(_mass_doses(sentence))
    low = sentence.lower()
    if not any(gate in low for gate in _OTHER_GATE):
        return found
    other = [
        DoseMention(None, None, m.start(), m.end(), " ".join(m.group().split()))
        for pattern in (CELLS_RE, OTHER_RE)
        for m in pattern.finditer(sentence)
    ]
    spans = sorted((m.start, m.end) for m in other)
    kept = [m for m in found if not _overlaps(spans, m)]
    return sorted([*kept, *other], key=lambda m: m.start)


def is_exposure(mention: DoseMention) -> bool:
    """Whether the mention is a target AUC ("AUC 6"): the way carboplatin, a partner drug of
    most combinations, is dosed."""
    return mention.cells is not None and mention.cells[:3].lower() == "auc"


def _overlaps(spans: list[tuple[int, int]], mention: DoseMention) -> bool:
    """Whether `mention` overlaps one of the sorted `spans`."""
    i = bisect_left(spans, (mention.end, -1))
    return i > 0 and spans[i - 1][1] > mention.start


def _mass_doses(sentence: str) -> Iterator[DoseMention]:
    """The doses of DOSE_RE, with dashed pairs of one unit joined into ranges."""
    held: DoseMention | None = None
    for match in DOSE_RE.finditer(sentence):
        mentions = _mentions(match)
        if held is not None:
            if len(mentions) == 1 and _paired(sentence, held, mentions[0]):
                text = sentence[held.start : mentions[0].end]
                mentions = [DoseMention(None, text, held.start, mentions[0].end)]
            else:
                yield held
            held = None
        if len(mentions) == 1 and mentions[0].dose is not None:
            held = mentions.pop()
        yield from mentions
    if held is not None:
        yield held


def _paired(sentence: str, first: DoseMention, second: DoseMention) -> bool:
    """Whether two single doses of one unit are the ends of a range: "0.3 mg/kg–0.6 mg/kg",
    "between 40 mg and 60 mg"."""
    a, b = first.dose, second.dose
    if a is None or b is None or a.unit != b.unit:
        return False
    if _RANGE_DASH.fullmatch(sentence, first.end, second.start) is not None:
        return True
    lo = max(0, first.start - _BETWEEN_REACH)
    return (
        _BETWEEN.search(sentence, lo, first.start) is not None
        and _RANGE_AND.fullmatch(sentence, first.end, second.start) is not None
    )


_SCHEDULE_LEAD = re.compile(r"[\s,(\[]{0,4}")
_SCHEDULE_TRAIL = re.compile(r"[)\]]?")
_MAX_SCHEDULES = 3


def skip_schedules(text: str, pos: int) -> int:
    """Where the schedules written at `pos` end ("… mg BID (4 days on/3 days off)" from the end
    of the dose to after the ")"); `pos` itself when none is."""
    end = pos
    for _ in range(_MAX_SCHEDULES):
        lead = _SCHEDULE_LEAD.match(text, end)
        found = _SCHEDULES.match(text, lead.end()) if lead else None
        if found is None:
            break
        trail = _SCHEDULE_TRAIL.match(text, found.end())
        end = trail.end() if trail else found.end()
    return end


def parse_schedule(text: str) -> str | None:
    """The first dosing schedule in `text` ("every three weeks", "BID"), or None."""
    match = _SCHEDULES.search(text)
    return _tidy(match.group()) if match else None


def parse_schedules(text: str) -> list[str]:
    """Every distinct schedule in `text`, in order: "BID (4 days on/3 days off)" gives
    ["BID", "4 days on/3 days off"]."""
    found: list[str] = []
    for match in _SCHEDULES.finditer(text):
        tidy = _tidy(match.group())
        if tidy not in found:
            found.append(tidy)
    return found


_SLASHED = {"/day": "per day", "/d": "per day", "/week": "per week", "/wk": "per week"}
_DOTTED = re.compile(r"^[a-z](?:\.\s?[a-z])+\.?$", re.IGNORECASE)  # "b.i.d." -> "BID"


_DOSE_CLAUSE_STOP = re.compile(
    r"[;.]\s|,\s+(?:and|while|but|whereas)\s(?!\d)|\s(?:and|while|but)\s+(?:the|an?|that|those|"
    r"for|on|under)\s|\swhereas\s|\s(?:plus|with|combined|in\s+combination)\s"
)  # the end of a dose's own schedule: another clause ("… and for the weekly schedule"), or a
# partner drug's dose


def parse_dose_schedules(after: str) -> str | None:
    """The schedules written right after a dose (`after` is the text that follows it), up to
    the end of its clause, a partner drug or the next dose, joined: "BID (4 days on/3 days
    off)" gives "BID, 4 days on/3 days off"."""
    found = parse_schedules(after[: dose_scope_end(after)])
    return ", ".join(found) or None


def dose_scope_end(after: str) -> int:
    """Where a dose's own words end in `after` (the text that follows it): at the end of its
    clause, a partner drug, or the next dose, which has schedules of its own."""
    stop = _DOSE_CLAUSE_STOP.search(after)
    end = stop.start() if stop else len(after)
    other = DOSE_RE.search(after, 0, end)
    return other.start() if other else end


def _tidy(found: str) -> str:
    """A schedule with its white space collapsed; "/day" is "per day", "b.i.d." is "BID"."""
    found = " ".join(found.split())
    if _DOTTED.match(found):
        return "".join(c for c in found if c.isalpha()).upper()
    return _SLASHED.get(found.lower(), found)
