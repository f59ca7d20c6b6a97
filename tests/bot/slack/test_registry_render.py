"""An alert's ClinicalTrials.gov lines in Slack and on the console: escaped, within limits."""

from __future__ import annotations

from datetime import date

from bot.domain.alerts import Alert, AlertEvent
from bot.domain.kinds.phase_change import PhaseDetail
from bot.domain.registry import TrialLine
from bot.slack.registry_render import (
    REGISTRY_HEAD,
    render_registry_block,
    render_registry_console,
    render_registry_reply,
    render_trial_mrkdwn,
    render_updated_blocks,
    render_updated_fallback,
)
from bot.slack.render import SECTION_MAX, render_blocks

ALERT = Alert(
    channel="C1",
    accession="0001990001-26-000012",
    cik=1990001,
    company="Tidecrest Therapeutics, Inc.",
    tickers=("TDCR",),
    form="8-K",
    index_url="https://www.sec.gov/Archives/edgar/data/1990001/000199000126000012/x-index.htm",
    filed=date(2026, 11, 23),
    accepted=None,
    events=(
        AlertEvent(key="k1", drug="TCB-101", evidence="Dosed.", detail=PhaseDetail("started")),
    ),
)
LINES = [TrialLine("TCB-101", nct_id="NCT05012345", text="NCT05012345 <!channel> · Phase 2")]


def test_the_line_in_slack_links_the_id_and_escapes_the_rest() -> None:
    """The id links to its page; registry text cannot ping anyone."""
    line = TrialLine("TCB-101", "NCT05012345", "NCT05012345 · <!channel> · Phase 2", flag="x & y")
    text = render_trial_mrkdwn(line)
    assert text.startswith(
        "<https://clinicaltrials.gov/study/NCT05012345|NCT05012345> · &lt;!channel&gt;"
    )
    assert text.endswith(":warning: Registry disagrees: x &amp; y")


def test_the_section_sits_before_the_context_and_buttons() -> None:
    """The updated message is the alert's blocks with one section more, above its last two."""
    plain = render_blocks(ALERT)
    blocks = render_updated_blocks(ALERT, LINES)
    assert len(blocks) == len(plain) + 1
    assert blocks[-3] == render_registry_block(LINES)
    assert blocks[-2:] == plain[-2:]
    assert blocks[-3]["text"]["text"].startswith(REGISTRY_HEAD)


def test_a_long_section_and_its_fallbacks_keep_slack_s_limit() -> None:
    """Many lines: the section, the update's and the reply's fallback stay within 3000."""
    many = [TrialLine("TCB-101", None, "x" * 90 + " <!here>") for _ in range(60)]
    section = render_registry_block(many)["text"]["text"]
    assert section.startswith(REGISTRY_HEAD)
    assert len(section) <= SECTION_MAX
    assert section.endswith("…")
    for text in (render_updated_fallback(ALERT, many), render_registry_reply(many)):
        assert len(text) <= SECTION_MAX
        assert "<!here>" not in text


def test_the_console_gets_one_marked_line_per_trial() -> None:
    """Each line names the channel and accession, and carries the flag in plain words."""
    flagged = [*LINES, TrialLine("TCB-101", None, "no record", flag="stopped?")]
    assert render_registry_console(ALERT, flagged) == [
        f"[#C1] ↳ registry ({ALERT.accession}): NCT05012345 <!channel> · Phase 2",
        f"[#C1] ↳ registry ({ALERT.accession}): no record [registry disagrees: stopped?]",
    ]
