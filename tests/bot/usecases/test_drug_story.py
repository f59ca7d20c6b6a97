"""A drug's story as an analyst follows it: filings through the real poll, alerts on the Slack
stand-in, and the pipeline the memory ends with."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.domain.event_keys import in_lead
from bot.slack.render import render_event_line
from bot.storage.drug_memory import attach_nct, remember_events
from bot.storage.models import DrugTrackRow, EventRow, now_utc
from bot.storage.store import create_db
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.backfill import plan_backfill, run_backfill
from bot.usecases.context import Runtime
from bot.usecases.poll import PollReport, ensure_tickers, poll_once
from bot.views.pipeline import pipeline_view
from classifiers import classify
from tests.alert_events import stored_alert_event
from tests.edgar_pages import PageFiling, submissions_json
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing
from tests.slack_server import FakeSlack, SlackCall

TIDE = (1990601, "TDMK", "Tidemark Bio, Inc.")


def tell(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, story: Sequence[tuple[str, str]]
) -> Runtime:
    """Watch TDMK in C1, then file each (date, sentence) as one 8-K and poll after each."""
    rt = make_runtime(edgar, slack, db_url)
    serve_feeds(edgar, [], [TIDE])
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    shown: list[PageFiling] = []
    for n, (filed, sentence) in enumerate(story, start=1):
        filing = drug_filing(TIDE[0], TIDE[2], n, filed=filed)
        serve_filing(edgar, filing, sentence)
        shown.insert(0, filing)
        serve_feeds(edgar, shown, [TIDE])
        poll_once(rt, company_feeds=False)
    return rt


def top_and_replies(slack: FakeSlack) -> tuple[list[str], list[SlackCall]]:
    """The text of each top-level message, and the thread replies."""
    posts = slack.calls_to("chat.postMessage")
    top = [p.body["text"] for p in posts if not p.body.get("thread_ts")]
    return top, [p for p in posts if p.body.get("thread_ts")]


PHASE_2_NSCLC = (
    "Tidemark Bio has initiated the Phase 2 trial of TCB-101 in non-small cell lung cancer."
)


def five_filings(stage: str) -> list[tuple[str, str]]:
    """The issue's story: IND, Phase 1 in (advanced) NSCLC, MTD, Phase 2 in NSCLC, restated."""
    return [
        (
            "2025-01-06",
            "Tidemark Bio announced that the U.S. Food and Drug Administration has cleared its "
            "Investigational New Drug application for TCB-101, allowing the company to begin a "
            f"Phase 1 trial in {stage}non-small cell lung cancer.",
        ),
        (
            "2025-03-03",
            "The first patient has been dosed in the Phase 1 trial of TCB-101 in "
            f"{stage}non-small cell lung cancer.",
        ),
        ("2025-09-08", "The maximum tolerated dose of TCB-101 has been established at 40 mg/m2."),
        (
            "2026-01-12",
            PHASE_2_NSCLC,
        ),
        (
            "2026-02-17",
            PHASE_2_NSCLC,
        ),
    ]


