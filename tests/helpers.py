"""Building a real Runtime against the local stand-ins, and serving filings on the fake EDGAR."""

from __future__ import annotations

from datetime import timedelta

from bot.runtime import build_runtime
from bot.storage.models import now_utc
from bot.usecases.context import Runtime
from bot.usecases.deliver import SlackPoster, make_delivery_client
from bot.usecases.settings import load_settings
from tests.edgar_pages import PageDoc, PageFiling, company_tickers, getcurrent_feed, index_page
from tests.edgar_server import FakeEdgar
from tests.slack_server import FakeSlack
from watchers import EdgarClient, RegistryClient

USER_AGENT = "phasewatch-tests tests@example.com"


def make_runtime(edgar: FakeEdgar, slack: FakeSlack, db_url: str, **env: str) -> Runtime:
    """A Runtime whose EDGAR and Slack are the local stand-ins and whose database is `db_url`."""
    settings = load_settings(
        PHASEWATCH_DATABASE_URL=db_url,
        PHASEWATCH_EDGAR_URL=edgar.url,
        PHASEWATCH_EDGAR_DATA_URL=edgar.url,
        PHASEWATCH_SEC_USER_AGENT=USER_AGENT,
        PHASEWATCH_MAX_RPS=10,
        SLACK_BOT_TOKEN="xoxb-test",
        PHASEWATCH_SLACK_API_URL=slack.api_url,
        **({"PHASEWATCH_CTGOV_URL": ""} | env),  # never the real registry unless a test asks
    )
    poster = SlackPoster(make_delivery_client("xoxb-test", slack.api_url))
    rt = build_runtime(settings, poster=poster)
    rt.edgar.close()  # the same client, with a short backoff so retry tests stay fast
    rt.edgar = EdgarClient(
        user_agent=USER_AGENT,
        base_url=edgar.url,
        data_url=edgar.url,
        max_rps=10,
        backoff=0.05,
        stop=rt.stop,
    )
    if rt.ctgov is not None:  # the stand-in registry, with a short backoff and deadline
        rt.ctgov.close()
        rt.ctgov = RegistryClient(
            base_url=settings.ctgov_url,
            max_rps=50,
            backoff=0.02,
            timeout=0.5,
            deadline=1.5,
            on_response=rt.metrics.observe_registry,
        )
    return rt


def release_html(sentence: str) -> bytes:
    """A small EX-99.1 press release around one sentence."""
    return f"<html><body><p><b>Exhibit 99.1</b></p><p>{sentence}</p></body></html>".encode()


# Filings the tests serve are accepted in the three hours before the suite started (EST), read
# once from the clock the code under test reads: never in the future, always inside a watch's
# one-day company-feed lookback, on any day the suite runs (and under `scripts/with-clock`).
_RECENT_ET = (now_utc() - timedelta(hours=5 + 3)).replace(minute=0, second=0, microsecond=0)


def today_et() -> str:
    """The date the tests' recent filings are filed on (EST)."""
    return _RECENT_ET.date().isoformat()


def drug_filing(cik: int, company: str, n: int, filed: str | None = None) -> PageFiling:
    """The n-th 8-K of a company, with a primary document and an EX-99.1.

    Without `filed` it was accepted n minutes (mod 60) into the hour three hours before the
    suite started; with `filed`, at 07:nn that day.
    """
    if filed is None:
        at = _RECENT_ET + timedelta(minutes=n % 60)
        filed, clock = at.date().isoformat(), at.strftime("%H:%M")
    else:
        clock = f"07:{n % 60:02d}"
    return PageFiling(
        cik=cik,
        company=company,
        accession=f"{cik:010d}-26-{n:06d}",
        filed=filed,
        accepted=f"{filed} {clock}:00",
        updated=f"{filed}T{clock}:00-05:00",
        docs=(
            PageDoc(1, "8-K", f"form8k-{n}.htm", "8-K"),
            PageDoc(2, "PRESS RELEASE", f"ex991-{n}.htm", "EX-99.1"),
        ),
    )


def serve_filing(edgar: FakeEdgar, filing: PageFiling, sentence: str) -> None:
    """Serve a filing's index page, a bare 8-K body and a press release saying `sentence`."""
    edgar.add(filing.index_path, index_page(filing))
    edgar.add(
        f"{filing.folder}/{filing.docs[0].filename}",
        b"<html><body><p>Item 8.01 Other Events.</p></body></html>",
    )
    edgar.add(f"{filing.folder}/{filing.docs[1].filename}", release_html(sentence))


def serve_feeds(
    edgar: FakeEdgar, filings: list[PageFiling], tickers: list[tuple[int, str, str]]
) -> None:
    """Serve company_tickers.json and getcurrent for 8-K (listing `filings`) and 6-K (empty)."""
    edgar.add("/files/company_tickers.json", company_tickers(tickers))
    edgar.add(
        "/cgi-bin/browse-edgar",
        getcurrent_feed(filings),
        query={"action": "getcurrent", "type": "8-K"},
    )
    edgar.add(
        "/cgi-bin/browse-edgar", getcurrent_feed([]), query={"action": "getcurrent", "type": "6-K"}
    )
