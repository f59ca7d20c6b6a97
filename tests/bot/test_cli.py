"""The command line, run as a user runs it: classify, watch add/list/remove, demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.child_env import child_env
from tests.edgar_server import FakeEdgar
from tests.helpers import serve_feeds

REPO = Path(__file__).resolve().parents[2]


def phasewatch(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot.cli ARGS` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=child_env(**(env or {})),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_classify_json_on_the_seed(shared: Path) -> None:
    """The contract's acceptance: MTD 168 mg/m2 every three weeks, and Phase 2 started."""
    seed = shared / "seed" / "001_4071176f85cd4a78.txt"
    result = phasewatch("classify", "--json", str(seed))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    doc = json.loads(line)
    assert doc["path"] == str(seed)
    mtd = [e for e in doc["events"] if e["type"] == "mtd"]
    started = [e for e in doc["events"] if e["type"] == "phase_change" and e["status"] == "started"]
    assert mtd[0]["dose"] == {"value": 168, "unit": "mg/m2"}
    assert (mtd[0]["kind"], mtd[0]["schedule"], mtd[0]["drug"]) == (
        "MTD",
        "every three weeks",
        "huC242-DM4",
    )
    assert (started[0]["phase"], started[0]["drug"]) == ("2", "huC242-DM4")
    text = seed.read_text(encoding="utf-8")
    for event in doc["events"]:
        assert text[event["start"] : event["end"]] == event["evidence"]


def test_classify_reads_html_and_stdin(tmp_path: Path) -> None:
    """HTML is turned into text first; `-` reads standard input; no events is an empty list."""
    page = tmp_path / "ex99-1.htm"
    page.write_text("<html><body><p>Acme Corp reports record quarterly revenue.</p></body></html>")
    result = phasewatch("classify", "--json", str(page), "-", stdin="Nothing clinical here.")
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert docs == [{"path": str(page), "events": []}, {"path": "-", "events": []}]


def test_classify_human_output_lists_events(tmp_path: Path) -> None:
    """Without --json, each document gets a count line and its events with evidence."""
    text = "The first patient was dosed in the Phase 2 trial of XR-17 in gout."
    result = phasewatch("classify", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("-: 1 event")
    assert "status=started" in result.stdout


STARTED = "The first patient was dosed in the Phase 2 trial of XR-17 in gout."


def test_classify_reports_each_unreadable_path_and_classifies_the_rest(tmp_path: Path) -> None:
    """A missing path and a directory: one error line each, the good file still read, exit 1."""
    good = tmp_path / "release.txt"
    good.write_text(STARTED, encoding="utf-8")
    missing = tmp_path / "no-such-file.htm"
    result = phasewatch("classify", "--json", str(missing), str(tmp_path), str(good))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"phasewatch: error: {missing}: No such file or directory",
        f"phasewatch: error: {tmp_path}: Is a directory",
    ]
    (line,) = result.stdout.splitlines()
    doc = json.loads(line)
    assert doc["path"] == str(good)
    assert [(e["status"], e["phase"]) for e in doc["events"]] == [("started", "2")]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("name", ["ex99-1.txt", "ex99-1.htm"])
def test_classify_decodes_utf16_documents_by_their_bom(
    tmp_path: Path, codec: str, name: str
) -> None:
    """UTF-16 with a byte-order mark, little- or big-endian, text or HTML, reads as its text."""
    text = f"<html><body><p>{STARTED}</p></body></html>" if name.endswith(".htm") else STARTED
    path = tmp_path / name
    path.write_bytes("\ufeff".encode(codec) + text.encode(codec))
    result = phasewatch("classify", "--json", str(path))
    assert result.returncode == 0, result.stderr
    (event,) = json.loads(result.stdout)["events"]
    assert (event["status"], event["drug"], event["evidence"]) == ("started", "XR-17", STARTED)


def test_classify_reads_a_full_submission_as_its_documents_text() -> None:
    """A full submission .txt: the 8-K's iXBRL and the EX-99.1 give text with no markup in it."""
    path = REPO / "tests/fixtures/edgar/0009990001-26-000008/0009990001-26-000008.txt"
    result = phasewatch("classify", "--json", str(path))
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    assert [(e["status"], e["drug"]) for e in events] == [("stopped", "EXA-202")]
    assert events[0]["evidence"] == (
        "On January 13, 2026, the Company announced a clinical hold on its Phase 1 trial "
        "of EXA-202."
    )


