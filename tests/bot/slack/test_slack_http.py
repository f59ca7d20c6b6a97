"""The Slack app over real HTTP: signed requests into the real Bolt app, its Web API calls to the
local Slack stand-in, and a real SQLite file behind it."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.runtime import build_runtime
from bot.service import Health, build_slack_app, make_routes, start_http
from bot.storage.models import EventRow, FilingRow, now_utc
from bot.storage.store import save_companies
from bot.storage.watches import add_watch, list_watches, lookup_stored
from bot.usecases.settings import load_settings
from bot.web.server import Limits
from tests.slack_server import FakeSlack
from watchers import Company

SECRET = "test-signing-secret"
REPO = Path(__file__).resolve().parents[3]


@dataclass
class Served:
    """The running app: its URL, database and the Slack stand-in it calls."""

    url: str
    engine: Engine
    slack: FakeSlack


def serve(
    db_url: str,
    slack: FakeSlack,
    admins: frozenset[str] = frozenset(),
    limits: Limits | None = None,
) -> Iterator[Served]:
    """`phasewatch run`'s HTTP server and Slack app, wired as the service wires them."""
    settings = load_settings(
        PHASEWATCH_DATABASE_URL=db_url,
        PHASEWATCH_EDGAR_URL="http://127.0.0.1:9",
        PHASEWATCH_EDGAR_DATA_URL="http://127.0.0.1:9",
        SLACK_BOT_TOKEN="xoxb-t",
        SLACK_SIGNING_SECRET=SECRET,
        PHASEWATCH_SLACK_API_URL=slack.api_url,
        PHASEWATCH_ADMIN_USER_IDS=",".join(sorted(admins)),
    )
    rt = build_runtime(settings)
    companies = [
        Company(cik=855654, name="ImmunoGen, Inc.", tickers=("IMGN",)),
        Company(cik=1990101, name="Evil <!channel> Bio", tickers=("EVIL",)),
    ]
    save_companies(rt.engine, companies, datetime.now(UTC))
    app = build_slack_app(rt)
    routes = make_routes(rt, app, Health(rt))
    refused = rt.metrics.observe_http_refusal
    server = start_http(0, routes, host="127.0.0.1", limits=limits, on_refusal=refused)
    yield Served(f"http://127.0.0.1:{server.port}", rt.engine, slack)
    server.stop()
    rt.close()


@pytest.fixture
def served(db_url: str, slack: FakeSlack) -> Iterator[Served]:
    """The app with no admins configured (any channel member may change watchlists)."""
    yield from serve(db_url, slack)


def slash(served: Served, text: str, channel: str = "C1", user: str = "U1") -> dict[str, str]:
    """Send `/phasewatch TEXT` signed; return the decoded acknowledgement."""
    status, body = post(
        served.url,
        urlencode(
            {
                "command": "/phasewatch",
                "text": text,
                "channel_id": channel,
                "user_id": user,
                "team_id": "T1",
                "trigger_id": "1.2.3",
                "response_url": f"{served.slack.api_url.removesuffix('api/')}respond/hook",
            }
        ).encode(),
    )
    assert status == 200, body
    return dict(json.loads(body))


