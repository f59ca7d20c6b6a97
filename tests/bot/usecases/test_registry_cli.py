"""The registry through the real entry points: `poll --once` on the seed filing, `trial`,
`/phasewatch trial`, and the alert update's fallbacks (a thread reply, the console)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.slack.slash import SlashContext, handle_command
from bot.storage.models import now_utc
from bot.storage.store import create_db
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.deliver import ConsolePoster
from bot.usecases.poll import poll_once
from bot.usecases.registry_cycle import run_registry_cycle
from tests.bot.test_end_to_end import IMGN, phasewatch, serve_filings
from tests.bot.usecases.test_registry import (
    NCT,
    STARTED,
    TIDE,
    blocks_text,
    file_release,
    watched_runtime,
)
from tests.child_env import stand_in_env
from tests.ctgov_pages import study_record
from tests.ctgov_server import FakeCtgov
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, serve_feeds, serve_filing
from tests.service_process import start_service, wait_for
from tests.slack_server import FakeSlack, Scripted

SEED_NCT = "NCT00500019"
SEED_LINE = (
    "NCT00500019 · RECRUITING · Phase 2 · start 2007-10 (actual) · 45 planned · "
    "primary completion 2009-06 (estimated)"
)


@pytest.fixture
def ctgov() -> Iterator[FakeCtgov]:
    """A started registry stand-in serving our record of the seed's Phase 2 trial."""
    with FakeCtgov() as server:
        server.add_study(
            study_record(
                SEED_NCT,
                "RECRUITING",
                ["PHASE2"],
                start=("2007-10", "ACTUAL"),
                primary_completion=("2009-06", "ESTIMATED"),
                enrollment=(45, "ESTIMATED"),
                interventions=[("DRUG", "huC242-DM4", ["IMGN242"])],
                sponsor="ImmunoGen, Inc.",
                conditions=["Gastric Cancer"],
            )
        )
        yield server


@pytest.fixture
def registry_env(
    edgar: FakeEdgar, slack: FakeSlack, ctgov: FakeCtgov, db_url: str
) -> dict[str, str]:
    """Every base URL at a local stand-in, the registry switched on."""
    return stand_in_env(
        edgar,
        slack,
        db_url,
        SLACK_BOT_TOKEN="xoxb-test-token",
        PHASEWATCH_CTGOV_URL=ctgov.url,
        PHASEWATCH_CTGOV_MAX_RPS="5",
    )


def test_seed_alert_carries_the_registry_line_after_one_poll(
    edgar: FakeEdgar,
    slack: FakeSlack,
    ctgov: FakeCtgov,
    registry_env: dict[str, str],
    seed_text: str,
) -> None:
    """The seed 8-K naming its NCT id: one `poll --once` posts it, then updates it in place."""
    serve_filings(edgar, seed_text + f"\nThe study is registered under {SEED_NCT}.\n")
    assert phasewatch(registry_env, "watch", "add", "IMGN", "--channel", "C1").returncode == 0
    polled = phasewatch(registry_env, "poll", "--once")
    assert polled.returncode == 0, polled.stderr
    posts, updates = slack.calls_to("chat.postMessage"), slack.calls_to("chat.update")
    assert [p.body["channel"] for p in posts] == ["C1"]
    assert len(updates) == 1
    assert updates[0].body["ts"] == slack.messages["C1"][0]["ts"]
    text = blocks_text(updates[0].body)
    assert SEED_LINE in text
    assert "168 mg/m²" in text  # the alert's own lines are kept
    assert all(r.path.startswith("/api/v2/studies") for r in ctgov.requests)

    again = phasewatch(registry_env, "poll", "--once")
    assert again.returncode == 0, again.stderr
    assert len(slack.calls_to("chat.update")) == 1
    assert len(slack.calls_to("chat.postMessage")) == 1

    shown = phasewatch(registry_env, "trial", SEED_NCT, "--json")
    assert shown.returncode == 0, shown.stderr
    view = json.loads(shown.stdout)
    assert (view["nct_id"], view["status"], view["phases"]) == (SEED_NCT, "RECRUITING", ["PHASE2"])
    assert view["start"] == {"text": "2007-10", "precision": "month", "actual": True}
    assert [(m["accession"], m["drug"], m["source"]) for m in view["mentions"]] == [
        (IMGN.accession, "huC242-DM4", "text")
    ]
    table = phasewatch(registry_env, "trial", SEED_NCT.lower())
    assert table.stdout.splitlines()[0] == SEED_LINE
    assert f"8-K {IMGN.accession} IMMUNOGEN INC: huC242-DM4" in table.stdout

    ctgov.fault("/studies/", 429, retry_after="900")  # throttled for longer than we wait
    stale = phasewatch(registry_env | {"PHASEWATCH_CTGOV_TTL_HOURS": "0.0001"}, "trial", SEED_NCT)
    assert stale.returncode == 0, stale.stderr
    assert stale.stdout.splitlines()[0] == SEED_LINE
    assert "registry unavailable" in stale.stderr
    assert "showing the cached record" in stale.stderr