SUBMISSION = """<SEC-DOCUMENT>0009990001-26-000099.txt : 20260301
<SEC-HEADER>0009990001-26-000099.hdr.sgml : 20260301
ACCESSION NUMBER:\t\t0009990001-26-000099
CONFORMED SUBMISSION TYPE:\t8-K
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>xr-20260301.htm
<TEXT>
<html><body><div><span>Item 8.01.</span></div><div><span>Other Events.</span></div></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-10.1
<SEQUENCE>2
<FILENAME>xr-ex101.htm
<TEXT>
<html><body><p>The Phase 3 trial of XR-99 was stopped.</p></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>3
<FILENAME>xr-ex991.htm
<TEXT>
<html><body><p><b>XR Bio</b></p><p>The first patient was dosed in the
<font size=2>Phase 2</font> trial of XR-17 in gout.</p></body></html>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_classify_reads_the_primary_document_and_ex99_of_a_submission(tmp_path: Path) -> None:
    """HTML inside <TEXT> is stripped; an EX-10 contract is not read, as in the pipeline."""
    path = tmp_path / "0009990001-26-000099.txt"
    path.write_text(SUBMISSION, encoding="ascii")
    result = phasewatch("classify", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{path}: 1 event\n")
    assert "status=started, phase=2, drug=XR-17" in result.stdout
    assert f"“{STARTED}”" in result.stdout
    assert "<" not in result.stdout


def test_classify_strips_html_on_standard_input() -> None:
    """HTML piped to `classify -` is read as HTML: the evidence carries no tags."""
    html = f"<html><body><p><b>XR Bio</b></p><div>{STARTED}</div></body></html>"
    result = phasewatch("classify", "--json", "-", stdin=html)
    assert result.returncode == 0, result.stderr
    (event,) = json.loads(result.stdout)["events"]
    assert event["evidence"] == STARTED


def test_watch_add_list_remove_by_cik_and_sic(db_url: str) -> None:
    """CIK, sic: and all targets need no EDGAR; list --json shows filters; remove reports."""
    env = {"PHASEWATCH_DATABASE_URL": db_url}
    assert phasewatch("watch", "add", "0000855654", "--channel", "C1", env=env).returncode == 0
    added = phasewatch(
        "watch",
        "add",
        "SIC:2834",
        "--channel",
        "C2",
        "--events",
        "mtd",
        "--forms",
        "8-k,6-K",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    listed = json.loads(phasewatch("watch", "list", "--json", env=env).stdout)
    assert [(w["channel"], w["target"], w["events"], w["forms"]) for w in listed] == [
        ("C1", "855654", [], []),
        ("C2", "sic:2834", ["mtd"], ["8-K", "6-K"]),
    ]
    assert phasewatch("watch", "remove", "855654", "--channel", "C1", env=env).returncode == 0
    again = phasewatch("watch", "remove", "855654", "--channel", "C1", env=env)
    assert again.returncode == 1
    assert "no watch" in again.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["watch", "add", "bad target!", "--channel", "C1"], "not a ticker"),
        (["watch", "add", "IMGN", "--channel", "C1", "--events", "rumours"], "unknown event type"),
    ],
)
def test_bad_watch_input_is_one_line_and_exit_2(db_url: str, args: list[str], message: str) -> None:
    """Bad targets and filters: `phasewatch: error: …` on one line, exit status 2."""
    result = phasewatch(
        *args, env={"PHASEWATCH_DATABASE_URL": db_url, "PHASEWATCH_EDGAR_URL": "http://127.0.0.1:9"}
    )
    assert result.returncode == 2
    assert result.stderr.startswith("phasewatch: error:")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_demo_runs_offline_and_prints_the_alerts() -> None:
    """`phasewatch demo` needs no network or token and shows the sample MTD and Phase 2 alert."""
    result = phasewatch("demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Tidecrest Therapeutics, Inc. (TDCR) · 8-K" in out
    assert "TCB-101" in out
    assert "Phase 2 started" in out
    assert "MTD" in out
    assert "Northgate" not in out  # a construction "Phase 2" is not clinical news
    assert "Oriel" not in out  # boilerplate-only mentions are not news
    assert "poll --once again: 0 new filings, 0 alerts posted" in out


def test_json_logs_are_one_object_per_line(db_url: str, edgar: FakeEdgar) -> None:
    """PHASEWATCH_LOG_FORMAT=json: every log line on standard error parses as JSON."""
    serve_feeds(edgar, [], [])
    env = {
        "PHASEWATCH_DATABASE_URL": db_url,
        "PHASEWATCH_LOG_FORMAT": "json",
        "PHASEWATCH_EDGAR_URL": edgar.url,
        "PHASEWATCH_EDGAR_DATA_URL": edgar.url,
    }
    result = phasewatch("poll", "--once", env=env)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert records
    assert {"time", "level", "logger", "message"} <= set(records[-1])
    assert any("poll:" in r["message"] for r in records)
