"""Read an HTTP body under a cap and a deadline, inflating gzip/deflate ourselves.

httpx would inflate a whole compressed chunk at once (a 64 KiB chunk of a gzip bomb becomes
64 MiB) and accepts a gzip stream that ends early. Here the raw bytes are inflated with a
`max_length`, so memory never exceeds the cap plus one chunk, and a stream without its gzip
trailer is an error, never a silently short document.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator

from watchers.errors import EdgarBodyTooLarge, EdgarStopped

STEP = 1 << 20  # bytes inflated per call: no transient buffer larger than this


class TruncatedBodyError(Exception):
    """A compressed body that ended before its end-of-stream marker (internal to the client)."""


class DeadlineError(Exception):
    """No complete body before the deadline (internal to the client)."""


class _Inflater:
    """Incremental gzip/zlib/raw-deflate decoding with bounded output per call."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._raw_deflate = False
        self._decoder = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header

    def feed(self, data: bytes, room: int) -> Iterator[bytes]:
        """Inflate data in pieces of at most STEP bytes, stopping once `room` bytes came out."""
        pending = data
        while pending and room > 0:
            piece = self._inflate(pending, min(room, STEP))
            room -= len(piece)
            pending = self._decoder.unconsumed_tail
            yield piece

    def _inflate(self, data: bytes, most: int) -> bytes:
        try:
            return self._decoder.decompress(data, most)
        except zlib.error as exc:
            if self.encoding == "deflate" and not self._raw_deflate:  # servers send raw deflate
                self._raw_deflate = True
                self._decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                return self._inflate(data, most)
            raise TruncatedBodyError(f"corrupt {self.encoding} body: {exc}") from exc

    def finish(self) -> None:
        """Raise TruncatedBodyError unless the compressed stream reached its end."""
        if not self._decoder.eof:
            raise TruncatedBodyError(f"truncated {self.encoding} body (no end of stream)")


def read_body(
    chunks: Iterable[bytes],
    *,
    encoding: str,
    limit: int,
    truncate: bool,
    url: str,
    expired: Callable[[], bool],
    stopping: Callable[[], bool],
) -> tuple[bytes, bool]:
    """The inflated body, at most `limit` bytes; (body, True) when cut at the cap.

    Over the cap: cut when `truncate`, else EdgarBodyTooLarge. `expired` is checked after every
    chunk (DeadlineError), `stopping` too (EdgarStopped).
    """
    encoding = encoding.strip().lower()
    inflater = _Inflater(encoding) if encoding in ("gzip", "x-gzip", "deflate") else None
    buffer = bytearray()
    for chunk in chunks:
        if stopping():
            raise EdgarStopped(f"stopping: {url} abandoned")
        if expired():
            raise DeadlineError(url)
        room = limit + 1 - len(buffer)
        if inflater is None:
            buffer += chunk[:room]
        else:
            for piece in inflater.feed(chunk, room):
                buffer += piece
        if len(buffer) > limit:
            if truncate:
                return bytes(buffer[:limit]), True
            buffer.clear()  # a traceback keeps this frame alive: let the bytes go now
            raise EdgarBodyTooLarge(url, limit)
    if inflater is not None:
        inflater.finish()
    return bytes(buffer), False
