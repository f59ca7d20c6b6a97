"""What `/phasewatch status` reports: last poll, lag, EDGAR health and errors, filings given up,
the outbox, Slack faults, failed channels, the registry queue."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from bot.storage import Engine
from bot.storage.status_queries import StatusFacts, load_status_facts
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

    @property
    def edgar_counts(self) -> tuple[int, int]:
        """(recent, failed) EDGAR requests the last poll's client counted."""
        recent, failures = self.edgar.get("recent"), self.edgar.get("failures")
        return int(str(recent or 0)), int(str(failures or 0))

    @property
    def edgar_failing(self) -> bool:
        """Whether the last poll's EDGAR client counted too many recent failures."""
        return EdgarHealth(*self.edgar_counts, None).failing


def gather_status(engine: Engine, now: datetime) -> Status:
    """The service's status, read from storage at `now`."""
    return build_status(load_status_facts(engine, now), now)


def build_status(facts: StatusFacts, now: datetime) -> Status:
    """The status from the stored facts: the last poll's errors and EDGAR health decoded, the
    lag since the last poll, each rate-limited channel's wait as 'HH:MM:SS UTC, reason'."""
    when = facts.last_poll_at
    errors = tuple(json.loads(facts.last_poll).get("errors", ())) if facts.last_poll else ()
    return Status(
        last_poll=when,
        lag_seconds=(now - when).total_seconds() if when else None,
        last_errors=errors,
        filings=facts.filings,
        deliveries=facts.deliveries,
        failed_channels=dict(facts.failed_channels),
        slack_refused=facts.slack_refused or None,
        held_back={
            c: f"{until:%H:%M:%S} UTC, {why}" for c, (until, why) in facts.held_back.items()
        },
        registry_lookups=facts.registry_lookups,
        registry_pass=facts.registry_pass_at,
        edgar=json.loads(facts.edgar_health) if facts.edgar_health else {},
        failed_filings=dict(facts.failed_filings),
    )
