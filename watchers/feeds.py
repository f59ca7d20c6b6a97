"""Parse EDGAR's Atom/RSS feeds into FeedEntry records and group them into Filings.

feedparser is used here and only here; its dicts never leave this module.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from watchers._common import find_accession, folder_cik, parse_date, parse_items
from watchers.errors import FeedError
from watchers.types import FeedEntry, Filing

logger = logging.getLogger(__name__)

# "8-K - ImmunoGen, Inc. (0000855654) (Filer)"; names may contain " - " and parentheses.
_CURRENT_TITLE = re.compile(
    r"^(?P<form>.+?) - (?P<name>.*) \((?P<cik>\d{10})\) \((?P<role>[^()]+)\)$"
)
# usgaap.rss: "HF Sinclair Corp (0001915657) (Filer)"
_RSS_TITLE = re.compile(r"^(?P<name>.*) \((?P<cik>\d{10})\) \((?P<role>[^()]+)\)$")
_FILED = re.compile(r"Filed:</b>\s*(\d{4}-\d{2}-\d{2})")
# feedparser flags these but parses the feed fine: a charset label that disagrees with the bytes.
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_HTML_START = re.compile(rb"^\s*(<!DOCTYPE\s+html|<html)", re.IGNORECASE)
# A filing appears once per role; the company it is about is the Filer/Subject/Issuer.
_ROLE_RANK = {"filer": 0, "subject": 1, "issuer": 2, "": 3, "reporting": 4, "filed by": 5}


def parse_feed(body: bytes) -> list[FeedEntry]:
    """Parse a getcurrent/getcompany Atom feed (or usgaap.rss) into entries, feed order kept.

    A getcurrent entry's title reads "8-K - PROKIDNEY CORP. (0001850270) (Filer)"; a getcompany
    entry carries <accession-number> (2016: <accession-nunber>) and <items-desc>.
    Entries that are not filings (company-search results) are skipped.
    """
    parsed = _parse_or_raise(body)
    feed_cik = _int_or_none(parsed.feed.get("cik"))
    feed_company = str(parsed.feed.get("conformed-name") or "").strip()
    entries = []
    for raw in parsed.entries:
        entry = _entry(raw, feed_cik, feed_company)
        if entry is not None:
            entries.append(entry)
    return entries


def _parse_or_raise(body: bytes) -> Any:
    """feedparser's result, or FeedError for empty bodies, HTML pages and broken XML."""
    if not body.strip():
        raise FeedError("empty feed body")
    if _HTML_START.match(body[:512]):
        raise FeedError(f"HTML where a feed was expected: {_html_title(body)!r}")
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version"):
        raise FeedError(f"not an Atom/RSS feed: {parsed.get('bozo_exception')!r}")
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, _BENIGN):
        raise FeedError(f"malformed feed (truncated or broken XML): {problem!r}")
    return parsed


def _html_title(body: bytes) -> str:
    match = re.search(rb"<title>(.*?)</title>", body[:8192], re.IGNORECASE | re.DOTALL)
    return match.group(1).decode("latin-1").strip() if match else ""


def _entry(raw: Mapping[str, Any], feed_cik: int | None, feed_company: str) -> FeedEntry | None:
    """One FeedEntry from a feedparser entry, or None when it is not a filing."""
    accession = _accession(raw)
    if accession is None:
        return None
    title = str(raw.get("title", "")).strip()
    link = str(raw.get("link") or raw.get("filing-href") or "")
    form, name, cik, role = _identity(raw, title)
    cik = cik or feed_cik or folder_cik(link)
    if cik is None or not form:
        logger.warning("feed entry %s lacks a CIK or form type; skipped", accession)
        return None
    summary = str(raw.get("summary", ""))
    return FeedEntry(
        accession=accession,
        cik=cik,
        company=name or feed_company,
        form=form,
        role=role,
        index_url=link,
        filed=_filed(raw, summary),
        updated=_updated(raw),
        items=parse_items(summary) or parse_items(raw.get("items-desc")),
    )


def _accession(raw: Mapping[str, Any]) -> str | None:
    for key in ("accession-number", "accession-nunber", "edgar_accessionnumber", "id"):
        found = find_accession(str(raw.get(key) or ""))
        if found:
            return found
    return find_accession(str(raw.get("summary") or ""))


def _identity(raw: Mapping[str, Any], title: str) -> tuple[str, str, int | None, str | None]:
    """(form, company name, cik, role) from the entry's category and title."""
    tags = raw.get("tags") or []
    term = str(tags[0].get("term") or "").strip() if tags else ""
    form = term or str(raw.get("filing-type") or raw.get("edgar_formtype") or "").strip()
    if match := _CURRENT_TITLE.match(title):
        return (
            form or match["form"].strip(),
            match["name"].strip(),
            int(match["cik"]),
            match["role"],
        )
    if match := _RSS_TITLE.match(title):
        return form, match["name"].strip(), int(match["cik"]), match["role"]
    if not form and " - " in title:  # getcompany: "8-K  - Current report"
        form = title.split(" - ", 1)[0].replace("[Amend]", "").strip()
    company = str(raw.get("edgar_companyname") or "").strip()
    return form, company, _int_or_none(raw.get("edgar_ciknumber")), None


def _filed(raw: Mapping[str, Any], summary: str) -> date | None:
    if match := _FILED.search(summary):
        return parse_date(match.group(1))
    return parse_date(raw.get("filing-date")) or parse_date(raw.get("edgar_filingdate"), "%m/%d/%Y")


def _updated(raw: Mapping[str, Any]) -> datetime | None:
    """The entry's timestamp, aware; the string keeps EDGAR's own offset (-05:00)."""
    # a plain dict: feedparser's .get("updated") falls back to "published" with a warning
    plain: dict[str, Any] = dict(raw)
    text = str(plain.get("updated") or "").strip()
    if text:
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    published = str(plain.get("published") or "").strip()
    if published:
        try:
            return parsedate_to_datetime(published)
        except (TypeError, ValueError):
            pass
    parsed = plain.get("updated_parsed") or plain.get("published_parsed")
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)  # feedparser's are UTC


def _int_or_none(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def filings_from_entries(entries: Iterable[FeedEntry], forms: Collection[str]) -> list[Filing]:
    """One Filing per accession among entries whose form is exactly one of forms, order kept."""
    wanted = {form.strip().upper() for form in forms}
    best: dict[str, FeedEntry] = {}
    for entry in entries:
        if entry.form.upper() not in wanted:
            continue
        current = best.get(entry.accession)
        if current is None or _rank(entry) < _rank(current):
            best[entry.accession] = entry
    return [_filing(entry) for entry in best.values()]


def _rank(entry: FeedEntry) -> int:
    return _ROLE_RANK.get((entry.role or "").lower(), 3)


def _filing(entry: FeedEntry) -> Filing:
    return Filing(
        accession=entry.accession,
        cik=entry.cik,
        company=entry.company,
        form=entry.form,
        index_url=entry.index_url,
        filed=entry.filed,
        accepted=entry.updated.astimezone(UTC) if entry.updated else None,
        items=entry.items,
    )
