"""The Bolt app: the `/phasewatch` slash command, sharing its watchlist logic with the CLI.

Subcommands here: watch, unwatch, list, recent, help. `watch`/`unwatch` act on the channel the
command is typed in and answer in the channel (the channel's configuration changed); the rest
answer ephemerally. Listener failures go to one error handler.
"""

from __future__ import annotations

import logging
import shlex
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.models import CompanyRow, EventRow, FilingRow, now_utc
from bot.render import escape_mrkdwn
from bot.watchlist import WatchError, add_watch, list_watches, remove_watch

log = logging.getLogger(__name__)

HELP = """*phasewatch* — SEC filings that move a drug's clinical stage, in this channel.
`/phasewatch watch TARGET [--events phase_change,mtd] [--forms 8-K,6-K]`
      (TARGET: a ticker, a CIK, `sic:2834` or `all`)
`/phasewatch unwatch TARGET` — stop watching it here
`/phasewatch list` — this channel's watchlist
`/phasewatch recent [N]` — the latest events phasewatch found
`/phasewatch help` — this message"""

TickerLookup = Callable[[str], CompanyRow | None]


def build_app(
    *, engine: Engine, client: WebClient, signing_secret: str, lookup: TickerLookup
) -> App:
    """A Bolt app with signature verification on, answering `/phasewatch`."""
    app = App(client=client, signing_secret=signing_secret, token_verification_enabled=False)

    @app.command("/phasewatch")
    def phasewatch(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        reply = handle_command(engine, command, lookup)
        ack(text=reply["text"], response_type=reply["response_type"])

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("slack listener failed: %s (%s)", error, body.get("command") or body.get("type"))

    return app


def handle_command(engine: Engine, command: dict[str, Any], lookup: TickerLookup) -> dict[str, str]:
    """The reply to one `/phasewatch …` invocation: {'text', 'response_type'}."""
    try:
        words = shlex.split(command.get("text") or "")
    except ValueError:
        words = (command.get("text") or "").split()
    verb, rest = (words[0].lower(), words[1:]) if words else ("help", [])
    channel, user = command.get("channel_id", ""), command.get("user_id")
    try:
        if verb == "watch" and rest:
            return _in_channel(_watch(engine, rest, channel, user, lookup))
        if verb == "unwatch" and rest:
            removed = remove_watch(engine, rest[0], channel)
            text = f"<@{user}> stopped watching {escape_mrkdwn(rest[0].upper())} here"
            return _in_channel(text) if removed else _ephemeral(f"No watch for {rest[0]} here.")
        if verb == "list":
            return _ephemeral(_list(engine, channel))
        if verb == "recent":
            return _ephemeral(render_recent(engine, _count(rest)))
    except WatchError as exc:
        return _ephemeral(f"{escape_mrkdwn(str(exc))}\n\n{HELP}")
    return _ephemeral(HELP)


def _watch(
    engine: Engine, rest: list[str], channel: str, user: str | None, lookup: TickerLookup
) -> str:
    options = dict(zip(rest[1::2], rest[2::2], strict=False))
    unknown = [k for k in options if k not in ("--events", "--forms")]
    if unknown or len(rest) % 2 == 0:
        raise WatchError("usage: watch TARGET [--events phase_change,mtd] [--forms 8-K,6-K]")
    row = add_watch(
        engine,
        rest[0],
        channel,
        lookup=lookup,
        user=user,
        now=now_utc(),
        events=options.get("--events"),
        forms=options.get("--forms"),
    )
    return f"<@{user}> is now watching {escape_mrkdwn(row.target)} in this channel"


def _list(engine: Engine, channel: str) -> str:
    watches = list_watches(engine, channel)
    if not watches:
        return "This channel watches nothing yet. Try `/phasewatch watch IMGN`."
    lines = [
        f"• {escape_mrkdwn(w.target)}"
        + (f" (events: {w.events})" if w.events else "")
        + (f" (forms: {w.forms})" if w.forms else "")
        for w in watches
    ]
    return "This channel watches:\n" + "\n".join(lines)


def _count(rest: list[str]) -> int:
    return max(1, min(int(rest[0]), 20)) if rest and rest[0].isdigit() else 5


def render_recent(engine: Engine, n: int) -> str:
    """The latest `n` alertable events with links to their filings (mrkdwn)."""
    with Session(engine) as session:
        query = (
            select(EventRow, FilingRow)
            .where(EventRow.accession == FilingRow.accession)
            .order_by(col(EventRow.id).desc())
            .limit(n)
        )
        rows = session.exec(query).all()
    if not rows:
        return "No events yet."
    lines = []
    for event, filing in rows:
        what = (
            f"Phase {event.phase or '?'} {event.status}"
            if event.type == "phase_change"
            else f"{event.kind} {event.dose_value or ''} {event.dose_unit or ''}".strip()
        )
        drug = escape_mrkdwn(event.drug or "unnamed drug")
        lines.append(
            f"• <{filing.index_url}|{escape_mrkdwn(filing.company)} {filing.form}> "
            f"{filing.filed or ''}: {drug} — {escape_mrkdwn(what)}"
        )
    return "\n".join(lines)


def _in_channel(text: str) -> dict[str, str]:
    return {"text": text, "response_type": "in_channel"}


def _ephemeral(text: str) -> dict[str, str]:
    return {"text": text, "response_type": "ephemeral"}
