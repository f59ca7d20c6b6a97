"""Plain records of the ClinicalTrials.gov API v2, and what can go wrong talking to it.

    WatcherError
    └── RegistryError             base of every registry error: .url
        ├── RegistryBadRequest    400: the registry refused the request (text/plain reason)
        ├── StudyNotFound         404: no study has that NCT number
        ├── RegistryRateLimited   429 after retries: .retry_after seconds
        └── RegistryUnavailable   5xx after retries, timeouts, the deadline, network errors,
                                  or a body that is not the JSON we asked for

The API's JSON never leaves watchers.ctgov_parse: the rest of phasewatch sees these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from watchers.errors import WatcherError


class RegistryError(WatcherError):
    """A ClinicalTrials.gov request that did not give a usable answer."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        super().__init__(message)


class RegistryBadRequest(RegistryError):  # noqa: N818 (an HTTP outcome, named as one)
    """400: the request is malformed (``Parameter `nctId` has incorrect format``)."""


class StudyNotFound(RegistryError):  # noqa: N818 (a lookup outcome, named as one)
    """404: `NCT number NCT99999999 not found`."""


class RegistryRateLimited(RegistryError):  # noqa: N818 (the name the bot uses)
    """The registry kept answering 429; wait `retry_after` seconds."""

    def __init__(self, url: str, message: str, retry_after: float) -> None:
        super().__init__(url, message)
        self.retry_after = retry_after


class RegistryUnavailable(RegistryError):  # noqa: N818 (the name the bot uses)
    """The registry could not be reached, kept failing, or answered something unreadable."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A registry date of year, month or day precision; `actual` is None when no type was sent.

    {"date": "2004-05"} → PartialDate("2004-05", "month", None)
    {"date": "2020-06-16", "type": "ACTUAL"} → PartialDate("2020-06-16", "day", True)
    """

    text: str
    precision: str  # year | month | day
    actual: bool | None = None

    @property
    def month(self) -> str:
        """'2024-03' (or '2024' for a year-only date)."""
        return self.text[:7]

    @property
    def first_day(self) -> date:
        """The earliest calendar day the date can mean."""
        parts = [int(p) for p in self.text.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


@dataclass(frozen=True, slots=True)
class Enrollment:
    """Target or actual enrollment; `actual` is None when the registry sent no type."""

    count: int
    actual: bool | None = None


@dataclass(frozen=True, slots=True)
class Intervention:
    """One intervention: 'DRUG', 'Pembrolizumab', ('Keytruda', 'MK-3475', …)."""

    type: str | None
    name: str
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sponsor:
    """The lead sponsor: a company, an institution or a person; `kind` INDUSTRY, NIH, OTHER …"""

    name: str
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Study:
    """One registry record, as much of it as phasewatch reads."""

    nct_id: str
    status: str | None  # RECRUITING, TERMINATED … (None when the fields= subset left it out)
    phases: tuple[str, ...] = ()  # ("PHASE1", "PHASE2"); () for observational studies
    title: str | None = None
    start: PartialDate | None = None
    primary_completion: PartialDate | None = None
    enrollment: Enrollment | None = None
    interventions: tuple[Intervention, ...] = ()
    sponsor: Sponsor | None = None
    last_update_posted: date | None = None
    why_stopped: str | None = None
    last_known_status: str | None = None
    conditions: tuple[str, ...] = ()
    study_type: str | None = None

    @property
    def url(self) -> str:
        """The study's public page."""
        return f"https://clinicaltrials.gov/study/{self.nct_id}"


@dataclass(frozen=True, slots=True)
class StudyPage:
    """One page of a /studies search: its studies, the token of the next page, the total."""

    studies: tuple[Study, ...]
    next_page_token: str | None = None
    total: int | None = None  # only on the first page, and only with countTotal=true


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Every page read for one search; `complete` is False when max_pages stopped the paging."""

    studies: tuple[Study, ...]
    pages: int
    total: int | None = None
    complete: bool = True
    tokens: tuple[str, ...] = field(default_factory=tuple)