@pytest.mark.parametrize("stage", ["advanced ", ""], ids=["advanced", "plain"])
def test_the_five_filing_story_names_the_phase_1_to_phase_2_move(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, stage: str
) -> None:
    """Phase 1 started, the MTD, 'Phase 1 → Phase 2 started' for TCB-101, the repeat threaded."""
    rt = tell(edgar, slack, db_url, five_filings(stage))
    top, replies = top_and_replies(slack)
    assert len(top) == 3
    assert f"TCB-101 ({stage}non-small cell lung cancer): Phase 1 planned → started" in top[0]
    assert "TCB-101: MTD 40 mg/m²" in top[1]
    assert "TCB-101 (non-small cell lung cancer; MTD 40 mg/m²): Phase 1 → Phase 2 started" in top[2]
    assert "first seen" not in top[2]
    (reply,) = replies
    assert reply.body["thread_ts"] == slack.messages["C1"][2]["ts"]

    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert (drug["drug"], drug["indication"], drug["phase"], drug["status"], drug["since"]) == (
        "TCB-101",
        "non-small cell lung cancer",
        "2",
        "started",
        "2026-01-12",
    )
    assert drug["mtd"] == {"value": 40, "unit": "mg/m2", "schedule": None}
    assert [(h["type"], h.get("phase"), h.get("status"), h["filed"]) for h in drug["history"]] == [
        ("phase_change", "1", "planned", "2025-01-06"),
        ("phase_change", "1", "started", "2025-03-03"),
        ("mtd", None, None, "2025-09-08"),
        ("phase_change", "2", "started", "2026-01-12"),
    ]
    (track,) = drug["indications"]
    assert track == {
        "indication": "non-small cell lung cancer",
        "qualifier": None,  # the Phase 2 trial's own words carry no stage
        "phase": "2",
        "status": "started",
        "since": "2026-01-12",
        "nct": [],
    }


