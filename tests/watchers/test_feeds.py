"""parse_feed and filings_from_entries on every real EDGAR feed and on our own fixtures."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tests.edgar_fixtures import own, real
from watchers import FeedError, filings_from_entries, parse_feed

FORMS = ("8-K", "8-K/A", "6-K")
FEEDS = [
    "DERIVED_getcurrent_8-K-entries-only_2026-01-12_from-start600-800.atom.xml",
    "getcompany_AAPL_all_2021-04-18.atom.xml",
    "getcompany_AAPL_type-10-K_dateb-20170801_2021-04-18.atom.xml",
    "getcompany_KVAC_CIK0001889983_2025-01-25.atom.xml",
    "getcompany_MAQC_CIK0001844419_type-S-1_2025-01-25.atom.xml",
    "getcompany_TWTR_CIK0001418091_2016-03-03.atom.xml",
    "getcurrent_all_2021-04-18_count40.atom.xml",
    "getcurrent_all_2025-12-12_start0.atom.xml",
    "getcurrent_all_2026-01-12_start0.atom.xml",
    "getcurrent_all_2026-01-12_start5000_lastpage.atom.xml",
    "getcurrent_all_2026-01-12_start600.atom.xml",
    "getcurrent_all_2026-01-12_start700.atom.xml",
    "getcurrent_type4_2025-12-12_start0.atom.xml",
    "usgaap.rss_2025-01-24.xml",
]
EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize("name", FEEDS)
def test_every_real_feed_parses_into_complete_entries(name: str) -> None:
    entries = parse_feed(real(f"feeds/{name}").read_bytes())
    assert entries
    for entry in entries:
        assert re.fullmatch(r"\d{10}-\d{2}-\d{6}", entry.accession)
        assert entry.cik > 0
        assert entry.form
        assert entry.index_url.endswith(("-index.htm", "-index.html"))  # .html before 2001
        assert entry.updated is not None
        assert entry.updated.tzinfo is not None
        assert entry.filed is not None


@pytest.mark.parametrize(
    "name", ["getcurrent_all_2026-01-12_start5100_HTTP503.html", "current_events_2021-04-16.html"]
)
def test_html_pages_are_feed_errors(name: str) -> None:
    with pytest.raises(FeedError, match="HTML"):
        parse_feed(real(f"feeds/{name}").read_bytes())


@pytest.mark.parametrize(
    "body", [b"", b"   \n", b"<feed", b"not xml at all", b"<?xml version='1.0'?><a/>"]
)
def test_garbage_is_a_feed_error(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body)


def test_a_truncated_feed_is_an_error_not_a_short_page() -> None:
    """A body cut mid-way must not pass for a short last page (which would end the paging)."""
    body = own("getcurrent-8-K.atom").read_bytes()
    with pytest.raises(FeedError, match="truncated"):
        parse_feed(body[: len(body) // 2])


def test_company_search_feed_has_no_filings() -> None:
    """A company-name search lists companies, not filings: no entries, no error."""
    feed = real("feeds/getcompany_company-search_delhaize_2021-04-18.atom.xml").read_bytes()
    assert parse_feed(feed) == []


def test_getcurrent_entry_fields_from_a_real_page() -> None:
    entries = parse_feed(real("feeds/getcurrent_all_2026-01-12_start0.atom.xml").read_bytes())
    first = entries[0]
    assert (first.accession, first.cik, first.form, first.role) == (
        "0002074440-26-000002", 2074440, "13F-HR", "Filer",
    )  # fmt: skip
    assert first.company == "Ryan Investment Management, Inc."
    assert first.updated == datetime(2026, 1, 12, 11, 27, 39, tzinfo=EST)
    assert first.updated.astimezone(UTC).hour == 16  # feedparser's updated_parsed would be UTC
    biohaven = next(e for e in entries if e.accession == "0001935979-26-000005")
    assert (biohaven.form, biohaven.items) == ("8-K", ("7.01", "9.01"))


def test_getcurrent_lists_a_form4_once_per_role_and_filings_dedupe_it() -> None:
    entries = parse_feed(real("feeds/getcurrent_all_2026-01-12_start0.atom.xml").read_bytes())
    roles = [e.role for e in entries if e.accession == "0000080661-26-000032"]
    assert sorted(roles, key=str) == ["Issuer", "Reporting"]
    (filing,) = [
        f
        for f in filings_from_entries(entries, ["4"])
        if f.accession.startswith("0000080661-26-000032")
    ]
    assert (filing.cik, filing.company) == (80661, "PROGRESSIVE CORP/OH/")


def test_form_filter_is_exact_though_edgar_matches_prefixes() -> None:
    """getcurrent's type= is a prefix match; the filter keeps only exact form types."""
    body = real("feeds/getcurrent_all_2026-01-12_start600.atom.xml").read_bytes()
    entries = parse_feed(body)
    forms = {e.form for e in entries}
    assert {"4", "424B5", "485BXT", "8-K", "8-A12B"} <= forms  # what type=4 would return too
    assert {f.form for f in filings_from_entries(entries, ["4"])} == {"4"}
    assert {f.form for f in filings_from_entries(entries, ["8-K"])} == {"8-K"}