def post(
    url: str,
    body: bytes,
    *,
    timestamp: int | None = None,
    secret: str = SECRET,
    content_type: str = "application/x-www-form-urlencoded",
) -> tuple[int, str]:
    """POST to /slack/events signed with `secret` at `timestamp`."""
    ts = str(timestamp if timestamp is not None else int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body.decode())
    assert signature is not None  # None only without a timestamp
    request = urllib.request.Request(
        f"{url}/slack/events",
        data=body,
        method="POST",
        headers={
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
            "Content-Type": content_type,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def add_event(
    engine: Engine, drug: str, company: str = "ImmunoGen, Inc.", cik: int = 855654
) -> None:
    """Store one filing with one Phase 2 start, as the pipeline would."""
    accession = f"0000{cik}-07-{abs(hash(drug)) % 999999:06d}"
    with Session(engine) as session:
        session.add(
            FilingRow(
                accession=accession,
                cik=cik,
                company=company,
                form="8-K",
                index_url=f"https://www.sec.gov/{accession}-index.htm",
                filed=date(2007, 10, 25),
                state="done",
            )
        )
        session.add(
            EventRow(
                accession=accession,
                cik=cik,
                key=f"pc:{drug}",
                type="phase_change",
                status="started",
                phase="2",
                drug=drug,
                indication="gastric cancer",
                evidence=f"{drug} is now in Phase II testing.",
            )
        )
        session.commit()


def test_watch_changes_the_channel_and_answers_in_channel(served: Served) -> None:
    """`/phasewatch watch IMGN --events mtd` in C1: the watch exists and the channel is told."""
    reply = slash(served, "watch IMGN --events mtd")
    assert reply["response_type"] == "in_channel"
    assert "IMGN" in reply["text"]
    assert [(w.channel, w.target, w.cik, w.events) for w in list_watches(served.engine)] == [
        ("C1", "IMGN", 855654, "mtd")
    ]


def test_unwatch_and_list(served: Served) -> None:
    """list shows the channel's watches only to the caller; unwatch removes one, in channel."""
    slash(served, "watch IMGN")
    slash(served, "watch sic:2834")
    slash(served, "watch all", channel="C2")
    listed = slash(served, "list")
    assert listed["response_type"] == "ephemeral"
    assert "IMGN" in listed["text"]
    assert "sic:2834" in listed["text"]
    assert "all" not in listed["text"].replace("watches", "")
    removed = slash(served, "unwatch imgn")
    assert removed["response_type"] == "in_channel"
    assert [w.target for w in list_watches(served.engine, "C1")] == ["sic:2834"]
    assert "does not watch" in slash(served, "unwatch IMGN")["text"]


def test_unknown_ticker_gets_the_closest_matches_and_no_watch(served: Served) -> None:
    """IMGM is not a ticker EDGAR knows: suggest IMGN, change nothing."""
    reply = slash(served, "watch IMGM")
    assert reply["response_type"] == "ephemeral"
    assert "unknown ticker IMGM" in reply["text"]
    assert "IMGN" in reply["text"]
    assert list_watches(served.engine) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("watch", "Usage: `/phasewatch watch TARGET"),
        ("watch IMGN --colour red", "Unknown option `--colour`"),
        ("watch IMGN --events gossip", "unknown event type"),
        ("frobnicate", "Unknown command `frobnicate`"),
        ("search x", "Usage: `/phasewatch search TEXT`"),
        ("", "/phasewatch watch TARGET"),
        ("help", "/phasewatch recent [TARGET] [N]"),
    ],
)
def test_bad_input_gets_helpful_usage(served: Served, text: str, expected: str) -> None:
    """Mistakes and `help` answer the caller alone with what to type instead."""
    reply = slash(served, text)
    assert reply["response_type"] == "ephemeral"
    assert expected in reply["text"]


def test_recent_and_search_list_events_with_links(served: Served) -> None:
    """recent [TARGET] [N] and search TEXT show events linked to their filings."""
    add_event(served.engine, "huC242-DM4")
    add_event(served.engine, "XR-9", company="Other Bio", cik=1990101)
    recent = slash(served, "recent IMGN 3")["text"]
    assert "huC242-DM4" in recent
    assert "XR-9" not in recent
    assert "<https://www.sec.gov/" in recent
    assert "XR-9" in slash(served, "recent")["text"]
    found = slash(served, "search gastric")["text"]
    assert "huC242-DM4" in found
    assert "No events mention" in slash(served, "search leprosy")["text"]


def test_status_reports_poll_outbox_and_failed_channels(served: Served) -> None:
    """status answers even before any poll, with counts of filings and deliveries."""
    text = slash(served, "status")["text"]
    assert "Last poll:* none yet" in text
    assert "Deliveries:*" in text


def test_admins_only_when_configured(db_url: str, slack: FakeSlack) -> None:
    """With PHASEWATCH_ADMIN_USER_IDS set, other members cannot change watchlists."""
    for served in serve(db_url, slack, admins=frozenset({"UADMIN"})):
        refused = slash(served, "watch IMGN", user="U2")
        assert "Only phasewatch admins" in refused["text"]
        assert list_watches(served.engine) == []
        assert slash(served, "watch IMGN", user="UADMIN")["response_type"] == "in_channel"


