"""A stand-in for the ClinicalTrials.gov API v2 on 127.0.0.1 (port 0), like tests/edgar_server.py.

It serves study records you register (the real captures in ../shared/fixtures/ctgov, or our own
built by tests/ctgov_pages.py) the way the API does:
- `GET /studies/{nctId}`: the record as one compact line; an unknown id answers 404 text/plain
  `NCT number … not found`, a malformed one 400 ``Parameter `nctId` has incorrect format``;
- `GET /studies`: `filter.ids`, `query.intr`, `query.spons` (case-insensitive words, OR'd), one
  study per line, opaque `nextPageToken`s with `-` and `_`, `totalCount` with `countTotal=true`
  on the first page, an empty result as 200 `{"studies":[\\n\\n]}`; an unknown parameter
  (`filter.phase`) answers 400 text/plain, as the real API does.
Faults are scripted per path prefix: `fault("/studies", 503, 503)`, `fault(…, 429, retry_after=1)`,
`hang(seconds)`. Every request is recorded (path, query, time).
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

KNOWN_PARAMS = {
    "format",
    "pageSize",
    "pageToken",
    "countTotal",
    "fields",
    "filter.ids",
    "filter.advanced",
    "filter.overallStatus",
    "query.intr",
    "query.spons",
    "query.term",
    "query.cond",
    "sort",
}
NCT_PATTERN = re.compile(r"^[Nn][Cc][Tt]0*[1-9]\d{0,7}$")


@dataclass(frozen=True)
class CtgovRequest:
    """One request the stand-in received."""

    path: str
    query: dict[str, str]
    time: float


@dataclass
class Fault:
    """A scripted answer given instead of the normal one."""

    status: int = 503
    body: bytes = b"upstream connect error"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


class FakeCtgov:
    """The registry stand-in; use as a context manager. `.url` is the API base (…/api/v2)."""

    def __init__(self) -> None:
        self.studies: dict[str, dict[str, Any]] = {}
        self.requests: list[CtgovRequest] = []
        self.faults: dict[str, deque[Fault]] = {}
        self.lock = threading.Lock()
        self._pages: dict[str, tuple[dict[str, str], int]] = {}
        self._serial = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        """The base URL to set PHASEWATCH_CTGOV_URL to."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/v2"

    def __enter__(self) -> FakeCtgov:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add_study(self, record: Mapping[str, Any]) -> str:
        """Serve one study record (the API's JSON object); returns its NCT id."""
        nct = str(record["protocolSection"]["identificationModule"]["nctId"])
        with self.lock:
            self.studies[nct] = json.loads(json.dumps(record))
        return nct

    def add_file(self, path: Path) -> str:
        """Serve a captured /studies/{nctId} body from a file."""
        return self.add_study(json.loads(path.read_bytes()))

    def set_status(self, nct: str, status: str, updated: str) -> None:
        """Change a served study's overallStatus and lastUpdatePostDate (the registry moved)."""
        with self.lock:
            module = self.studies[nct]["protocolSection"]["statusModule"]
            module["overallStatus"] = status
            module["lastUpdatePostDateStruct"] = {"date": updated, "type": "ACTUAL"}

    def fault(self, prefix: str, *statuses: int, retry_after: str | None = None) -> None:
        """Answer the next requests under `prefix` with these statuses (text/plain bodies)."""
        headers = (("Retry-After", retry_after),) if retry_after else ()
        with self.lock:
            queue = self.faults.setdefault(prefix, deque())
            queue.extend(Fault(status, headers=headers) for status in statuses)

    def hang(self, prefix: str, seconds: float, times: int = 1) -> None:
        """The next `times` requests under `prefix` get no answer for `seconds`."""
        with self.lock:
            queue = self.faults.setdefault(prefix, deque())
            queue.extend(Fault(503, delay=seconds) for _ in range(times))

    def requests_to(self, prefix: str) -> list[CtgovRequest]:
        """The recorded requests whose path starts with the API base + prefix."""
        with self.lock:
            return [r for r in self.requests if r.path.startswith("/api/v2" + prefix)]

    def answer(self, path: str, query: dict[str, str]) -> tuple[Fault | None, int, str, bytes]:
        """(fault or None, status, content type, body) for one request; records it."""
        with self.lock:
            self.requests.append(CtgovRequest(path, query, time.monotonic()))
            route = path.removeprefix("/api/v2")
            for prefix, queue in self.faults.items():
                if route.startswith(prefix) and queue:
                    return queue.popleft(), 0, "", b""
            if route.startswith("/studies/"):
                return (None, *self._study(route.removeprefix("/studies/")))
            if route == "/studies":
                return (None, *self._search(query))
            if route == "/version":
                body = b'{\n  "apiVersion" : "2.0.5",\n  "dataTimestamp" : "2026-08-19T09:00:06"\n}'
                return None, 200, "application/json", body
        return None, 404, "text/plain; charset=UTF-8", b"Not found"

    def _study(self, nct: str) -> tuple[int, str, bytes]:
        if not NCT_PATTERN.match(nct):
            return 400, "text/plain; charset=UTF-8", b"Parameter `nctId` has incorrect format"
        record = self.studies.get(nct.upper())
        if record is None:
            return 404, "text/plain; charset=UTF-8", f"NCT number {nct} not found".encode()
        return 200, "application/json", _compact(record)

    def _search(self, query: dict[str, str]) -> tuple[int, str, bytes]:
        unknown = sorted(k for k in query if k not in KNOWN_PARAMS)
        if unknown:
            return 400, "text/plain; charset=UTF-8", f"`{unknown[0]}` is unknown parameter".encode()
        token = query.get("pageToken")
        if token:
            if token not in self._pages:
                return 400, "text/plain; charset=UTF-8", b"Parameter `pageToken` is invalid"
            first, offset = self._pages[token]
        else:
            first, offset = query, 0
        found = [s for s in self.studies.values() if _matches(s, first)]
        size = min(int(query.get("pageSize") or 10) or 10, 1000)
        page = found[offset : offset + size]
        tail: dict[str, Any] = {}
        if not token and query.get("countTotal") == "true":
            tail["totalCount"] = len(found)
        if offset + size < len(found):
            self._serial += 1
            next_token = f"ZVt07cGHkv_{self._serial:04d}-{offset + size}"
            self._pages[next_token] = (first, offset + size)
            tail["nextPageToken"] = next_token
        lines = b",\n".join(_compact(s) for s in page)
        rest = json.dumps(tail, separators=(",", ":"))[1:-1]
        body = b'{"studies":[\n' + lines + b"\n]" + (b"," + rest.encode() if rest else b"") + b"}"
        return 200, "application/json", body


