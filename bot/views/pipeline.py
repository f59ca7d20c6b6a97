"""`phasewatch pipeline TARGET`: what we know of a company's drugs, in the contract's shape.

One entry per drug: its most advanced track's indication, phase, status and since at the top,
the MTD/RP2D once known, every track under `indications` (the indication's key name, its
qualifier, phase, status, since and matched NCT ids), and the history of the events that moved
the drug (repeats and stale recaps are not history).
"""

from __future__ import annotations

from typing import Any

from bot.domain.doses import render_amount
from bot.domain.indications import parse_indication
from bot.domain.kinds import kind_named
from bot.storage import Engine
from bot.storage.pipelines import DrugRecord, HistoryRecord, TrackRecord, read_pipeline


def pipeline_view(engine: Engine, cik: int) -> dict[str, Any]:
    """The company's pipeline as the contract's `pipeline --json` object."""
    record = read_pipeline(engine, cik)
    return {
        "cik": record.cik,
        "company": record.company,
        "tickers": list(record.tickers),
        "drugs": [_drug_entry(drug) for drug in record.drugs],
    }


def _drug_entry(drug: DrugRecord) -> dict[str, Any]:
    """The drug's entry: its best track first, then every track (best first)."""
    best = drug.tracks[0] if drug.tracks else None
    mtd = None
    if drug.dose is not None and drug.dose.value is not None:
        value = drug.dose.value
        mtd = {
            "value": int(value) if value.is_integer() else value,
            "unit": drug.dose.unit,
            "schedule": drug.dose.schedule,
        }
    return {
        "drug": drug.name,
        "aliases": [n for n in drug.names if n != drug.name],
        "indication": _indication(best),
        "phase": best.phase if best else None,
        "status": best.status if best else None,
        "since": best.since.isoformat() if best and best.since else None,
        "mtd": mtd,
        "history": [_item(h) for h in drug.history],
        "indications": [_track(t) for t in drug.tracks],
    }


def _indication(track: TrackRecord | None) -> str | None:
    """The indication's name without its qualifiers: the key, or the early track's words."""
    if track is None:
        return None
    return track.indication_key or parse_indication(track.indication).name or None


def _track(track: TrackRecord) -> dict[str, Any]:
    return {
        "indication": _indication(track),
        "qualifier": track.qualifier or None,
        "phase": track.phase,
        "status": track.status,
        "since": track.since.isoformat() if track.since else None,
        "nct": list(track.nct),
    }


def _item(item: HistoryRecord) -> dict[str, Any]:
    """One history entry in the contract's shape: its kind's part, then where it was filed."""
    where = {"filed": item.filed.isoformat() if item.filed else None, "accession": item.accession}
    return item.detail.history() | where


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
        dose = render_amount(mtd["value"], mtd["unit"]) if mtd else "-"
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
    """'2026-01-12 0001990001-26-000002  Phase 2 started'."""
    what = kind_named(item["type"]).render_history(item)
    return f"{item['filed']} {item['accession']}  {what}"
