"""Persistence of filings, documents, events and companies.

A filing is saved `pending` as soon as a feed shows it (the seen-accession cursor), and becomes
`done` only in the same transaction that stores its documents and events, so a crash mid-poll
leaves it pending and it is processed again, exactly once, on the next poll.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from alembic.util.exc import CommandError
from sqlalchemy import URL, Connection, Engine, Insert, Table, case, event, insert, make_url, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, col, create_engine, select

from bot.domain.states import FilingState
from bot.storage.migrate import upgrade
from bot.storage.models import CompanyRow, DocumentRow, EventRow, FilingRow
from watchers import Company, Document, FetchedFiling, Filing

FILINGS: Table = FilingRow.__table__  # type: ignore[attr-defined]


class StoreError(Exception):
    """The database is unusable; the message is one line for the operator (exit 2)."""


class StoreTimeoutError(StoreError):
    """PostgreSQL cancelled a statement that exceeded its `Bounds` (statement, lock wait, or a
    transaction left idle); nothing of it was stored, so the work is still pending."""


CONNECT_SECONDS = 10  # PostgreSQL: a host that accepts TCP and never answers fails in 10 s
# SQLSTATEs of the bounds below: query_canceled, lock_not_available, idle_in_transaction_timeout
TIMEOUT_STATES = frozenset({"57014", "55P03", "25P03"})


@dataclass(frozen=True)
class Bounds:
    """How long PostgreSQL lets one of our sessions run a statement, wait for a lock, or sit idle
    inside a transaction (seconds): a server that answers, then hangs on a query or behind
    another session's lock, fails the statement instead of holding a job forever."""

    statement: float = 30.0  # our statements take milliseconds; a daily prune, a few seconds
    lock: float = 10.0
    idle_in_transaction: float = 120.0  # a replica stuck mid-transaction frees its locks

    def options(self) -> str:
        """libpq's `options`: the bounds as `-c name=milliseconds` settings."""
        settings = {
            "statement_timeout": self.statement,
            "lock_timeout": self.lock,
            "idle_in_transaction_session_timeout": self.idle_in_transaction,
        }
        return " ".join(f"-c {name}={round(s * 1000)}" for name, s in settings.items())


def create_db(url: str, bounds: Bounds | None = None) -> Engine:
    """An engine for `url`, its schema migrated to the latest revision (SQLite in WAL mode).

    On PostgreSQL every session runs within `bounds`, migrations excepted (a replica waits for
    another's upgrade however long it takes); an exceeded bound raises StoreTimeoutError.
    Raises StoreError, one line, when the URL, its driver, or the database itself is unusable.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"PHASEWATCH_DATABASE_URL is not a database URL: {url[:80]!r}") from None
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite":
        _check_sqlite_path(parsed.database)
    try:
        engine = _make_engine(parsed, bounds or Bounds())
        migrating = _make_engine(parsed, None) if engine.dialect.name == "postgresql" else engine
    except (ArgumentError, ImportError) as exc:
        raise StoreError(
            f"PHASEWATCH_DATABASE_URL={shown}: no driver for {parsed.drivername!r} ({exc})"
        ) from None
    try:
        upgrade(migrating)
    except (SQLAlchemyError, CommandError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open the database {shown}: {_one_line(exc)}") from None
    finally:
        if migrating is not engine:
            migrating.dispose()
    return engine


def unpooled_engine(engine: Engine) -> Engine:
    """An engine of `engine`'s database that opens a new connection each time (NullPool), with
    the same keepalives, connect timeout and default bounds: for a session held for hours."""
    return _make_engine(engine.url, Bounds(), pooled=False)


def _make_engine(url: URL, bounds: Bounds | None, pooled: bool = True) -> Engine:
    """The engine; on PostgreSQL with TCP keepalives, a connect timeout and `bounds` if given."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, object] = {}
    if url.get_backend_name() == "postgresql":
        # a silent host fails the connect in CONNECT_SECONDS; a peer that vanishes later is
        # found dead by TCP keepalives within about a minute instead of never
        connect_args = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10}
        connect_args |= {"keepalives_count": 3, "connect_timeout": CONNECT_SECONDS}
        if bounds is not None:
            connect_args["options"] = bounds.options()
        connect_args = {k: v for k, v in connect_args.items() if k not in url.query}
    pool: dict[str, Any] = (
        {"pool_pre_ping": True, "pool_timeout": CONNECT_SECONDS}
        if pooled
        else {"poolclass": NullPool}
    )
    engine = create_engine(url, connect_args=connect_args, **pool)
    if bounds is not None:
        event.listen(engine, "handle_error", _timeout_error, retval=True)
    return engine


