"""A finished EDGAR response, and the conditional-GET cache (ETag / Last-Modified per URL)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class EdgarResponse:
    """A finished GET: body already read, inflated and capped."""

    url: str
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    not_modified: bool = False  # 304: content is the cached body
    truncated: bool = False  # body longer than max_bytes; content holds the first max_bytes


@dataclass(frozen=True, slots=True)
class _Validators:
    etag: str | None
    last_modified: str | None
    response: EdgarResponse


class ValidatorCache:
    """The last validators and body of up to `size` URLs (least recently stored go first)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, _Validators] = OrderedDict()

    def headers_for(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for a URL seen before; {} otherwise."""
        with self._lock:
            entry = self._entries.get(url)
        headers = {}
        if entry is not None and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry is not None and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        return headers

    def response_for(self, url: str) -> EdgarResponse | None:
        """The body stored with the validators (what a 304 stands for), or None."""
        with self._lock:
            entry = self._entries.get(url)
            return entry.response if entry is not None else None

    def remember(self, url: str, response: EdgarResponse) -> None:
        """Keep a 200 that carries an ETag or Last-Modified."""
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if not etag and not modified:
            return
        with self._lock:
            self._entries[url] = _Validators(etag, modified, response)
            self._entries.move_to_end(url)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
