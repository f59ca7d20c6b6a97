"""EDGAR watchers: talk to SEC EDGAR, hand back plain records. Imports nothing of phasewatch's.

client = EdgarClient(user_agent="Org Name contact@example.com")
for filing in fetch_current_filings(client, ["8-K", "8-K/A", "6-K"], is_seen=store.has):
    fetched = fetch_filing(client, filing)   # FetchedFiling: filing + documents' text
"""

from watchers.cache import EdgarResponse
from watchers.client import EdgarClient
from watchers.clock import Clock, SystemClock
from watchers.ctgov import RegistryClient
from watchers.ctgov_parse import parse_page, parse_partial_date, parse_study
from watchers.ctgov_types import (
    Enrollment,
    Intervention,
    PartialDate,
    RegistryBadRequest,
    RegistryError,
    RegistryRateLimited,
    RegistryUnavailable,
    SearchResult,
    Sponsor,
    Study,
    StudyNotFound,
    StudyPage,
)
from watchers.errors import (
    DocumentError,
    EdgarBodyTooLarge,
    EdgarHTTPError,
    EdgarPaused,
    EdgarRateLimited,
    EdgarStopped,
    EdgarUnavailable,
    FeedError,
    WatcherError,
)
from watchers.feeds import filings_from_entries, parse_feed
from watchers.fetch import (
    fetch_company,
    fetch_company_filings,
    fetch_company_tickers,
    fetch_current_filings,
    fetch_submissions,
)
from watchers.filing import fetch_filing, select_documents
from watchers.health import EdgarHealth
from watchers.index import parse_index_page
from watchers.ratelimit import RateLimiter
from watchers.reference import parse_company_tickers, parse_submissions, parse_submissions_page
from watchers.submission import parse_submission
from watchers.text import document_text, html_to_text, is_submission
from watchers.types import (
    Company,
    Document,
    FeedEntry,
    FetchedFiling,
    Filing,
    IndexDocument,
    IndexPage,
    Submission,
    SubmissionDocument,
)

__all__ = [
    "Clock",
    "Company",
    "Document",
    "DocumentError",
    "EdgarBodyTooLarge",
    "EdgarClient",
    "EdgarHTTPError",
    "EdgarHealth",
    "EdgarPaused",
    "EdgarRateLimited",
    "EdgarResponse",
    "EdgarStopped",
    "EdgarUnavailable",
    "Enrollment",
    "FeedEntry",
    "FeedError",
    "FetchedFiling",
    "Filing",
    "IndexDocument",
    "IndexPage",
    "Intervention",
    "PartialDate",
    "RateLimiter",
    "RegistryBadRequest",
    "RegistryClient",
    "RegistryError",
    "RegistryRateLimited",
    "RegistryUnavailable",
    "SearchResult",
    "Sponsor",
    "Study",
    "StudyNotFound",
    "StudyPage",
    "Submission",
    "SubmissionDocument",
    "SystemClock",
    "WatcherError",
    "document_text",
    "fetch_company",
    "fetch_company_filings",
    "fetch_company_tickers",
    "fetch_current_filings",
    "fetch_filing",
    "fetch_submissions",
    "filings_from_entries",
    "html_to_text",
    "is_submission",
    "parse_company_tickers",
    "parse_feed",
    "parse_index_page",
    "parse_page",
    "parse_partial_date",
    "parse_study",
    "parse_submission",
    "parse_submissions",
    "parse_submissions_page",
    "select_documents",
]
