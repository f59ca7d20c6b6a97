"""The states a stored record moves through, as Literal types (mypy checks every assignment).

The event states live with what they describe: `classifiers.events.PhaseStatus` and `MtdKind`,
and `bot.domain.drugs.Change` (what an event meant against the drug's known state).
"""

from __future__ import annotations

from typing import Literal

# A filing: pending → done, failed (given up after bounded retries) or skipped (cold start).
FilingState = Literal["pending", "done", "failed", "skipped"]
# A delivery: pending → posting (claimed) → sent; back to pending, unknown (Slack may have it),
# or failed.
DeliveryState = Literal["pending", "posting", "unknown", "sent", "failed"]
# A watch's target: a ticker, a CIK, an SIC code or every filing.
WatchKind = Literal["ticker", "cik", "sic", "all"]
# A filing's registry lookup: pending → done, or failed after bounded retries.
LookupState = Literal["pending", "done", "failed"]
