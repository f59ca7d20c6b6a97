"""Plain records the watchers hand to the rest of phasewatch.

FeedEntry (one Atom entry) → Filing (one accession) → Document (one fetched file's text).
feedparser's dicts never leave the feed module; these frozen records do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a getcurrent/getcompany Atom feed.

    getcurrent lists a filing once per filer role ("(Filer)", "(Subject)", "(Reporting)"),
    so several entries may share one accession.
    """

    accession: str  # "0001104659-07-076698"
    cik: int
    company: str
    form: str  # exact form type, "8-K", "8-K/A", "6-K"
    role: str | None  # "Filer", "Subject", "Reporting" or None (getcompany feeds)
    index_url: str  # the filing's -index.htm(l) page, absolute
    filed: date | None
    updated: datetime | None  # timezone-aware
    items: tuple[str, ...] = ()  # 8-K item numbers, "8.01", "9.01"


@dataclass(frozen=True, slots=True)
class Filing:
    """One EDGAR submission, identified by its accession number."""

    accession: str
    cik: int
    company: str
    form: str
    index_url: str
    filed: date | None = None
    accepted: datetime | None = None  # timezone-aware UTC, from the index page or .txt header
    items: tuple[str, ...] = ()

    @property
    def is_amendment(self) -> bool:
        """True for "/A" forms (8-K/A, 6-K/A)."""
        return self.form.endswith("/A")


@dataclass(frozen=True, slots=True)
class Document:
    """The plain text of one document in a filing (the primary document or an EX-99.* exhibit)."""

    filing: Filing
    url: str
    type: str  # "8-K", "EX-99.1", "6-K" ...
    filename: str
    description: str = ""
    text: str = ""
    size: int = 0  # bytes received
    truncated: bool = False  # True when the body exceeded the size cap

    @property
    def is_exhibit(self) -> bool:
        """True for EX-* documents."""
        return self.type.upper().startswith("EX-")


@dataclass(frozen=True, slots=True)
class FetchedFiling:
    """A filing enriched from its index page (accepted time, items) and its documents' text."""

    filing: Filing
    documents: tuple[Document, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Company:
    """What EDGAR knows of a company: from company_tickers.json or the submissions JSON."""

    cik: int
    name: str
    tickers: tuple[str, ...] = ()
    sic: str | None = None  # "2834"
    sic_description: str | None = None


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """One row of a filing index page's document table."""

    seq: int | None  # None for the "Complete submission text file" row
    description: str
    filename: str
    url: str  # absolute; /ix?doc= links unwrapped to /Archives/…
    type: str  # "8-K", "EX-99.1", "GRAPHIC", "EX-101.SCH", "" …
    size: int | None = None


@dataclass(frozen=True, slots=True)
class IndexPage:
    """What a filing's -index.htm page says about it."""

    accession: str
    form: str | None = None
    filed: date | None = None
    accepted: datetime | None = None  # timezone-aware UTC
    period: date | None = None
    items: tuple[str, ...] = ()  # "5.02", "9.01"
    companies: tuple[tuple[int, str, str], ...] = ()  # (cik, name, role) per filer block
    documents: tuple[IndexDocument, ...] = ()


@dataclass(frozen=True, slots=True)
class SubmissionDocument:
    """One <DOCUMENT> of a full submission .txt."""

    type: str
    sequence: int | None
    filename: str
    description: str
    text: str  # the <TEXT> body, <XBRL> wrapper removed; "" for uuencoded binaries
    binary: bool = False
    truncated: bool = False  # the .txt ended before </TEXT>


@dataclass(frozen=True, slots=True)
class Submission:
    """A full submission .txt: SGML header plus documents."""

    accession: str
    form: str
    ciks: tuple[int, ...]
    company: str
    sic: str | None = None
    sic_description: str | None = None
    filed: date | None = None
    accepted: datetime | None = None  # timezone-aware UTC
    period: date | None = None
    item_descriptions: tuple[str, ...] = ()  # as in ITEM INFORMATION
    items: tuple[str, ...] = ()  # numbers recognised from the descriptions
    documents: tuple[SubmissionDocument, ...] = ()
