"""Read-only queries behind `/phasewatch recent|search` and App Home."""

from __future__ import annotations

from sqlalchemy import Engine, or_
from sqlmodel import Session, col, select

from bot.storage.events import is_alertable
from bot.storage.models import CompanyRow, EventRow, FilingRow

EventWithFiling = tuple[EventRow, FilingRow]


def recent_events(engine: Engine, n: int, *, cik: int | None = None) -> list[EventWithFiling]:
    """The latest `n` alertable events (of one company when `cik`), newest first."""
    query = (
        select(EventRow, FilingRow)
        .join(FilingRow, col(FilingRow.accession) == col(EventRow.accession))
        .order_by(col(FilingRow.filed).desc(), col(EventRow.id).desc())
    )
    if cik is not None:
        query = query.where(EventRow.cik == cik)
    with Session(engine) as session:
        rows = [(e, f) for e, f in session.exec(query.limit(n * 3)) if is_alertable(e)]
    return rows[:n]


def search_events(engine: Engine, text: str, n: int = 10) -> list[EventWithFiling]:
    """Events whose drug, indication or company name contains `text` (any case), newest first."""
    pattern = f"%{text.strip()}%"
    query = (
        select(EventRow, FilingRow)
        .join(FilingRow, col(FilingRow.accession) == col(EventRow.accession))
        .outerjoin(CompanyRow, col(CompanyRow.cik) == col(EventRow.cik))
        .where(
            or_(
                col(EventRow.drug).ilike(pattern),
                col(EventRow.indication).ilike(pattern),
                col(FilingRow.company).ilike(pattern),
                col(CompanyRow.name).ilike(pattern),
            )
        )
        .order_by(col(FilingRow.filed).desc(), col(EventRow.id).desc())
        .limit(n)
    )
    with Session(engine) as session:
        return list(session.exec(query).all())
