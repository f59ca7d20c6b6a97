"""Parsing ClinicalTrials.gov API v2 JSON into Study records. Pure: bytes or dicts in.

The format's quirks, as the real captures show them: dates of month precision with no type
(`{"date": "2004-05"}`), phases as arrays (`["PHASE1", "PHASE2"]`, absent for observational
studies), fields left out by a `fields=` subset, an empty search as `{"studies":[\\n\\n]}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from watchers.ctgov_types import (
    Enrollment,
    Intervention,
    PartialDate,
    Sponsor,
    Study,
    StudyPage,
)

NCT_ID = re.compile(r"^NCT\d{8}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class ParseError(ValueError):
    """A body that is not the registry JSON we asked for."""


def parse_partial_date(struct: Any) -> PartialDate | None:
    """{"date": "2024-03", "type": "ESTIMATED"} → PartialDate("2024-03", "month", False)."""
    if not isinstance(struct, Mapping):
        return None
    text = str(struct.get("date") or "").strip()
    found = _DATE.match(text)
    if not found:
        return None
    precision = "day" if found.group(3) else "month" if found.group(2) else "year"
    kind = struct.get("type")
    actual = None if kind not in ("ACTUAL", "ESTIMATED") else kind == "ACTUAL"
    return PartialDate(text, precision, actual)


def parse_day(text: Any) -> date | None:
    """'2025-09-10' → date(2025, 9, 10); anything else → None."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def parse_study(data: Mapping[str, Any]) -> Study:
    """A Study from one record (the /studies/{nctId} object or one item of a search page)."""
    protocol = _section(data, "protocolSection")
    ident = _section(protocol, "identificationModule")
    nct_id = str(ident.get("nctId") or "")
    if not NCT_ID.match(nct_id):
        raise ParseError(f"a study without a valid nctId: {nct_id[:40]!r}")
    status = _section(protocol, "statusModule")
    design = _section(protocol, "designModule")
    return Study(
        nct_id=nct_id,
        status=_text(status.get("overallStatus")),
        phases=tuple(str(p) for p in design.get("phases") or () if p),
        title=_text(ident.get("briefTitle")),
        start=parse_partial_date(status.get("startDateStruct")),
        primary_completion=parse_partial_date(status.get("primaryCompletionDateStruct")),
        enrollment=_enrollment(design.get("enrollmentInfo")),
        interventions=_interventions(protocol),
        sponsor=_sponsor(protocol),
        last_update_posted=parse_day(_section(status, "lastUpdatePostDateStruct").get("date")),
        why_stopped=_text(status.get("whyStopped")),
        last_known_status=_text(status.get("lastKnownStatus")),
        conditions=tuple(_section(protocol, "conditionsModule").get("conditions") or ()),
        study_type=_text(design.get("studyType")),
    )


def parse_study_body(body: bytes) -> Study:
    """The Study of a /studies/{nctId} response body."""
    return parse_study(_json_object(body))


def parse_page(body: bytes) -> StudyPage:
    """One /studies page: '{"studies":[\\n…\\n],"nextPageToken":"…"}' (empty: no studies)."""
    data = _json_object(body)
    studies = data.get("studies")
    if not isinstance(studies, list):
        raise ParseError("a search page without a 'studies' list")
    token = data.get("nextPageToken")
    total = data.get("totalCount")
    return StudyPage(
        studies=tuple(parse_study(s) for s in studies if isinstance(s, Mapping)),
        next_page_token=str(token) if token else None,
        total=int(total) if isinstance(total, int) else None,
    )


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParseError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ParseError("JSON that is not an object")
    return data


def _section(data: Any, name: str) -> Mapping[str, Any]:
    value = data.get(name) if isinstance(data, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _enrollment(info: Any) -> Enrollment | None:
    if not isinstance(info, Mapping) or not isinstance(info.get("count"), int):
        return None
    kind = info.get("type")
    return Enrollment(int(info["count"]), None if kind is None else kind == "ACTUAL")


def _interventions(protocol: Mapping[str, Any]) -> tuple[Intervention, ...]:
    found = []
    for item in _section(protocol, "armsInterventionsModule").get("interventions") or ():
        if isinstance(item, Mapping) and item.get("name"):
            others = tuple(str(n) for n in item.get("otherNames") or () if n)
            found.append(Intervention(_text(item.get("type")), str(item["name"]), others))
    return tuple(found)


def _sponsor(protocol: Mapping[str, Any]) -> Sponsor | None:
    lead = _section(_section(protocol, "sponsorCollaboratorsModule"), "leadSponsor")
    name = _text(lead.get("name"))
    return Sponsor(name, _text(lead.get("class"))) if name else None
