"""pytest fixtures and helpers for EDGAR tests: the fake server, fixture paths, feed builders.

Import the fixture into conftest.py or a test module (pytest finds fixtures by name)::

    from tests.edgar_fixtures import edgar  # noqa: F401
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.edgar_server import FakeEdgar

OWN = Path(__file__).resolve().parent / "fixtures" / "edgar"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "fixtures" / "edgar"
EASTERN = ZoneInfo("America/New_York")


@pytest.fixture
def edgar() -> Iterator[FakeEdgar]:
    """A started FakeEdgar on 127.0.0.1 with no routes; stopped after the test."""
    with FakeEdgar() as server:
        yield server


def real(relative: str = "") -> Path:
    """A file of the shared real-EDGAR captures; skips the test when they are not present."""
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"shared EDGAR captures not found at {path} (they live beside the repo)")
    return path


def own(relative: str) -> Path:
    """A fixture file written for these tests (tests/fixtures/edgar/…)."""
    return OWN / relative


@dataclass(frozen=True)
class CurrentEntry:
    """One entry of a getcurrent page, as EDGAR writes it."""

    accession: str
    form: str = "8-K"
    company: str = "Examplar Therapeutics, Inc."
    cik: int = 9990001
    role: str = "Filer"
    updated: datetime = datetime(2026, 1, 12, 8, 30, 11, tzinfo=EASTERN)
    items: tuple[tuple[str, str], ...] = (("8.01", "Other Events"),)


def getcurrent_atom(entries: Sequence[CurrentEntry], *, base: str = "https://www.sec.gov") -> bytes:
    """A getcurrent Atom page in EDGAR's exact layout (one element per line, escaped summary)."""
    head = (
        '<?xml version="1.0" encoding="ISO-8859-1" ?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "<title>Latest Filings - Mon, 12 Jan 2026 08:31:02 EST</title>\n"
        '<link rel="alternate" href="/cgi-bin/browse-edgar?action=getcurrent"/>\n'
        '<link rel="self" href="/cgi-bin/browse-edgar?action=getcurrent"/>\n'
        "<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>\n"
        "<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>\n"
        "<updated>2026-01-12T08:31:02-05:00</updated>\n"
    )
    return (head + "".join(_entry(e, base) for e in entries) + "</feed>\n").encode("latin-1")


def _entry(entry: CurrentEntry, base: str) -> str:
    folder = f"{base}/Archives/edgar/data/{entry.cik}/{entry.accession.replace('-', '')}"
    items = "".join(f"&lt;br&gt;Item {n}: {d}\n" for n, d in entry.items)
    return (
        "<entry>\n"
        f"<title>{entry.form} - {entry.company} ({entry.cik:010d}) ({entry.role})</title>\n"
        f'<link rel="alternate" type="text/html" href="{folder}/{entry.accession}-index.htm"/>\n'
        '<summary type="html">\n'
        f" &lt;b&gt;Filed:&lt;/b&gt; {entry.updated:%Y-%m-%d} &lt;b&gt;AccNo:&lt;/b&gt; "
        f"{entry.accession} &lt;b&gt;Size:&lt;/b&gt; 24 KB\n"
        f"{items}</summary>\n"
        f"<updated>{entry.updated.isoformat()}</updated>\n"
        f'<category scheme="https://www.sec.gov/" label="form type" term="{entry.form}"/>\n'
        f"<id>urn:tag:sec.gov,2008:accession-number={entry.accession}</id>\n"
        "</entry>\n"
    )
