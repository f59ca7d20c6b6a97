"""What can go wrong when talking to EDGAR, as one small tree.

    WatcherError                  base of every error the watchers raise
    ├── EdgarHTTPError            an HTTP status we do not handle (404, 403 …): .status, .url
    ├── EdgarRateLimited          SEC throttled us (429 after retries, or the "Request Rate
    │   │                         Threshold Exceeded" page, 403 or 200): .url, .retry_after seconds
    │   └── EdgarPaused           traffic is paused after that page: no request was sent
    ├── EdgarUnavailable          EDGAR unreachable: 5xx after retries, timeouts, network errors,
    │                             no complete answer within the deadline, a truncated gzip body
    ├── EdgarBodyTooLarge         a body over its cap (counted inflated, while streaming)
    ├── EdgarStopped              the process is stopping: the request was abandoned
    ├── FeedError                 a feed that is not one: malformed or empty, HTML where XML was due
    └── DocumentError             a filing or document that cannot be read or parsed

No httpx or feedparser exception crosses the package boundary: callers catch WatcherError
(or one branch) and retry on the next tick. `charged` tells whether EDGAR was actually asked
(False for EdgarPaused and EdgarStopped): only charged errors count as a filing's attempt.
"""

from __future__ import annotations


class WatcherError(Exception):
    """Base class of every error raised by the watchers package."""

    charged = True  # a request was made (or a body parsed): it counts as an attempt


class EdgarHTTPError(WatcherError):
    """EDGAR answered with an HTTP status we do not retry."""

    def __init__(self, status: int, url: str, message: str = "") -> None:
        self.status = status
        self.url = url
        super().__init__(message or f"HTTP {status} from {url}")


class EdgarRateLimited(WatcherError):  # noqa: N818 (the name the bot uses)
    """SEC throttled us; wait `retry_after` seconds before the next request."""

    def __init__(self, url: str, retry_after: float, message: str = "") -> None:
        self.url = url
        self.retry_after = retry_after
        super().__init__(message or f"rate limited by EDGAR at {url}; retry in {retry_after:.0f}s")


class EdgarPaused(EdgarRateLimited):
    """Traffic is paused after SEC's threshold page; nothing was sent to EDGAR."""

    charged = False


class EdgarUnavailable(WatcherError):  # noqa: N818 (the name the bot uses)
    """EDGAR could not be reached or kept answering 5xx."""

    def __init__(self, url: str, message: str = "", status: int | None = None) -> None:
        self.url = url
        self.status = status
        super().__init__(message or f"EDGAR unavailable at {url}")


class EdgarBodyTooLarge(WatcherError):  # noqa: N818 (a state, like EdgarUnavailable)
    """A body longer than its cap (inflated bytes counted while streaming)."""

    def __init__(self, url: str, limit: int) -> None:
        self.url = url
        self.limit = limit
        super().__init__(f"body over {limit} bytes (inflated) at {url}; not read further")


class EdgarStopped(WatcherError):  # noqa: N818 (a state, like EdgarUnavailable)
    """The process is shutting down; the request was abandoned, nothing is charged."""

    charged = False


class FeedError(WatcherError):
    """A feed body that is not a usable Atom/RSS feed."""


class DocumentError(WatcherError):
    """A filing index, submission or document that cannot be read."""
