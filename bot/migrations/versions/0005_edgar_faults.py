"""edgar faults: when a filing first and last failed (the give-up rule)

Revision ID: 0005
Revises: 0002
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.models

revision: str = "0005"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_failed_at", bot.models.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("last_failed_at", bot.models.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.drop_column("last_failed_at")
        batch_op.drop_column("first_failed_at")
