"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 07:01:34.584249
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.models

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("cik", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("tickers", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sic", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("sic_description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("updated_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("cik"),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("event_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ts", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("repeat_of", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("thread_ts", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("next_attempt_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.Column("claimed_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.Column("created_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.Column("sent_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("accession", "event_key", "channel"),
    )
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deliveries_accession"), ["accession"], unique=False)
        batch_op.create_index(batch_op.f("ix_deliveries_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_deliveries_state"), ["state"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("text_size", sa.Integer(), nullable=False),
        sa.Column("truncated", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_accession"), ["accession"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cik", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("drug", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("indication", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("dose_value", sa.Float(), nullable=True),
        sa.Column("dose_unit", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("not_reached", sa.Boolean(), nullable=False),
        sa.Column("schedule", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("document_url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("document_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("accession", "key"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_accession"), ["accession"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_cik"), ["cik"], unique=False)

    op.create_table(
        "filings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cik", sa.Integer(), nullable=False),
        sa.Column("company", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("form", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("index_url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("filed", sa.Date(), nullable=True),
        sa.Column("accepted", bot.storage.models.UTCDateTime(), nullable=True),
        sa.Column("items", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notify", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("next_attempt_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.Column("seen_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.Column("processed_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_filings_accession"), ["accession"], unique=True)
        batch_op.create_index(batch_op.f("ix_filings_cik"), ["cik"], unique=False)
        batch_op.create_index(batch_op.f("ix_filings_seen_at"), ["seen_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_filings_state"), ["state"], unique=False)

    op.create_table(
        "mutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cik", sa.Integer(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "cik"),
    )
    with op.batch_alter_table("mutes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mutes_channel"), ["channel"], unique=False)

    op.create_table(
        "service_state",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("target", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cik", sa.Integer(), nullable=True),
        sa.Column("sic", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("events", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("forms", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "target"),
    )
    with op.batch_alter_table("watches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watches_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_watches_cik"), ["cik"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("watches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watches_cik"))
        batch_op.drop_index(batch_op.f("ix_watches_channel"))

    op.drop_table("watches")
    op.drop_table("service_state")
    with op.batch_alter_table("mutes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mutes_channel"))

    op.drop_table("mutes")
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_filings_state"))
        batch_op.drop_index(batch_op.f("ix_filings_seen_at"))
        batch_op.drop_index(batch_op.f("ix_filings_cik"))
        batch_op.drop_index(batch_op.f("ix_filings_accession"))

    op.drop_table("filings")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_cik"))
        batch_op.drop_index(batch_op.f("ix_events_accession"))

    op.drop_table("events")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_accession"))

    op.drop_table("documents")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliveries_state"))
        batch_op.drop_index(batch_op.f("ix_deliveries_channel"))
        batch_op.drop_index(batch_op.f("ix_deliveries_accession"))

    op.drop_table("deliveries")
    op.drop_table("companies")
