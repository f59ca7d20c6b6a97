"""Slack faults against real processes: `phasewatch run`, cron `poll --once`, two replicas.

Every alert lands exactly once; posts to one channel are at least a second apart as the Slack
stand-in receives them, whichever process sends them; a refused token or an hour-long
rate limit is visible and never hangs shutdown.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from bot.storage.outbox import deliveries
from bot.storage.store import create_db
from tests.bot.test_service import watch_all
from tests.child_env import stand_in_env
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, serve_feeds, serve_filing
from tests.service_process import start_service, wait_for
from tests.slack_server import FakeSlack, Scripted

COMPANIES = [(1990800 + i, f"PRC{i}", f"Processwell Bio {i}, Inc.") for i in range(24)]


def serve_alerts(edgar: FakeEdgar, n: int) -> list[str]:
    """Serve n filings with a Phase 2 start each; return their accessions."""
    filings = [drug_filing(cik, name, i + 1) for i, (cik, _, name) in enumerate(COMPANIES[:n])]
    serve_feeds(edgar, filings, COMPANIES)
    for i, filing in enumerate(filings):
        serve_filing(edgar, filing, f"The first patient has been dosed in the Phase 2 of PW-{i}.")
    return [f.accession for f in filings]


def posts_per_alert(slack: FakeSlack, channel: str = "C1") -> Counter[str]:
    """How many messages each accession got in `channel`."""
    return Counter(m["metadata"]["event_payload"]["accession"] for m in slack.messages[channel])


def start_cron_poll(edgar: FakeEdgar, slack: FakeSlack, db_url: str) -> subprocess.Popen[str]:
    """`phasewatch poll --once` as cron would start it, its standard error kept."""
    env = stand_in_env(edgar, slack, db_url, PHASEWATCH_MAX_RPS="10")
    cmd = [sys.executable, "-m", "bot.cli", "poll", "--once"]
    return subprocess.Popen(
        cmd, env=env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def test_run_with_a_refused_token_logs_one_error_answers_503_and_a_good_restart_delivers(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """invalid_auth: one error line, /healthz 503 with why, alerts kept; then delivered once."""
    accessions = serve_alerts(edgar, 3)
    watch_all(db_url)
    slack.refuse_token("xoxb-revoked")
    service = start_service(edgar, slack, db_url, SLACK_BOT_TOKEN="xoxb-revoked")
    try:
        wait_for(lambda: service.get("/healthz")[0] == 503, timeout=30, what="503")
        wait_for(lambda: len(deliveries(create_db(db_url))) == 3, timeout=30, what="3 owed")
        wait_for(lambda: len(service.lines) > 0 and slack.calls_to("chat.postMessage"))
        _, reason = service.get("/healthz")
        assert "Slack refused the bot token (invalid_auth)" in reason
    finally:
        service.stop()
    assert len(slack.calls_to("chat.postMessage")) == 1
    refusals = [line for line in service.lines if "Slack refused the bot token" in line]
    assert len(refusals) == 1
    assert "ERROR" in refusals[0]
    assert {d.state for d in deliveries(create_db(db_url))} == {"pending"}

    service = start_service(edgar, slack, db_url)  # SLACK_BOT_TOKEN fixed
    try:
        wait_for(lambda: len(slack.messages["C1"]) >= 3, timeout=30, what="3 posts")
        wait_for(lambda: service.get("/healthz") == (200, "ok"), timeout=10, what="200")
    finally:
        service.stop()
    assert posts_per_alert(slack) == Counter(accessions)


def test_run_with_one_channel_rate_limited_for_an_hour_serves_the_others_and_exits_on_sigterm(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Retry-After 3600 on C1: C2 gets its alerts, C1's wait in the database, SIGTERM is quick."""
    accessions = serve_alerts(edgar, 2)
    watch_all(db_url, "C1")
    watch_all(db_url, "C2")
    slack.script("chat.postMessage", Scripted.rate_limited(3600), channel="C1")
    service = start_service(edgar, slack, db_url)
    try:
        wait_for(lambda: len(slack.messages["C2"]) >= 2, timeout=30, what="C2's posts")
    finally:
        took = service.stop()
    assert took < 5
    assert service.process.returncode == 0
    assert posts_per_alert(slack, "C2") == Counter(accessions)
    assert slack.messages["C1"] == []
    c1 = [d for d in deliveries(create_db(db_url)) if d.channel == "C1"]
    assert {d.state for d in c1} == {"pending"}
    assert any("Retry-After 3600" in (d.last_error or "") for d in c1)


def test_run_and_cron_poll_once_on_one_sqlite_file_post_each_alert_once_without_traceback(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`run` and two waves of three concurrent cron polls on one file: 10 alerts, 10 posts."""
    accessions = serve_alerts(edgar, 10)
    watch_all(db_url)
    service = start_service(edgar, slack, db_url)
    crons: list[subprocess.Popen[str]] = []
    try:
        for _ in range(2):
            wave = [start_cron_poll(edgar, slack, db_url) for _ in range(3)]
            for cron in wave:
                cron.wait(timeout=120)
            crons.extend(wave)
        wait_for(lambda: len(slack.messages["C1"]) >= 10, timeout=60, what="10 posts")
    finally:
        service.stop()
    errors = [cron.stderr.read() if cron.stderr else "" for cron in crons]
    assert [cron.returncode for cron in crons] == [0] * 6, errors
    assert not [e for e in errors if "Traceback" in e]
    assert not [line for line in service.lines if "Traceback" in line]
    assert posts_per_alert(slack) == Counter(accessions)
    assert slack.min_gap("C1") >= 1.0


def test_two_replicas_on_postgresql_never_post_twice_in_one_second_to_one_channel(
    pg_url: str, edgar: FakeEdgar, slack: FakeSlack
) -> None:
    """Two `run` replicas, 22 alerts to one channel: each posted once, every gap at least 1 s."""
    accessions = serve_alerts(edgar, 22)
    watch_all(pg_url)
    replicas = [
        start_service(edgar, slack, pg_url, SLACK_BOT_TOKEN=token)
        for token in ("xoxb-replica-a", "xoxb-replica-b")
    ]
    try:
        wait_for(lambda: len(slack.messages["C1"]) >= 22, timeout=120, what="22 posts")
    finally:
        for replica in replicas:
            replica.stop()
    assert posts_per_alert(slack) == Counter(accessions)
    assert slack.min_gap("C1") >= 1.0
    senders = Counter(
        c.headers.get("Authorization", "") for c in slack.calls_to("chat.postMessage")
    )
    print(f"posts by replica: {dict(senders)}; shortest gap {slack.min_gap('C1'):.3f} s")
