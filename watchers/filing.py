"""Fetch one filing (I/O): its index page, then the primary document and EX-99 exhibits' text.

Falls back to the full submission .txt when the index page is missing, has no document table,
or names no file for a document it lists (pre-2001 pages link every row to the folder).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from watchers._common import filing_folder
from watchers.client import EdgarClient
from watchers.errors import DocumentError, EdgarHTTPError
from watchers.index import parse_index_page
from watchers.submission import parse_submission
from watchers.text import document_text
from watchers.types import (
    Document,
    FetchedFiling,
    Filing,
    IndexDocument,
    IndexPage,
    SubmissionDocument,
)

logger = logging.getLogger(__name__)

_PRESS_RELEASE = re.compile(r"^EX-99(?:[.\s]|$)", re.IGNORECASE)
_BINARY_SUFFIXES = (".jpg", ".jpeg", ".gif", ".png", ".pdf", ".zip", ".xls", ".xlsx")


def select_documents(documents: Sequence[IndexDocument], form: str) -> list[IndexDocument]:
    """The primary document (Type equal to the form, else seq 1) and every EX-99* exhibit."""
    numbered = [d for d in documents if d.seq is not None]
    primary = next((d for d in numbered if d.type.upper() == form.upper()), None)
    primary = primary or next((d for d in numbered if d.seq == 1), None)
    chosen = [primary] if primary else []
    chosen += [d for d in numbered if d is not primary and _PRESS_RELEASE.match(d.type)]
    return chosen


def fetch_filing(
    client: EdgarClient, filing: Filing, *, max_document_bytes: int = 5_000_000
) -> FetchedFiling:
    """The filing with accepted time, filed date and items from its index page, plus its texts."""
    page = _fetch_index(client, filing)
    wanted = select_documents(page.documents, filing.form) if page is not None else []
    if page is None or not page.documents or not all(map(_names_a_file, wanted)):
        return _fetch_from_submission(client, filing, max_document_bytes)
    enriched = replace(
        filing,
        accepted=page.accepted or filing.accepted,
        filed=page.filed or filing.filed,
        items=page.items or filing.items,
    )
    documents = [_fetch_document(client, enriched, d, max_document_bytes) for d in wanted]
    fetched = tuple(d for d in documents if d is not None)
    if wanted and not fetched:
        raise DocumentError(f"no document of {filing.accession} could be fetched")
    return FetchedFiling(filing=enriched, documents=fetched)


def _names_a_file(row: IndexDocument) -> bool:
    """False for a pre-2001 row whose link is the filing folder (no file name)."""
    return bool(row.filename.strip()) and not row.url.endswith("/")


def _fetch_index(client: EdgarClient, filing: Filing) -> IndexPage | None:
    """The parsed index page, or None when EDGAR has none (404)."""
    try:
        response = client.get(filing.index_url)
    except EdgarHTTPError as exc:
        if exc.status != 404:
            raise
        logger.info("no index page for %s (404); trying the .txt", filing.accession)
        return None
    return parse_index_page(response.content, filing.index_url)


def _fetch_document(
    client: EdgarClient, filing: Filing, row: IndexDocument, max_bytes: int
) -> Document | None:
    """One document's text; None (logged) when EDGAR has no such file."""
    document = Document(
        filing=filing,
        url=row.url,
        type=row.type,
        filename=row.filename,
        description=row.description,
    )
    if row.filename.lower().endswith(_BINARY_SUFFIXES):
        return document  # an image or binary exhibit has no text to read
    try:
        response = client.get(row.url, max_bytes=max_bytes)
    except EdgarHTTPError as exc:
        logger.warning("%s of %s not fetched: %s", row.filename, filing.accession, exc)
        return None
    return replace(
        document,
        text=document_text(response.content, row.filename),
        size=len(response.content),
        truncated=response.truncated,
    )


def _fetch_from_submission(client: EdgarClient, filing: Filing, max_bytes: int) -> FetchedFiling:
    """Read the same documents out of the full submission .txt."""
    folder = filing_folder(filing.cik, filing.accession, client.base_url)
    try:
        response = client.get(f"{folder}/{filing.accession}.txt", max_bytes=4 * max_bytes)
    except EdgarHTTPError as exc:
        raise DocumentError(f"{filing.accession}: no index page and no .txt ({exc})") from exc
    submission = parse_submission(response.content)
    enriched = replace(
        filing,
        accepted=submission.accepted or filing.accepted,
        filed=submission.filed or filing.filed,
        items=filing.items or submission.items,
    )
    canonical = filing_folder(filing.cik, filing.accession)
    by_row = {
        IndexDocument(d.sequence, d.description, d.filename, f"{canonical}/{d.filename}", d.type): d
        for d in submission.documents
    }
    documents = tuple(
        _submission_document(enriched, row, by_row[row], max_bytes)
        for row in select_documents(list(by_row), filing.form)
    )
    return FetchedFiling(filing=enriched, documents=documents)


def _submission_document(
    filing: Filing, row: IndexDocument, source: SubmissionDocument, max_bytes: int
) -> Document:
    """A Document from one <DOCUMENT> of the .txt, capped at max_bytes like a fetched one."""
    raw = source.text.encode("utf-8")
    return Document(
        filing=filing,
        url=row.url,
        type=row.type,
        filename=row.filename,
        description=row.description,
        text=document_text(raw[:max_bytes].decode("utf-8", "ignore"), row.filename),
        size=min(len(raw), max_bytes),
        truncated=source.truncated or len(raw) > max_bytes,
    )
