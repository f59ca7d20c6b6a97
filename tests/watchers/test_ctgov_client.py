"""RegistryClient over real HTTP against FakeCtgov: records, paging, 400/404, 429, 503, hangs."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from datetime import date

import pytest

from tests.ctgov_pages import real_capture, study_record
from tests.ctgov_server import FakeCtgov
from watchers import (
    PartialDate,
    RegistryBadRequest,
    RegistryClient,
    RegistryRateLimited,
    RegistryUnavailable,
    StudyNotFound,
    parse_page,
)
from watchers.ctgov_parse import parse_study_body


@pytest.fixture
def ctgov() -> Iterator[FakeCtgov]:
    """A started registry stand-in."""
    with FakeCtgov() as server:
        yield server


@pytest.fixture
def client(ctgov: FakeCtgov) -> Iterator[RegistryClient]:
    """A fast client: 50 requests/s, short backoff, a 1.5 s deadline."""
    with RegistryClient(
        base_url=ctgov.url, max_rps=50, backoff=0.02, timeout=0.5, deadline=1.5, max_attempts=3
    ) as made:
        yield made


def test_real_capture_with_month_only_start_and_no_type() -> None:
    """NCT00184067: TERMINATED, Phase 2, start {"date": "2004-05"} with no type."""
    study = parse_study_body(real_capture("study-NCT00184067.json").read_bytes())
    assert study.status == "TERMINATED"
    assert study.phases == ("PHASE2",)
    assert study.start == PartialDate("2004-05", "month", None)
    assert study.start.first_day == date(2004, 5, 1)
    assert study.why_stopped == "Primary PI left institution"
    assert study.enrollment is not None
    assert (study.enrollment.count, study.enrollment.actual) == (23, True)


def test_real_capture_other_names_and_estimates() -> None:
    """NCT06008288: JAB-21822 also named Glecirasib; 88 planned; completion estimated."""
    study = parse_study_body(real_capture("study-NCT06008288.json").read_bytes())
    assert study.interventions[0].name == "JAB-21822"
    assert study.interventions[0].other_names == ("Glecirasib",)
    assert study.enrollment is not None
    assert (study.enrollment.count, study.enrollment.actual) == (88, False)
    assert study.primary_completion == PartialDate("2026-12-31", "day", False)
    assert study.sponsor is not None
    assert study.sponsor.kind == "INDUSTRY"
    assert study.last_update_posted == date(2025, 8, 7)


def test_real_search_pages_and_the_empty_result() -> None:
    """Search pages carry opaque tokens and phases as arrays; no match is 200 with no studies."""
    page = parse_page(
        real_capture(
            "search-query.intr-imatinib-query.cond-leukemia-pageSize1-page1.json"
        ).read_bytes()
    )
    assert [s.nct_id for s in page.studies] == ["NCT04006847"]
    assert page.studies[0].phases == ("PHASE1", "PHASE2")
    assert page.next_page_token == "ZVt07cGHkvI2wRk2CJf6_LLqwpaccd8wd7KrgP4fmjie"
    empty = parse_page(real_capture("search-filter.ids-NCT99999999-empty.json").read_bytes())
    assert empty.studies == ()
    assert empty.next_page_token is None
    keytruda = parse_page(
        real_capture("search-query.intr-Keytruda-countTotal-pageSize3-fields.json").read_bytes()
    )
    assert keytruda.total == 2924
    assert all(s.start is None or s.start.actual is None for s in keytruda.studies)


def test_every_real_study_capture_parses() -> None:
    """Each captured record gives an NCT id and a status, however large."""
    for name in ("NCT04280705", "NCT04267848", "NCT03934567", "NCT00973089"):
        study = parse_study_body(real_capture(f"study-{name}.json").read_bytes())
        assert study.nct_id == name
        assert study.status


def test_fetch_a_real_record_over_http(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """The 369 KB NCT04267848 record comes back whole: Phase 3, pembrolizumab aka Keytruda."""
    ctgov.add_file(real_capture("study-NCT04267848.json"))
    study = client.fetch_study("NCT04267848")
    assert study.phases == ("PHASE3",)
    names = {n for i in study.interventions for n in (i.name, *i.other_names)}
    assert {"Pembrolizumab", "Keytruda", "MK-3475"} <= names


def test_400_and_404_become_clear_errors(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """A malformed id and an unknown id: the registry's own plain-text words, no retry."""
    with pytest.raises(RegistryBadRequest, match="Parameter `nctId` has incorrect format"):
        client.fetch_study("ABC123")
    with pytest.raises(StudyNotFound, match="NCT number NCT99999999 not found"):
        client.fetch_study("NCT99999999")
    with pytest.raises(RegistryBadRequest, match=r"`filter\.phase` is unknown parameter"):
        client.search({"filter.phase": "PHASE2"})
    assert len(ctgov.requests) == 3


