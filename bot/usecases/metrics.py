"""Prometheus metrics for `GET /metrics`: one registry per process, created with the runtime."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from bot.slack.posters import KNOWN_CODES, DeliveryError, RateLimitedError

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    """The counters, gauges and histograms phasewatch exports."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.filings_seen = Counter(
            "phasewatch_filings_seen", "New filings found in EDGAR feeds", registry=r
        )
        self.filings_processed = Counter(
            "phasewatch_filings_processed", "Filings fetched, classified and stored", registry=r
        )
        self.events = Counter(
            "phasewatch_events", "Events classified, by type", ["type"], registry=r
        )
        self.alerts_posted = Counter(
            "phasewatch_alerts_posted", "Alert messages posted to Slack", registry=r
        )
        self.alerts_failed = Counter(
            "phasewatch_alerts_failed", "Alert posts that failed", registry=r
        )
        self.edgar_requests = Counter(
            "phasewatch_edgar_requests",
            "EDGAR requests by HTTP status (0: no answer)",
            ["status"],
            registry=r,
        )
        self.registry_requests = Counter(
            "phasewatch_registry_requests",
            "ClinicalTrials.gov requests by HTTP status (0: no answer)",
            ["status"],
            registry=r,
        )
        self.filing_failures = Counter(
            "phasewatch_filing_failures",
            "Failed filing fetches charged as attempts (a request was made)",
            registry=r,
        )
        self.filings_given_up = Counter(
            "phasewatch_filings_given_up",
            "Filings given up on: failed alone, for hours, while EDGAR served others",
            registry=r,
        )
        self.filings_skipped = Counter(
            "phasewatch_filings_skipped",
            "Filings recorded as seen and never fetched (older than the cold-start window)",
            registry=r,
        )
        self.edgar_failing = Gauge(
            "phasewatch_edgar_failing",
            "1 while most recent EDGAR requests fail (filings are kept, never given up)",
            registry=r,
        )
        self.poll_lag = Gauge(
            "phasewatch_poll_lag_seconds", "Seconds since the last successful poll", registry=r
        )
        self.last_poll = Gauge(
            "phasewatch_last_poll_timestamp_seconds", "When the last poll succeeded", registry=r
        )
        self.classify_seconds = Histogram(
            "phasewatch_classify_seconds",
            "Time to classify one document",
            registry=r,
            buckets=(0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
        )
        self.slack_rate_limited = Counter(
            "phasewatch_slack_rate_limited",
            "Slack Web API calls answered 429 (delivery, history, registry updates), by method",
            ["method"],
            registry=r,
        )
        self.slack_errors = Counter(
            "phasewatch_slack_errors",
            "Failed Slack Web API calls (delivery, history, registry updates), by error code "
            "(unreachable: not sent; no_answer: sent, no answer; unknown codes: other)",
            ["code"],
            registry=r,
        )
        self.leader = Gauge(
            "phasewatch_poll_leader", "1 while this replica leads polling", registry=r
        )
        self.http_refused = Counter(
            "phasewatch_http_refused",
            "HTTP requests answered before the handler (400, 408, 413, 431, 503), by status; "
            "0: a half-sent connection dropped at the connection cap",
            ["status"],
            registry=r,
        )
        self.socket_mode_connected = Gauge(
            "phasewatch_socket_mode_connected",
            "1 while the Socket Mode websocket to Slack is open (0 when closed or in HTTP mode)",
            registry=r,
        )

    def observe_edgar(self, status: int) -> None:
        """Count one EDGAR request attempt by its status."""
        self.edgar_requests.labels(status=str(status)).inc()

    def observe_registry(self, status: int) -> None:
        """Count one ClinicalTrials.gov request attempt by its status."""
        self.registry_requests.labels(status=str(status)).inc()

    def observe_http_refusal(self, status: int) -> None:
        """Count one HTTP request refused by the server itself."""
        self.http_refused.labels(status=str(status)).inc()

    def observe_slack_error(self, error: DeliveryError) -> None:
        """Count one failed Slack call (a 429 also by method); an error never sent is not one."""
        if error.method is None:
            return
        if isinstance(error, RateLimitedError):
            self.slack_rate_limited.labels(method=error.method).inc()
        code = error.code if error.code in KNOWN_CODES else "other"
        self.slack_errors.labels(code=code).inc()

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)