def test_trial_refuses_a_bad_id_and_reports_an_unknown_one(
    registry_env: dict[str, str], ctgov: FakeCtgov
) -> None:
    """A malformed id: exit 2 without a request; an unknown one: the registry's 404, one line."""
    bad = phasewatch(registry_env, "trial", "ABC123")
    assert bad.returncode == 2
    assert "not an NCT number" in bad.stderr
    assert ctgov.requests == []
    missing = phasewatch(registry_env, "trial", "NCT99999999")
    assert missing.returncode == 2
    assert missing.stderr.strip() == "phasewatch: error: registry: NCT number NCT99999999 not found"


def test_slash_trial_answers_from_the_cache(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """/phasewatch trial NCT…: the linked record and its filing; an uncached id says what to do."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    poll_once(rt)
    run_registry_cycle(rt, watch=False)
    ctx = SlashContext(engine=rt.engine, lookup=lookup_stored(rt.engine), clock=now_utc)
    reply = handle_command(ctx, f"trial {NCT.lower()}", "C1", "U1")
    assert reply.text.startswith(f"<https://clinicaltrials.gov/study/{NCT}|{NCT}> · RECRUITING")
    assert "0001990601-26-000001 Tidemark Bio, Inc.: TCB-101 (non-small cell lung cancer)" in (
        reply.text
    )
    uncached = handle_command(ctx, "trial NCT09999999", "C1", "U1").text
    assert "not in phasewatch's registry cache" in uncached
    assert handle_command(ctx, "trial 42", "C1", "U1").text.startswith("Usage")
    rt.close()


def test_a_message_slack_will_not_edit_gets_a_thread_reply(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """chat.update answers cant_update_message: the registry line goes into the alert's thread."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    poll_once(rt)
    slack.script("chat.update", Scripted(body={"ok": False, "error": "cant_update_message"}))
    assert run_registry_cycle(rt, watch=False).updated == 1
    reply = slack.calls_to("chat.postMessage")[-1].body
    assert reply["thread_ts"] == slack.messages["C1"][0]["ts"]
    assert "NCT09000001 · RECRUITING · Phase 2" in blocks_text(reply)
    assert run_registry_cycle(rt, watch=False).updated == 0
    rt.close()


def test_a_transient_slack_error_leaves_the_update_for_the_next_cycle(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """chat.update fails with a server error: not recorded, so the next cycle updates it."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    poll_once(rt)
    slack.script("chat.update", *[Scripted(body={"ok": False, "error": "internal_error"})])
    assert run_registry_cycle(rt, watch=False).updated == 0
    assert run_registry_cycle(rt, watch=False).updated == 1
    assert len(slack.calls_to("chat.update")) == 2
    rt.close()


def test_without_slack_the_registry_line_is_printed_under_the_alert(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov, tmp_path: Path
) -> None:
    """Console delivery: the line follows the printed alert."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    out = io.StringIO()
    rt.poster = ConsolePoster(out)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    poll_once(rt)
    run_registry_cycle(rt, watch=False)
    printed = out.getvalue()
    assert "TCB-101" in printed.split("registry")[0]
    assert "[#C1] ↳ registry (0001990601-26-000001): NCT09000001 · RECRUITING" in printed
    rt.close()


def test_the_service_updates_its_alert_from_its_own_registry_job(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """`phasewatch run`: the deliver job posts the alert, then the registry job updates it."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    filing = drug_filing(TIDE[0], TIDE[2], 1)
    serve_feeds(edgar, [filing], [TIDE])
    serve_filing(edgar, filing, f"{STARTED} ({NCT}).")
    engine = create_db(db_url)
    add_watch(engine, "all", "C1", lookup=lookup_stored(engine), now=now_utc())
    engine.dispose()
    service = start_service(
        edgar,
        slack,
        db_url,
        PHASEWATCH_CTGOV_URL=ctgov.url,
        PHASEWATCH_CTGOV_MAX_RPS="5",
        PHASEWATCH_CTGOV_LOOKUP_SECONDS="1",
    )
    try:
        wait_for(lambda: slack.calls_to("chat.update"), timeout=30, what="the registry update")
    finally:
        service.stop()
    posted = slack.calls_to("chat.postMessage")
    assert len(posted) == 1
    update = slack.calls_to("chat.update")
    assert len(update) == 1
    assert update[0].at > posted[0].at
    assert "NCT09000001 · RECRUITING · Phase 2" in blocks_text(update[0].body)
