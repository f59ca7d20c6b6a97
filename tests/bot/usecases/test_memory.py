"""Pipeline memory: drugs with aliases, their state, transitions in alerts, repeats, recaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.domain.drugs import Known, judge, name_key, split_names
from bot.storage.aliases import resolve_drug
from bot.storage.models import now_utc
from bot.storage.store import create_db
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.backfill import plan_backfill, run_backfill
from bot.usecases.poll import PollReport, ensure_tickers, poll_once
from bot.views.pipeline import pipeline_view, render_pipeline_table
from tests.edgar_pages import PageFiling, submissions_json
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing
from tests.slack_server import FakeSlack

TIDE = (1990601, "TDMK", "Tidemark Bio, Inc.")
SEQUENCE = [
    (
        "2025-01-06",
        "Tidemark Bio announced that the U.S. Food and Drug Administration has cleared "
        "its Investigational New Drug application for TCB-101, allowing the company to begin a "
        "Phase 1 trial in non-small cell lung cancer.",
    ),
    (
        "2025-03-03",
        "The first patient has been dosed in the Phase 1 trial of TCB-101 in "
        "non-small cell lung cancer.",
    ),
    (
        "2025-09-08",
        "The maximum tolerated dose of TCB-101 has been established at 240 mg/m2 "
        "administered every three weeks.",
    ),
    (
        "2026-01-12",
        "Tidemark Bio has initiated the Phase 2 trial of TCB-101 in non-small cell lung cancer.",
    ),
    (
        "2026-02-17",
        "Tidemark Bio has initiated the Phase 2 trial of TCB-101 in non-small cell lung cancer.",
    ),
]


def test_a_drug_moves_through_its_phases_and_the_channel_hears_only_the_changes(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """IND cleared → Phase 1 dosed → MTD → Phase 2 initiated → Phase 2 restated."""
    rt = make_runtime(edgar, slack, db_url)
    serve_feeds(edgar, [], [TIDE])
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    shown: list[PageFiling] = []
    for n, (filed, sentence) in enumerate(SEQUENCE, start=1):
        filing = drug_filing(TIDE[0], TIDE[2], n, filed=filed)
        serve_filing(edgar, filing, sentence)
        shown.insert(0, filing)
        serve_feeds(edgar, shown, [TIDE])
        poll_once(rt, company_feeds=False)

    posts = slack.calls_to("chat.postMessage")
    top = [p for p in posts if not p.body.get("thread_ts")]
    replies = [p for p in posts if p.body.get("thread_ts")]
    assert len(top) == 3  # Phase 1 started, the MTD, Phase 2 started; the IND was only a plan
    assert "TCB-101 (non-small cell lung cancer): Phase 1 planned → started" in top[0].body["text"]
    assert "TCB-101: MTD 240 mg/m² (every three weeks)" in top[1].body["text"]
    assert (
        "TCB-101 (non-small cell lung cancer; MTD 240 mg/m²): Phase 1 → Phase 2 started"
        in (top[2].body["text"])
    )
    (reply,) = replies
    assert reply.body["thread_ts"] == slack.messages["C1"][2]["ts"]
    assert reply.body["text"].startswith("Also reported in 8-K")

    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert (drug["drug"], drug["phase"], drug["status"], drug["since"]) == (
        "TCB-101",
        "2",
        "started",
        "2026-01-12",
    )
    assert drug["indication"] == "non-small cell lung cancer"
    assert drug["mtd"] == {"value": 240, "unit": "mg/m2", "schedule": "every three weeks"}
    assert [(h["type"], h.get("phase"), h.get("status"), h["filed"]) for h in drug["history"]] == [
        ("phase_change", "1", "planned", "2025-01-06"),
        ("phase_change", "1", "started", "2025-03-03"),
        ("mtd", None, None, "2025-09-08"),
        ("phase_change", "2", "started", "2026-01-12"),
    ]


def test_a_channel_can_ask_for_no_repeats(edgar: FakeEdgar, slack: FakeSlack, db_url: str) -> None:
    """With --repeats none, the restatement goes nowhere; the news itself still arrives."""
    rt = make_runtime(edgar, slack, db_url)
    serve_feeds(edgar, [], [TIDE])
    ensure_tickers(rt, PollReport())
    add_watch(
        rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc(), repeats="none"
    )
    shown: list[PageFiling] = []
    for n, (filed, sentence) in enumerate(SEQUENCE[3:], start=4):
        filing = drug_filing(TIDE[0], TIDE[2], n, filed=filed)
        serve_filing(edgar, filing, sentence)
        shown.insert(0, filing)
        serve_feeds(edgar, shown, [TIDE])
        poll_once(rt, company_feeds=False)
    (post,) = slack.calls_to("chat.postMessage")
    assert "first seen: Phase 2 started" in post.body["text"]


def test_a_recap_of_history_changes_nothing_and_alerts_no_one(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """After Phase 2 started, a later filing saying Phase 1 completed is history, not news."""
    rt = make_runtime(edgar, slack, db_url)
    serve_feeds(edgar, [], [TIDE])
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    news = drug_filing(TIDE[0], TIDE[2], 1, filed="2026-01-12")
    recap = drug_filing(TIDE[0], TIDE[2], 2, filed="2026-02-01")
    serve_filing(edgar, news, SEQUENCE[3][1])
    serve_filing(edgar, recap, "Tidemark Bio completed the Phase 1 trial of TCB-101.")
    serve_feeds(edgar, [news], [TIDE])
    poll_once(rt, company_feeds=False)
    serve_feeds(edgar, [recap, news], [TIDE])
    poll_once(rt, company_feeds=False)
    assert len(slack.calls_to("chat.postMessage")) == 1
    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert (drug["phase"], drug["status"]) == ("2", "started")


def test_backfill_then_the_first_live_alert_shows_the_transition(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """History from the submissions JSON, then one new 8-K: 'Phase 1 → Phase 2 started'."""
    past = [
        drug_filing(TIDE[0], TIDE[2], n, filed=filed)
        for n, (filed, _) in enumerate(SEQUENCE[:3], start=1)
    ]
    for filing, (_, sentence) in zip(past, SEQUENCE[:3], strict=True):
        serve_filing(edgar, filing, sentence)
    edgar.add(
        f"/submissions/CIK{TIDE[0]:010d}.json",
        submissions_json(TIDE[0], TIDE[2], ["TDMK"], "2834", past),
    )
    serve_feeds(edgar, [], [TIDE])
    rt = make_runtime(edgar, slack, db_url)
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    run_backfill(rt, plan_backfill(rt, TIDE[0], None, ("8-K",)), post=False)
    assert slack.calls_to("chat.postMessage") == []

    live = drug_filing(TIDE[0], TIDE[2], 4, filed="2026-01-12")
    serve_filing(edgar, live, SEQUENCE[3][1])
    serve_feeds(edgar, [live], [TIDE])
    poll_once(rt, company_feeds=False)
    (post,) = slack.calls_to("chat.postMessage")
    assert "Phase 1 → Phase 2 started" in post.body["text"]
    assert "MTD 240 mg/m²" in post.body["text"]


def test_pipeline_command_prints_json_and_a_table(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`phasewatch pipeline TDMK --json` is the contract's object; without --json, a table."""
    test_backfill_then_the_first_live_alert_shows_the_transition(edgar, slack, db_url)
    from tests.bot.test_cli import phasewatch

    env = {
        "PHASEWATCH_DATABASE_URL": db_url,
        "PHASEWATCH_EDGAR_URL": edgar.url,
        "PHASEWATCH_EDGAR_DATA_URL": edgar.url,
    }
    result = phasewatch("pipeline", "TDMK", "--json", env=env)
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)
    assert (view["cik"], view["company"], view["tickers"]) == (TIDE[0], TIDE[2], ["TDMK"])
    assert view["drugs"][0]["phase"] == "2"
    table = phasewatch("pipeline", str(TIDE[0]), env=env).stdout
    assert "TCB-101" in table
    assert "240 mg/m²" in table
    lines = render_pipeline_table(view).splitlines()
    assert lines[1].split()[:4] == ["DRUG", "/", "INDICATION", "PHASE"]
    assert lines[2].split()[:3] == ["TCB-101", "2", "started"]  # the drug at its best phase
    assert lines[3].split()[-3:] == ["2", "started", "2026-01-12"]  # then its indications


