"""Rendering alerts: Slack Block Kit (within Slack's limits) and plain console text. Pure.

Filing text is untrusted. Slack's mrkdwn gives meaning only to `&`, `<` and `>` (`<!channel>`,
`<@U123>`, `<http://evil|bank.com>`), so escaping those three makes any filing text inert.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.alerts import Alert, AlertEvent

EASTERN = ZoneInfo("America/New_York")
HEADER_MAX = 150
SECTION_MAX = 3000
EVIDENCE_MAX = 700
MAX_BLOCKS = 50


def escape_mrkdwn(text: str) -> str:
    """Make untrusted text inert in Slack mrkdwn: & < > become entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def neutralise_plain(text: str) -> str:
    """For plain_text fields (the header): angle brackets become look-alikes, never markup."""
    return text.replace("<", "‹").replace(">", "›")


def trim(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, ending with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_event_line(event: AlertEvent) -> str:
    """One line per event, naming the change (its kind gives the words, this lays them out):

    'TCB-101 (NSCLC): Phase 1 → Phase 2 started', 'HX-3 (AML): Phase 2 stopped (clinical hold)',
    'TCB-101: Phase 1 (advanced solid tumors) → Phase 2 started in NSCLC',
    'HX-3: new indication: Phase 2 started in psoriasis', 'huC242-DM4: MTD 168 mg/m²',
    'huC242-DM4 (gastric cancer): first seen: Phase 2 started', 'unnamed drug: Phase 2 started'.
    """
    parts = event.detail.render(event)
    drug = event.drug or "unnamed drug"
    label = f"{drug} ({'; '.join(parts.notes)})" if parts.notes else drug
    return f"{label}: {parts.news}"


def render_title(alert: Alert) -> str:
    """'ImmunoGen, Inc. (IMGN) · 8-K'."""
    ticker = f" ({', '.join(alert.tickers[:2])})" if alert.tickers else ""
    return f"{alert.company}{ticker} · {alert.form}"


def render_when(alert: Alert) -> str:
    """'Filed 2007-10-25 · accepted 2007-10-25 08:01 ET · 0001104659-07-076698'."""
    parts = [f"Filed {alert.filed.isoformat()}"] if alert.filed else []
    if alert.accepted:
        parts.append(f"accepted {alert.accepted.astimezone(EASTERN):%Y-%m-%d %H:%M} ET")
    parts.append(alert.accession)
    return " · ".join(parts)


def render_repeat_note(alert: Alert) -> str:
    """'Also reported in 10-Q 0000855654-07-000012 (filed 2007-11-08)'."""
    filed = f" (filed {alert.filed.isoformat()})" if alert.filed else ""
    return f"Also reported in {alert.form} {alert.accession}{filed}"


def render_fallback(alert: Alert) -> str:
    """The notification and plain-text fallback of the Slack message (escaped)."""
    lines = "; ".join(render_event_line(e) for e in alert.events)
    lead = render_repeat_note(alert) if alert.repeat_of else render_title(alert)
    return escape_mrkdwn(trim(f"{lead}: {lines} ({alert.accession})", 3000))


def render_blocks(alert: Alert) -> list[dict[str, Any]]:
    """Block Kit for an alert: header, one section per event with its evidence, context, buttons.

    A repeat (news this channel was already told) is a compact reply for the first alert's thread.
    """
    if alert.repeat_of:
        note = _mrkdwn(escape_mrkdwn(render_repeat_note(alert)))
        lead: dict[str, Any] = {"type": "context", "elements": [note]}
    else:
        title = neutralise_plain(trim(render_title(alert), HEADER_MAX))
        lead = {"type": "header", "text": _plain(title)}
    blocks: list[dict[str, Any]] = [lead]
    for event in alert.events[: MAX_BLOCKS - 3]:
        blocks.append({"type": "section", "text": _mrkdwn(_event_section(event))})
    if not alert.repeat_of:
        blocks.append({"type": "context", "elements": [_mrkdwn(escape_mrkdwn(render_when(alert)))]})
    blocks.append(_actions(alert))
    return blocks


def _event_section(event: AlertEvent) -> str:
    line = f"*{escape_mrkdwn(render_event_line(event))}*"
    quote = escape_mrkdwn(trim(event.evidence, EVIDENCE_MAX))
    return trim(f"{line}\n>{quote}", SECTION_MAX) if quote else line


def _actions(alert: Alert) -> dict[str, Any]:
    buttons: list[dict[str, Any]] = [
        {
            "type": "button",
            "text": _plain("Open filing"),
            "url": alert.index_url,
            "action_id": "open_filing",
            "value": alert.accession,
        }
    ]
    if not alert.repeat_of:
        name = neutralise_plain(trim(alert.tickers[0] if alert.tickers else alert.company, 60))
        buttons.append(
            {
                "type": "button",
                "text": _plain(f"Mute {name}"),
                "action_id": "mute_company",
                "value": str(alert.cik),
            }
        )
    return {"type": "actions", "block_id": f"filing:{alert.accession}", "elements": buttons}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": False}


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def render_console(alert: Alert) -> str:
    """The alert as plain text, as `poll` prints it without a Slack token."""
    if alert.repeat_of:
        lines = [
            f"[#{alert.channel}] ↳ in the thread of {alert.repeat_of}: {render_repeat_note(alert)}"
        ]
    else:
        lines = [f"[#{alert.channel}] {render_title(alert)}", f"  {render_when(alert)}"]
    for event in alert.events:
        lines.append(f"  • {render_event_line(event)}")
        if event.evidence:
            lines.append(f"    “{trim(event.evidence, EVIDENCE_MAX)}”")
    lines.append(f"  {alert.index_url}")
    return "\n".join(lines)
