"""The delivery outbox: one row per (accession, event, channel), the idempotency record.

This module owes alerts and reads them back grouped into messages; bot.storage.claims moves rows
between states: pending → posting (claimed) → sent, back to pending, `unknown` (Slack may have
it), or failed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.domain.alerts import Alert
from bot.domain.doses import render_dose
from bot.domain.kinds import kind_named
from bot.storage.drug_memory import known_dose
from bot.storage.events import alert_event, detail_of, is_alertable
from bot.storage.models import CompanyRow, DeliveryRow, DrugRow, EventRow, FilingRow, WatchRow
from bot.storage.watches import muted_channels, watch_matches


def add_alerts(session: Session, accession: str, now: datetime) -> int:
    """Owe every alertable event of a filing to each channel whose watch matches; return rows.

    Runs inside the caller's transaction, the one that marks the filing done, so a crash can
    never leave a processed filing without its deliveries.
    """
    filing = session.exec(select(FilingRow).where(FilingRow.accession == accession)).one()
    if not filing.notify:
        return 0
    watches = session.exec(select(WatchRow)).all()
    company = session.get(CompanyRow, filing.cik)
    sic = company.sic if company else None
    muted = muted_channels(session, filing.cik)
    events = session.exec(select(EventRow).where(EventRow.accession == accession)).all()
    added = 0
    for event in (e for e in events if is_alertable(e)):
        name = kind_named(event.type).watch_filter
        matching = [
            w
            for w in watches
            if w.channel not in muted
            and watch_matches(w, cik=filing.cik, sic=sic, form=filing.form, event_type=name)
        ]
        quiet = {w.channel for w in matching if w.repeats == "none"}
        for channel in sorted({w.channel for w in matching}):
            added += _add_delivery(session, filing, event.key, channel, now, quiet=channel in quiet)
    return added


def _add_delivery(
    session: Session, filing: FilingRow, key: str, channel: str, now: datetime, *, quiet: bool
) -> int:
    """Owe one event to one channel, as a repeat of the first telling when there was one.

    A channel that asked for no repeats (`quiet`) is owed nothing for news it was already told.
    """
    exists = session.exec(
        select(DeliveryRow.id).where(
            DeliveryRow.accession == filing.accession,
            DeliveryRow.event_key == key,
            DeliveryRow.channel == channel,
        )
    ).first()
    if exists is not None:
        return 0
    first = first_telling(session, filing, key, channel)
    if first is not None and quiet:
        return 0
    row = DeliveryRow(
        accession=filing.accession, event_key=key, channel=channel, created_at=now, repeat_of=first
    )
    session.add(row)
    return 1


def first_telling(session: Session, filing: FilingRow, key: str, channel: str) -> str | None:
    """The earlier filing of the same company that already owed this channel the same news."""
    query = (
        select(DeliveryRow.accession)
        .join(FilingRow, col(FilingRow.accession) == col(DeliveryRow.accession))
        .where(
            DeliveryRow.channel == channel,
            DeliveryRow.event_key == key,
            col(DeliveryRow.repeat_of).is_(None),
            col(DeliveryRow.state) != "failed",
            FilingRow.cik == filing.cik,
            FilingRow.accession != filing.accession,
        )
        .order_by(col(DeliveryRow.id))
    )
    return session.exec(query).first()


def due_alerts(
    engine: Engine, now: datetime, limit: int = 100, skip: Collection[str] = ()
) -> list[Alert]:
    """Pending deliveries grouped into one alert per (channel, filing, repeat), oldest first.

    A repeat waits until the first telling is sent, so it can be posted in that message's thread.
    Channels in `skip` (rate-limited ones) are left out, so they never crowd the others out.
    """
    with Session(engine) as session:
        query = (
            select(DeliveryRow)
            .where(DeliveryRow.state == "pending")
            .where(col(DeliveryRow.channel).not_in(list(skip)))
            .where(
                col(DeliveryRow.next_attempt_at).is_(None)
                | (col(DeliveryRow.next_attempt_at) <= now)
            )
            .order_by(col(DeliveryRow.id))
        )
        groups: dict[tuple[str, str, str | None], list[str]] = defaultdict(list)
        for row in session.exec(query):
            groups[(row.channel, row.accession, row.repeat_of)].append(row.event_key)
        alerts = []
        for (channel, accession, repeat_of), keys in groups.items():
            thread = first_ts(session, channel, repeat_of, keys) if repeat_of else None
            if repeat_of and thread is None:
                continue
            alert = build_alert(session, channel, accession, keys)
            alerts.append(replace(alert, repeat_of=repeat_of, thread_ts=thread))
            if len(alerts) >= limit:
                break
    return alerts


def first_ts(session: Session, channel: str, accession: str, keys: list[str]) -> str | None:
    """The ts of the first telling's message in `channel`, once it is sent."""
    query = select(DeliveryRow.ts).where(
        DeliveryRow.channel == channel,
        DeliveryRow.accession == accession,
        col(DeliveryRow.event_key).in_(keys),
        DeliveryRow.state == "sent",
    )
    return session.exec(query).first()


def build_alert(session: Session, channel: str, accession: str, keys: list[str]) -> Alert:
    """The alert for these events of one filing in one channel."""
    filing = session.exec(select(FilingRow).where(FilingRow.accession == accession)).one()
    company = session.get(CompanyRow, filing.cik)
    rows = session.exec(
        select(EventRow)
        .where(EventRow.accession == accession, col(EventRow.key).in_(keys))
        .order_by(col(EventRow.id))
    ).all()
    return Alert(
        channel=channel,
        accession=accession,
        cik=filing.cik,
        company=(company.name if company and company.name else filing.company),
        tickers=tuple(company.ticker_list) if company else (),
        form=filing.form,
        index_url=filing.index_url,
        filed=filing.filed,
        accepted=filing.accepted,
        events=tuple(alert_event(r, _known_mtd(session, r, rows)) for r in rows),
    )


def _known_mtd(session: Session, row: EventRow, rows: Sequence[EventRow]) -> str | None:
    """'MTD 240 mg/m²' for a track line whose drug has a known MTD not told in this alert."""
    if row.drug_id is None or detail_of(row).track_claim() is None:
        return None
    if any(r.drug_id == row.drug_id and detail_of(r).dose_claim() for r in rows):
        return None
    drug = session.get(DrugRow, row.drug_id)
    dose = known_dose(drug) if drug is not None else None
    return render_dose(dose, schedule=False) if dose is not None else None


def deliveries(engine: Engine, channel: str | None = None) -> list[DeliveryRow]:
    """All delivery rows (of one channel), oldest first."""
    with Session(engine) as session:
        query = select(DeliveryRow).order_by(col(DeliveryRow.id))
        if channel is not None:
            query = query.where(DeliveryRow.channel == channel)
        return list(session.exec(query))
