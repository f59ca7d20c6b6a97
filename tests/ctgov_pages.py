"""Our own ClinicalTrials.gov records, shaped like the real captures (module names, key order,
month-only dates without a type, phases as arrays), for the stand-in to serve.

    record = study_record("NCT09000001", "RECRUITING", ["PHASE2"],
                          interventions=[("DRUG", "TCB-101", ["tecabart"])], sponsor="Tidecrest")
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "ctgov"
Intervention = tuple[str, str, Sequence[str]]


def real_capture(name: str) -> Path:
    """A real capture in ../shared/fixtures/ctgov, or skip the test when it is absent."""
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"ClinicalTrials.gov captures not found at {path} (they live beside the repo)")
    return path


def _date(value: str | None, kind: str | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"date": value} | ({"type": kind} if kind else {})


def study_record(
    nct: str,
    status: str,
    phases: Sequence[str] | None,
    *,
    title: str = "A Study of an Investigational Drug",
    start: tuple[str, str | None] | None = ("2024-03", "ACTUAL"),
    primary_completion: tuple[str, str | None] | None = ("2026-06", "ESTIMATED"),
    enrollment: tuple[int, str | None] | None = (120, "ESTIMATED"),
    interventions: Sequence[Intervention] = (("DRUG", "TCB-101", ()),),
    sponsor: str = "Tidecrest Biotherapeutics, Inc.",
    updated: str = "2026-10-01",
    why_stopped: str | None = None,
    conditions: Sequence[str] = ("Non-small Cell Lung Cancer",),
) -> dict[str, Any]:
    """A /studies/{nctId} object in the API's layout (only the modules phasewatch reads)."""
    status_module: dict[str, Any] = {
        "statusVerifiedDate": updated[:7],
        "overallStatus": status,
        "expandedAccessInfo": {"hasExpandedAccess": False},
    }
    if why_stopped:
        status_module["whyStopped"] = why_stopped
    for key, value in (
        ("startDateStruct", _date(*start) if start else None),
        ("primaryCompletionDateStruct", _date(*primary_completion) if primary_completion else None),
    ):
        if value is not None:
            status_module[key] = value
    status_module["studyFirstSubmitDate"] = "2023-11-02"
    status_module["lastUpdateSubmitDate"] = updated
    status_module["lastUpdatePostDateStruct"] = {"date": updated, "type": "ACTUAL"}
    design: dict[str, Any] = {"studyType": "INTERVENTIONAL"}
    if phases is not None:
        design["phases"] = list(phases)
    if enrollment is not None:
        design["enrollmentInfo"] = {"count": enrollment[0]} | (
            {"type": enrollment[1]} if enrollment[1] else {}
        )
    items = []
    for kind, name, others in interventions:
        item: dict[str, Any] = {"type": kind, "name": name, "description": f"{name}, as assigned"}
        if others:
            item["otherNames"] = list(others)
        items.append(item)
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": nct,
                "orgStudyIdInfo": {"id": f"{nct[-4:]}-001"},
                "organization": {"fullName": sponsor, "class": "INDUSTRY"},
                "briefTitle": title,
            },
            "statusModule": status_module,
            "sponsorCollaboratorsModule": {
                "responsibleParty": {"type": "SPONSOR"},
                "leadSponsor": {"name": sponsor, "class": "INDUSTRY"},
            },
            "conditionsModule": {"conditions": list(conditions)},
            "designModule": design,
            "armsInterventionsModule": {"interventions": items},
        },
        "derivedSection": {"miscInfoModule": {"versionHolder": updated}},
        "hasResults": False,
    }