def _timeout_error(context: ExceptionContext) -> Exception | None:
    """A statement PostgreSQL cancelled at a bound, as one StoreTimeoutError line."""
    state = getattr(context.original_exception, "sqlstate", None)
    if state not in TIMEOUT_STATES:
        return None
    sql = " ".join((context.statement or "").split())[:60]
    where = f" ({sql}…)" if sql else ""
    error = StoreTimeoutError(f"database: {_one_line(context.original_exception)}{where}")
    error.__cause__ = context.original_exception
    return error


def _check_sqlite_path(database: str | None) -> None:
    """A SQLite file needs its directory to exist, and both to be writable (WAL files)."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.is_dir():
        raise StoreError(f"cannot open the SQLite database {path}: it is a directory")
    if not path.parent.is_dir():
        raise StoreError(f"cannot open the SQLite database {path}: {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise StoreError(f"cannot open the SQLite database {path}: {path.parent} is read-only")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"cannot open the SQLite database {path}: the file is read-only")


def _one_line(exc: BaseException) -> str:
    """The driver's own message, first line only: 'database "x" does not exist'."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0]


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def is_seen(engine: Engine, accession: str) -> bool:
    """True when the accession is already stored (pending, done or failed)."""
    with Session(engine) as session:
        query = select(FilingRow.id).where(FilingRow.accession == accession)
        return session.exec(query).first() is not None


def has_any_filing(engine: Engine) -> bool:
    """True once any filing was ever stored (a cold start reads only the first feed page)."""
    with Session(engine) as session:
        return session.exec(select(FilingRow.id).limit(1)).first() is not None


def save_new_filings(
    engine: Engine,
    filings: Iterable[Filing],
    now: datetime,
    *,
    source: str = "feed",
    notify: bool = True,
    state: FilingState = "pending",
) -> list[str]:
    """Store filings not seen before as pending (or `skipped`: seen, never fetched)."""
    added: list[str] = []
    wanted = list(filings)
    with Session(engine) as session:
        known = _stored_accessions(session, [f.accession for f in wanted])
    with engine.connect() as connection:
        for filing in wanted:
            if filing.accession in known:
                continue
            row = _filing_row(filing, now, source=source, notify=notify)
            row.state = state
            values = row.model_dump(exclude={"id"})
            statement = insert_or_ignore(connection, FILINGS, values).returning(FILINGS.c.id)
            inserted = connection.execute(statement).first()  # (not rowcount: -1 on psycopg)
            known.add(filing.accession)
            if inserted is not None:  # None: another process stored it first
                added.append(filing.accession)
        connection.commit()
    return added


def _stored_accessions(session: Session, accessions: list[str], chunk: int = 500) -> set[str]:
    """Which of `accessions` are stored already (one query per `chunk` of them)."""
    found: set[str] = set()
    for start in range(0, len(accessions), chunk):
        part = accessions[start : start + chunk]
        query = select(FilingRow.accession).where(col(FilingRow.accession).in_(part))
        found.update(session.exec(query))
    return found


def insert_or_ignore(connection: Connection, table: Table, values: dict[str, Any]) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING (SQLite, PostgreSQL): row count 0 when the row exists."""
    name = connection.dialect.name
    if name == "sqlite":
        return sqlite_insert(table).values(**values).on_conflict_do_nothing()
    if name == "postgresql":
        return postgresql_insert(table).values(**values).on_conflict_do_nothing()
    return insert(table).values(**values)


def mark_filing_done(session: Session, accession: str, now: datetime) -> bool:
    """Take a pending filing for storing (pending → done, compare-and-set, the first write of
    the transaction); False when another process already stored it."""
    statement = (
        update(FilingRow)
        .where(col(FilingRow.accession) == accession, col(FilingRow.state) == "pending")
        .values(state="done", processed_at=now, last_error=None)
    )
    return session.connection().execute(statement).rowcount == 1


def _filing_row(filing: Filing, now: datetime, *, source: str, notify: bool) -> FilingRow:
    return FilingRow(
        source=source,
        notify=notify,
        accession=filing.accession,
        cik=filing.cik,
        company=filing.company,
        form=filing.form,
        index_url=filing.index_url,
        filed=filing.filed,
        accepted=filing.accepted,
        items=",".join(filing.items),
        seen_at=now,
    )


def pending_filings(
    engine: Engine, now: datetime, *, first: Collection[int] = (), limit: int = 200
) -> list[Filing]:
    """Filings due for processing: those of the `first` CIKs (watched companies), then oldest."""
    watched = case((col(FilingRow.cik).in_(list(first) or [-1]), 0), else_=1)
    with Session(engine) as session:
        query = (
            select(FilingRow)
            .where(FilingRow.state == "pending")
            .where(
                (col(FilingRow.next_attempt_at).is_(None)) | (col(FilingRow.next_attempt_at) <= now)
            )
            .order_by(watched, col(FilingRow.seen_at), col(FilingRow.id))
            .limit(limit)
        )
        return [filing_from_row(row) for row in session.exec(query)]


def filing_from_row(row: FilingRow) -> Filing:
    """The watchers' Filing record for a stored row."""
    return Filing(
        accession=row.accession,
        cik=row.cik,
        company=row.company,
        form=row.form,
        index_url=row.index_url,
        filed=row.filed,
        accepted=row.accepted,
        items=tuple(i for i in row.items.split(",") if i),
    )


