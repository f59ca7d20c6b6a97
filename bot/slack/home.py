"""App Home: the watchlists of the channels the user is in, and the latest alerts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bot.slack.render import escape_mrkdwn
from bot.slack.slash import render_event_list
from bot.slack.trial_blocks import render_pipeline_mrkdwn
from bot.storage import Engine
from bot.storage.queries import recent_events
from bot.storage.trial_queries import company_trials
from bot.storage.watches import list_watches
from bot.views.pipeline import pipeline_view

MAX_PIPELINES = 10  # App Home allows 100 blocks; ten companies keep it readable


def render_home(engine: Engine, channels: set[str] | None) -> dict[str, Any]:
    """The Home tab view; `channels` are the user's (None when Slack would not say)."""
    watches: dict[str, list[str]] = defaultdict(list)
    companies: list[int] = []
    for watch in list_watches(engine):
        if channels is not None and watch.channel in channels:
            watches[watch.channel].append(watch.target)
            if watch.cik is not None and watch.cik not in companies:
                companies.append(watch.cik)
    blocks: list[dict[str, Any]] = [_header("Your channels' watchlists")]
    if watches:
        lines = [
            f"<#{escape_mrkdwn(ch)}>: " + ", ".join(f"*{escape_mrkdwn(t)}*" for t in targets)
            for ch, targets in sorted(watches.items())
        ]
        blocks.append(_section("\n".join(lines)))
    else:
        blocks.append(
            _section(
                "None of your channels watches anything yet. "
                "In a channel, type `/phasewatch watch IMGN`."
            )
        )
    blocks.extend(_pipelines(engine, companies[:MAX_PIPELINES]))
    blocks.append({"type": "divider"})
    blocks.append(_header("Latest clinical-stage events"))
    rows = recent_events(engine, 10)
    blocks.append(_section(render_event_list(rows)[:2900] if rows else "No events yet."))
    return {"type": "home", "blocks": blocks}


def _pipelines(engine: Engine, ciks: list[int]) -> list[dict[str, Any]]:
    """A compact pipeline table for each watched company that has known drugs."""
    blocks: list[dict[str, Any]] = []
    for cik in ciks:
        view = pipeline_view(engine, cik)
        if view["drugs"]:
            blocks.append(_section(render_pipeline_mrkdwn(view, company_trials(engine, cik), 2900)))
    if blocks:
        blocks.insert(0, _header("Pipelines of the companies you watch"))
    return blocks


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text}}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}
