"""What `/phasewatch status` reports: last poll, lag, EDGAR health and errors, filings given up,
the outbox, Slack faults, failed channels, the registry queue."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from bot.slack.render import escape_mrkdwn
from bot.storage.models import DeliveryRow, FilingRow, RegistryLookupRow
from bot.storage.pace import held_back
from bot.storage.state import load_state
from bot.storage.store import failed_filings
from bot.usecases.deliver import REFUSED_KEY
from watchers import EdgarHealth


@dataclass(frozen=True)
class Status:
    """A snapshot of the service's health."""

    last_poll: datetime | None
    lag_seconds: float | None
    last_errors: tuple[str, ...]
    filings: dict[str, int]
    deliveries: dict[str, int]
    failed_channels: dict[str, str] = field(default_factory=dict)
    slack_refused: str | None = None  # the credentials error that stopped delivery
    held_back: dict[str, str] = field(default_factory=dict)  # rate-limited channel -> until
    registry_lookups: dict[str, int] = field(default_factory=dict)  # ClinicalTrials.gov queue
    registry_pass: datetime | None = None
    edgar: dict[str, object] = field(default_factory=dict)  # recent, failures, last_archive_ok
    failed_filings: dict[str, str] = field(default_factory=dict)  # accession: last error


def gather_status(engine: Engine, now: datetime) -> Status:
    """Read the state table, filing and delivery counts, and each failed channel's last error."""
    last = load_state(engine, "last_poll")
    errors: tuple[str, ...] = ()
    if last is not None and last.value:
        errors = tuple(json.loads(last.value).get("errors", ()))
    with Session(engine) as session:
        filings = _counts(session, FilingRow.state)
        deliveries = _counts(session, DeliveryRow.state)
        lookups = _counts(session, RegistryLookupRow.state)
        failed = session.exec(
            select(DeliveryRow.channel, DeliveryRow.last_error)
            .where(DeliveryRow.state == "failed")
            .order_by(col(DeliveryRow.id))
        ).all()
    when = last.updated_at if last else None
    refused = load_state(engine, REFUSED_KEY)
    waiting = {
        c: f"{until:%H:%M:%S} UTC, {why}" for c, (until, why) in held_back(engine, now).items()
    }
    health = load_state(engine, "edgar_health")
    return Status(
        last_poll=when,
        lag_seconds=(now - when).total_seconds() if when else None,
        last_errors=errors,
        filings=filings,
        deliveries=deliveries,
        failed_channels={channel: error or "" for channel, error in failed},
        slack_refused=(refused.value or None) if refused else None,
        held_back=waiting,
        registry_lookups=lookups,
        registry_pass=registry.updated_at
        if (registry := load_state(engine, "registry_pass"))
        else None,
        edgar=json.loads(health.value) if health is not None and health.value else {},
        failed_filings={f.accession: f.last_error or "" for f in failed_filings(engine)},
    )


def _counts(session: Session, column: object) -> dict[str, int]:
    rows = session.exec(select(column, func.count()).group_by(column)).all()  # type: ignore[call-overload]
    return dict(Counter({str(state): int(n) for state, n in rows}))


def render_status(status: Status) -> str:
    """The status as Slack mrkdwn lines."""
    if status.last_poll is None:
        lines = ["*Last poll:* none yet"]
    else:
        lines = [
            f"*Last poll:* {status.last_poll:%Y-%m-%d %H:%M:%S} UTC "
            f"({status.lag_seconds or 0:.0f} s ago)"
        ]
    lines.append("*Filings:* " + _pairs(status.filings))
    if status.edgar:
        lines.append(_edgar_line(status.edgar))
    for accession, error in status.failed_filings.items():
        lines.append(f"*Gave up on filing* {accession}: {escape_mrkdwn(error[:200])}")
    lines.append("*Deliveries:* " + _pairs(status.deliveries))
    if status.registry_lookups or status.registry_pass:
        last = f"{status.registry_pass:%Y-%m-%d %H:%M} UTC" if status.registry_pass else "never"
        lines.append(
            f"*Registry lookups:* {_pairs(status.registry_lookups)} · last registry pass {last}"
        )
    if status.last_errors:
        lines.append(f"*EDGAR errors in the last poll:* {len(status.last_errors)}")
        lines.extend(f"• {escape_mrkdwn(e[:200])}" for e in status.last_errors[:5])
    if status.slack_refused:
        code = escape_mrkdwn(status.slack_refused)
        lines.append(
            f"*Slack delivery stopped:* the bot token was refused ({code}); "
            "alerts are kept pending until a restart with a good token"
        )
    for channel, until in status.held_back.items():
        lines.append(
            f"*Rate-limited channel* <#{escape_mrkdwn(channel)}>: until {escape_mrkdwn(until)}"
        )
    for channel, error in status.failed_channels.items():
        lines.append(f"*Failed channel* <#{escape_mrkdwn(channel)}>: {escape_mrkdwn(error)}")
    return "\n".join(lines)


def _edgar_line(health: dict[str, object]) -> str:
    """'*EDGAR:* ok …' or '*EDGAR:* failing …' from the last poll's client health."""
    recent, failures = int(str(health.get("recent") or 0)), int(str(health.get("failures") or 0))
    failing = EdgarHealth(recent, failures, None).failing
    word = "failing (filings are kept and retried)" if failing else "ok"
    last = health.get("last_archive_ok") or "never this run"
    return (
        f"*EDGAR:* {word}: {failures} of the last {recent} requests failed; "
        f"last whole document {last}"
    )


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none"