def test_derived_8k_feed_gives_124_filings_of_biotech_morning() -> None:
    entries = parse_feed(real(f"feeds/{FEEDS[0]}").read_bytes())
    filings = filings_from_entries(entries, FORMS)
    assert len(entries) == 124
    assert len({f.accession for f in filings}) == len(filings)
    assert all(f.accepted is not None and f.accepted.tzinfo is UTC for f in filings)
    assert all(f.form in FORMS for f in filings)


def test_getcompany_kvac_items_desc_and_feed_level_cik() -> None:
    entries = parse_feed(
        real("feeds/getcompany_KVAC_CIK0001889983_2025-01-25.atom.xml").read_bytes()
    )
    first = entries[0]
    assert (first.accession, first.cik, first.company, first.role) == (
        "0001213900-25-006497", 1889983, "Keen Vision Acquisition Corp.", None,
    )  # fmt: skip
    assert first.items == ("1.01", "2.03", "8.01", "9.01")
    assert first.filed == date(2025, 1, 24)


def test_getcompany_2016_accession_nunber_typo() -> None:
    entries = parse_feed(
        real("feeds/getcompany_TWTR_CIK0001418091_2016-03-03.atom.xml").read_bytes()
    )
    assert entries[0].accession == "0001564590-16-013773"
    assert entries[0].index_url.startswith("http://www.sec.gov/")
    assert {e.cik for e in entries} == {1418091}
    eight_ks = filings_from_entries(entries, ["8-K"])
    assert eight_ks[0].items == ("8.01",)


def test_usgaap_rss_items_become_entries() -> None:
    entries = parse_feed(real("feeds/usgaap.rss_2025-01-24.xml").read_bytes())
    first = entries[0]
    assert (first.accession, first.cik, first.form, first.company) == (
        "0001193125-25-012309", 1915657, "8-K", "HF Sinclair Corp",
    )  # fmt: skip
    assert first.filed == date(2025, 1, 24)
    assert first.updated == datetime(2025, 1, 24, 22, 8, 44, tzinfo=UTC)


def test_own_getcurrent_page_filters_dedupes_and_prefers_subject() -> None:
    entries = parse_feed(own("getcurrent-8-K.atom").read_bytes())
    assert [e.form for e in entries][:3] == ["8-K", "8-K12B", "8-K/A"]
    assert entries[1].company == "Holdco (Cayman) - Merger Sub Ltd."
    filings = filings_from_entries(entries, FORMS)
    assert [f.accession for f in filings] == [
        "0009990001-26-000007", "0001213900-26-000456", "0000950170-26-000999",
    ]  # fmt: skip
    assert filings[0].items == ("7.01", "8.01", "9.01")
    assert filings[0].accepted == datetime(2026, 1, 12, 13, 30, 11, tzinfo=UTC)
    assert filings[1].is_amendment
    (schedule,) = filings_from_entries(entries, ["SCHEDULE 13D"])
    assert (schedule.cik, schedule.company) == (9990001, "Examplar Therapeutics, Inc.")


def test_own_getcompany_feed() -> None:
    entries = parse_feed(own("getcompany-CIK0009990001.atom").read_bytes())
    assert [e.form for e in entries] == ["8-K", "10-Q", "8-K/A"]
    assert {e.company for e in entries} == {"Examplar Therapeutics, Inc."}
    assert entries[0].items == ("7.01", "8.01", "9.01")
    assert [f.form for f in filings_from_entries(entries, ["8-K", "8-K/A"])] == ["8-K", "8-K/A"]
