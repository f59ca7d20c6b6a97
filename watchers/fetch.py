"""Fetch feeds and reference data from EDGAR (I/O): the functions the bot calls."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from urllib.parse import urlencode

from watchers._common import SEC_BASE
from watchers.client import EdgarClient
from watchers.errors import EdgarUnavailable
from watchers.feeds import filings_from_entries, parse_feed
from watchers.reference import (
    parse_company_tickers,
    parse_submissions,
    parse_submissions_page,
    submissions_page_names,
)
from watchers.types import Company, FeedEntry, Filing

logger = logging.getLogger(__name__)

_OLDEST = datetime.min.replace(tzinfo=UTC)


def current_feed_url(client: EdgarClient, form: str, start: int, count: int) -> str:
    """The getcurrent Atom URL for one form type and page."""
    query = urlencode(
        {
            "action": "getcurrent",
            "type": form,
            "company": "",
            "dateb": "",
            "owner": "include",
            "start": start,
            "count": count,
            "output": "atom",
        }
    )
    return f"{client.url('/cgi-bin/browse-edgar')}?{query}"


def company_feed_url(client: EdgarClient, cik: int) -> str:
    """The getcompany Atom URL for a CIK, all form types, newest 40."""
    query = urlencode(
        {
            "action": "getcompany",
            "CIK": f"{cik:010d}",
            "type": "",
            "dateb": "",
            "owner": "include",
            "start": 0,
            "count": 40,
            "output": "atom",
        }
    )
    return f"{client.url('/cgi-bin/browse-edgar')}?{query}"


def fetch_current_filings(
    client: EdgarClient,
    forms: Sequence[str],
    *,
    is_seen: Callable[[str], bool] = lambda a: False,
    page_size: int = 100,
    max_pages: int = 10,
) -> list[Filing]:
    """New filings of the given forms from EDGAR's latest-filings feed, newest first, deduplicated.

    Pages through start=0, page_size, … until a page holds an already-seen accession, the feed
    ends (a short page, or EDGAR's 503 past the end) or max_pages. Seen filings are left out.
    """
    found: dict[str, Filing] = {}
    for form in _query_forms(forms):
        pages = _fetch_current_form(
            client, form, forms=forms, is_seen=is_seen, page_size=page_size, max_pages=max_pages
        )
        for filing in pages:
            found.setdefault(filing.accession, filing)
    return sorted(found.values(), key=lambda f: f.accepted or _OLDEST, reverse=True)


def _query_forms(forms: Sequence[str]) -> list[str]:
    """Forms worth a query: type= is a prefix match, so type=8-K already brings 8-K/A."""
    unique = list(dict.fromkeys(f.strip() for f in forms if f.strip()))
    return [f for f in unique if not any(f != g and f.startswith(g) for g in unique)]


def _fetch_current_form(
    client: EdgarClient,
    form: str,
    *,
    forms: Sequence[str],
    is_seen: Callable[[str], bool],
    page_size: int,
    max_pages: int,
) -> list[Filing]:
    """Page through getcurrent for one type= value."""
    new: list[Filing] = []
    for page in range(max_pages):
        entries = _current_page(client, form, page * page_size, page_size)
        if entries is None:
            break
        filings = filings_from_entries(entries, forms)
        seen = {f.accession for f in filings if is_seen(f.accession)}
        new.extend(f for f in filings if f.accession not in seen)
        if seen or len(entries) < page_size:
            break
    else:
        logger.warning("getcurrent type=%s: stopped after %d pages, none seen", form, max_pages)
    return new


def _current_page(client: EdgarClient, form: str, start: int, count: int) -> list[FeedEntry] | None:
    """One getcurrent page's entries; None past the end (EDGAR answers 503 beyond ~5,100)."""
    try:
        response = client.get(current_feed_url(client, form, start, count), conditional=True)
    except EdgarUnavailable as exc:
        if start == 0 or exc.status != 503:
            raise
        logger.info("getcurrent type=%s ends at start=%d (HTTP 503)", form, start)
        return None
    return parse_feed(response.content)


def fetch_company_filings(client: EdgarClient, cik: int, forms: Sequence[str]) -> list[Filing]:
    """A company's latest filings of the given forms (getcompany Atom feed), newest first."""
    response = client.get(company_feed_url(client, cik), conditional=True)
    return filings_from_entries(parse_feed(response.content), forms)


def fetch_company_tickers(client: EdgarClient) -> list[Company]:
    """Every company with a ticker, from {base}/files/company_tickers.json."""
    response = client.get(client.url("/files/company_tickers.json"))
    return parse_company_tickers(response.content)


def fetch_submissions(
    client: EdgarClient, cik: int, *, include_older: bool = False
) -> tuple[Company, list[Filing]]:
    """A company and its filings from {data_url}/submissions/CIK##########.json.

    The recent list holds up to 1,000 filings; include_older also reads the older page files.
    An unknown CIK raises EdgarHTTPError(404).
    """
    response = client.get(client.data(f"/submissions/CIK{cik:010d}.json"))
    company, filings = parse_submissions(response.content, base_url=SEC_BASE)
    if include_older:
        for name in submissions_page_names(response.content):
            page = client.get(client.data(f"/submissions/{name}"))
            filings.extend(parse_submissions_page(page.content, company, base_url=SEC_BASE))
    return company, filings


def fetch_company(client: EdgarClient, cik: int) -> Company:
    """What EDGAR knows of one company (name, tickers, SIC), from the submissions JSON."""
    return fetch_submissions(client, cik)[0]
