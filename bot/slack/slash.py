"""`/phasewatch` subcommands, as plain functions over the store: text in, a reply out.

watch and unwatch change the channel they are typed in and answer in the channel; everything
else answers only the caller (ephemeral). The CLI's `watch add|list|remove`
share bot.storage.watches (and bot.domain.targets, which parses what they take).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.kinds import WATCH_FILTERS
from bot.domain.targets import WatchError, parse_target
from bot.slack.render import escape_mrkdwn, render_event_line
from bot.slack.status_blocks import render_status
from bot.slack.trial_blocks import render_pipeline_mrkdwn, render_trial_mrkdwn
from bot.storage import Engine
from bot.storage.events import alert_event
from bot.storage.queries import EventWithFiling, recent_events, search_events
from bot.storage.registry_store import cached_study
from bot.storage.trial_queries import company_trials
from bot.storage.watches import TickerLookup, add_watch, list_watches, remove_watch
from bot.views.pipeline import pipeline_view
from bot.views.status import gather_status
from bot.views.trials import NCT_ARG, trial_view

EVENTS = ",".join(WATCH_FILTERS)  # what --events takes
HELP = f"""*phasewatch*: SEC filings that move a drug's clinical stage, posted to this channel.
• `/phasewatch watch TARGET [--events {EVENTS}] [--forms 8-K,6-K]`: TARGET is a \
ticker (IMGN), a CIK (855654), `sic:2834` or `all`
• `/phasewatch unwatch TARGET`: stop watching it here
• `/phasewatch list`: this channel's watchlist
• `/phasewatch recent [TARGET] [N]`: the latest events, with links to the filings
• `/phasewatch search TEXT`: events by drug, company or indication
• `/phasewatch pipeline TICKER`: each drug's indication, phase, status, since and MTD
• `/phasewatch trial NCT05012345`: the trial's ClinicalTrials.gov record and the filings naming it
• `/phasewatch status`: last poll, lag, errors, deliveries
• `/phasewatch help`: this message"""
MAX_COMMAND_CHARS = 1000
QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’"}  # Slack's clients often type smart quotes
WATCH_USAGE = (
    f"Usage: `/phasewatch watch TARGET [--events {EVENTS}] [--forms 8-K,6-K] "
    "[--repeats thread|none]`"
)


@dataclass(frozen=True)
class Reply:
    """What the command answers: mrkdwn text, in the channel or only to the caller."""

    text: str
    in_channel: bool = False

    @property
    def response_type(self) -> str:
        """Slack's response_type."""
        return "in_channel" if self.in_channel else "ephemeral"


@dataclass(frozen=True)
class SlashContext:
    """What the commands need: the store, a ticker lookup, who may change watchlists, a clock."""

    engine: Engine
    lookup: TickerLookup
    clock: Callable[[], datetime]
    admins: frozenset[str] = field(default_factory=frozenset)

    def may_change(self, user: str) -> bool:
        """Anyone when no admins are configured; otherwise only the admins."""
        return not self.admins or user in self.admins


def handle_command(ctx: SlashContext, text: str, channel: str, user: str) -> Reply:
    """Answer `/phasewatch TEXT` typed by `user` in `channel`."""
    if len(text or "") > MAX_COMMAND_CHARS:
        return Reply(f"That command is {len(text)} characters long; at most {MAX_COMMAND_CHARS}.")
    words = split_words(text or "")
    verb, args = (words[0].lower(), words[1:]) if words else ("help", [])
    handler = COMMANDS.get(verb)
    if handler is None:
        return Reply(f"Unknown command `{escape_mrkdwn(verb)}`.\n{HELP}")
    try:
        return handler(ctx, args, channel, user)
    except WatchError as exc:
        return Reply(f"{escape_mrkdwn(str(exc))}")


def split_words(text: str) -> list[str]:
    """Words as a shell splits them, in one linear pass; quotes group, an open quote runs on.

    'watch IMGN --forms "8-K, 6-K"' → ['watch', 'IMGN', '--forms', '8-K, 6-K'].
    """
    words: list[str] = []
    word: list[str] = []
    closing: str | None = None
    in_word = False
    for char in text:
        if closing is not None:
            if char == closing:
                closing = None
            else:
                word.append(char)
        elif char in QUOTES:
            closing, in_word = QUOTES[char], True
        elif char.isspace():
            if in_word:
                words.append("".join(word))
                word, in_word = [], False
        else:
            word.append(char)
            in_word = True
    if in_word:
        words.append("".join(word))
    return words


