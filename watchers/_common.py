"""Small helpers shared by the parsers: Eastern time, item numbers, accession numbers, URLs."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")
SEC_BASE = "https://www.sec.gov"

_ITEM = re.compile(r"(?<![\d.])(\d{1,2}\.\d{2})(?![\d])")
_ACCESSION = re.compile(r"\d{10}-\d{2}-\d{6}")
_FOLDER_CIK = re.compile(r"/Archives/edgar/data/(\d+)/", re.IGNORECASE)


def eastern_to_utc(naive: datetime) -> datetime:
    """Read a naive EDGAR wall-clock time as America/New_York and return it in UTC."""
    return naive.replace(tzinfo=EASTERN).astimezone(UTC)


def parse_eastern(text: str, fmt: str) -> datetime | None:
    """Parse an Eastern wall-clock time like "2026-06-25 07:59:33" into aware UTC, or None."""
    try:
        return eastern_to_utc(datetime.strptime(text.strip(), fmt))  # noqa: DTZ007 (Eastern, made aware just after)
    except ValueError:
        return None


def parse_date(text: str | None, fmt: str = "%Y-%m-%d") -> date | None:
    """Parse a calendar date, or None when absent or malformed."""
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 (a date, no time of day)
    except ValueError:
        return None


def parse_items(text: str | None) -> tuple[str, ...]:
    """Item numbers in order of appearance: "items 1.01, 2.03, 8.01and9.01" → ("1.01", …)."""
    if not text:
        return ()
    return tuple(dict.fromkeys(_ITEM.findall(text)))


def find_accession(text: str | None) -> str | None:
    """The first dashed accession number in text ("0001193125-26-009807"), or None."""
    match = _ACCESSION.search(text or "")
    return match.group(0) if match else None


def folder_cik(url: str) -> int | None:
    """The CIK of the /Archives/edgar/data/<cik>/ folder a URL points into, or None."""
    match = _FOLDER_CIK.search(url)
    return int(match.group(1)) if match else None


def filing_folder(cik: int, accession: str, base_url: str = SEC_BASE) -> str:
    """The archive folder of a filing: {base}/Archives/edgar/data/{cik}/{accession no dashes}."""
    return f"{base_url.rstrip('/')}/Archives/edgar/data/{cik}/{accession.replace('-', '')}"


def index_url(cik: int, accession: str, base_url: str = SEC_BASE) -> str:
    """The -index.htm page of a filing."""
    return f"{filing_folder(cik, accession, base_url)}/{accession}-index.htm"
