"""Migration 0003 on a populated 0002 database: the memory is re-keyed in place, not rebuilt."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from bot.storage.drug_memory import remember_events
from bot.storage.migrate import alembic_config
from bot.storage.models import DeliveryRow, DrugTrackRow, EventRow
from bot.storage.store import create_db
from bot.views.pipeline import pipeline_view

CIK = 1990601
OLD_KEY_1 = "phase_change:started:1:tcb101"
OLD_KEY_2 = "phase_change:started:2:tcb101"
NEW_KEY_2 = OLD_KEY_2 + "@nonsmallcelllungcancer"


def build_0002(url: str) -> None:
    """A 0002 database with TCB-101 on two tracks the old keys kept apart, and sent alerts."""
    engine = create_engine(url)
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0002")
        connection.commit()
    rows: list[tuple[str, dict[str, Any]]] = [
        (
            "INSERT INTO companies (cik, name, tickers) "
            "VALUES (:cik, 'Tidemark Bio, Inc.', 'TDMK')",
            {"cik": CIK},
        ),
        (
            "INSERT INTO drugs (id, cik, name, key, aliases, names, mtd_not_reached) "
            "VALUES (1, :cik, 'TCB-101', 'tcb101', ',tcb101,', 'TCB-101', false)",
            {"cik": CIK},
        ),
        (
            "INSERT INTO drug_tracks (id, drug_id, indication, indication_key, phase, status, "
            "since, accession) VALUES (1, 1, 'advanced non-small cell lung cancer', "
            "'advanced non-small cell lung cancer', '1', 'started', :d1, 'A1'), (2, 1, "
            "'non-small cell lung cancer', 'non-small cell lung cancer', '2', 'started', :d2, "
            "'A2')",
            {"d1": date(2025, 3, 3), "d2": date(2026, 1, 12)},
        ),
    ]
    for n, (accession, key, phase, track, filed) in enumerate(
        [("A1", OLD_KEY_1, "1", 1, date(2025, 3, 3)), ("A2", OLD_KEY_2, "2", 2, date(2026, 1, 12))],
        start=1,
    ):
        where = {"a": accession, "cik": CIK, "k": key, "p": phase, "t": track, "f": filed, "n": n}
        rows += [
            (
                "INSERT INTO filings (accession, cik, company, form, index_url, filed, items, "
                "state, source, notify, attempts) VALUES (:a, :cik, 'Tidemark Bio, Inc.', '8-K', "
                "'http://x', :f, '', 'done', 'feed', true, 0)",
                where,
            ),
            (
                "INSERT INTO events (accession, cik, key, type, status, phase, drug, indication, "
                'not_reached, evidence, start, "end", confidence, document_url, document_type, '
                "drug_id, track_id, change) VALUES (:a, :cik, :k, 'phase_change', 'started', :p, "
                "'TCB-101', 'NSCLC', false, 'e', 0, 1, 0.9, 'u', 'EX-99.1', 1, :t, 'new')",
                where,
            ),
            (
                "INSERT INTO deliveries (accession, event_key, channel, state, ts, attempts) "
                "VALUES (:a, :k, 'C1', 'sent', :n, 0)",
                where | {"n": f"100{n}.0"},
            ),
        ]
    with engine.begin() as connection:
        for sql, params in rows:
            connection.execute(text(sql), params)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request: pytest.FixtureRequest, db_url: str) -> str:
    """The SQLite file, and PostgreSQL when a test server is configured."""
    if request.param == "sqlite":
        return db_url
    return str(request.getfixturevalue("pg_url"))


def test_upgrading_a_populated_0002_database_merges_tracks_and_keeps_the_threads(
    any_url: str,
) -> None:
    """'advanced NSCLC' and 'NSCLC' become one track at Phase 2; keys and deliveries follow."""
    build_0002(any_url)
    engine = create_db(any_url)
    with Session(engine) as session:
        (track,) = session.exec(select(DrugTrackRow)).all()
        assert (track.indication_key, track.phase, track.qualifier, track.nct) == (
            "non-small cell lung cancer",
            "2",
            "",
            "",
        )
        events = session.exec(select(EventRow).order_by(EventRow.accession)).all()
        assert [(e.key, e.track_id) for e in events] == [
            (OLD_KEY_1 + "@nonsmallcelllungcancer", track.id),
            (NEW_KEY_2, track.id),
        ]
        assert sorted(d.event_key for d in session.exec(select(DeliveryRow))) == [
            OLD_KEY_1 + "@nonsmallcelllungcancer",
            NEW_KEY_2,
        ]
        restated = EventRow(
            accession="A3",
            cik=CIK,
            key=OLD_KEY_2,
            type="phase_change",
            status="started",
            phase="2",
            drug="TCB-101",
            indication="advanced NSCLC",
            created_at=datetime(2026, 2, 17, tzinfo=UTC),
        )
        (row,) = remember_events(session, CIK, date(2026, 2, 17), [restated], {})
        assert (row.key, row.change) == (NEW_KEY_2, "repeat")  # finds its first telling
    (drug,) = pipeline_view(engine, CIK)["drugs"]
    assert (drug["drug"], drug["phase"], len(drug["indications"])) == ("TCB-101", "2", 1)
