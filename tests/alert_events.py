"""Alert lines for rendering tests, built the way the outbox builds them: from a stored row."""

from __future__ import annotations

from typing import Any

from bot.domain.alerts import AlertEvent
from bot.storage.events import alert_event
from bot.storage.models import EventRow


def stored_alert_event(**columns: Any) -> AlertEvent:
    """The alert line of an event row with these columns ('type', 'status', 'dose_value' …) and
    the drug's `known_mtd` when given."""
    known_mtd = columns.pop("known_mtd", None)
    row = EventRow(accession="0000000000-00-000000", cik=1, **columns)
    return alert_event(row, known_mtd)
