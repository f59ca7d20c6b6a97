"""Registry lookups end to end: a real runtime, SQLite file, EDGAR, Slack and registry stand-ins.

An alert is posted first; the lookup (its own cycle) then adds the ClinicalTrials.gov line with
chat.update. The registry down (503s, a hang) delays no alert and loses no lookup.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.slack.home import render_home
from bot.slack.status_blocks import render_status
from bot.storage.models import RegistryLookupRow, TrialMentionRow, now_utc
from bot.storage.registry_store import get_lookup
from bot.storage.trial_queries import company_trials
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.context import Runtime
from bot.usecases.poll import PollReport, deliver, ensure_tickers, poll_once
from bot.usecases.registry_cycle import run_registry_cycle
from bot.views.pipeline import pipeline_view
from bot.views.status import gather_status
from bot.views.trials import attach_trials, render_company_trials
from tests.ctgov_pages import study_record
from tests.ctgov_server import FakeCtgov
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing, today_et
from tests.slack_server import FakeSlack

TIDE = (1990601, "TDMK", "Tidemark Bio, Inc.")
NCT = "NCT09000001"
LINE = (
    "NCT09000001 · RECRUITING · Phase 2 · start 2024-03 (actual) · 120 planned · "
    "primary completion 2026-06 (estimated)"
)
STARTED = "Tidemark Bio has initiated the Phase 2 trial of TCB-101 in non-small cell lung cancer"


@pytest.fixture
def ctgov() -> Iterator[FakeCtgov]:
    """A started registry stand-in."""
    with FakeCtgov() as server:
        yield server


def watched_runtime(edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov) -> Runtime:
    """A runtime on the stand-ins whose channel C1 watches Tidemark Bio (TDMK)."""
    rt = make_runtime(edgar, slack, db_url, PHASEWATCH_CTGOV_URL=ctgov.url)
    serve_feeds(edgar, [], [TIDE])
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    return rt


def file_release(edgar: FakeEdgar, n: int, sentence: str) -> None:
    """Tidemark files its n-th 8-K, whose press release says `sentence`, on the current feed."""
    filing = drug_filing(TIDE[0], TIDE[2], n)
    serve_filing(edgar, filing, sentence)
    serve_feeds(edgar, [filing], [TIDE])


def blocks_text(call_body: dict[str, object]) -> str:
    """Every text of a recorded Slack call, blocks included."""
    return str(call_body.get("blocks")) + str(call_body.get("text"))


def test_the_alert_is_posted_first_then_updated_with_the_registry_line(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """NCT id in the release: posted without waiting, then chat.update adds the linked line."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    report = poll_once(rt)
    assert report.posted == 1
    assert ctgov.requests == []  # the alert never waited for the registry
    posted = slack.calls_to("chat.postMessage")[0]
    assert "ClinicalTrials.gov" not in str(posted.body.get("blocks"))

    cycle = run_registry_cycle(rt, watch=False)
    assert (cycle.lookups.done, cycle.updated) == (1, 1)
    update = slack.calls_to("chat.update")[0]
    assert update.body["ts"] == slack.messages["C1"][0]["ts"]
    text = blocks_text(update.body)
    assert LINE in text
    assert f"<https://clinicaltrials.gov/study/{NCT}|{NCT}>" in text
    assert "TCB-101" in text  # the alert itself is still there
    assert "disagrees" not in text
    assert len(ctgov.requests) == 1

    again = run_registry_cycle(rt)
    assert (again.lookups.done, again.updated) == (0, 0)
    assert len(slack.calls_to("chat.update")) == 1
    rt.close()


