"""Trials in Slack mrkdwn: `/phasewatch trial NCT…`'s answer, and a company's pipeline table
with its trials in a code block (the slash command and App Home). Registry and filing text is
untrusted, so every piece of it is escaped. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.registry import render_study_line
from bot.slack.render import escape_mrkdwn
from bot.storage.trial_queries import CompanyTrial
from bot.views.pipeline import render_pipeline_table
from bot.views.trials import render_company_trials, render_mention_line
from watchers import Study


def render_trial_mrkdwn(view: dict[str, Any], study: Study | None) -> str:
    """The slash command's answer: the linked record line and the filings, escaped."""
    nct = view["nct_id"]
    if study is None:
        head = (
            f"*{nct}* is not in phasewatch's registry cache yet; "
            f"`phasewatch trial {nct}` reads it from ClinicalTrials.gov."
        )
    else:
        rest = escape_mrkdwn(render_study_line(study).removeprefix(nct))
        head = f"<{study.url}|{nct}>{rest}"
        if study.title:
            head += f"\n{escape_mrkdwn(study.title)}"
    lines = [head, "*Filings that mentioned it*" if view["mentions"] else "No filing mentioned it."]
    lines.extend(f"• {escape_mrkdwn(render_mention_line(m))}" for m in view["mentions"][:20])
    return "\n".join(lines)


def render_pipeline_mrkdwn(
    view: dict[str, Any], trials: Sequence[CompanyTrial], limit: int | None = None
) -> str:
    """The pipeline table and the company's trials, escaped, in a code block (`limit` cuts
    the escaped table to that many characters)."""
    listed = render_company_trials(trials)
    table = escape_mrkdwn(render_pipeline_table(view) + (f"\n{listed}" if listed else ""))
    return f"```{table[:limit]}```"
