"""`phasewatch trial NCT…` and `/phasewatch trial NCT…`: a trial's registry record and the
filings that mentioned it, as a JSON-ready dict and as text.

The CLI reads the record through the cache (fetching it when absent or stale and the registry is
on); the slash command answers from the cache only, so Slack gets its answer within 3 seconds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.domain.drugs import name_key
from bot.domain.indications import indication_key
from bot.domain.registry import render_study_line
from bot.runtime import make_registry_client
from bot.settings import Settings
from bot.slack.render import escape_mrkdwn
from bot.storage.models import RegistryStudyRow, TrialMentionRow, now_utc
from bot.storage.registry_store import cached_row, cached_study, mentions, save_study
from bot.storage.store import create_db
from watchers import RegistryClient, RegistryRateLimited, RegistryUnavailable, Study

NCT_ARG = re.compile(r"^NCT\d{8}$", re.IGNORECASE)


def read_trial(
    engine: Engine, nct_id: str, registry: RegistryClient | None, now: datetime, ttl: timedelta
) -> Study | None:
    """The record from the cache while fresh, else from the registry (when on); the stale
    cached record when the registry is down."""
    fresh = cached_study(engine, nct_id, now, ttl)
    if fresh is not None or registry is None:
        return fresh or cached_study(engine, nct_id)
    try:
        study = registry.fetch_study(nct_id)
    except (RegistryUnavailable, RegistryRateLimited) as exc:
        stale = cached_study(engine, nct_id)
        if stale is None:
            raise
        print(
            f"phasewatch: registry unavailable ({exc}); showing the cached record", file=sys.stderr
        )
        return stale
    save_study(engine, study, now)
    return study


def trial_view(engine: Engine, nct_id: str, study: Study | None) -> dict[str, Any]:
    """The trial as one JSON object: the record's fields, when it was read, and its mentions."""
    row = cached_row(engine, nct_id)
    record: dict[str, Any] = {"nct_id": nct_id, "status": None}
    if study is not None:
        record = asdict(study)
        record["last_update_posted"] = (
            study.last_update_posted.isoformat() if study.last_update_posted else None
        )
        record["url"] = study.url
    record["fetched_at"] = row.fetched_at.isoformat() if row and row.fetched_at else None
    record["mentions"] = [
        {
            "accession": m.accession,
            "filed": f.filed.isoformat() if f.filed else None,
            "form": f.form,
            "company": f.company,
            "cik": f.cik,
            "drug": m.drug,
            "indication": m.indication,
            "source": m.source,
        }
        for m, f in mentions(engine, nct_id=nct_id)
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
    lines.extend(f"  {_mention_line(m)}" for m in view["mentions"])
    return "\n".join(lines)


def render_trial_mrkdwn(view: dict[str, Any], study: Study | None) -> str:
    """The slash command's answer: the linked record line and the filings, escaped."""
    nct = view["nct_id"]
    if study is None:
        head = (
            f"*{nct}* is not in phasewatch's registry cache yet; "
            f"`phasewatch trial {nct}` reads it from ClinicalTrials.gov."
        )
    else:
        rest = escape_mrkdwn(render_study_line(study).removeprefix(nct))
        head = f"<{study.url}|{nct}>{rest}"
        if study.title:
            head += f"\n{escape_mrkdwn(study.title)}"
    lines = [head, "*Filings that mentioned it*" if view["mentions"] else "No filing mentioned it."]
    lines.extend(f"• {escape_mrkdwn(_mention_line(m))}" for m in view["mentions"][:20])
    return "\n".join(lines)


def _mention_line(m: dict[str, Any]) -> str:
    what = m["drug"] or "no drug named"
    if m["indication"]:
        what += f" ({m['indication']})"
    how = "written in the filing" if m["source"] == "text" else "matched by search"
    return f"{m['filed'] or '?'} {m['form']} {m['accession']} {m['company']}: {what} [{how}]"


def cmd_trial(settings: Settings, args: argparse.Namespace) -> int:
    """`trial NCT… [--json]`: the record (cached, or read from the registry) and its filings."""
    nct = args.nct.strip().upper()
    if not NCT_ARG.match(nct):
        print(
            f"phasewatch: error: {args.nct!r} is not an NCT number (NCT + 8 digits)",
            file=sys.stderr,
        )
        return 2
    engine = create_db(settings.database_url)
    registry = make_registry_client(settings)
    try:
        ttl = timedelta(hours=settings.ctgov_ttl_hours)
        study = read_trial(engine, nct, registry, now_utc(), ttl)
    finally:
        if registry is not None:
            registry.close()
    view = trial_view(engine, nct, study)
    print(json.dumps(view) if args.json else render_trial_text(view, study))
    return 0 if study is not None or view["mentions"] else 1


def company_trials(engine: Engine, cik: int) -> list[dict[str, Any]]:
    """Each trial tied to the company's filings: drug, indication, NCT id, last status read."""
    with Session(engine) as session:
        query = (
            select(TrialMentionRow)
            .where(TrialMentionRow.cik == cik)
            .order_by(col(TrialMentionRow.id))
        )
        rows = list(session.exec(query))
        seen: dict[str, dict[str, Any]] = {}
        for m in rows:
            entry = seen.setdefault(
                m.nct_id, {"nct_id": m.nct_id, "drug": None, "indication": None, "status": None}
            )
            entry["drug"] = m.drug or entry["drug"]
            entry["indication"] = m.indication or entry["indication"]
        for nct, entry in seen.items():
            cached = session.get(RegistryStudyRow, nct)
            entry["status"] = cached.status if cached else None
    return list(seen.values())


def attach_trials(view: dict[str, Any], engine: Engine) -> dict[str, Any]:
    """Fill each indication track's `nct` (the contract's pipeline shape) from trial mentions."""
    trials = company_trials(engine, int(view["cik"]))
    for drug in view.get("drugs", []):
        tracks = drug.get("indications")
        if not isinstance(tracks, list):
            continue
        mine = [t for t in trials if name_key(t["drug"]) == name_key(drug["drug"])]
        for track in tracks:
            key = indication_key(track.get("indication"))
            fits = [t for t in mine if len(tracks) == 1 or indication_key(t["indication"]) == key]
            track["nct"] = list(
                dict.fromkeys([*track.get("nct", []), *(t["nct_id"] for t in fits)])
            )
    return view


def render_company_trials(engine: Engine, cik: int) -> str:
    """'Trials (ClinicalTrials.gov):' and one line per trial, or '' when none is known."""
    trials = company_trials(engine, cik)
    if not trials:
        return ""
    lines = ["Trials (ClinicalTrials.gov):"]
    for t in trials:
        what = t["drug"] or "?"
        if t["indication"]:
            what += f" ({t['indication']})"
        lines.append(f"  {t['nct_id']}  {t['status'] or 'not read yet':<22}  {what}")
    return "\n".join(lines)
