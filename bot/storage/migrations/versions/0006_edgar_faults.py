"""edgar faults: when a filing first and last failed (the give-up rule)

Filings marked `failed` in the last 7 days under the old rule (5 attempts, even during an EDGAR
outage) are put back to `pending` with a fresh count, so they are retried under the new one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_failed_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("last_failed_at", UTCDateTime(), nullable=True))
    cutoff = (datetime.now(UTC) - timedelta(days=7)).replace(tzinfo=None)  # stored naive UTC
    op.execute(
        sa.text(
            "UPDATE filings SET state = 'pending', attempts = 0, next_attempt_at = NULL "
            "WHERE state = 'failed' AND seen_at >= :cutoff"
        ).bindparams(cutoff=cutoff)
    )


def downgrade() -> None:
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.drop_column("last_failed_at")
        batch_op.drop_column("first_failed_at")
