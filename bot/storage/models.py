"""Database tables (SQLModel): companies, filings, documents, events, watches, deliveries.

Datetimes are stored as UTC and always read back timezone-aware, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Text, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import AutoString

from bot.domain.drugs import Change
from bot.domain.states import DeliveryState, FilingState, LookupState, WatchKind
from classifiers.events import MtdKind, PhaseStatus


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC; returns them aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use timezone-aware ones")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utc_column(*, index: bool = False) -> Any:
    """A nullable UTC datetime column."""
    return Field(default=None, sa_column=Column(UTCDateTime(), index=index, nullable=True))


def state_column(default: str | None = None, *, index: bool = False) -> Any:
    """A text column holding one of a Literal's values (the annotation names which)."""
    return Field(default=default, sa_type=AutoString, index=index)


def now_utc() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class CompanyRow(SQLModel, table=True):
    """A company as EDGAR knows it; tickers comma-separated."""

    __tablename__ = "companies"
    cik: int = Field(primary_key=True)
    name: str
    tickers: str = ""
    sic: str | None = None
    sic_description: str | None = None
    updated_at: datetime | None = utc_column()

    @property
    def ticker_list(self) -> list[str]:
        """The tickers as a list, primary first."""
        return [t for t in self.tickers.split(",") if t]


class FilingRow(SQLModel, table=True):
    """One accession; `state` is pending → done, failed (given up) or skipped (cold start)."""

    __tablename__ = "filings"
    id: int | None = Field(default=None, primary_key=True)
    accession: str = Field(unique=True, index=True)
    cik: int = Field(index=True)
    company: str
    form: str
    index_url: str
    filed: date | None = None
    accepted: datetime | None = utc_column()
    items: str = ""
    state: FilingState = state_column("pending", index=True)
    source: str = "feed"  # feed | company | backfill
    notify: bool = True  # False: stored and classified, never alerted (backfilled history)
    attempts: int = 0  # failed attempts that made a request (a pause or a shutdown does not count)
    last_error: str | None = None
    next_attempt_at: datetime | None = utc_column()
    first_failed_at: datetime | None = utc_column()
    last_failed_at: datetime | None = utc_column()
    seen_at: datetime | None = utc_column(index=True)
    processed_at: datetime | None = utc_column()


class DocumentRow(SQLModel, table=True):
    """A document fetched from a filing (text is not kept, only its size)."""

    __tablename__ = "documents"
    id: int | None = Field(default=None, primary_key=True)
    accession: str = Field(index=True)
    type: str
    url: str
    filename: str
    description: str = ""
    size: int = 0
    text_size: int = 0
    truncated: bool = False


