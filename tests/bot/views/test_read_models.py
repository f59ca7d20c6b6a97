"""The status and trial read models, built from plain storage records with no database, and
their Slack mrkdwn: lag and waits computed, stored and filing text escaped."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.slack.status_blocks import render_status
from bot.slack.trial_blocks import render_pipeline_mrkdwn, render_trial_mrkdwn
from bot.storage.status_queries import StatusFacts
from bot.storage.trial_queries import CompanyTrial, TrialMention
from bot.views.status import build_status
from bot.views.trials import attach_trials, build_trial_view, render_company_trials
from watchers import Study

NOW = datetime(2026, 3, 4, 12, 0, 30, tzinfo=UTC)
NCT = "NCT05012345"


def facts(**changes: object) -> StatusFacts:
    """A quiet service's stored facts: polled 30 s ago, nothing failing."""
    base: dict[str, object] = {
        "last_poll_at": datetime(2026, 3, 4, 12, 0, 0, tzinfo=UTC),
        "last_poll": json.dumps({"errors": []}),
        "filings": {"done": 3},
        "deliveries": {"sent": 2},
        "registry_lookups": {},
        "failed_channels": (),
        "slack_refused": "",
        "held_back": {},
        "registry_pass_at": None,
        "edgar_health": "",
        "failed_filings": (),
    }
    return StatusFacts(**(base | changes))  # type: ignore[arg-type]


def test_the_status_computes_the_lag_and_decodes_the_last_poll_and_edgar_health() -> None:
    status = build_status(
        facts(
            last_poll=json.dumps({"errors": ["feed 503"]}),
            edgar_health=json.dumps({"recent": 6, "failures": 4, "last_archive_ok": None}),
            held_back={"C1": (datetime(2026, 3, 4, 12, 1, 5, tzinfo=UTC), "ratelimited")},
        ),
        NOW,
    )
    assert status.lag_seconds == 30
    assert status.last_errors == ("feed 503",)
    assert status.edgar_failing
    assert status.edgar_counts == (6, 4)
    assert status.held_back == {"C1": "12:01:05 UTC, ratelimited"}
    assert status.slack_refused is None
    text = render_status(status)
    assert "*Last poll:* 2026-03-04 12:00:00 UTC (30 s ago)" in text
    assert "*EDGAR:* failing (filings are kept and retried): 4 of the last 6" in text


def test_a_service_never_polled_says_so_and_shows_no_lag() -> None:
    status = build_status(facts(last_poll_at=None, last_poll=""), NOW)
    assert (status.last_poll, status.lag_seconds, status.last_errors) == (None, None, ())
    assert render_status(status).startswith("*Last poll:* none yet")


def test_stored_error_text_is_inert_in_the_status() -> None:
    status = build_status(
        facts(
            failed_channels=(("C2", "<!channel> & <http://evil|bank>"),),
            failed_filings=(("0001-26-000001", "<@U1> broke"),),
            slack_refused="<invalid_auth>",
        ),
        NOW,
    )
    text = render_status(status)
    for raw in ("<!channel>", "<@U1>", "<invalid_auth>"):
        assert raw not in text
    assert "&lt;!channel&gt; &amp; &lt;http://evil|bank&gt;" in text


def test_a_trial_view_lists_its_mentions_and_its_mrkdwn_escapes_filing_text() -> None:
    mention = TrialMention(
        "0001-26-000001", date(2026, 3, 2), "8-K", "Evil <!here> Bio", 42, "TCB-101", None, "text"
    )
    read = datetime(2026, 3, 3, 9, 15, tzinfo=UTC)
    view = build_trial_view(NCT, Study(NCT, "RECRUITING", ("PHASE2",)), read, [mention])
    assert view["fetched_at"] == "2026-03-03T09:15:00+00:00"
    assert view["mentions"][0]["filed"] == "2026-03-02"
    text = render_trial_mrkdwn(view, Study(NCT, "RECRUITING", ("PHASE2",)))
    assert text.startswith(f"<https://clinicaltrials.gov/study/{NCT}|{NCT}> · RECRUITING")
    assert "Evil &lt;!here&gt; Bio: TCB-101 [written in the filing]" in text
    uncached = build_trial_view(NCT, None, None, [])
    assert (uncached["status"], uncached["fetched_at"], uncached["mentions"]) == (None, None, [])
    assert "No filing mentioned it." in render_trial_mrkdwn(uncached, None)


def test_a_companys_trials_fill_the_matching_tracks_and_list_under_its_pipeline() -> None:
    trials = [
        CompanyTrial(NCT, "TCB 101", "advanced NSCLC", "RECRUITING"),
        CompanyTrial("NCT05099999", "HX-3", None, None),
    ]
    track: dict[str, object] = {"indication": "non-small cell lung cancer", "phase": "2"}
    tracks = [track | {"qualifier": None, "status": "started", "since": None, "nct": []}]
    drug: dict[str, object] = {"drug": "TCB-101", "phase": "2", "status": "started"}
    drug |= {"since": None, "mtd": None}
    view = {"cik": 42, "company": "Tidemark <Bio>", "tickers": [], "drugs": [drug]}
    drug |= {"indications": tracks, "history": []}
    attach_trials(view, trials)
    assert tracks[0]["nct"] == [NCT]
    listed = render_company_trials(trials).splitlines()
    assert listed[1].split() == [NCT, "RECRUITING", "TCB", "101", "(advanced", "NSCLC)"]
    assert listed[2].split()[:3] == ["NCT05099999", "not", "read"]
    assert render_company_trials([]) == ""
    block = render_pipeline_mrkdwn(view, trials, 33)
    assert block == "```Tidemark &lt;Bio&gt; · CIK 42\nDRU```"
    assert "Trials (ClinicalTrials.gov):" in render_pipeline_mrkdwn(view, trials)
