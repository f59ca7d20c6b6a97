"""The fetch_ functions the bot calls, over real HTTP against FakeEdgar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.edgar_fixtures import EASTERN, CurrentEntry, getcurrent_atom, own, real
from tests.edgar_server import FakeEdgar
from watchers import (
    Company,
    DocumentError,
    EdgarClient,
    EdgarHTTPError,
    EdgarUnavailable,
    Filing,
    fetch_company,
    fetch_company_filings,
    fetch_company_tickers,
    fetch_current_filings,
    fetch_filing,
    fetch_submissions,
)

UA = "Phasewatch Tests tests@example.com"
BROWSE = "/cgi-bin/browse-edgar"
FOLDER7 = "/Archives/edgar/data/9990001/000999000126000007"
FOLDER8 = "/Archives/edgar/data/9990001/000999000126000008"
T0 = datetime(2026, 1, 12, 8, 30, tzinfo=EASTERN)
UNAVAILABLE = (
    b"<!DOCTYPE html>\n<html><head><title>SEC.gov | File Unavailable</title></head></html>"
)


@pytest.fixture
def client(edgar: FakeEdgar) -> Iterator[EdgarClient]:
    """A fast client pointed at the fake EDGAR for both bases."""
    with EdgarClient(
        user_agent=UA, base_url=edgar.url, data_url=edgar.url, max_rps=10, backoff=0.01,
        max_attempts=2,
    ) as made:  # fmt: skip
        yield made


def burst(count: int, first: int = 1) -> list[CurrentEntry]:
    """count 8-K entries, newest first, accessions …-26-000{first}, {first+1}, …"""
    return [
        CurrentEntry(f"0009990001-26-{n:06d}", updated=T0 - timedelta(minutes=n))
        for n in range(first, first + count)
    ]


def serve_pages(edgar: FakeEdgar, form: str, pages: list[bytes], size: int) -> None:
    for number, body in enumerate(pages):
        query = {"action": "getcurrent", "type": form, "start": str(number * size)}
        edgar.add(BROWSE, body, query=query, headers={"Content-Type": "application/atom+xml"})


def test_paging_through_a_burst_stops_at_the_first_seen_accession(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    entries = burst(13)
    pages = [getcurrent_atom(entries[i : i + 5]) for i in (0, 5, 10)]
    serve_pages(edgar, "8-K", [*pages, getcurrent_atom(burst(5, 20))], size=5)
    seen = {"0009990001-26-000012", "0009990001-26-000013"}
    filings = fetch_current_filings(client, ["8-K"], is_seen=seen.__contains__, page_size=5)
    assert [f.accession for f in filings] == [e.accession for e in entries[:11]]
    assert [r.query["start"] for r in edgar.requests] == ["0", "5", "10"]
    assert edgar.requests[0].query == {
        "action": "getcurrent", "type": "8-K", "company": "", "dateb": "", "owner": "include",
        "start": "0", "count": "5", "output": "atom",
    }  # fmt: skip
    assert all(f.accepted is not None and f.accepted.tzinfo is UTC for f in filings)


def test_a_short_page_ends_the_feed(edgar: FakeEdgar, client: EdgarClient) -> None:
    serve_pages(edgar, "8-K", [getcurrent_atom(burst(5)), getcurrent_atom(burst(2, 6))], size=5)
    filings = fetch_current_filings(client, ["8-K"], page_size=5)
    assert len(filings) == 7
    assert len(edgar.requests) == 2


def test_edgar_503_past_the_end_ends_the_feed(edgar: FakeEdgar, client: EdgarClient) -> None:
    serve_pages(edgar, "8-K", [getcurrent_atom(burst(5))], size=5)
    edgar.add(BROWSE, UNAVAILABLE, status=503, query={"action": "getcurrent", "start": "5"})
    assert len(fetch_current_filings(client, ["8-K"], page_size=5)) == 5


def test_max_pages_bounds_the_walk(edgar: FakeEdgar, client: EdgarClient) -> None:
    serve_pages(edgar, "8-K", [getcurrent_atom(burst(5, 1 + 5 * i)) for i in range(4)], size=5)
    filings = fetch_current_filings(client, ["8-K"], page_size=5, max_pages=2)
    assert len(filings) == 10
    assert len(edgar.requests) == 2


def test_forms_are_filtered_exactly_deduped_and_merged_newest_first(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """type=8-K already brings 8-K/A (prefix match), so only 8-K and 6-K are queried."""
    edgar.add(BROWSE, own("getcurrent-8-K.atom").read_bytes(), query={"type": "8-K"})
    six_k = CurrentEntry("0009990003-26-000001", form="6-K", company="Nordic Bio ASA", cik=9990003,
                         updated=datetime(2026, 1, 12, 8, 20, tzinfo=EASTERN))  # fmt: skip
    edgar.add(BROWSE, getcurrent_atom([six_k]), query={"type": "6-K"})
    filings = fetch_current_filings(client, ["8-K", "8-K/A", "6-K"])
    assert sorted(r.query["type"] for r in edgar.requests) == ["6-K", "8-K"]
    assert [(f.form, f.accession) for f in filings] == [
        ("8-K", "0009990001-26-000007"),
        ("6-K", "0009990003-26-000001"),
        ("8-K/A", "0001213900-26-000456"),
        ("8-K", "0000950170-26-000999"),
    ]


def test_feed_polls_use_conditional_get(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add(BROWSE, getcurrent_atom(burst(2)), query={"type": "8-K"}, headers={"ETag": '"p1"'})
    first = fetch_current_filings(client, ["8-K"])
    again = fetch_current_filings(client, ["8-K"])
    assert first == again
    assert edgar.requests[1].header("If-None-Match") == '"p1"'


def test_first_page_503_is_an_error_not_an_empty_feed(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    edgar.add(BROWSE, UNAVAILABLE, status=503)
    with pytest.raises(EdgarUnavailable):
        fetch_current_filings(client, ["8-K"])


def test_company_filings_from_getcompany(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add(BROWSE, own("getcompany-CIK0009990001.atom").read_bytes(),
              query={"action": "getcompany", "CIK": "0009990001"})  # fmt: skip
    filings = fetch_company_filings(client, 9990001, ["8-K", "8-K/A"])
    assert [(f.form, f.filed) for f in filings] == [
        ("8-K", date(2026, 1, 12)), ("8-K/A", date(2025, 9, 15)),
    ]  # fmt: skip
    assert edgar.requests[0].query["count"] == "40"


def serve_filing7(edgar: FakeEdgar) -> Filing:
    for name in ["0009990001-26-000007-index.htm", "exa-20260112.htm", "exa-ex991_20260112.htm",
                 "exa-ex992_20260112.htm", "exa-ex992_001.jpg"]:  # fmt: skip
        edgar.add(f"{FOLDER7}/{name}", own(f"0009990001-26-000007/{name}").read_bytes())
    return Filing(
        accession="0009990001-26-000007", cik=9990001, company="Examplar Therapeutics, Inc.",
        form="8-K", index_url=f"https://www.sec.gov{FOLDER7}/0009990001-26-000007-index.htm",
    )  # fmt: skip


def test_fetch_filing_reads_primary_and_ex99_but_not_graphics_or_xbrl(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    fetched = fetch_filing(client, serve_filing7(edgar))
    assert fetched.filing.accepted == datetime(2026, 1, 12, 13, 30, 11, tzinfo=UTC)
    assert (fetched.filing.filed, fetched.filing.items) == (
        date(2026, 1, 12),
        ("7.01", "8.01", "9.01"),
    )
    assert [d.type for d in fetched.documents] == ["8-K", "EX-99.1", "EX-99.2"]
    primary, release, slides = fetched.documents
    assert primary.url == f"https://www.sec.gov{FOLDER7}/exa-20260112.htm"
    assert "first patient was dosed in its Phase 2 trial of EXA-101" in primary.text
    assert "maximum tolerated dose (MTD) of 168 mg/m2" in release.text
    assert release.description == "PRESS RELEASE DATED JANUARY 12, 2026"
    assert release.is_exhibit
    assert release.size == len(own("0009990001-26-000007/exa-ex991_20260112.htm").read_bytes())
    assert slides.text == ""  # image-only exhibit: empty, no error
    paths = [r.path.rsplit("/", 1)[1] for r in edgar.requests]
    assert paths == ["0009990001-26-000007-index.htm", "exa-20260112.htm",
                     "exa-ex991_20260112.htm", "exa-ex992_20260112.htm"]  # fmt: skip


def test_a_missing_exhibit_is_skipped(edgar: FakeEdgar, client: EdgarClient) -> None:
    filing = serve_filing7(edgar)
    edgar.add(f"{FOLDER7}/exa-ex992_20260112.htm", b"gone", status=404)
    fetched = fetch_filing(client, filing)
    assert [d.type for d in fetched.documents] == ["8-K", "EX-99.1"]


def filing8() -> Filing:
    return Filing(
        accession="0009990001-26-000008", cik=9990001, company="Examplar Therapeutics, Inc.",
        form="8-K", index_url=f"https://www.sec.gov{FOLDER8}/0009990001-26-000008-index.htm",
        items=("8.01",),
    )  # fmt: skip


@pytest.mark.parametrize("index_status", [404, 200])
def test_fetch_filing_falls_back_to_the_submission_txt(
    edgar: FakeEdgar, client: EdgarClient, index_status: int
) -> None:
    """No index page (404), or one without a document table: read the full .txt instead."""
    edgar.add(f"{FOLDER8}/0009990001-26-000008-index.htm", b"<html><body>Error</body></html>",
              status=index_status)  # fmt: skip
    edgar.add(f"{FOLDER8}/0009990001-26-000008.txt",
              own("0009990001-26-000008/0009990001-26-000008.txt").read_bytes())  # fmt: skip
    fetched = fetch_filing(client, filing8())
    assert fetched.filing.accepted == datetime(2026, 1, 13, 21, 30, 5, tzinfo=UTC)
    assert fetched.filing.filed == date(2026, 1, 13)
    assert [d.type for d in fetched.documents] == ["8-K", "EX-99.1"]
    primary, release = fetched.documents
    assert "clinical hold on its Phase 1 trial of EXA-202" in primary.text
    assert "0009990001" not in primary.text  # <XBRL> wrapper and ix:header gone
    assert release.url == f"https://www.sec.gov{FOLDER8}/exa-ex991_20260113.txt"
    assert "has placed a clinical hold on the Phase 1 trial" in release.text


def test_no_index_and_no_txt_is_a_document_error(edgar: FakeEdgar, client: EdgarClient) -> None:
    with pytest.raises(DocumentError):
        fetch_filing(client, filing8())


def test_a_20_mb_exhibit_is_cut_at_the_cap(edgar: FakeEdgar, client: EdgarClient) -> None:
    filing = serve_filing7(edgar)
    huge = b"<html><body>" + b"<p>Phase 2 data table row.</p>\n" * 700_000 + b"</body></html>"
    assert len(huge) > 20_000_000
    edgar.add(f"{FOLDER7}/exa-ex991_20260112.htm", huge)
    fetched = fetch_filing(client, filing, max_document_bytes=1_000_000)
    release = fetched.documents[1]
    assert (release.truncated, release.size) == (True, 1_000_000)
    assert release.text.startswith("Phase 2 data table row.")
    assert not fetched.documents[0].truncated


def test_company_tickers(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add("/files/company_tickers.json", real("reference/company_tickers.json").read_bytes())
    companies = fetch_company_tickers(client)
    assert Company(cik=320193, name="Apple Inc.", tickers=("AAPL",)) in companies


def test_submissions_and_company(edgar: FakeEdgar, client: EdgarClient) -> None:
    body = real("reference/submissions/CIK0000749647.json").read_bytes()
    edgar.add("/submissions/CIK0000749647.json", body)
    page = real("reference/submissions/CIK0000749647-submissions-001.json").read_bytes()
    edgar.add("/submissions/CIK0000749647-submissions-001.json", page)
    company, filings = fetch_submissions(client, 749647)
    assert (company.name, company.sic, company.tickers) == ("Imunon, Inc.", "2834", ("IMNN",))
    assert len(filings) == 1000
    assert fetch_company(client, 749647) == company
    _, everything = fetch_submissions(client, 749647, include_older=True)
    assert len(everything) == 1395
    assert everything[-1].filed is not None
    assert everything[-1].filed.year <= 2010


def test_unknown_cik_is_http_404(edgar: FakeEdgar, client: EdgarClient) -> None:
    s3 = real("reference/submissions/CIK-000000001.json.HTTP404.xml").read_bytes()
    edgar.add("/submissions/CIK0000000001.json", s3, status=404,
              headers={"Content-Type": "application/xml"})  # fmt: skip
    with pytest.raises(EdgarHTTPError) as caught:
        fetch_submissions(client, 1)
    assert caught.value.status == 404
