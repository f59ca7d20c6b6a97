"""Slack's limits, visible and bounded: 429s and errors counted on /metrics, and a registry line's
`chat.update` that keeps failing falls back to one thread reply, then gives up for good.

A real runtime on SQLite against the local Slack stand-in answering 429 with Retry-After, 500s
and unknown error codes; the metrics read from the runtime's registry through the real /metrics
route, served on 127.0.0.1.
"""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from sqlmodel import Session, select

from bot.service import Health, make_routes, start_http
from bot.storage.models import RegistryUpdateRow, now_utc
from bot.storage.state import load_state
from bot.usecases.context import Runtime
from bot.usecases.deliver import SlackPoster
from bot.usecases.poll import deliver, poll_once
from bot.usecases.registry_cycle import run_registry_cycle
from bot.usecases.registry_updates import FAILURES_KEY, GIVE_UP_AFTER, MAX_UPDATE_ATTEMPTS
from tests.bot.usecases.test_delivery_faults import owe_alerts, with_poster
from tests.bot.usecases.test_registry import NCT, STARTED, file_release, watched_runtime
from tests.ctgov_pages import study_record
from tests.ctgov_server import FakeCtgov
from tests.edgar_server import FakeEdgar
from tests.slack_server import FakeSlack, Scripted

# The delivery client's own retries: a failed call is 3 answers of 500 (the first and 2 retries).
ANSWERS_PER_500 = 3


@pytest.fixture
def ctgov() -> Iterator[FakeCtgov]:
    """A started registry stand-in that knows the trial Tidemark's release names."""
    with FakeCtgov() as server:
        server.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
        yield server


def scrape(rt: Runtime) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """GET /metrics of the runtime's real routes, served on 127.0.0.1: {(sample, labels): value}."""
    server = start_http(0, make_routes(rt, None, Health(rt)), host="127.0.0.1")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/metrics", timeout=5) as r:
            text = r.read().decode()
    finally:
        server.stop()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def slack_errors(rt: Runtime) -> dict[str, float]:
    """phasewatch_slack_errors_total by code (codes never counted are absent)."""
    return {
        dict(labels)["code"]: value
        for (name, labels), value in scrape(rt).items()
        if name == "phasewatch_slack_errors_total"
    }


def rate_limited(rt: Runtime) -> dict[str, float]:
    """phasewatch_slack_rate_limited_total by method."""
    return {
        dict(labels)["method"]: value
        for (name, labels), value in scrape(rt).items()
        if name == "phasewatch_slack_rate_limited_total"
    }


def fast_retrying_poster(rt: Runtime, slack: FakeSlack) -> None:
    """The delivery client's retries of 500s, 10 ms apart instead of its backoff of seconds."""
    retry = ServerErrorRetryHandler(
        max_retry_count=ANSWERS_PER_500 - 1,
        interval_calculator=FixedValueRetryIntervalCalculator(0.01),
    )
    client = WebClient(token="xoxb-test", base_url=slack.api_url, timeout=5, retry_handlers=[retry])
    rt.poster = SlackPoster(client)


def updates(rt: Runtime) -> list[str]:
    """How each posted alert was given its registry lines (registry_updates.how)."""
    with Session(rt.engine) as session:
        return [row.how for row in session.exec(select(RegistryUpdateRow))]


def posted_alert(edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov) -> Runtime:
    """Tidemark's alert posted in C1, its lookup not yet done, on a poster with fast retries."""
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    assert poll_once(rt).posted == 1
    fast_retrying_poster(rt, slack)
    return rt


