"""The pure registry rules: NCT ids in text, phases, matching, the alert line, the flags."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.registry import (
    choose_study,
    disagreement,
    drug_query,
    find_nct_ids,
    phases_agree,
    render_phases,
    render_study_line,
    sponsor_query,
    status_change_news,
    study_phase,
)
from bot.storage.registry_store import cached_study, save_study, study_from_json, study_to_json
from bot.storage.store import create_db
from watchers import Enrollment, Intervention, PartialDate, Sponsor, Study

STUDY = Study(
    nct_id="NCT05012345",
    status="RECRUITING",
    phases=("PHASE2",),
    start=PartialDate("2024-03-18", "day", True),
    primary_completion=PartialDate("2026-06", "month", False),
    enrollment=Enrollment(120, False),
    interventions=(Intervention("DRUG", "TCB-101", ("tecabart",)),),
    sponsor=Sponsor("Tidecrest Therapeutics, Inc.", "INDUSTRY"),
    last_update_posted=date(2026, 10, 1),
)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("registered as NCT05012345.", ["NCT05012345"]),
        ("(NCT05012345; NCT01234567) and NCT05012345 again", ["NCT05012345", "NCT01234567"]),
        ("NCT0501234 is too short; XNCT050123456 too long", []),
        ("no trial id here", []),
    ],
    ids=["one", "two-deduplicated", "malformed", "none"],
)
def test_nct_ids_in_text(text: str, ids: list[str]) -> None:
    """Exactly NCT + 8 digits, whole words, in the order written, once each."""
    assert find_nct_ids(text) == ids


def test_nct_scan_is_linear_on_a_huge_document() -> None:
    """A 5 MB exhibit of near-misses is scanned without backtracking blow-ups."""
    assert find_nct_ids("NCT1234567 " * 450_000) == []


@pytest.mark.parametrize(
    ("phases", "phase", "label"),
    [
        (("PHASE1", "PHASE2"), "1/2", "Phase 1/2"),
        (("PHASE3",), "3", "Phase 3"),
        (("EARLY_PHASE1",), "1", "Early Phase 1"),
        (("NA",), None, "N/A"),
        ((), None, "no phase"),
    ],
    ids=["combined", "single", "early", "not-applicable", "observational"],
)
def test_phase_arrays(phases: tuple[str, ...], phase: str | None, label: str) -> None:
    """Registry phase arrays as filing phases and as words."""
    assert study_phase(phases) == phase
    assert render_phases(phases) == label


@pytest.mark.parametrize(
    ("claimed", "phases", "agree"),
    [
        ("2", ("PHASE2",), True),
        ("2a", ("PHASE1", "PHASE2"), True),
        ("1/2", ("PHASE2",), True),
        ("3", ("PHASE2",), False),
        (None, ("PHASE3",), True),
        ("2", (), False),
    ],
)
def test_phases_agree(claimed: str | None, phases: tuple[str, ...], agree: bool) -> None:
    """A claim fits a study sharing one of its phase numbers; no claim fits anything."""
    assert phases_agree(claimed, phases) is agree


def test_the_alert_line() -> None:
    """The issue's line: id · status · phase · start (actual) · planned · completion (estimated)."""
    assert render_study_line(STUDY) == (
        "NCT05012345 · RECRUITING · Phase 2 · start 2024-03 (actual) · 120 planned · "
        "primary completion 2026-06 (estimated)"
    )


def test_a_sparse_record_line_leaves_out_what_it_lacks() -> None:
    """Month-only start with no type, actual enrollment, no completion date."""
    old = Study(
        "NCT00184067",
        "TERMINATED",
        ("PHASE2",),
        start=PartialDate("2004-05", "month"),
        enrollment=Enrollment(23, True),
    )
    assert (
        render_study_line(old) == "NCT00184067 · TERMINATED · Phase 2 · start 2004-05 · 23 enrolled"
    )


@pytest.mark.parametrize(
    ("claimed", "status", "flagged"),
    [
        ("started", "NOT_YET_RECRUITING", True),
        ("started", "RECRUITING", False),
        ("stopped", "RECRUITING", True),
        ("stopped", "TERMINATED", False),
        ("completed", "RECRUITING", False),
    ],
)
def test_disagreements(claimed: str, status: str, flagged: bool) -> None:
    """Only a claimed start while not yet recruiting, or a claimed stop while recruiting."""
    study = Study("NCT05012345", status, ("PHASE2",))
    assert (disagreement(claimed, study) is not None) is flagged


def test_matching_by_drug_name_alias_and_phase() -> None:
    """otherNames count; the phase must agree; spelling variants are one name."""
    other = Study(
        "NCT05099999", "RECRUITING", ("PHASE2",), interventions=(Intervention("DRUG", "Placebo"),)
    )
    assert choose_study([STUDY, other], ["TCB 101"], "2") == [STUDY]
    assert choose_study([STUDY, other], ["Tecabart"], "2") == [STUDY]
    assert choose_study([STUDY, other], ["TCB-101"], "3") == []


def test_search_terms() -> None:
    """Company suffixes dropped for the sponsor; names OR'd and quoted when spaced."""
    assert sponsor_query("IMMUNOGEN INC") == "IMMUNOGEN"
    assert sponsor_query("Tidecrest Therapeutics, Inc.") == "Tidecrest Therapeutics"
    assert drug_query(["ARQ 197", "tivantinib"]) == '"ARQ 197" OR tivantinib'


@pytest.mark.parametrize(
    ("old", "new", "news"),
    [
        ("RECRUITING", "TERMINATED", "stopped"),
        ("RECRUITING", "SUSPENDED", "stopped"),
        ("NOT_YET_RECRUITING", "WITHDRAWN", "stopped"),
        ("ACTIVE_NOT_RECRUITING", "COMPLETED", "completed"),
        ("RECRUITING", "ACTIVE_NOT_RECRUITING", "started"),
        ("TERMINATED", "TERMINATED", None),
        (None, "TERMINATED", None),
        ("NOT_YET_RECRUITING", "RECRUITING", None),
    ],
)
def test_status_changes_that_are_news(old: str | None, new: str, news: str | None) -> None:
    """Five statuses are news when they change; the first read and no change are not."""
    assert status_change_news(old, new) == news


def test_the_cache_round_trips_and_expires(tmp_path: Path) -> None:
    """A saved record reads back equal; past its time-to-live it is not fresh."""
    assert study_from_json(study_to_json(STUDY)) == STUDY
    engine = create_db(f"sqlite:///{tmp_path}/c.db")
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    assert save_study(engine, STUDY, now) is None
    assert (
        cached_study(engine, STUDY.nct_id, now + timedelta(hours=23), timedelta(hours=24)) == STUDY
    )
    assert (
        cached_study(engine, STUDY.nct_id, now + timedelta(hours=25), timedelta(hours=24)) is None
    )
    assert cached_study(engine, STUDY.nct_id) == STUDY
    assert save_study(engine, STUDY, now) == "RECRUITING"
