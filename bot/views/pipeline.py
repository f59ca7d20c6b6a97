"""`phasewatch pipeline TARGET`: what we know of a company's drugs, in the contract's shape.

One entry per drug: its most advanced track's indication, phase, status and since at the top,
the MTD/RP2D once known, every track under `indications` (the indication's key name, its
qualifier, phase, status, since and matched NCT ids), and the history of the events that moved
the drug (repeats and stale recaps are not history).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.domain.drugs import NEWS
from bot.domain.indications import parse_indication
from bot.slack.render import UNIT_DISPLAY
from bot.storage.drug_memory import drugs_of
from bot.storage.models import CompanyRow, DrugRow, DrugTrackRow, EventRow, FilingRow
from bot.storage.tracks import track_rank, tracks_of


def pipeline_view(engine: Engine, cik: int) -> dict[str, Any]:
    """The company's pipeline as the contract's `pipeline --json` object."""
    with Session(engine) as session:
        company = session.get(CompanyRow, cik)
        drugs = [_drug_entry(session, drug) for drug in drugs_of(session, cik)]
        return {
            "cik": cik,
            "company": company.name if company else None,
            "tickers": company.ticker_list if company else [],
            "drugs": drugs,
        }


def _drug_entry(session: Session, drug: DrugRow) -> dict[str, Any]:
    """The drug's entry: its best track first, then every track (best first)."""
    tracks = sorted(tracks_of(session, drug), key=track_rank, reverse=True)
    best = tracks[0] if tracks else None
    mtd = None
    if drug.mtd_kind is not None and drug.mtd_value is not None:
        value = int(drug.mtd_value) if drug.mtd_value.is_integer() else drug.mtd_value
        mtd = {"value": value, "unit": drug.mtd_unit, "schedule": drug.mtd_schedule}
    return {
        "drug": drug.name,
        "aliases": [n for n in drug.names.split("|") if n and n != drug.name],
        "indication": _indication(best),
        "phase": best.phase if best else None,
        "status": best.status if best else None,
        "since": best.since.isoformat() if best and best.since else None,
        "mtd": mtd,
        "history": _history(session, drug),
        "indications": [_track(t) for t in tracks],
    }


def _indication(track: DrugTrackRow | None) -> str | None:
    """The indication's name without its qualifiers: the key, or the early track's words."""
    if track is None:
        return None
    return track.indication_key or parse_indication(track.indication).name or None


def _track(track: DrugTrackRow) -> dict[str, Any]:
    return {
        "indication": _indication(track),
        "qualifier": track.qualifier or None,
        "phase": track.phase,
        "status": track.status,
        "since": track.since.isoformat() if track.since else None,
        "nct": [n for n in track.nct.strip(",").split(",") if n],
    }


def _history(session: Session, drug: DrugRow) -> list[dict[str, Any]]:
    """Every event that moved the drug, in the order filed."""
    rows = session.exec(
        select(EventRow, FilingRow)
        .join(FilingRow, col(FilingRow.accession) == col(EventRow.accession))
        .where(EventRow.drug_id == drug.id, col(EventRow.change).in_(NEWS))
        .order_by(col(FilingRow.filed), col(FilingRow.accepted), col(EventRow.id))
    ).all()
    return [_item(e, f) for e, f in rows]


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
    """A compact, aligned table: each drug at its best phase, then its indications (and history).

    DRUG / INDICATION                PHASE  STATUS   SINCE       MTD/RP2D
    TCB-101                          2      started  2026-01-12  40 mg/m²
      non-small cell lung cancer     2      started  2026-01-12
      solid tumors (advanced)        1      started  2025-03-03
    """
    tickers = f" ({', '.join(view['tickers'])})" if view["tickers"] else ""
    lines = [f"{view['company'] or 'CIK ' + str(view['cik'])}{tickers} · CIK {view['cik']}"]
    if not view["drugs"]:
        return lines[0] + "\n(no drugs known yet: try `phasewatch backfill`)"
    rows: list[tuple[str, ...]] = [("DRUG / INDICATION", "PHASE", "STATUS", "SINCE", "MTD/RP2D")]
    after: list[list[dict[str, Any]]] = [[]]  # per row: the history printed under it
    for d in view["drugs"]:
        mtd = d["mtd"]
        dose = f"{mtd['value']} {UNIT_DISPLAY.get(mtd['unit'], mtd['unit'])}" if mtd else "-"
        rows.append((d["drug"], d["phase"] or "-", d["status"] or "-", d["since"] or "-", dose))
        rows.extend(_track_row(t) for t in d["indications"])
        after += [[]] * len(d["indications"]) + [d["history"] if history else []]  # its last row
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row, items in zip(rows, after, strict=True):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        lines.extend(f"    {_history_line(h)}" for h in items)
    return "\n".join(lines)


def _track_row(track: dict[str, Any]) -> tuple[str, ...]:
    """'  solid tumors (advanced)  1  started  2025-03-03': one indication under its drug."""
    name = track["indication"] or "no indication named"
    name += f" ({track['qualifier']})" if track["qualifier"] else ""
    return ("  " + name[:40], track["phase"] or "-", track["status"], track["since"] or "-", "")


def _history_line(item: dict[str, Any]) -> str:
    if item["type"] == "phase_change":
        what = f"Phase {item['phase'] or '?'} {item['status']}"
    else:
        dose = item["dose"]
        what = f"{item['kind']} " + (f"{dose['value']} {dose['unit']}" if dose else "determined")
    return f"{item['filed']} {item['accession']}  {what}"