def test_paging_follows_next_page_token(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """Seven matches, three a page: three pages, tokens repeated with the first page's query."""
    for n in range(7):
        ctgov.add_study(study_record(f"NCT0900000{n}", "RECRUITING", ["PHASE2"]))
    ctgov.add_study(study_record("NCT09000099", "RECRUITING", ["PHASE2"], sponsor="Other Co"))
    found = client.search({"query.spons": "Tidecrest", "countTotal": "true"}, page_size=3)
    assert [s.nct_id for s in found.studies] == [f"NCT0900000{n}" for n in range(7)]
    assert (found.pages, found.total, found.complete) == (3, 7, True)
    later = ctgov.requests_to("/studies")[1:]
    assert all(r.query["query.spons"] == "Tidecrest" for r in later)
    assert all("countTotal" not in r.query and r.query.get("pageToken") for r in later)


def test_paging_stops_at_max_pages(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """A search with more pages than allowed says it is incomplete."""
    for n in range(5):
        ctgov.add_study(study_record(f"NCT0900001{n}", "RECRUITING", ["PHASE2"]))
    found = client.search({"query.intr": "TCB-101"}, page_size=2, max_pages=2)
    assert (len(found.studies), found.pages, found.complete) == (4, 2, False)


def test_an_empty_search_is_no_studies(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """filter.ids of an unknown id: 200 and nothing, not an error."""
    assert client.fetch_statuses(["NCT99999999"]).studies == ()


def test_503_then_success_is_retried(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """Two 503s, then the record."""
    ctgov.add_study(study_record("NCT09000001", "RECRUITING", ["PHASE2"]))
    ctgov.fault("/studies/", 503, 503)
    assert client.fetch_study("NCT09000001").status == "RECRUITING"
    assert len(ctgov.requests) == 3


def test_503_for_good_is_unavailable(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """Only 503s: RegistryUnavailable after max_attempts."""
    ctgov.fault("/studies/", 503, 503, 503, 503)
    with pytest.raises(RegistryUnavailable, match="status 503"):
        client.fetch_study("NCT09000001")
    assert len(ctgov.requests) == 3


def test_429_honours_retry_after(ctgov: FakeCtgov) -> None:
    """A 429 with Retry-After: 1 waits that second, then succeeds."""
    ctgov.add_study(study_record("NCT09000001", "RECRUITING", ["PHASE2"]))
    ctgov.fault("/studies/", 429, retry_after="1")
    with RegistryClient(base_url=ctgov.url, max_rps=50, backoff=0.01, deadline=5) as client:
        began = time.monotonic()
        assert client.fetch_study("NCT09000001").nct_id == "NCT09000001"
    assert time.monotonic() - began >= 0.95
    gap = ctgov.requests[1].time - ctgov.requests[0].time
    assert gap >= 0.95


def test_429_for_good_is_rate_limited(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """Only 429s (no Retry-After, as the API documents none): RegistryRateLimited."""
    ctgov.fault("/studies", 429, 429, 429)
    with pytest.raises(RegistryRateLimited):
        client.search({"query.intr": "x"})


def test_a_hang_ends_within_the_deadline(ctgov: FakeCtgov, client: RegistryClient) -> None:
    """The registry accepts and never answers: RegistryUnavailable in about the deadline."""
    ctgov.hang("/studies/", 5.0, times=5)
    began = time.monotonic()
    with pytest.raises(RegistryUnavailable, match="no answer"):
        client.fetch_study("NCT09000001")
    assert time.monotonic() - began < 2.5


def test_one_request_per_second_by_default(ctgov: FakeCtgov) -> None:
    """The default client spaces its requests at least a second apart."""
    ctgov.add_study(study_record("NCT09000001", "RECRUITING", ["PHASE2"]))
    with RegistryClient(base_url=ctgov.url) as client:
        for _ in range(3):
            client.fetch_study("NCT09000001")
    times = [r.time for r in ctgov.requests]
    assert all(b - a >= 0.99 for a, b in itertools.pairwise(times))


def test_a_body_over_the_cap_is_refused(ctgov: FakeCtgov) -> None:
    """A record larger than max_bytes is an error, not a memory spike."""
    ctgov.add_study(study_record("NCT09000001", "RECRUITING", ["PHASE2"], title="x" * 5000))
    with (
        RegistryClient(base_url=ctgov.url, max_rps=50, max_bytes=2000) as client,
        pytest.raises(RegistryUnavailable, match="over 2000 bytes"),
    ):
        client.fetch_study("NCT09000001")
