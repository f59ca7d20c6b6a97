"""`phasewatch trial NCT…` and `/phasewatch trial NCT…`: a trial's registry record and the
filings that mentioned it, as a JSON-ready dict and as text; and the trials tied to a company,
for `pipeline`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from bot.domain.drugs import name_key
from bot.domain.indications import indication_key
from bot.domain.registry import render_study_line
from bot.storage import Engine
from bot.storage.trial_queries import CompanyTrial, TrialMention, trial_fetched_at, trial_mentions
from watchers import Study

NCT_ARG = re.compile(r"^NCT\d{8}$", re.IGNORECASE)


def trial_view(engine: Engine, nct_id: str, study: Study | None) -> dict[str, Any]:
    """The trial as one JSON object, with when its record was read and its mentions stored."""
    fetched_at = trial_fetched_at(engine, nct_id)
    return build_trial_view(nct_id, study, fetched_at, trial_mentions(engine, nct_id))


def build_trial_view(
    nct_id: str,
    study: Study | None,
    fetched_at: datetime | None,
    mentions: Sequence[TrialMention],
) -> dict[str, Any]:
    """The trial as one JSON object: the record's fields, when it was read, and its mentions."""
    record: dict[str, Any] = {"nct_id": nct_id, "status": None}
    if study is not None:
        record = asdict(study)
        record["last_update_posted"] = (
            study.last_update_posted.isoformat() if study.last_update_posted else None
        )
        record["url"] = study.url
    record["fetched_at"] = fetched_at.isoformat() if fetched_at else None
    record["mentions"] = [
        {
            "accession": m.accession,
            "filed": m.filed.isoformat() if m.filed else None,
            "form": m.form,
            "company": m.company,
            "cik": m.cik,
            "drug": m.drug,
            "indication": m.indication,
            "source": m.source,
        }
        for m in mentions
    ]
    return record


def render_trial_text(view: dict[str, Any], study: Study | None) -> str:
    """The record's line, its details, and one line per filing that mentioned it."""
    lines = [render_study_line(study) if study else f"{view['nct_id']}: no registry record"]
    if study is not None:
        if study.title:
            lines.append(f"  {study.title}")
        details = [f"sponsor: {study.sponsor.name}" if study.sponsor else None]
        names = [
            f"{i.name} ({', '.join(i.other_names[:4])})" if i.other_names else i.name
            for i in study.interventions[:6]
        ]
        details.append(f"interventions: {'; '.join(names)}" if names else None)
        posted = study.last_update_posted
        details.append(f"last update posted {posted.isoformat()}" if posted else None)
        details.append(
            f"read {view['fetched_at'][:16].replace('T', ' ')} UTC"
            if view.get("fetched_at")
            else None
        )
        lines.append("  " + " · ".join(d for d in details if d))
        if study.why_stopped:
            lines.append(f"  why stopped: {study.why_stopped}")
        lines.append(f"  {study.url}")
    lines.append("Filings that mentioned it:" if view["mentions"] else "No filing mentioned it.")
    lines.extend(f"  {render_mention_line(m)}" for m in view["mentions"])
    return "\n".join(lines)


def render_mention_line(m: dict[str, Any]) -> str:
    """'2026-11-23 8-K 0001990001-26-000012 Tidecrest…: TCB-101 (NSCLC) [written in the filing]'."""
    what = m["drug"] or "no drug named"
    if m["indication"]:
        what += f" ({m['indication']})"
    how = "written in the filing" if m["source"] == "text" else "matched by search"
    return f"{m['filed'] or '?'} {m['form']} {m['accession']} {m['company']}: {what} [{how}]"


def attach_trials(view: dict[str, Any], trials: Sequence[CompanyTrial]) -> dict[str, Any]:
    """Fill each indication track's `nct` (the contract's pipeline shape) from the company's
    trials (bot.storage.trial_queries.company_trials)."""
    for drug in view.get("drugs", []):
        tracks = drug.get("indications")
        if not isinstance(tracks, list):
            continue
        mine = [t for t in trials if name_key(t.drug) == name_key(drug["drug"])]
        for track in tracks:
            key = indication_key(track.get("indication"))
            fits = [t for t in mine if len(tracks) == 1 or indication_key(t.indication) == key]
            track["nct"] = list(dict.fromkeys([*track.get("nct", []), *(t.nct_id for t in fits)]))
    return view


def render_company_trials(trials: Sequence[CompanyTrial]) -> str:
    """'Trials (ClinicalTrials.gov):' and one line per trial, or '' when none is known."""
    if not trials:
        return ""
    lines = ["Trials (ClinicalTrials.gov):"]
    for t in trials:
        what = t.drug or "?"
        if t.indication:
            what += f" ({t.indication})"
        lines.append(f"  {t.nct_id}  {t.status or 'not read yet':<22}  {what}")
    return "\n".join(lines)
