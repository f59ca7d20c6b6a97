"""Alert rendering: Slack's limits hold and hostile filing text stays inert."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from bot.domain.alerts import Alert
from bot.slack.render import (
    HEADER_MAX,
    SECTION_MAX,
    escape_mrkdwn,
    render_blocks,
    render_console,
    render_event_line,
    render_fallback,
)
from tests.alert_events import stored_alert_event


def make_alert(evidence: str = "The MTD has been established.", **changes: object) -> Alert:
    """An alert like the seed's: MTD 168 mg/m² and a Phase 2 start."""
    events = (
        stored_alert_event(
            key="mtd",
            type="mtd",
            drug="huC242-DM4",
            evidence=evidence,
            kind="MTD",
            dose_value=168.0,
            dose_unit="mg/m2",
            schedule="every three weeks",
        ),
        stored_alert_event(
            key="pc",
            type="phase_change",
            drug="huC242-DM4",
            evidence=evidence,
            status="started",
            phase="2",
            indication="gastric cancer",
        ),
    )
    fields: dict[str, object] = {
        "channel": "C1",
        "accession": "0001104659-07-076698",
        "cik": 855654,
        "company": "ImmunoGen, Inc.",
        "tickers": ("IMGN",),
        "form": "8-K",
        "filed": date(2007, 10, 25),
        "index_url": "https://www.sec.gov/Archives/edgar/data/855654/000110465907076698/0001104659-07-076698-index.htm",
        "accepted": datetime(2007, 10, 25, 12, 1, tzinfo=UTC),
        "events": events,
    }
    fields.update(changes)
    return Alert(**fields)  # type: ignore[arg-type]


def all_text(blocks: list[dict[str, object]]) -> str:
    """Every string in the blocks, joined (what Slack would interpret)."""
    return json.dumps(blocks, ensure_ascii=False)


def test_event_lines_say_the_news() -> None:
    """One glance: drug, dose with unit and schedule; drug, indication, phase and status."""
    alert = make_alert()
    assert render_event_line(alert.events[0]) == "huC242-DM4: MTD 168 mg/m² (every three weeks)"
    assert render_event_line(alert.events[1]) == "huC242-DM4 (gastric cancer): Phase 2 started"


TRANSITIONS = [
    (
        "first-seen",
        {"change": "new", "phase": "1", "status": "started"},
        "TCB-101 (NSCLC): first seen: Phase 1 started",
    ),
    (
        "phase-advance",
        {
            "change": "advance",
            "phase": "2",
            "status": "started",
            "prev_phase": "1",
            "prev_status": "started",
        },
        "TCB-101 (NSCLC): Phase 1 → Phase 2 started",
    ),
    (
        "status-advance",
        {
            "change": "advance",
            "phase": "1",
            "status": "completed",
            "prev_phase": "1",
            "prev_status": "started",
        },
        "TCB-101 (NSCLC): Phase 1 started → completed",
    ),
    (
        "hold",
        {
            "change": "advance",
            "phase": "2",
            "status": "stopped",
            "prev_phase": "2",
            "prev_status": "started",
            "evidence": "The FDA placed a clinical hold on it.",
        },
        "TCB-101 (NSCLC): Phase 2 started → stopped (clinical hold)",
    ),
    (
        "mtd-beside",
        {
            "change": "advance",
            "phase": "2",
            "status": "started",
            "prev_phase": "1",
            "prev_status": "started",
            "known_mtd": "MTD 240 mg/m²",
        },
        "TCB-101 (NSCLC; MTD 240 mg/m²): Phase 1 → Phase 2 started",
    ),
]


@pytest.mark.parametrize(
    ("fields", "line"),
    [(f, line) for _, f, line in TRANSITIONS],
    ids=[i for i, _, _ in TRANSITIONS],
)
def test_event_lines_name_the_transition(fields: dict[str, str], line: str) -> None:
    """Alerts say what moved: first seen, Phase 1 → Phase 2, started → stopped (why)."""
    base = {
        "key": "k",
        "type": "phase_change",
        "drug": "TCB-101",
        "indication": "NSCLC",
        "evidence": "e",
    }
    assert render_event_line(stored_alert_event(**(base | fields))) == line


def test_blocks_carry_header_link_and_accession() -> None:
    """Header names company, ticker and form; a button opens the filing index."""
    blocks = render_blocks(make_alert())
    assert blocks[0]["text"]["text"] == "ImmunoGen, Inc. (IMGN) · 8-K"
    button = blocks[-1]["elements"][0]
    assert button["url"].endswith("0001104659-07-076698-index.htm")
    assert "0001104659-07-076698" in all_text(blocks)
    assert "08:01 ET" in all_text(blocks)  # accepted 12:01 UTC, shown in Eastern time


HOSTILE = [
    "<!channel> urgent",
    "<!here|here> look",
    "<!everyone>",
    "ping <@U0123ABC> now",
    "<https://evil.example/steal|https://www.sec.gov/filing>",
    "&lt;!channel&gt; pre-escaped",
    "<#C0123|general>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_filing_text_cannot_mention_or_link(text: str) -> None:
    """No `<` survives from filing text: no @channel, user mention or disguised link."""
    alert = make_alert(evidence=text, company=f"Evil {text} Corp", form="8-K")
    rendered = all_text(render_blocks(alert)) + render_fallback(alert)
    for needle in ("<!", "<@", "<#", "<http", "|https"):
        assert needle not in rendered.replace("|https://www.sec.gov", ""), needle
    expected = "&lt;" if "<" in text else "&amp;lt;"  # pre-escaped text shows literally
    assert expected in render_fallback(alert)


def test_escape_is_the_slack_three() -> None:
    """&, < and > become entities, in that order (no double escaping of our own)."""
    assert escape_mrkdwn("a & <b> c") == "a &amp; &lt;b&gt; c"


def test_ten_thousand_character_evidence_stays_within_slack_limits() -> None:
    """Long evidence is trimmed with an ellipsis; header ≤ 150, sections ≤ 3,000, ≤ 50 blocks."""
    long_event = make_alert(evidence="x" * 10_000).events[0]
    alert = make_alert(company="C" * 400, events=tuple(long_event for _ in range(80)))
    blocks = render_blocks(alert)
    assert len(blocks) <= 50
    assert len(blocks[0]["text"]["text"]) <= HEADER_MAX
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(s) <= SECTION_MAX for s in sections)
    assert all(s.endswith("…") for s in sections)
    assert len(render_fallback(alert)) <= 3000


def test_console_rendering_has_link_and_evidence() -> None:
    """The console form shows channel, lines, the quoted evidence and the filing URL."""
    text = render_console(make_alert())
    assert text.startswith("[#C1] ImmunoGen, Inc. (IMGN) · 8-K")
    assert "MTD 168 mg/m² (every three weeks)" in text
    assert "-index.htm" in text