def _compact(record: Mapping[str, Any]) -> bytes:
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode()


def _matches(record: Mapping[str, Any], query: Mapping[str, str]) -> bool:
    protocol = record["protocolSection"]
    nct = protocol["identificationModule"]["nctId"]
    if "filter.ids" in query and nct not in re.split(r"[,|]", query["filter.ids"]):
        return False
    names = [
        name
        for item in protocol.get("armsInterventionsModule", {}).get("interventions", [])
        for name in [item.get("name", ""), *item.get("otherNames", [])]
    ]
    if "query.intr" in query and not _any_word(query["query.intr"], names):
        return False
    sponsor = protocol.get("sponsorCollaboratorsModule", {}).get("leadSponsor", {}).get("name", "")
    return "query.spons" not in query or _any_word(query["query.spons"], [sponsor])


def _any_word(expression: str, texts: list[str]) -> bool:
    """Essie, much simplified: any OR'd term (quoted or bare) found in any of the texts."""
    terms = [t.strip().strip('"').lower() for t in re.split(r"\s+OR\s+", expression)]
    haystack = " | ".join(texts).lower()
    return any(t and t in haystack for t in terms)


def _handler(fake: FakeCtgov) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            fault, status, ctype, body = fake.answer(parts.path, query)
            if fault is not None:
                time.sleep(fault.delay)
                status, ctype, body = fault.status, "text/plain; charset=UTF-8", fault.body
            self.send_response(status)
            for name, value in fault.headers if fault else ():
                self.send_header(name, value)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # the client may have given up waiting (a hang test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