def test_a_registry_status_that_contradicts_the_filing_is_flagged(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """The filing says the trial started; the registry says NOT_YET_RECRUITING: a flag."""
    ctgov.add_study(
        study_record(NCT, "NOT_YET_RECRUITING", ["PHASE2"], start=("2027-01", "ESTIMATED"))
    )
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    poll_once(rt)
    run_registry_cycle(rt)
    text = blocks_text(slack.calls_to("chat.update")[0].body)
    assert "NOT_YET_RECRUITING · Phase 2 · start 2027-01 (estimated)" in text
    assert ":warning: Registry disagrees: the filing says the trial started" in text
    rt.close()


def test_a_claimed_stop_while_the_registry_says_recruiting_is_flagged(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """'discontinued' in the filing, RECRUITING in the registry: flagged."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(
        edgar,
        1,
        f"Tidemark Bio has discontinued the Phase 2 trial of TCB-101 in non-small cell lung "
        f"cancer ({NCT}).",
    )
    poll_once(rt)
    run_registry_cycle(rt)
    text = blocks_text(slack.calls_to("chat.update")[0].body)
    assert "the filing says the trial stopped; the registry says RECRUITING" in text
    rt.close()


def test_registry_503s_delay_nothing_and_lose_nothing(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """503s: the alert stands, the lookup is retried later with backoff, then completes."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    ctgov.fault("/studies", *[503] * 12)
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    now = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
    rt.clock = lambda: now
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    assert poll_once(rt).posted == 1
    cycle = run_registry_cycle(rt)
    assert (cycle.lookups.done, cycle.lookups.retried) == (0, 1)
    lookup = get_lookup(rt.engine, drug_filing(TIDE[0], TIDE[2], 1).accession)
    assert lookup is not None
    assert (lookup.state, lookup.attempts) == ("pending", 1)
    assert "503" in (lookup.last_error or "")
    assert run_registry_cycle(rt).lookups.retried == 0  # not due again yet: no hammering
    assert "*Registry lookups:* 1 pending" in render_status(gather_status(rt.engine, now))
    assert slack.calls_to("chat.update") == []

    metrics = rt.metrics.render().decode()
    assert 'phasewatch_registry_requests_total{status="503"}' in metrics
    ctgov.faults.clear()
    now += timedelta(minutes=2)
    assert run_registry_cycle(rt).updated == 1
    assert LINE in blocks_text(slack.calls_to("chat.update")[0].body)
    rt.close()


def test_a_hanging_registry_delays_no_alert(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """A registry that never answers: the alert is out at once; the cycle ends by its deadline."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    ctgov.hang("/studies", 5.0, times=10)
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    assert poll_once(rt).posted == 1
    began = time.monotonic()
    cycle = run_registry_cycle(rt)
    assert time.monotonic() - began < 3.0
    assert cycle.lookups.retried == 1
    with Session(rt.engine) as session:
        assert session.exec(select(RegistryLookupRow.state)).all() == ["pending"]
    rt.close()


def test_a_lookup_gives_up_after_bounded_retries(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """A registry down for good: six attempts over growing intervals, then failed; alert stands."""
    ctgov.fault("/studies", *[503] * 100)
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    now = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
    rt.clock = lambda: now
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    poll_once(rt)
    for _ in range(10):
        run_registry_cycle(rt)
        now += timedelta(hours=2)
    lookup = get_lookup(rt.engine, drug_filing(TIDE[0], TIDE[2], 1).accession)
    assert lookup is not None
    assert (lookup.state, lookup.attempts) == ("failed", 6)
    assert len(slack.calls_to("chat.postMessage")) == 1
    rt.close()


def test_without_an_nct_id_a_search_by_drug_and_sponsor_matches_one_trial(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """No id written: the only Phase 2 TCB-101 trial of Tidemark is matched and remembered."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"], sponsor="Tidemark Bio, Inc."))
    ctgov.add_study(study_record("NCT09000002", "COMPLETED", ["PHASE1"], sponsor="Tidemark Bio"))
    other = [("DRUG", "TCB-202", ())]
    ctgov.add_study(
        study_record(
            "NCT09000003", "RECRUITING", ["PHASE2"], interventions=other, sponsor="Tidemark Bio"
        )
    )
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED}.")
    poll_once(rt)
    run_registry_cycle(rt)
    search = ctgov.requests_to("/studies")[0].query
    assert (search["query.intr"], search["query.spons"]) == ("TCB-101", "Tidemark Bio")
    assert search["filter.advanced"] == "AREA[Phase]PHASE2"
    assert LINE in blocks_text(slack.calls_to("chat.update")[0].body)
    with Session(rt.engine) as session:
        mention = session.exec(select(TrialMentionRow)).one()
    assert (mention.nct_id, mention.source, mention.drug) == (NCT, "search", "TCB-101")
    rt.close()