@pytest.mark.parametrize(
    ("secret", "age"), [("forged-secret", 0), (SECRET, 6 * 60)], ids=["forged", "replayed"]
)
def test_forged_or_stale_requests_are_refused(served: Served, secret: str, age: int) -> None:
    """A bad signature, or a timestamp older than five minutes, gets 401 and changes nothing."""
    body = urlencode(
        {"command": "/phasewatch", "text": "watch IMGN", "channel_id": "C1", "user_id": "U1"}
    ).encode()
    status, _ = post(served.url, body, timestamp=int(time.time()) - age, secret=secret)
    assert status == 401
    assert list_watches(served.engine) == []


def block_action(
    action_id: str, value: str, channel: str = "C1", user: str = "U1", response_url: str = ""
) -> bytes:
    """A block_actions payload as Slack posts it when a button is clicked."""
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "team": {"id": "T1"},
        "channel": {"id": channel},
        "trigger_id": "1.2.3",
        "response_url": response_url,
        "container": {"type": "message", "channel_id": channel, "message_ts": "1.000100"},
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "filing:x",
                "value": value,
                "action_ts": "1.2",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)}).encode()


def test_mute_button_mutes_the_company_for_that_channel(served: Served) -> None:
    """Clicking "Mute EVIL" records the mute and tells the channel, hostile name escaped."""
    hook = f"{served.slack.api_url.removesuffix('api/')}respond/hook"
    status, _ = post(served.url, block_action("mute_company", "1990101", response_url=hook))
    assert status == 200
    deadline = time.monotonic() + 5
    while not served.slack.calls_to("hook") and time.monotonic() < deadline:
        time.sleep(0.02)
    (said,) = served.slack.calls_to("hook")
    assert said.body["response_type"] == "in_channel"
    assert "muted Evil &lt;!channel&gt; Bio" in said.body["text"]
    from bot.storage.watches import muted_channels

    with Session(served.engine) as session:
        assert muted_channels(session, 1990101) == {"C1"}
    add_watch(served.engine, "EVIL", "C1", lookup=lookup_stored(served.engine), now=now_utc())
    with Session(served.engine) as session:
        assert muted_channels(session, 1990101) == set()  # watching it again lifts the mute


