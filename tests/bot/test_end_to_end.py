"""The whole path, for real: CLI processes, a SQLite file, local EDGAR and Slack over HTTP.

An analyst adds IMGN to channel C1; ImmunoGen files the seed 8-K; two `poll --once` runs post
exactly one message to C1 (huC242-DM4, MTD 168 mg/m², Phase 2, the accession) and none elsewhere.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.child_env import stand_in_env
from tests.edgar_pages import PageDoc, PageFiling, company_tickers, getcurrent_feed, index_page
from tests.edgar_server import FakeEdgar, max_in_window
from tests.helpers import USER_AGENT  # the one stand_in_env sends
from tests.slack_server import FakeSlack

IMGN = PageFiling(
    cik=855654,
    company="IMMUNOGEN INC",
    accession="0001104659-07-076698",
    docs=(PageDoc(1, "FORM 8-K", "a07-27613_18k.txt", "8-K"),),
)
OTHER = PageFiling(
    cik=1990009,
    company="Quietwater Holdings Corp",
    accession="0001990009-07-000003",
    updated="2007-10-25T08:00:10-04:00",
    docs=(
        PageDoc(1, "FORM 8-K", "qw8k.htm", "8-K"),
        PageDoc(2, "PRESS RELEASE", "qwex991.htm", "EX-99.1"),
    ),
)
QUIET_RELEASE = (
    b"<html><body><p>Quietwater Holdings reports third quarter revenue of $12.1 million."
    b"</p></body></html>"
)


def serve_filings(edgar: FakeEdgar, seed_text: str) -> None:
    """Register the seed filing, an unrelated one, tickers and the three configured feeds."""
    edgar.add(
        "/files/company_tickers.json",
        company_tickers(
            [(855654, "IMGN", "IMMUNOGEN INC"), (1990009, "QWTR", "Quietwater Holdings Corp")]
        ),
        headers={"Content-Type": "application/json"},
    )
    feeds = {"8-K": [IMGN, OTHER], "8-K/A": [], "6-K": []}
    for form, filings in feeds.items():
        edgar.add(
            "/cgi-bin/browse-edgar",
            getcurrent_feed(filings),
            query={"action": "getcurrent", "type": form},
            headers={"Content-Type": "application/atom+xml"},
        )
    for filing in (IMGN, OTHER):
        edgar.add(filing.index_path, index_page(filing))
    edgar.add(f"{IMGN.folder}/a07-27613_18k.txt", seed_text.encode())
    edgar.add(f"{OTHER.folder}/qw8k.htm", b"<html><body><p>Item 2.02 Results.</p></body></html>")
    edgar.add(f"{OTHER.folder}/qwex991.htm", QUIET_RELEASE)


def phasewatch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a child process."""
    cmd = [sys.executable, "-m", "bot.cli", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def env(edgar: FakeEdgar, slack: FakeSlack, db_url: str, tmp_path: Path) -> dict[str, str]:
    """Environment pointing every base URL at the local stand-ins."""
    return stand_in_env(
        edgar, slack, db_url, PHASEWATCH_MAX_RPS="5", SLACK_BOT_TOKEN="xoxb-test-token"
    )


def test_seed_filing_reaches_the_watching_channel_once(
    edgar: FakeEdgar, slack: FakeSlack, env: dict[str, str], seed_text: str
) -> None:
    """watch add IMGN; poll twice → one chat.postMessage to C1 that says the news."""
    serve_filings(edgar, seed_text)
    added = phasewatch(env, "watch", "add", "IMGN", "--channel", "C1")
    assert added.returncode == 0, added.stderr
    assert "CIK 855654" in added.stdout
    other = phasewatch(env, "watch", "add", "QWTR", "--channel", "C2")
    assert other.returncode == 0, other.stderr
    for _ in range(2):
        polled = phasewatch(env, "poll", "--once")
        assert polled.returncode == 0, polled.stderr

    posts = slack.calls_to("chat.postMessage")
    assert [p.body["channel"] for p in posts] == ["C1"]
    body = posts[0].body
    text = str(body["blocks"]) + body["text"]
    for needle in (
        "huC242-DM4",
        "168 mg/m²",
        "every three weeks",
        "Phase 2",
        "gastric cancer",
        IMGN.accession,
        "0001104659-07-076698-index.htm",
    ):
        assert needle in text, needle
    assert posts[0].headers["Authorization"] == "Bearer xoxb-test-token"
    assert body["unfurl_links"] is False


def test_every_edgar_request_is_polite(
    edgar: FakeEdgar, slack: FakeSlack, env: dict[str, str], seed_text: str
) -> None:
    """Every request declares the User-Agent with its e-mail; never more than 5 in any second."""
    serve_filings(edgar, seed_text)
    assert phasewatch(env, "watch", "add", "IMGN", "--channel", "C1").returncode == 0
    assert phasewatch(env, "poll", "--once").returncode == 0
    requests = edgar.requests
    assert len(requests) >= 7  # tickers, 3 feeds, 2 index pages, documents
    assert all(r.header("User-Agent") == USER_AGENT for r in requests)
    assert max_in_window(requests) <= 5


def test_real_edgar_without_user_agent_is_one_line_and_exit_2(
    env: dict[str, str], tmp_path: Path
) -> None:
    """sec.gov without PHASEWATCH_SEC_USER_AGENT: one clear line, status 2, no traceback."""
    env = {k: v for k, v in env.items() if not k.startswith("PHASEWATCH_EDGAR")}
    env.pop("PHASEWATCH_SEC_USER_AGENT")
    result = phasewatch(env, "poll", "--once")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "PHASEWATCH_SEC_USER_AGENT is required" in lines[0]
    assert "Traceback" not in result.stderr