def add_processed_filing(
    session: Session, fetched: FetchedFiling, events: Sequence[EventRow], now: datetime
) -> None:
    """Add documents and events and mark the filing done; the caller commits (one transaction)."""
    filing = fetched.filing
    row = session.exec(select(FilingRow).where(FilingRow.accession == filing.accession)).one()
    row.filed, row.accepted = filing.filed or row.filed, filing.accepted or row.accepted
    row.items = ",".join(filing.items) or row.items
    row.state, row.processed_at, row.last_error = "done", now, None
    for doc in fetched.documents:
        session.add(_document_row(filing.accession, doc))
    for ev in events:
        session.add(ev)
    session.add(row)
    session.flush()


def _document_row(accession: str, doc: Document) -> DocumentRow:
    return DocumentRow(
        accession=accession,
        type=doc.type,
        url=doc.url,
        filename=doc.filename,
        description=doc.description,
        size=doc.size,
        text_size=len(doc.text),
        truncated=doc.truncated,
    )


def record_filing_error(
    engine: Engine,
    accession: str,
    error: str,
    now: datetime,
    *,
    charged: bool = True,
    retry_in: Callable[[int], timedelta],
    give_up: Callable[[int, datetime, datetime | None], bool] = lambda *_: False,
) -> str:
    """Record a failed attempt (counted when `charged`) and when to retry; returns the state.

    give_up(attempts, first_failed_at, previous_failed_at) decides whether the filing fails.
    """
    with Session(engine) as session:
        row = session.exec(select(FilingRow).where(FilingRow.accession == accession)).one()
        row.last_error = error[:500]
        if charged:
            previous = row.last_failed_at
            row.attempts += 1
            row.first_failed_at = row.first_failed_at or now
            row.last_failed_at = now
            if give_up(row.attempts, row.first_failed_at, previous):
                row.state = "failed"
        row.next_attempt_at = now + retry_in(row.attempts)
        session.add(row)
        session.commit()
        return row.state


def failed_filings(engine: Engine, limit: int = 5) -> list[FilingRow]:
    """The filings given up on, latest first."""
    with Session(engine) as session:
        query = (
            select(FilingRow)
            .where(FilingRow.state == "failed")
            .order_by(col(FilingRow.last_failed_at).desc(), col(FilingRow.id).desc())
            .limit(limit)
        )
        return list(session.exec(query))


def events_for(engine: Engine, accession: str) -> list[EventRow]:
    """The stored events of one filing, in document order."""
    with Session(engine) as session:
        query = select(EventRow).where(EventRow.accession == accession).order_by(col(EventRow.id))
        return list(session.exec(query))


def get_filing(engine: Engine, accession: str) -> FilingRow | None:
    """The stored filing row, or None."""
    with Session(engine) as session:
        return session.exec(select(FilingRow).where(FilingRow.accession == accession)).first()


def save_companies(engine: Engine, companies: Iterable[Company], now: datetime) -> int:
    """Insert or update companies (name, tickers, SIC when known); return how many."""
    count = 0
    with Session(engine) as session:
        for company in companies:
            row = session.get(CompanyRow, company.cik) or CompanyRow(cik=company.cik, name="")
            row.name = company.name or row.name
            row.tickers = ",".join(company.tickers) or row.tickers
            row.sic = company.sic or row.sic
            row.sic_description = company.sic_description or row.sic_description
            row.updated_at = now
            session.add(row)
            count += 1
        session.commit()
    return count


def get_company(engine: Engine, cik: int) -> CompanyRow | None:
    """The stored company, or None."""
    with Session(engine) as session:
        return session.get(CompanyRow, cik)


def find_company_by_ticker(engine: Engine, ticker: str) -> CompanyRow | None:
    """The company listing `ticker` (case-insensitive), or None."""
    wanted = ticker.strip().upper()
    with Session(engine) as session:
        query = select(CompanyRow).where(col(CompanyRow.tickers).contains(wanted))
        for row in session.exec(query):
            if wanted in row.ticker_list:
                return row
    return None


def company_count(engine: Engine) -> int:
    """How many companies are stored."""
    with Session(engine) as session:
        return len(session.exec(select(CompanyRow.cik)).all())