ALIASES = [
    ("011.txt", ["etrasimod", "APD334", "APD-334", "APD 334", "Etrasimod"]),
    ("078.txt", ["sapacitabine", "CYC682", "CYC-682", "CYC 682"]),
]


@pytest.mark.parametrize(("doc", "names"), ALIASES, ids=[d for d, _ in ALIASES])
def test_code_names_and_inns_written_together_are_one_drug(
    shared: Path, db_url: str, doc: str, names: list[str]
) -> None:
    """Real corpus sentences ('Etrasimod (APD334)'): every spelling resolves to one drug."""
    text = (shared / "corpus" / doc).read_text(encoding="utf-8")
    engine = create_db(db_url)
    with Session(engine) as session:
        ids = {resolve_drug(session, 1, name, text).id for name in names}
        session.commit()
    assert len(ids) == 1


def test_seed_spellings_of_hu_c242_dm4_are_one_drug(seed_text: str, db_url: str) -> None:
    """huC242-DM4, HuC242-DM4 and huC242 DM4 (the seed writes the first two) are one drug."""
    engine = create_db(db_url)
    with Session(engine) as session:
        ids = {
            resolve_drug(session, 855654, n, seed_text).id
            for n in ("huC242-DM4", "HuC242-DM4", "huC242 DM4")
        }
    assert len(ids) == 1


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("tivantinib (ARQ 197)", ["tivantinib", "ARQ 197"]),
        ("ARQ 197, also known as tivantinib", ["ARQ 197", "tivantinib"]),
        ("huC242-DM4", ["huC242-DM4"]),
    ],
)
def test_split_names(raw: str, names: list[str]) -> None:
    """A drug written with its other name is split into both."""
    assert split_names(raw) == names
    assert name_key("ARQ-197") == name_key("ARQ 197") == name_key("arq197")


