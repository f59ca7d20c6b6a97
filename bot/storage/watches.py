"""Channel watchlists: parse a target, add/list/remove watches, and match them to events.

One implementation serves `phasewatch watch …` and the `/phasewatch` slash command.
Targets: a ticker (IMGN), a CIK (855654), `sic:2834`, or `all`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.domain.forms import FormError, parse_forms
from bot.domain.kinds import WATCH_FILTERS
from bot.domain.states import WatchKind
from bot.storage.models import CompanyRow, MuteRow, WatchRow
from bot.storage.store import find_company_by_ticker, get_company

EVENT_TYPES = WATCH_FILTERS  # the names `--events` takes, one per event kind
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


TickerLookup = Callable[[str], CompanyRow | None]
REPEATS = ("thread", "none")


def parse_repeats(text: str | None) -> str:
    """Where repeats of news the channel was told go: 'thread' (default) or 'none'."""
    value = (text or "thread").strip().lower()
    if value not in REPEATS:
        raise WatchError(f"--repeats takes thread or none, not {text!r}")
    return value


def add_watch(
    engine: Engine,
    target_text: str,
    channel: str,
    *,
    lookup: TickerLookup,
    events: str | None = None,
    forms: str | None = None,
    repeats: str | None = None,
    user: str | None = None,
    now: datetime,
) -> WatchRow:
    """Add (or update the filters of) a channel's watch; tickers resolve to a CIK via `lookup`."""
    target = parse_target(target_text)
    row = WatchRow(channel=channel, target=target.value, kind=target.kind, created_at=now)
    row.events = ",".join(parse_filter(events, EVENT_TYPES))
    row.forms = ",".join(parse_filter(forms))
    row.repeats = parse_repeats(repeats)
    row.created_by = user
    if target.kind == "ticker":
        company = lookup(target.value)
        if company is None:
            raise WatchError(f"unknown ticker {target.value}" + _suggest(engine, target.value))
        row.cik = company.cik
    elif target.kind == "cik":
        row.cik = int(target.value)
    elif target.kind == "sic":
        row.sic = target.value.removeprefix("sic:")
    if row.cik is not None:
        unmute_company(engine, channel, row.cik)  # watching a company again lifts its mute
    return _upsert_watch(engine, row)


def _upsert_watch(engine: Engine, row: WatchRow) -> WatchRow:
    with Session(engine) as session:
        query = select(WatchRow).where(
            WatchRow.channel == row.channel, WatchRow.target == row.target
        )
        existing = session.exec(query).first()
        if existing is not None:
            existing.events, existing.forms, existing.repeats = row.events, row.forms, row.repeats
            row = existing
        session.add(row)
        session.commit()
        session.refresh(row)
        return row


def _suggest(engine: Engine, ticker: str) -> str:
    with Session(engine) as session:
        tickers = [t for r in session.exec(select(CompanyRow.tickers)) for t in r.split(",") if t]
    close = difflib.get_close_matches(ticker, tickers, n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def remove_watch(engine: Engine, target_text: str, channel: str) -> bool:
    """Remove a channel's watch; False when there was none."""
    target = parse_target(target_text)
    with Session(engine) as session:
        query = select(WatchRow).where(WatchRow.channel == channel, WatchRow.target == target.value)
        row = session.exec(query).first()
        if row is None:
            return False
        session.delete(row)
        session.commit()
        return True


def list_watches(engine: Engine, channel: str | None = None) -> list[WatchRow]:
    """Watches, of one channel or of all, ordered by channel then target."""
    with Session(engine) as session:
        query = select(WatchRow).order_by(col(WatchRow.channel), col(WatchRow.target))
        if channel is not None:
            query = query.where(WatchRow.channel == channel)
        return list(session.exec(query))


def watch_matches(
    watch: WatchRow, *, cik: int, sic: str | None, form: str, event_type: str
) -> bool:
    """Whether an event of `event_type` in a `form` filing by `cik` is owed to this watch."""
    if watch.events and event_type not in watch.events.split(","):
        return False
    if watch.forms and form.upper() not in watch.forms.split(","):
        return False
    if watch.kind == "all":
        return True
    if watch.kind == "sic":
        return sic is not None and sic.zfill(4) == watch.sic
    return watch.cik == cik


def watch_to_dict(watch: WatchRow) -> dict[str, object]:
    """The JSON shape of `watch list --json`."""
    return {
        "channel": watch.channel,
        "target": watch.target,
        "kind": watch.kind,
        "cik": watch.cik,
        "sic": watch.sic,
        "events": [e for e in watch.events.split(",") if e],
        "forms": [f for f in watch.forms.split(",") if f],
        "repeats": watch.repeats,
        "created_at": watch.created_at.isoformat() if watch.created_at else None,
    }


def lookup_stored(engine: Engine) -> TickerLookup:
    """A ticker lookup over the companies already stored."""
    return lambda ticker: find_company_by_ticker(engine, ticker)


def watched_ciks(engine: Engine) -> set[int]:
    """CIKs named by any watch (ticker or CIK targets)."""
    return {w.cik for w in list_watches(engine) if w.cik is not None}


def company_sic(engine: Engine, cik: int) -> str | None:
    """The stored SIC code of a company, if known."""
    company = get_company(engine, cik)
    return company.sic if company else None


def mute_company(
    engine: Engine, channel: str, cik: int, *, user: str | None, now: datetime
) -> bool:
    """Mute a company's alerts in a channel; False if it was muted already."""
    with Session(engine) as session:
        query = select(MuteRow).where(MuteRow.channel == channel, MuteRow.cik == cik)
        if session.exec(query).first() is not None:
            return False
        session.add(MuteRow(channel=channel, cik=cik, created_by=user, created_at=now))
        session.commit()
        return True


def unmute_company(engine: Engine, channel: str, cik: int) -> bool:
    """Lift a mute; False when there was none."""
    with Session(engine) as session:
        query = select(MuteRow).where(MuteRow.channel == channel, MuteRow.cik == cik)
        row = session.exec(query).first()
        if row is None:
            return False
        session.delete(row)
        session.commit()
        return True


def muted_channels(session: Session, cik: int) -> set[str]:
    """Channels where this company is muted."""
    return set(session.exec(select(MuteRow.channel).where(MuteRow.cik == cik)).all())