def test_app_home_shows_the_users_channels_watchlists(served: Served) -> None:
    """app_home_opened publishes a view with the watchlists of the user's channels only."""
    slash(served, "watch IMGN", channel="CMINE")
    slash(served, "watch all", channel="COTHER")
    add_event(served.engine, "huC242-DM4")
    served.slack.user_channels["U1"] = ["CMINE"]
    event = {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": "Ev1",
        "event_time": int(time.time()),
        "event": {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"},
    }
    status, _ = post(served.url, json.dumps(event).encode(), content_type="application/json")
    assert status == 200
    deadline = time.monotonic() + 5
    while not served.slack.calls_to("views.publish") and time.monotonic() < deadline:
        time.sleep(0.02)
    (published,) = served.slack.calls_to("views.publish")
    view = json.dumps(published.body["view"])
    assert published.body["user_id"] == "U1"
    assert "<#CMINE>" in view
    assert "COTHER" not in view
    assert "huC242-DM4" in view
    assert "Pipelines of the companies you watch" not in view  # no drugs remembered yet


def test_healthz_before_any_poll_is_ok_within_three_intervals(served: Served) -> None:
    """A fresh service is healthy until three poll intervals pass without a good poll."""
    with urllib.request.urlopen(f"{served.url}/healthz", timeout=5) as response:
        assert (response.status, response.read()) == (200, b"ok")


def test_manifest_names_the_command_scopes_and_urls() -> None:
    """manifest.yml parses; it declares /phasewatch, the scopes we call, and /slack/events."""
    manifest = yaml.safe_load((REPO / "manifest.yml").read_text(encoding="utf-8"))
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/phasewatch"
    assert command["url"].endswith("/slack/events")
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "commands", "channels:history", "channels:read"} <= scopes
    settings = manifest["settings"]
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["interactivity"]["request_url"].endswith("/slack/events")
    assert settings["event_subscriptions"]["bot_events"] == ["app_home_opened"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_metrics_are_prometheus_text(served: Served) -> None:
    """GET /metrics answers the Prometheus exposition with phasewatch's counters."""
    with urllib.request.urlopen(f"{served.url}/metrics", timeout=5) as response:
        body = response.read().decode()
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    for name in (
        "phasewatch_filings_seen_total",
        "phasewatch_alerts_posted_total",
        "phasewatch_classify_seconds_bucket",
        "phasewatch_poll_lag_seconds",
    ):
        assert name in body


def test_pipeline_subcommand_shows_a_compact_table(served: Served) -> None:
    """`/phasewatch pipeline IMGN` answers the caller with the drugs table in a code block."""
    from bot.storage.drug_memory import remember_events

    add_event(served.engine, "huC242-DM4")
    with Session(served.engine) as session:
        rows = session.exec(select(EventRow)).all()
        remember_events(session, 855654, date(2007, 10, 25), rows, {})
        for row in rows:
            session.add(row)
        session.commit()
    reply = slash(served, "pipeline IMGN")
    assert reply["response_type"] == "ephemeral"
    text = reply["text"]
    assert text.startswith("```ImmunoGen, Inc. (IMGN) · CIK 855654")
    assert "huC242-DM4" in text
    assert "gastric cancer" in text
    assert "unknown company" in slash(served, "pipeline NOPE")["text"]


def test_watch_with_a_mention_as_forms_is_refused_and_never_echoed_live(served: Served) -> None:
    """`watch all --forms <@U0BOSS>`: refused (not a known form), answered to the caller only,
    the mention escaped so Slack shows it as text; no watch is stored."""
    reply = slash(served, "watch all --forms <@U0BOSS>")
    assert reply["response_type"] == "ephemeral"
    assert "unknown form '&lt;@U0BOSS&gt;'" in reply["text"]
    assert "<@U0BOSS>" not in reply["text"]
    assert list_watches(served.engine) == []


def test_list_never_echoes_a_broadcast(served: Served) -> None:
    """`<!HERE>` cannot get into a watch, and what `list` and `watch` echo is escaped."""
    reply = slash(served, "watch all --forms <!here>")
    assert "<!HERE>" not in reply["text"]
    assert "&lt;!HERE&gt;" in reply["text"]
    slash(served, "watch all --forms 8-k,6-K/A --events mtd")
    listed = slash(served, "list")["text"]
    assert "forms: 8-K,6-K/A" in listed
    assert "<!" not in listed


def test_forms_8K_is_refused_with_the_known_forms(served: Served) -> None:
    """`--forms 8K` used to be stored and then match nothing: now it names 8-K and the set."""
    reply = slash(served, "watch IMGN --forms 8K")
    assert "unknown form '8K'; did you mean 8-K? (known: 8-K, 8-K/A, 6-K, 6-K/A)" in reply["text"]
    assert list_watches(served.engine) == []
    accepted = slash(served, 'watch IMGN --forms "8-K, 8-K/A"')
    assert accepted["response_type"] == "in_channel"
    assert [w.forms for w in list_watches(served.engine)] == ["8-K,8-K/A"]


def test_command_over_the_length_cap_is_refused(served: Served) -> None:
    """A command longer than MAX_COMMAND_CHARS is refused in one line and changes nothing."""
    from bot.slack.slash import MAX_COMMAND_CHARS

    reply = slash(served, "watch IMGN --forms " + "8-K," * MAX_COMMAND_CHARS)
    assert f"at most {MAX_COMMAND_CHARS}" in reply["text"]
    assert list_watches(served.engine) == []


def test_recent_with_a_superscript_digit_is_a_target_not_a_crash(served: Served) -> None:
    """`recent ²`: '²' is a digit to str.isdigit but not a number: answered, not an error."""
    reply = slash(served, "recent ²")
    assert "unknown company" in reply["text"] or "not a ticker" in reply["text"]