class EventRow(SQLModel, table=True):
    """A classified event of one filing; `key` identifies it within the filing."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("accession", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    accession: str = Field(index=True)
    cik: int = Field(index=True)
    key: str
    type: str  # a kind's name in bot.domain.kinds.KINDS; the kind reads its columns below
    status: PhaseStatus | None = state_column()
    phase: str | None = None
    kind: MtdKind | None = state_column()
    drug: str | None = None
    indication: str | None = None
    dose_value: float | None = None
    dose_unit: str | None = None
    not_reached: bool = False
    schedule: str | None = None
    evidence: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    start: int = 0
    end: int = 0
    confidence: float = 0.0
    document_url: str = ""
    document_type: str = ""
    drug_id: int | None = Field(default=None, index=True)
    track_id: int | None = None  # the drug's indication track this phase event was judged on
    change: Change | None = state_column()  # what the event meant against the drug's state
    prev_phase: str | None = None  # the state before this event (for "Phase 1 → Phase 2")
    prev_status: PhaseStatus | None = state_column()
    prev_indication: str | None = None  # the drug's best track before a move to a new indication
    created_at: datetime | None = utc_column()


class WatchRow(SQLModel, table=True):
    """A channel's watch on a ticker, CIK, `sic:NNNN` or `all`; filters comma-separated."""

    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("channel", "target"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(index=True)
    target: str
    kind: WatchKind = Field(sa_type=AutoString)
    cik: int | None = Field(default=None, index=True)
    sic: str | None = None
    events: str = ""
    forms: str = ""
    repeats: str = "thread"  # thread | none: where news the channel was already told goes
    created_by: str | None = None
    created_at: datetime | None = utc_column()


class DeliveryRow(SQLModel, table=True):
    """One event owed to one channel: the outbox and the idempotency record (with Slack's ts)."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("accession", "event_key", "channel"),)
    id: int | None = Field(default=None, primary_key=True)
    accession: str = Field(index=True)
    event_key: str
    channel: str = Field(index=True)
    state: DeliveryState = state_column("pending", index=True)
    ts: str | None = None
    repeat_of: str | None = None  # accession that first told this channel the same news
    thread_ts: str | None = None  # the first telling's ts, when posted as a reply to it
    attempts: int = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = utc_column()
    claimed_at: datetime | None = utc_column()
    claim_token: str | None = None  # who holds the claim while `posting` (compare-and-set)
    lease_until: datetime | None = utc_column()  # the holder's promise: done or gone by then
    created_at: datetime | None = utc_column()
    sent_at: datetime | None = utc_column()


class ChannelPaceRow(SQLModel, table=True):
    """When a channel may next be posted to, shared by every process (1 msg/s, Retry-After)."""

    __tablename__ = "channel_pace"
    channel: str = Field(primary_key=True)
    next_allowed_at: datetime | None = utc_column()
    holder: str | None = None  # the token of the process posting to it right now
    reason: str | None = None  # "ratelimited (Retry-After 3600 s)" while Slack holds it back


class StateRow(SQLModel, table=True):
    """Small named facts of the running service: last poll, tickers loaded, last company feeds."""

    __tablename__ = "service_state"
    key: str = Field(primary_key=True)
    value: str = ""
    updated_at: datetime | None = utc_column()


class MuteRow(SQLModel, table=True):
    """A company muted in one channel (the alert's "Mute" button): its alerts skip the channel."""

    __tablename__ = "mutes"
    __table_args__ = (UniqueConstraint("channel", "cik"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(index=True)
    cik: int
    created_by: str | None = None
    created_at: datetime | None = utc_column()


class DrugRow(SQLModel, table=True):
    """One drug of one company; `aliases` holds every name key seen for it (comma-separated)."""

    __tablename__ = "drugs"
    __table_args__ = (UniqueConstraint("cik", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    cik: int = Field(index=True)
    name: str
    key: str
    aliases: str = ""  # name keys, ",arq197,tivantinib,"
    names: str = ""  # display spellings, "ARQ 197|tivantinib"
    mtd_kind: MtdKind | None = state_column()
    mtd_value: float | None = None
    mtd_unit: str | None = None
    mtd_schedule: str | None = None
    mtd_not_reached: bool = False
    mtd_since: date | None = None
    created_at: datetime | None = utc_column()


class DrugTrackRow(SQLModel, table=True):
    """Where a drug stands in one indication; key '' is its early track (solid tumors, healthy
    volunteers, or no indication named). `nct` holds the registry ids matched to the track
    (comma-separated), written by `bot.storage.drug_memory.attach_nct`."""

    __tablename__ = "drug_tracks"
    __table_args__ = (UniqueConstraint("drug_id", "indication_key"),)
    id: int | None = Field(default=None, primary_key=True)
    drug_id: int = Field(index=True)
    indication: str = ""
    indication_key: str = ""
    qualifier: str = ""  # 'advanced', 'relapsed/refractory': the setting, kept apart from the key
    nct: str = ""  # ',NCT01234567,NCT07654321,'
    phase: str | None = None
    status: PhaseStatus = state_column("planned")
    since: date | None = None
    accession: str = ""
    updated_at: datetime | None = utc_column()


class RegistryStudyRow(SQLModel, table=True):
    """The cached ClinicalTrials.gov record of one trial (our Study as JSON) and when it was read.

    `status` is the overall status last read: the registry watcher alerts on a change of it.
    """

    __tablename__ = "registry_studies"
    nct_id: str = Field(primary_key=True)
    status: str | None = None
    last_update_posted: date | None = None
    record: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    fetched_at: datetime | None = utc_column()


class TrialMentionRow(SQLModel, table=True):
    """A trial tied to a filing: written in its text (`text`), or matched by a search (`search`)."""

    __tablename__ = "trial_mentions"
    __table_args__ = (UniqueConstraint("accession", "nct_id"),)
    id: int | None = Field(default=None, primary_key=True)
    accession: str = Field(index=True)
    nct_id: str = Field(index=True)
    cik: int = Field(index=True)
    drug: str | None = None
    indication: str | None = None
    drug_id: int | None = None
    source: str = "text"  # text | search
    created_at: datetime | None = utc_column()


class RegistryLookupRow(SQLModel, table=True):
    """A filing's registry lookup, queued with its alerts and done by its own job.

    pending → done (outcome: the JSON of what matched), or failed after bounded retries.
    """

    __tablename__ = "registry_lookups"
    id: int | None = Field(default=None, primary_key=True)
    accession: str = Field(unique=True, index=True)
    state: LookupState = state_column("pending", index=True)
    attempts: int = 0
    last_error: str | None = None
    outcome: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    next_attempt_at: datetime | None = utc_column()
    created_at: datetime | None = utc_column()
    done_at: datetime | None = utc_column()


class RegistryUpdateRow(SQLModel, table=True):
    """A posted alert (channel, ts) that was given its registry line: never updated twice."""

    __tablename__ = "registry_updates"
    __table_args__ = (UniqueConstraint("channel", "ts"),)
    id: int | None = Field(default=None, primary_key=True)
    accession: str = Field(index=True)
    channel: str
    ts: str
    how: str = "update"  # update (chat.update) | thread (a reply) | failed
    created_at: datetime | None = utc_column()