def test_a_429_is_counted_by_method_and_every_error_by_a_bounded_code(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A 429, channel_not_found and a code Slack never documented: counted, the last as other."""
    rt = owe_alerts(edgar, slack, db_url, 1, channels=("C1", "C2", "C3"))
    slack.script("chat.postMessage", Scripted.rate_limited(30), channel="C1")
    slack.script("chat.postMessage", Scripted.error("channel_not_found"), channel="C2")
    slack.script("chat.postMessage", Scripted.error("brand_new_error_42"), channel="C3")
    assert rate_limited(rt) == {}
    deliver(rt)
    assert rate_limited(rt) == {"chat.postMessage": 1.0}
    assert slack_errors(rt) == {"ratelimited": 1.0, "channel_not_found": 1.0, "other": 1.0}
    rt.close()


def test_a_refused_token_is_counted_once_not_for_every_post_it_stops(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Two alerts, two rounds: Slack was asked once, so one invalid_auth, no rate limit."""
    rt = owe_alerts(edgar, slack, db_url, 2)
    slack.refuse_token("xoxb-revoked")
    with_poster(rt, slack, "xoxb-revoked")
    deliver(rt)
    deliver(rt)
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert slack_errors(rt) == {"invalid_auth": 1.0}
    assert rate_limited(rt) == {}
    rt.close()


def test_a_chat_update_failing_with_500s_falls_back_to_one_thread_reply_after_n_attempts(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """chat.update answers 500 every time: retried MAX_UPDATE_ATTEMPTS times, then one reply."""
    rt = posted_alert(edgar, slack, db_url, ctgov)
    slack.script("chat.update", *[Scripted.server_error()] * (ANSWERS_PER_500 * 50))
    for _ in range(MAX_UPDATE_ATTEMPTS - 1):
        assert run_registry_cycle(rt, watch=False).updated == 0
    assert len(slack.calls_to("chat.postMessage")) == 1  # no reply yet: only the alert
    assert updates(rt) == []
    assert run_registry_cycle(rt, watch=False).updated == 1
    reply = slack.calls_to("chat.postMessage")[-1].body
    assert reply["thread_ts"] == slack.messages["C1"][0]["ts"]
    assert updates(rt) == ["thread"]
    assert slack_errors(rt) == {"internal_error": float(MAX_UPDATE_ATTEMPTS)}

    for _ in range(3):  # recorded: never updated again
        assert run_registry_cycle(rt, watch=False).updated == 0
    assert len(slack.calls_to("chat.update")) == ANSWERS_PER_500 * MAX_UPDATE_ATTEMPTS
    assert len(slack.calls_to("chat.postMessage")) == 2
    ts = slack.messages["C1"][0]["ts"]
    assert load_state(rt.engine, FAILURES_KEY.format(channel="C1", ts=ts)) is None
    rt.close()


def test_past_the_give_up_age_a_failing_update_and_reply_give_up_with_one_warning(
    edgar: FakeEdgar,
    slack: FakeSlack,
    db_url: str,
    ctgov: FakeCtgov,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Two failed updates GIVE_UP_AFTER apart, then the reply fails: one warning, `failed`."""
    rt = posted_alert(edgar, slack, db_url, ctgov)
    now: list[datetime] = [now_utc()]
    rt.clock = lambda: now[0]
    slack.script("chat.update", *[Scripted.server_error()] * (ANSWERS_PER_500 * 50))
    slack.script("chat.postMessage", *[Scripted.server_error()] * 50, channel="C1")
    assert run_registry_cycle(rt, watch=False).updated == 0
    now[0] += GIVE_UP_AFTER
    with caplog.at_level(logging.WARNING, logger="bot.usecases.registry_updates"):
        assert run_registry_cycle(rt, watch=False).updated == 0
        for _ in range(3):
            now[0] += timedelta(minutes=10)
            assert run_registry_cycle(rt, watch=False).updated == 0
    gave_up = [r.getMessage() for r in caplog.records if "gave up" in r.getMessage()]
    assert len(gave_up) == 1
    assert "internal_error" in gave_up[0]
    assert updates(rt) == ["failed"]
    assert len(slack.calls_to("chat.update")) == ANSWERS_PER_500 * 2
    assert len(slack.calls_to("chat.postMessage")) == 1 + ANSWERS_PER_500  # the alert, one reply
    assert len(slack.messages["C1"]) == 1
    rt.close()


def test_a_429_on_chat_update_ends_the_cycle_uncharged_and_is_counted(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """Rate-limited: no attempt charged, the chat.update 429 counted; the next cycle updates."""
    rt = posted_alert(edgar, slack, db_url, ctgov)
    slack.script("chat.update", Scripted.rate_limited(5))
    assert run_registry_cycle(rt, watch=False).updated == 0
    ts = slack.messages["C1"][0]["ts"]
    assert load_state(rt.engine, FAILURES_KEY.format(channel="C1", ts=ts)) is None
    assert rate_limited(rt) == {"chat.update": 1.0}
    assert run_registry_cycle(rt, watch=False).updated == 1
    assert updates(rt) == ["update"]
    rt.close()