def _watch(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    if not args or len(args) % 2 == 0:
        return Reply(WATCH_USAGE)
    options = dict(zip(args[1::2], args[2::2], strict=True))
    if unknown := [k for k in options if k not in ("--events", "--forms", "--repeats")]:
        return Reply(f"Unknown option `{escape_mrkdwn(unknown[0])}`. {WATCH_USAGE}")
    if not ctx.may_change(user):
        return Reply("Only phasewatch admins can change this channel's watchlist.")
    row = add_watch(
        ctx.engine,
        args[0],
        channel,
        lookup=ctx.lookup,
        user=user,
        now=ctx.clock(),
        events=options.get("--events"),
        forms=options.get("--forms"),
        repeats=options.get("--repeats"),
    )
    filters = "".join(
        f" ({name}: {escape_mrkdwn(value)})"
        for name, value in (("events", row.events), ("forms", row.forms))
        if value
    )
    return Reply(
        f"<@{user}> set this channel to watch *{escape_mrkdwn(row.target)}*{filters}.",
        in_channel=True,
    )


def _unwatch(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    if len(args) != 1:
        return Reply("Usage: `/phasewatch unwatch TARGET`")
    if not ctx.may_change(user):
        return Reply("Only phasewatch admins can change this channel's watchlist.")
    target = parse_target(args[0]).value
    if not remove_watch(ctx.engine, args[0], channel):
        return Reply(f"This channel does not watch {escape_mrkdwn(target)}.")
    return Reply(
        f"<@{user}> stopped this channel watching *{escape_mrkdwn(target)}*.", in_channel=True
    )


def _list(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    watches = list_watches(ctx.engine, channel)
    if not watches:
        return Reply("This channel watches nothing yet. Try `/phasewatch watch IMGN`.")
    lines = [
        f"• *{escape_mrkdwn(w.target)}*"
        + (f"  events: {escape_mrkdwn(w.events)}" if w.events else "")
        + (f"  forms: {escape_mrkdwn(w.forms)}" if w.forms else "")
        for w in watches
    ]
    return Reply("This channel watches:\n" + "\n".join(lines))


def _recent(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    counts = [a for a in args if a.isdecimal() and len(a) <= 2 and int(a) <= 50]
    count = int(counts[0]) if counts else 5
    targets = [a for a in args if a not in counts]
    cik = _company_cik(ctx, targets[0]) if targets else None
    rows = recent_events(ctx.engine, count, cik=cik)
    return Reply(render_event_list(rows) if rows else "No events yet.")


def _search(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    text = " ".join(args).strip()
    if len(text) < 2:
        return Reply("Usage: `/phasewatch search TEXT` (a drug, company or indication)")
    rows = search_events(ctx.engine, text)
    if not rows:
        return Reply(f"No events mention “{escape_mrkdwn(text)}”.")
    return Reply(render_event_list(rows))


def _status(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    return Reply(render_status(gather_status(ctx.engine, ctx.clock())))


def _pipeline(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    if len(args) != 1:
        return Reply("Usage: `/phasewatch pipeline TICKER` (or a CIK)")
    cik = _company_cik(ctx, args[0])
    view = pipeline_view(ctx.engine, cik)
    return Reply(render_pipeline_mrkdwn(view, company_trials(ctx.engine, cik)))


def _trial(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    if len(args) != 1 or not NCT_ARG.match(args[0]):
        return Reply("Usage: `/phasewatch trial NCT05012345`")
    nct = args[0].upper()
    study = cached_study(ctx.engine, nct)
    return Reply(render_trial_mrkdwn(trial_view(ctx.engine, nct, study), study))


def _help(ctx: SlashContext, args: list[str], channel: str, user: str) -> Reply:
    return Reply(HELP)


def _company_cik(ctx: SlashContext, text: str) -> int:
    target = parse_target(text)
    if target.kind == "cik":
        return int(target.value)
    company = ctx.lookup(target.value) if target.kind == "ticker" else None
    if company is None:
        raise WatchError(f"unknown company {text!r}: give a ticker or a CIK")
    return company.cik


def render_event_list(rows: Sequence[EventWithFiling]) -> str:
    """One line per event: company and form linked to the filing, date, the event line."""
    lines = []
    for event, filing in rows:
        link = f"<{filing.index_url}|{escape_mrkdwn(filing.company)} {escape_mrkdwn(filing.form)}>"
        what = escape_mrkdwn(render_event_line(alert_event(event)))
        lines.append(f"• {filing.filed or ''} {link}: {what}")
    return "\n".join(lines)


Command = Callable[[SlashContext, list[str], str, str], Reply]
COMMANDS: dict[str, Command] = {
    "watch": _watch,
    "unwatch": _unwatch,
    "list": _list,
    "recent": _recent,
    "search": _search,
    "status": _status,
    "pipeline": _pipeline,
    "trial": _trial,
    "help": _help,
}