def test_an_ambiguous_search_says_how_many_candidates(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """Two Phase 2 TCB-101 trials of Tidemark: no match, the alert says 2 candidates."""
    for nct in (NCT, "NCT09000004"):
        ctgov.add_study(study_record(nct, "RECRUITING", ["PHASE2"], sponsor="Tidemark Bio"))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED}.")
    poll_once(rt)
    run_registry_cycle(rt)
    text = blocks_text(slack.calls_to("chat.update")[0].body)
    assert "2 candidate trials for TCB-101 (Phase 2) sponsored by Tidemark Bio" in text
    assert "NCT09000004 ·" not in text
    rt.close()


def test_a_watched_trial_terminated_in_the_registry_is_one_alert_and_moves_the_pipeline(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """RECRUITING → TERMINATED on the stand-in: one registry alert, pipeline 'stopped'; the
    same status read again gives none."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    poll_once(rt)
    run_registry_cycle(rt, watch=False)
    assert pipeline_view(rt.engine, TIDE[0])["drugs"][0]["status"] == "started"

    ctgov.set_status(NCT, "TERMINATED", today_et())
    ctgov.studies[NCT]["protocolSection"]["statusModule"]["whyStopped"] = "Sponsor decision"
    ctgov.requests.clear()
    cycle = run_registry_cycle(rt, watch=True)
    assert cycle.registry_pass is not None
    assert (cycle.registry_pass.changed, cycle.alerts_queued) == (1, 1)
    assert cycle.registry_pass.requests == 2  # the light status read, then the full record
    assert deliver(rt).posted == 1
    alert = slack.calls_to("chat.postMessage")[-1].body
    text = blocks_text(alert)
    assert "Tidemark Bio, Inc. (TDMK) · ClinicalTrials.gov" in text
    assert "Phase 2 started → stopped (terminated)" in text
    assert "TERMINATED (it was RECRUITING)" in text
    assert "Sponsor decision" in text
    view = pipeline_view(rt.engine, TIDE[0])["drugs"][0]
    assert (view["phase"], view["status"]) == ("2", "stopped")
    assert view["history"][-1]["accession"].startswith(f"ctgov-{NCT}-terminated-")

    again = run_registry_cycle(rt, watch=True)
    assert again.alerts_queued == 0
    assert again.registry_pass is not None
    assert again.registry_pass.requests == 1
    assert deliver(rt).posted == 0
    assert len(slack.calls_to("chat.postMessage")) == 2
    rt.close()


def test_the_registry_off_queues_nothing_and_asks_nothing(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """PHASEWATCH_CTGOV_URL empty: alerts as before, no lookups, no registry requests."""
    rt = make_runtime(edgar, slack, db_url)
    assert rt.ctgov is None
    serve_feeds(edgar, [], [TIDE])
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    assert poll_once(rt).posted == 1
    assert run_registry_cycle(rt).lookups.done == 0
    with Session(rt.engine) as session:
        assert session.exec(select(RegistryLookupRow)).all() == []
        assert session.exec(select(TrialMentionRow.nct_id)).all() == [NCT]
    rt.close()


def test_a_matched_trial_feeds_the_drug_aliases_and_shows_in_the_pipeline(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """otherNames become aliases: a later filing naming TDM-101 moves the same drug;
    the pipeline lists the trial and fills each indication track's `nct`."""
    names = [("DRUG", "TCB-101", ["Tecabart", "TDM-101"])]
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"], interventions=names))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    poll_once(rt)
    run_registry_cycle(rt, watch=False)
    view = pipeline_view(rt.engine, TIDE[0])
    assert {"Tecabart", "TDM-101"} <= set(view["drugs"][0]["aliases"])

    file_release(
        edgar,
        2,
        "Tidemark Bio has completed the Phase 2 trial of TDM-101 in non-small cell lung cancer.",
    )
    poll_once(rt)
    after = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert [(d["drug"], d["status"]) for d in after] == [("TCB-101", "completed")]

    trials = company_trials(rt.engine, TIDE[0])
    table = render_company_trials(trials)
    assert table.splitlines()[1].split()[:3] == [NCT, "RECRUITING", "TCB-101"]
    shown = attach_trials(pipeline_view(rt.engine, TIDE[0]), trials)  # `pipeline --json`
    (track,) = shown["drugs"][0]["indications"]
    assert (track["indication"], track["nct"]) == ("non-small cell lung cancer", [NCT])
    assert f"{NCT}  RECRUITING" in str(render_home(rt.engine, {"C1"})["blocks"])
    rt.close()


@pytest.mark.postgres
def test_lookups_updates_and_the_registry_watch_on_postgresql(
    edgar: FakeEdgar, slack: FakeSlack, pg_url: str, ctgov: FakeCtgov
) -> None:
    """The same lookup, update and RECRUITING → TERMINATED alert, on PostgreSQL."""
    test_a_watched_trial_terminated_in_the_registry_is_one_alert_and_moves_the_pipeline(
        edgar, slack, pg_url, ctgov
    )
    assert len(slack.calls_to("chat.update")) == 1


def test_an_nct_id_the_registry_does_not_know_is_said_so(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """The filing names NCT09999999, the registry answers 404: the alert says it is unregistered."""
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} (NCT09999999).")
    poll_once(rt)
    cycle = run_registry_cycle(rt, watch=False)
    assert (cycle.lookups.done, cycle.updated) == (1, 1)
    text = blocks_text(slack.calls_to("chat.update")[0].body)
    assert "Registry: none of the trials named is registered (TCB-101 (Phase 2))" in text
    assert [r.path for r in ctgov.requests] == ["/api/v2/studies/NCT09999999"]
    rt.close()


def test_a_throttling_registry_leaves_the_lookup_for_later(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """429s past the retries: the lookup waits with backoff; the alert is already out."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    ctgov.fault("/studies", *[429] * 8)
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED} ({NCT}).")
    assert poll_once(rt).posted == 1
    cycle = run_registry_cycle(rt)
    assert (cycle.lookups.retried, cycle.lookups.outage, cycle.registry_pass) == (1, True, None)
    lookup = get_lookup(rt.engine, drug_filing(TIDE[0], TIDE[2], 1).accession)
    assert lookup is not None
    assert "rate-limited" in (lookup.last_error or "")
    rt.close()


def test_a_refused_filtered_search_falls_back_to_the_plain_one(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """The registry answers 400 to the fields/phase-filtered search: the plain search still
    finds the trial, and the phase is checked locally."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"], sponsor="Tidemark Bio, Inc."))
    ctgov.add_study(study_record("NCT09000005", "RECRUITING", ["PHASE3"], sponsor="Tidemark Bio"))
    ctgov.fault("/studies", 400)
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    file_release(edgar, 1, f"{STARTED}.")
    poll_once(rt)
    assert run_registry_cycle(rt, watch=False).updated == 1
    first, second = ctgov.requests_to("/studies")[:2]
    assert "filter.advanced" in first.query
    assert "filter.advanced" not in second.query
    assert "fields" not in second.query
    assert LINE in blocks_text(slack.calls_to("chat.update")[0].body)
    rt.close()


def test_a_trial_first_seen_by_the_pass_is_a_baseline_read_lightly(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, ctgov: FakeCtgov
) -> None:
    """A known but never-read trial: one light request, no alert; its next change is news."""
    ctgov.add_study(study_record(NCT, "RECRUITING", ["PHASE2"]))
    rt = watched_runtime(edgar, slack, db_url, ctgov)
    with Session(rt.engine) as session:
        session.add(TrialMentionRow(accession="0001990601-25-000007", nct_id=NCT, cik=TIDE[0]))
        session.commit()
    first = run_registry_cycle(rt, watch=True).registry_pass
    assert first is not None
    assert (first.trials, first.requests, first.alerts_queued) == (1, 1, 0)
    ctgov.set_status(NCT, "SUSPENDED", today_et())
    second = run_registry_cycle(rt, watch=True).registry_pass
    assert second is not None
    assert (second.requests, second.changed, second.alerts_queued) == (2, 1, 1)
    assert deliver(rt).posted == 1
    assert "SUSPENDED (it was RECRUITING)" in blocks_text(
        slack.calls_to("chat.postMessage")[0].body
    )
    rt.close()
