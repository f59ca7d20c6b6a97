"""`/phasewatch status` as Slack mrkdwn lines; stored error text is escaped. Pure."""

from __future__ import annotations

from bot.slack.render import escape_mrkdwn
from bot.views.status import Status


def render_status(status: Status) -> str:
    """The status as Slack mrkdwn lines."""
    if status.last_poll is None:
        lines = ["*Last poll:* none yet"]
    else:
        lines = [
            f"*Last poll:* {status.last_poll:%Y-%m-%d %H:%M:%S} UTC "
            f"({status.lag_seconds or 0:.0f} s ago)"
        ]
    lines.append("*Filings:* " + _pairs(status.filings))
    if status.edgar:
        lines.append(_edgar_line(status))
    for accession, error in status.failed_filings.items():
        lines.append(f"*Gave up on filing* {accession}: {escape_mrkdwn(error[:200])}")
    lines.append("*Deliveries:* " + _pairs(status.deliveries))
    if status.registry_lookups or status.registry_pass:
        last = f"{status.registry_pass:%Y-%m-%d %H:%M} UTC" if status.registry_pass else "never"
        lines.append(
            f"*Registry lookups:* {_pairs(status.registry_lookups)} · last registry pass {last}"
        )
    if status.last_errors:
        lines.append(f"*EDGAR errors in the last poll:* {len(status.last_errors)}")
        lines.extend(f"• {escape_mrkdwn(e[:200])}" for e in status.last_errors[:5])
    if status.slack_refused:
        code = escape_mrkdwn(status.slack_refused)
        lines.append(
            f"*Slack delivery stopped:* the bot token was refused ({code}); "
            "alerts are kept pending until a restart with a good token"
        )
    for channel, until in status.held_back.items():
        lines.append(
            f"*Rate-limited channel* <#{escape_mrkdwn(channel)}>: until {escape_mrkdwn(until)}"
        )
    for channel, error in status.failed_channels.items():
        lines.append(f"*Failed channel* <#{escape_mrkdwn(channel)}>: {escape_mrkdwn(error)}")
    return "\n".join(lines)


def _edgar_line(status: Status) -> str:
    """'*EDGAR:* ok …' or '*EDGAR:* failing …' from the last poll's client health."""
    recent, failures = status.edgar_counts
    word = "failing (filings are kept and retried)" if status.edgar_failing else "ok"
    last = status.edgar.get("last_archive_ok") or "never this run"
    return (
        f"*EDGAR:* {word}: {failures} of the last {recent} requests failed; "
        f"last whole document {last}"
    )


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none"
