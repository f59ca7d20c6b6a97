"""Watch targets and filters, parsed from what a user types. Pure.

Targets: a ticker (IMGN), a CIK (855654), `sic:2834`, or `all`. Filters: event types
(phase_change, mtd), form types (8-K, 6-K), and where repeats go (thread, none).

    Exception
    └── WatchError   a request that cannot be honoured; its message is shown to the user
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.forms import FormError, parse_forms
from bot.domain.kinds import WATCH_FILTERS
from bot.domain.states import WatchKind

EVENT_TYPES = WATCH_FILTERS  # the names `--events` takes, one per event kind
REPEATS = ("thread", "none")
_TICKER = re.compile(r"^[A-Z][A-Z0-9.\-]{0,9}$")
_SIC = re.compile(r"^sic:([0-9]{3,4})$", re.IGNORECASE)
_CIK = re.compile(r"[0-9]{1,10}")


class WatchError(Exception):
    """A watch request that cannot be honoured; the message is shown to the user."""


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed watch target; `value` is its canonical spelling (IMGN, 855654, sic:2834, all)."""

    kind: WatchKind
    value: str


def parse_target(text: str) -> Target:
    """'imgn' → ticker IMGN; '0000855654' → cik 855654; 'SIC:2834' → sic:2834; 'all' → all."""
    raw = text.strip()
    if raw.lower() == "all":
        return Target("all", "all")
    if sic := _SIC.match(raw):
        return Target("sic", f"sic:{int(sic.group(1)):04d}")
    if _CIK.fullmatch(raw) and int(raw) > 0:
        return Target("cik", str(int(raw)))
    if _TICKER.match(raw.upper()):
        return Target("ticker", raw.upper())
    raise WatchError(f"not a ticker, CIK, sic:NNNN or all: {text!r}")


def parse_filter(text: str | None, allowed: Sequence[str] | None = None) -> tuple[str, ...]:
    """Event types when `allowed` is given ('phase_change, mtd' → ('phase_change', 'mtd')), else
    form types ('8-k,6-K' → ('8-K', '6-K')); an unknown name is a WatchError naming the known."""
    if allowed is None:
        try:
            return parse_forms(text or "")
        except FormError as exc:
            raise WatchError(str(exc)) from None
    values = tuple(v.strip().lower() for v in (text or "").split(",") if v.strip())
    if bad := [v for v in values if v not in allowed]:
        raise WatchError(f"unknown event type {bad[0]!r}; choose from {', '.join(allowed)}")
    return values


def parse_repeats(text: str | None) -> str:
    """Where repeats of news the channel was told go: 'thread' (default) or 'none'."""
    value = (text or "thread").strip().lower()
    if value not in REPEATS:
        raise WatchError(f"--repeats takes thread or none, not {text!r}")
    return value
