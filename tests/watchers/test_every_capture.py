"""Every real EDGAR capture in ../shared goes through the parser made for it, none crashes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.edgar_fixtures import REAL, real
from watchers import (
    DocumentError,
    FeedError,
    WatcherError,
    document_text,
    parse_company_tickers,
    parse_feed,
    parse_index_page,
    parse_submission,
    parse_submissions,
    parse_submissions_page,
)
from watchers.types import Company

# Captures of EDGAR services phasewatch does not read (full-text search, directory listings).
OUT_OF_SCOPE = ("/efts/", "index.json", "archives_directory_listing_", "PROVENANCE.md")
# Captures that are error pages: the parser must say so with our error, not crash.
EXPECTED_ERRORS = {
    "getcurrent_all_2026-01-12_start5100_HTTP503.html": FeedError,
    "current_events_2021-04-16.html": FeedError,
    "CIK-000000001.json.HTTP404.xml": DocumentError,
}
# Real captures with nothing to find: a company-name search and JPM's image-only EX-99.1.
EXPECTED_EMPTY = {
    "getcompany_company-search_delhaize_2021-04-18.atom.xml",
    "from-txt__jpmcpressrelease06252026.htm",
}


def _index(body: bytes) -> object:
    return parse_index_page(body, "https://www.sec.gov/Archives/")


def _page(body: bytes) -> object:
    return parse_submissions_page(body, Company(cik=1, name="page"))


# (does this capture's path match?, parser), first match wins; anything else is a document.
PARSERS: list[tuple[Callable[[Path], bool], Callable[[bytes], object]]] = [
    (lambda p: p.parent.name == "feeds", parse_feed),
    (lambda p: p.name.endswith(("-index.html", "-index.htm")), _index),
    (lambda p: p.name.endswith((".txt", ".sgml-slice.html")), parse_submission),
    (lambda p: p.name.startswith("company_tickers"), parse_company_tickers),
    (lambda p: "-submissions-" in p.name, _page),
    (lambda p: p.parent.name == "submissions", parse_submissions),
]


def parser_for(path: Path) -> Callable[[bytes], object]:
    """The watchers parser that reads this kind of capture."""
    for matches, parser in PARSERS:
        if matches(path):
            return parser
    return lambda body: document_text(body, path.name)


def captures() -> list[Path]:
    if not REAL.is_dir():
        return []
    return sorted(
        p for p in REAL.rglob("*") if p.is_file() and not any(k in str(p) for k in OUT_OF_SCOPE)
    )


def test_the_shared_captures_are_there() -> None:
    real("feeds")
    assert len(captures()) >= 45


@pytest.mark.parametrize("path", captures(), ids=lambda p: p.name)
def test_every_capture_parses(path: Path) -> None:
    parse = parser_for(path)
    expected = EXPECTED_ERRORS.get(path.name)
    if path.name in EXPECTED_EMPTY:
        assert not parse(path.read_bytes())
    elif expected is None:
        assert parse(path.read_bytes())
    else:
        with pytest.raises(expected) as caught:
            parse(path.read_bytes())
        assert isinstance(caught.value, WatcherError)
