"""`phasewatch pipeline TARGET`: what we know of a company's drugs, in the contract's shape.

One entry per drug and indication, with its current phase and status, the MTD/RP2D once known,
and the history of the events that moved it (repeats and stale recaps are not history).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.memory import NEWS, drugs_of
from bot.models import CompanyRow, DrugRow, DrugTrackRow, EventRow, FilingRow
from bot.render import UNIT_DISPLAY


def pipeline_view(engine: Engine, cik: int) -> dict[str, Any]:
    """The company's pipeline as the contract's `pipeline --json` object."""
    with Session(engine) as session:
        company = session.get(CompanyRow, cik)
        drugs = []
        for drug in drugs_of(session, cik):
            drugs.extend(_drug_entries(session, drug))
        return {
            "cik": cik,
            "company": company.name if company else None,
            "tickers": company.ticker_list if company else [],
            "drugs": drugs,
        }


def _drug_entries(session: Session, drug: DrugRow) -> list[dict[str, Any]]:
    tracks = session.exec(
        select(DrugTrackRow).where(DrugTrackRow.drug_id == drug.id).order_by(col(DrugTrackRow.id))
    ).all()
    history = _history(session, drug)
    if not tracks:
        return [_entry(drug, None, [h for _, h in history])]
    return [
        _entry(drug, t, [h for track_id, h in history if track_id in (None, t.id)]) for t in tracks
    ]


def _entry(
    drug: DrugRow, track: DrugTrackRow | None, history: list[dict[str, Any]]
) -> dict[str, Any]:
    mtd = None
    if drug.mtd_kind is not None and drug.mtd_value is not None:
        value = int(drug.mtd_value) if drug.mtd_value.is_integer() else drug.mtd_value
        mtd = {"value": value, "unit": drug.mtd_unit, "schedule": drug.mtd_schedule}
    return {
        "drug": drug.name,
        "aliases": [n for n in drug.names.split("|") if n and n != drug.name],
        "indication": (track.indication or None) if track else None,
        "phase": track.phase if track else None,
        "status": track.status if track else None,
        "since": track.since.isoformat() if track and track.since else None,
        "mtd": mtd,
        "history": history,
    }


def _history(session: Session, drug: DrugRow) -> list[tuple[int | None, dict[str, Any]]]:
    """(track id or None for MTDs, history item) for every event that moved the drug, in order."""
    rows = session.exec(
        select(EventRow, FilingRow)
        .join(FilingRow, col(FilingRow.accession) == col(EventRow.accession))
        .where(EventRow.drug_id == drug.id, col(EventRow.change).in_(NEWS))
        .order_by(col(FilingRow.filed), col(FilingRow.accepted), col(EventRow.id))
    ).all()
    return [(e.track_id if e.type == "phase_change" else None, _item(e, f)) for e, f in rows]


def _item(event: EventRow, filing: FilingRow) -> dict[str, Any]:
    """One history entry in the contract's shape."""
    where = {
        "filed": filing.filed.isoformat() if filing.filed else None,
        "accession": filing.accession,
    }
    if event.type == "phase_change":
        return {"type": "phase_change", "phase": event.phase, "status": event.status} | where
    dose = None
    if event.dose_value is not None:
        value = int(event.dose_value) if event.dose_value.is_integer() else event.dose_value
        dose = {"value": value, "unit": event.dose_unit}
    return {"type": "mtd", "kind": event.kind, "dose": dose} | where


def render_pipeline_table(view: dict[str, Any], *, history: bool = False) -> str:
    """A compact, aligned table: drug, indication, phase, status, since, MTD (and the history)."""
    tickers = f" ({', '.join(view['tickers'])})" if view["tickers"] else ""
    lines = [f"{view['company'] or 'CIK ' + str(view['cik'])}{tickers} · CIK {view['cik']}"]
    if not view["drugs"]:
        return lines[0] + "\n(no drugs known yet: try `phasewatch backfill`)"
    rows = [("DRUG", "INDICATION", "PHASE", "STATUS", "SINCE", "MTD/RP2D")]
    for d in view["drugs"]:
        mtd = d["mtd"]
        dose = f"{mtd['value']} {UNIT_DISPLAY.get(mtd['unit'], mtd['unit'])}" if mtd else "-"
        rows.append(
            (
                d["drug"],
                (d["indication"] or "-")[:32],
                d["phase"] or "-",
                d["status"] or "-",
                d["since"] or "-",
                dose,
            )
        )
    widths = [max(len(str(r[i])) for r in rows) for i in range(6)]
    for n, row in enumerate(rows):
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if history and n > 0:
            lines.extend(f"    {_history_line(h)}" for h in view["drugs"][n - 1]["history"])
    return "\n".join(lines)


def _history_line(item: dict[str, Any]) -> str:
    if item["type"] == "phase_change":
        what = f"Phase {item['phase'] or '?'} {item['status']}"
    else:
        dose = item["dose"]
        what = f"{item['kind']} " + (f"{dose['value']} {dose['unit']}" if dose else "determined")
    return f"{item['filed']} {item['accession']}  {what}"