@pytest.mark.parametrize(
    ("known", "event", "change"),
    [
        (None, ("1", "started", "2025-01-01"), "new"),
        (("1", "started", "2025-01-01"), ("2", "started", "2025-06-01"), "advance"),
        (("1", "started", "2025-01-01"), ("1", "completed", "2025-06-01"), "advance"),
        (("2", "started", "2025-01-01"), ("2", "stopped", "2025-06-01"), "advance"),
        (("2", "started", "2025-01-01"), ("2", "started", "2025-06-01"), "repeat"),
        (("2", "started", "2025-06-01"), ("1", "completed", "2025-07-01"), "stale"),
        (("2", "started", "2025-06-01"), ("3", "started", "2025-01-01"), "stale"),
        (("1b", "started", "2025-01-01"), ("1/2", "started", "2025-02-01"), "advance"),
    ],
)
def test_judging_events_against_what_is_known(
    known: tuple[str, str, str] | None, event: tuple[str, str, str], change: str
) -> None:
    """News moves forward; the same news is a repeat; anything behind or older is stale."""
    from datetime import date

    state = Known(known[0], known[1], date.fromisoformat(known[2])) if known else None
    assert judge(state, event[0], event[1], date.fromisoformat(event[2])) == change


def test_merging_two_drugs_keeps_every_name_the_mtd_and_the_most_advanced_track(
    db_url: str,
) -> None:
    """ARQ 197 (Phase 1, NSCLC) and tivantinib (Phase 2, NSCLC; MTD 360 mg) become one drug."""
    from datetime import date

    from sqlmodel import select

    from bot.storage.models import DrugRow, DrugTrackRow

    engine = create_db(db_url)
    with Session(engine) as session:
        code = resolve_drug(session, 1, "ARQ 197", "")
        inn = resolve_drug(session, 1, "tivantinib", "")
        inn.mtd_kind, inn.mtd_value, inn.mtd_unit, inn.mtd_since = (
            "MTD",
            360,
            "mg",
            date(2025, 1, 6),
        )
        key = "non-small cell lung cancer"
        session.add(
            DrugTrackRow(drug_id=code.id or 0, indication_key=key, phase="1", status="started")
        )
        session.add(
            DrugTrackRow(drug_id=inn.id or 0, indication_key=key, phase="2", status="started")
        )
        session.add(
            DrugTrackRow(drug_id=inn.id or 0, indication_key="", phase="1", status="started")
        )
        session.commit()
        merged = resolve_drug(session, 1, "tivantinib (ARQ 197)", "")
        session.commit()
        (drug,) = session.exec(select(DrugRow)).all()
        assert drug.id == merged.id == code.id
        assert (drug.name, drug.names, drug.mtd_kind, drug.mtd_value) == (
            "ARQ 197",
            "ARQ 197|tivantinib",
            "MTD",
            360,
        )
        tracks = session.exec(select(DrugTrackRow).order_by(DrugTrackRow.indication_key)).all()
        assert [(t.drug_id, t.indication_key, t.phase) for t in tracks] == [
            (drug.id, "", "1"),
            (drug.id, key, "2"),
        ]