def test_a_later_phase_in_a_new_indication_is_the_drugs_move_from_its_early_track(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Phase 1 in advanced solid tumors, then Phase 2 in NSCLC: the drug moved, not 'first seen'."""
    rt = tell(
        edgar,
        slack,
        db_url,
        [
            (
                "2025-03-03",
                "The first patient has been dosed in the Phase 1 trial of TCB-101 in patients "
                "with advanced solid tumors.",
            ),
            ("2026-01-12", "Tidemark Bio has initiated the Phase 2 trial of TCB-101 in NSCLC."),
        ],
    )
    top, _ = top_and_replies(slack)
    assert "TCB-101 (advanced solid tumors): first seen: Phase 1 started" in top[0]
    assert "TCB-101: Phase 1 (advanced solid tumors) → Phase 2 started in NSCLC" in top[1]
    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert (drug["indication"], drug["phase"]) == ("non-small cell lung cancer", "2")
    assert [(t["indication"], t["qualifier"], t["phase"]) for t in drug["indications"]] == [
        ("non-small cell lung cancer", None, "2"),
        ("solid tumors", "advanced", "1"),
    ]


def test_the_same_or_an_earlier_phase_in_another_indication_is_a_new_indication(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """After Phase 2 in NSCLC: Phase 2 in psoriasis and Phase 1 in HCC say 'new indication'."""
    rt = tell(
        edgar,
        slack,
        db_url,
        [
            ("2026-01-12", "Tidemark Bio has initiated the Phase 2 trial of TCB-101 in NSCLC."),
            (
                "2026-03-02",
                "The first patient has been dosed in the Phase 2 trial of TCB-101 in psoriasis.",
            ),
            (
                "2026-04-06",
                "The first patient has been dosed in the Phase 1 trial of TCB-101 in "
                "unresectable HCC.",
            ),
        ],
    )
    top, replies = top_and_replies(slack)
    assert len(top) == 3
    assert replies == []
    assert "TCB-101: new indication: Phase 2 started in psoriasis" in top[1]
    assert "TCB-101: new indication: Phase 1 started in unresectable HCC" in top[2]
    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert (drug["indication"], drug["phase"], drug["since"]) == (
        "non-small cell lung cancer",
        "2",
        "2026-01-12",
    )
    assert [(t["indication"], t["qualifier"], t["phase"]) for t in drug["indications"]] == [
        ("non-small cell lung cancer", None, "2"),  # of equals, the first to get there
        ("psoriasis", None, "2"),
        ("hepatocellular carcinoma", "unresectable", "1"),
    ]


def test_two_drugs_started_in_one_release_are_two_events_and_one_message(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Both drugs' starts are kept, both drugs move, and one message names both."""
    rt = tell(
        edgar,
        slack,
        db_url,
        [
            (
                "2026-01-12",
                "The first patient was dosed in the Phase 2 trial of TCB-101 in NSCLC. "
                "The first patient was dosed in the Phase 2 trial of HX-3 in psoriasis.",
            )
        ],
    )
    (post,) = slack.calls_to("chat.postMessage")
    assert "TCB-101 (NSCLC): first seen: Phase 2 started" in post.body["text"]
    assert "HX-3 (psoriasis): first seen: Phase 2 started" in post.body["text"]
    sections = [b for b in post.body["blocks"] if b["type"] == "section"]
    assert len(sections) == 2
    drugs = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert sorted((d["drug"], d["indication"], d["phase"], d["status"]) for d in drugs) == [
        ("HX-3", "psoriasis", "2", "started"),
        ("TCB-101", "non-small cell lung cancer", "2", "started"),
    ]


def test_two_names_written_together_later_merge_two_drugs_without_a_new_alert(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """ARQ 197 and tivantinib, kept apart, become one drug when a filing writes both."""
    rt = tell(
        edgar,
        slack,
        db_url,
        [
            (
                "2025-03-03",
                "The first patient has been dosed in the Phase 1 trial of ARQ 197 in "
                "non-small cell lung cancer.",
            ),
            (
                "2025-04-07",
                "The first patient has been dosed in the Phase 1 trial of tivantinib in "
                "advanced NSCLC.",
            ),
            (
                "2025-06-02",
                "Tidemark Bio has dosed the first patient in the Phase 1 trial of tivantinib "
                "(ARQ 197) in NSCLC.",
            ),
            ("2026-01-12", "Tidemark Bio initiated the Phase 2 trial of tivantinib in NSCLC."),
        ],
    )
    top, replies = top_and_replies(slack)
    assert len(top) == 3  # the two names first seen apart, then the Phase 2 start
    (reply,) = replies  # the filing naming both is a restatement, in the first one's thread
    assert reply.body["thread_ts"] == slack.messages["C1"][0]["ts"]
    assert "tivantinib (NSCLC): Phase 1 → Phase 2 started" in top[2]
    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert (drug["drug"], drug["aliases"], drug["phase"]) == ("ARQ 197", ["tivantinib"], "2")
    assert [(h["phase"], h["status"], h["filed"]) for h in drug["history"]] == [
        ("1", "started", "2025-03-03"),
        ("2", "started", "2026-01-12"),
    ]
    assert len(drug["indications"]) == 1


DRUGLESS_LEAD = (
    "Tidemark Bio Announces First Patient Dosed in Phase 2 Trial. CAMBRIDGE, Mass., Jan. 12, "
    "2026 -- Tidemark Bio today announced that the first patient has been dosed in its Phase 2 "
    "trial."
)
FILLER = " ".join(
    ["Tidemark Bio reported cash of $50 million at quarter end, enough to fund operations."] * 16
)


def test_a_drugless_start_in_the_lead_alerts_as_an_unnamed_drug_and_moves_nothing(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A headline with no drug: 'unnamed drug: Phase 2 started'; TCB-101 stays where it was."""
    rt = tell(
        edgar,
        slack,
        db_url,
        [
            (
                "2025-03-03",
                "The first patient has been dosed in the Phase 1 trial of TCB-101 in NSCLC.",
            ),
            ("2026-01-12", DRUGLESS_LEAD),
        ],
    )
    top, _ = top_and_replies(slack)
    assert len(top) == 2
    assert "unnamed drug: Phase 2 started" in top[1]
    assert "first seen" not in top[1]
    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert (drug["drug"], drug["phase"]) == ("TCB-101", "1")
    assert len(drug["history"]) == 1


def test_a_drugless_start_deep_in_a_release_is_no_alert(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Past the headline and lead, a start without a drug is set aside: no message, no drug."""
    rt = tell(
        edgar,
        slack,
        db_url,
        [
            (
                "2026-01-12",
                f"{FILLER} The first patient has been dosed in the Company's Phase 2 trial.",
            )
        ],
    )
    assert slack.calls_to("chat.postMessage") == []
    assert pipeline_view(rt.engine, TIDE[0])["drugs"] == []


CYTRX = (799698, "CYTR", "CytRx Corp")
# Three real CytRx releases (corpus2 labels: company "CytRx"), filed in the order they tell:
# INNO-206 Phase 1b started in advanced solid tumours; aldoxorubicin (INNO-206) Phase 1b of a
# combination in advanced solid tumors; aldoxorubicin Phase 2 started in unresectable GBM.
CYTRX_RELEASES = [("063", "2011-04-05"), ("064", "2012-07-25"), ("065", "2013-06-17")]


def serve_text(edgar: FakeEdgar, filing: PageFiling, text: str) -> None:
    """Serve a filing whose EX-99.1 is `text`, one HTML paragraph per paragraph of it (escaped)."""
    serve_filing(edgar, filing, "")
    paragraphs = (" ".join(p.split()) for p in text.replace("\r", "").split("\n\n"))
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    page = f"<html><body>{body}</body></html>"
    edgar.add(f"{filing.folder}/{filing.docs[1].filename}", page.encode())


def backfill_then_poll(
    shared: Path,
    edgar: FakeEdgar,
    slack: FakeSlack,
    db_url: str,
    *,
    company: tuple[int, str, str],
    releases: Sequence[tuple[str, str]],
) -> Runtime:
    """Backfill all but the last (corpus2 doc, filed) release of `company`, then poll the last."""
    cik, ticker, name = company
    filings = []
    for n, (doc, filed) in enumerate(releases, start=1):
        path = shared / "corpus2" / f"{doc}.txt"
        if not path.is_file():
            pytest.skip(f"corpus2 document absent: {path}")
        filing = drug_filing(cik, name, n, filed=filed)
        serve_text(edgar, filing, path.read_text(encoding="utf-8"))
        filings.append(filing)
    *past, live = filings
    edgar.add(
        f"/submissions/CIK{cik:010d}.json", submissions_json(cik, name, [ticker], "2834", past)
    )
    serve_feeds(edgar, [], [company])
    rt = make_runtime(edgar, slack, db_url)
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, ticker, "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    run_backfill(rt, plan_backfill(rt, cik, None, ("8-K",)), post=False)
    serve_feeds(edgar, [live], [company])
    poll_once(rt, company_feeds=False)
    return rt


def test_real_releases_of_one_company_end_in_the_pipeline_an_analyst_keeps(
    shared: Path, edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Backfilled history, then the live Phase 2 start: one drug under both its names, moved
    from its early track to glioblastoma, and the alert names the move."""
    rt = backfill_then_poll(shared, edgar, slack, db_url, company=CYTRX, releases=CYTRX_RELEASES)
    (post,) = slack.calls_to("chat.postMessage")
    assert (
        "aldoxorubicin: Phase 1b (advanced solid tumours) → Phase 2 started in unresectable "
        "glioblastoma" in post.body["text"]
    )
    drugs = {d["drug"]: d for d in pipeline_view(rt.engine, CYTRX[0])["drugs"]}
    drug = drugs["INNO-206"]
    assert "aldoxorubicin" in drug["aliases"]
    assert (drug["indication"], drug["phase"], drug["status"]) == ("glioblastoma", "2", "started")
    assert [
        (t["indication"], t["qualifier"], t["phase"], t["status"]) for t in drug["indications"]
    ] == [
        ("glioblastoma", "unresectable", "2", "started"),
        ("solid tumours", "advanced", "1b", "started"),
    ]
    assert [(h["phase"], h["status"], h["filed"]) for h in drug["history"]] == [
        ("1b", "started", "2011-04-05"),
        ("2", "started", "2013-06-17"),
    ]


ONCOTHYREON = (1412067, "ONTY", "Oncothyreon Inc.")
# Three real Oncothyreon releases (corpus2 labels: company "Oncothyreon"; its fourth, 099, has
# MTDs the classifier does not find), in the order they tell: PX-866 IND and Phase 1 plan;
# Phase 1/2 with cetuximab started; Phase 1 completed and Phase 2 started.
ONCOTHYREON_RELEASES = [("101", "2008-06-02"), ("100", "2010-12-20"), ("098", "2011-10-20")]


def test_real_releases_move_one_drug_phase_by_phase_and_never_say_first_seen(
    shared: Path, edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """PX-866 from a Phase 1 plan to Phase 1/2 to Phase 2: each alert names the move."""
    rt = backfill_then_poll(
        shared, edgar, slack, db_url, company=ONCOTHYREON, releases=ONCOTHYREON_RELEASES
    )
    (post,) = slack.calls_to("chat.postMessage")
    assert "PX-866: Phase 1/2 (" in post.body["text"]  # where it stood, in the classifier's words
    assert ") → Phase 2 started in " in post.body["text"]
    (drug,) = pipeline_view(rt.engine, ONCOTHYREON[0])["drugs"]
    assert (drug["drug"], drug["phase"], drug["status"], drug["since"]) == (
        "PX-866",
        "2",
        "started",
        "2011-10-20",
    )
    phase_history = [h for h in drug["history"] if h["type"] == "phase_change"]
    assert [(h["phase"], h["status"]) for h in phase_history] == [
        ("1", "planned"),
        ("1/2", "started"),
        ("2", "started"),
    ]
    with Session(rt.engine) as session:
        moves = session.exec(select(EventRow).where(EventRow.status == "started")).all()
        assert [(e.change, e.prev_phase, e.prev_status) for e in moves] == [
            ("advance", "1", "planned"),
            ("advance", "1/2", "started"),
        ]


STORY_LINES = [
    (
        "past-best-phase",
        {"change": "advance", "phase": "2", "prev_phase": "1", "prev_status": "started"}
        | {"prev_indication": "advanced solid tumors", "indication": "NSCLC"},
        "TCB-101: Phase 1 (advanced solid tumors) → Phase 2 started in NSCLC",
    ),
    (
        "past-best-phase-with-mtd",
        {"change": "advance", "phase": "2", "prev_phase": "1", "prev_status": "started"}
        | {"prev_indication": "healthy volunteers", "indication": "AD", "known_mtd": "MTD 5 mg"},
        "TCB-101 (MTD 5 mg): Phase 1 (healthy volunteers) → Phase 2 started in AD",
    ),
    (
        "past-a-plan",
        {"change": "advance", "phase": "1/2", "prev_phase": "1", "prev_status": "planned"}
        | {"prev_indication": "advanced pancreatic cancer", "indication": "mCRC"},
        "TCB-101: Phase 1 planned (advanced pancreatic cancer) → Phase 1/2 started in mCRC",
    ),
    (
        "new-indication",
        {"change": "new_indication", "phase": "2", "indication": "psoriasis"},
        "TCB-101: new indication: Phase 2 started in psoriasis",
    ),
    (
        "new-trial",
        {"change": "new_trial", "phase": "1", "indication": "solid tumors"},
        "TCB-101: new trial: Phase 1 started in solid tumors",
    ),
    (
        "unnamed",
        {"change": "unnamed", "phase": "2", "drug": None, "indication": None},
        "unnamed drug: Phase 2 started",
    ),
    (
        "unnamed-with-indication",
        {"change": "unnamed", "phase": "3", "drug": None, "indication": "MASH"},
        "unnamed drug (MASH): Phase 3 started",
    ),
]


@pytest.mark.parametrize(
    ("fields", "line"),
    [(f, line) for _, f, line in STORY_LINES],
    ids=[i for i, _, _ in STORY_LINES],
)
def test_alert_lines_tell_the_drugs_story(fields: dict[str, object], line: str) -> None:
    """Moves across indications name where the drug stood; drug-less news says so."""
    base: dict[str, object] = {"key": "k", "type": "phase_change", "drug": "TCB-101"}
    event = stored_alert_event(**(base | {"evidence": "e", "status": "started"} | fields))
    assert render_event_line(event) == line


def test_a_track_without_an_indication_takes_the_first_one_named_and_keeps_its_threads(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """'Phase 1 of TCB-101 started', then the same start 'in NSCLC': one track, a thread reply."""
    rt = tell(
        edgar,
        slack,
        db_url,
        [
            ("2025-03-03", "The first patient has been dosed in the Phase 1 trial of TCB-101."),
            (
                "2025-04-07",
                "The first patient has been dosed in the Phase 1 trial of TCB-101 in NSCLC.",
            ),
            ("2025-05-05", "The first patient has been dosed in the Phase 1 trial of TCB-101."),
        ],
    )
    top, replies = top_and_replies(slack)
    assert len(top) == 1
    assert "TCB-101: first seen: Phase 1 started" in top[0]
    assert [r.body["thread_ts"] for r in replies] == [slack.messages["C1"][0]["ts"]] * 2
    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    assert [(t["indication"], t["phase"]) for t in drug["indications"]] == [
        ("non-small cell lung cancer", "1")
    ]


REVEALS = [
    (
        "two-drugs-two-sentences",
        "The first patient was dosed in the Phase 2 trial of TCB-101 in NSCLC. The first "
        "patient was dosed in the Phase 2 trial of HX-3 in psoriasis.",
        ["TCB-101", "HX-3"],
    ),
    (
        "three-drugs",
        "The first patient was dosed in the Phase 2 trial of TCB-101 in NSCLC. The first "
        "patient was dosed in the Phase 2 trial of HX-3 in psoriasis. The first patient was "
        "dosed in the Phase 2 trial of QV-77 in lupus.",
        ["TCB-101", "HX-3", "QV-77"],
    ),
    (
        "headline-retelling-with-a-conference-name",
        "Tidemark Bio Presents Nonclinical Data on Antibody Drug Conjugate TCB-101 at ACR 2025 "
        "and Initiates Phase 1 Study in Rheumatoid Arthritis\n\nTidemark Bio today announced "
        "that it has dosed the first patient in the Phase 1 study of TCB-101 in rheumatoid "
        "arthritis.",
        ["TCB-101"],
    ),
    (
        "another-drug-at-another-phase-is-the-classifiers-business",
        "The first patient was dosed in the Phase 2 trial of TCB-101 in NSCLC. Tidemark Bio "
        "completed the Phase 1 trial of HX-3.",
        ["TCB-101", "HX-3"],
    ),
]


@pytest.mark.parametrize(
    ("text", "drugs"), [(t, d) for _, t, d in REVEALS], ids=[i for i, _, _ in REVEALS]
)
def test_each_drugs_news_in_one_document_is_its_own_event(text: str, drugs: list[str]) -> None:
    """The same status and phase for two drugs stays two events; a retelling adds none."""
    events = classify(text)  # the classifier keeps its events per drug
    assert [e.drug for e in events] == drugs
    for event in events:  # offsets still point at the evidence in the original text
        assert text[event.start : event.end] == event.evidence


def test_registry_ids_attached_to_a_track_show_under_its_indication(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`attach_nct` on an event's track fills `nct` (upper-cased, each id once)."""
    rt = tell(edgar, slack, db_url, five_filings("advanced ")[:2])
    with Session(rt.engine) as session:
        row = session.exec(select(EventRow).where(EventRow.status == "started")).one()
        assert row.track_id is not None
        attach_nct(session, row.track_id, ["nct01234567", "NCT07654321"])
        attach_nct(session, row.track_id, ["NCT01234567"])
        session.commit()
    (drug,) = pipeline_view(rt.engine, TIDE[0])["drugs"]
    (track,) = drug["indications"]
    assert (track["qualifier"], track["nct"]) == ("advanced", ["NCT01234567", "NCT07654321"])


COVER = (
    "UNITED STATES SECURITIES AND EXCHANGE COMMISSION Washington, D.C. 20549 FORM 8-K CURRENT "
    "REPORT Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934. "
) * 8


@pytest.mark.parametrize(
    ("text", "doc_type", "start", "lead"),
    [
        ("x" * 5000, "EX-99.1", 0, True),
        ("x" * 5000, "EX-99.1", 1199, True),
        ("x" * 5000, "EX-99.1", 1200, False),
        (COVER + "Item 8.01 Other Events. " + "x" * 3000, "8-K", len(COVER) + 30, True),
        (COVER + "Item 8.01 Other Events. " + "x" * 3000, "8-K", len(COVER) + 1300, False),
        (COVER + "Item 8.01 Other Events. " + "x" * 3000, "8-K", 10, False),
        (COVER + "x" * 3000, "8-K", 10, True),  # no item heading: the document's start
    ],
    ids=[
        "release-start",
        "release-edge",
        "release-past",
        "item-lead",
        "item-deep",
        "cover",
        "bare",
    ],
)
def test_the_lead_is_a_releases_start_or_an_8k_bodys_first_item(
    text: str, doc_type: str, start: int, lead: bool
) -> None:
    """Where a drug-less event may alert from: the first 1,200 characters of the news."""
    assert in_lead(text, doc_type, start) is lead


def test_a_drugless_start_in_an_8k_bodys_first_item_alerts(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Past the cover page, the first item's opening is the filing's lead."""
    rt = make_runtime(edgar, slack, db_url)
    serve_feeds(edgar, [], [TIDE])
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    filing = drug_filing(TIDE[0], TIDE[2], 1, filed="2026-01-12")
    serve_filing(edgar, filing, "Tidemark Bio, Inc.")
    body = (
        f"<html><body><p>{COVER}</p><p>Item 8.01 Other Events.</p><p>On January 12, 2026, "
        "Tidemark Bio announced that the first patient has been dosed in its Phase 2 trial."
        "</p></body></html>"
    )
    edgar.add(f"{filing.folder}/{filing.docs[0].filename}", body.encode())
    serve_feeds(edgar, [filing], [TIDE])
    poll_once(rt, company_feeds=False)
    (post,) = slack.calls_to("chat.postMessage")
    assert "unnamed drug: Phase 2 started" in post.body["text"]


def phase_row(accession: str, phase: str, indication: str) -> EventRow:
    """A classified 'Phase N started' event of TCB-101, before the memory has judged it."""
    return EventRow(
        accession=accession,
        cik=TIDE[0],
        key=f"phase_change:started:{phase}:tcb101",
        type="phase_change",
        status="started",
        phase=phase,
        drug="TCB-101",
        indication=indication,
    )


def test_ad_for_a_drug_in_atopic_dermatitis_is_atopic_dermatitis(db_url: str) -> None:
    """'AD' joins the drug's atopic dermatitis track, not a new Alzheimer's one (the memory
    alone: the classifier does not read 'AD' as an indication)."""
    engine = create_db(db_url)
    with Session(engine) as session:
        remember_events(
            session, TIDE[0], date(2025, 3, 3), [phase_row("A1", "1", "atopic dermatitis")], {}
        )
        (row,) = remember_events(
            session, TIDE[0], date(2026, 1, 12), [phase_row("A2", "2", "AD")], {}
        )
        assert (row.change, row.prev_phase, row.prev_indication) == ("advance", "1", None)
        assert row.key == "phase_change:started:2:tcb101@atopicdermatitis"
        (track,) = session.exec(select(DrugTrackRow)).all()
        assert (track.indication_key, track.phase) == ("atopic dermatitis", "2")
