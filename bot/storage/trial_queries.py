"""What the trial views read from storage: a trial's mentions in filings, when its record was
read, and the trials tied to a company, as plain frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.storage.models import RegistryStudyRow, TrialMentionRow
from bot.storage.registry_store import cached_row, mentions


@dataclass(frozen=True, slots=True)
class TrialMention:
    """A filing that mentioned a trial, and how (`source`: text | search)."""

    accession: str
    filed: date | None
    form: str
    company: str
    cik: int
    drug: str | None
    indication: str | None
    source: str


@dataclass(frozen=True, slots=True)
class CompanyTrial:
    """A trial tied to a company's filings: its drug and indication, the last status read."""

    nct_id: str
    drug: str | None
    indication: str | None
    status: str | None


def trial_mentions(engine: Engine, nct_id: str) -> list[TrialMention]:
    """The filings that mentioned the trial, oldest filing first."""
    return [
        TrialMention(m.accession, f.filed, f.form, f.company, f.cik, m.drug, m.indication, m.source)
        for m, f in mentions(engine, nct_id=nct_id)
    ]


def trial_fetched_at(engine: Engine, nct_id: str) -> datetime | None:
    """When the trial's cached registry record was read; None when it never was."""
    row = cached_row(engine, nct_id)
    return row.fetched_at if row else None


def company_trials(engine: Engine, cik: int) -> list[CompanyTrial]:
    """Each trial tied to the company's filings, first mentioned first; the drug and indication
    are the latest mention's that names them."""
    with Session(engine) as session:
        query = (
            select(TrialMentionRow)
            .where(TrialMentionRow.cik == cik)
            .order_by(col(TrialMentionRow.id))
        )
        named: dict[str, tuple[str | None, str | None]] = {}
        for m in session.exec(query):
            drug, indication = named.get(m.nct_id, (None, None))
            named[m.nct_id] = (m.drug or drug, m.indication or indication)
        statuses = {
            nct: row.status if (row := session.get(RegistryStudyRow, nct)) else None
            for nct in named
        }
    return [
        CompanyTrial(nct, drug, indication, statuses[nct])
        for nct, (drug, indication) in named.items()
    ]
