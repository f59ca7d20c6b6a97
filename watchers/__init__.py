"""EDGAR watchers: talk to SEC EDGAR, hand back plain records. Imports nothing of phasewatch's."""

from watchers.types import Company, Document, FeedEntry, FetchedFiling, Filing

__all__ = ["Company", "Document", "FeedEntry", "FetchedFiling", "Filing"]
