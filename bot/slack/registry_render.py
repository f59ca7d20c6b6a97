"""Rendering an alert's ClinicalTrials.gov lines: the section added to a posted alert by
chat.update, the thread reply, their fallback texts and the console lines. Pure.

Registry and filing text is untrusted: every piece of it is escaped (see `render`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.alerts import Alert
from bot.domain.registry import TrialLine, render_trial_plain
from bot.slack.render import SECTION_MAX, escape_mrkdwn, render_blocks, render_fallback, trim

REGISTRY_HEAD = "*ClinicalTrials.gov*\n"


def render_trial_mrkdwn(line: TrialLine) -> str:
    """One registry line for Slack, the NCT id linked to its page; the flag on its own line."""
    if line.nct_id is None:
        return escape_mrkdwn(line.text)
    rest = escape_mrkdwn(line.text.removeprefix(line.nct_id))
    text = f"<https://clinicaltrials.gov/study/{line.nct_id}|{line.nct_id}>{rest}"
    return text + (
        f"\n:warning: Registry disagrees: {escape_mrkdwn(line.flag)}" if line.flag else ""
    )


def render_registry_block(lines: Sequence[TrialLine]) -> dict[str, Any]:
    """The alert's ClinicalTrials.gov section."""
    body = "\n".join(render_trial_mrkdwn(line) for line in lines)
    return {"type": "section", "text": {"type": "mrkdwn", "text": render_registry_section(body)}}


def render_registry_section(text: str) -> str:
    """The section's text under its head, within Slack's 3000 characters, line breaks intact."""
    head = REGISTRY_HEAD
    fits = len(head + text) <= SECTION_MAX
    return head + (text if fits else trim(text, SECTION_MAX - len(head)))


def render_registry_plain(lines: Sequence[TrialLine]) -> str:
    """The registry lines as one escaped line of fallback text (filing text is untrusted)."""
    return escape_mrkdwn("; ".join(render_trial_plain(line) for line in lines))


def render_updated_blocks(alert: Alert, lines: Sequence[TrialLine]) -> list[dict[str, Any]]:
    """The alert's blocks with its ClinicalTrials.gov section before the context and buttons."""
    blocks = render_blocks(alert)
    blocks.insert(max(len(blocks) - 2, 1), render_registry_block(lines))
    return blocks


def render_updated_fallback(alert: Alert, lines: Sequence[TrialLine]) -> str:
    """The updated message's fallback text: the alert's, then its registry lines."""
    return trim(f"{render_fallback(alert)} · {render_registry_plain(lines)}", SECTION_MAX)


def render_registry_reply(lines: Sequence[TrialLine]) -> str:
    """The fallback text of the registry lines' reply in the alert's thread."""
    return trim(f"ClinicalTrials.gov: {render_registry_plain(lines)}", SECTION_MAX)


def render_registry_console(alert: Alert, lines: Sequence[TrialLine]) -> list[str]:
    """The registry lines as printed under a console alert (which cannot change), one a line."""
    return [
        f"[#{alert.channel}] ↳ registry ({alert.accession}): {render_trial_plain(line)}"
        for line in lines
    ]
