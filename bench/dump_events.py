"""Write every event classify() finds on the shared documents, one JSON line per document.

For changes that must not alter behaviour (speed work, refactors): dump before and after, and
compare with `cmp`. Reads the labeled corpora, the newswire releases and the EDGAR fixtures the
way `phasewatch eval` and bench_classify.py read them; prints nothing of their text.

    .venv/bin/python bench/dump_events.py > /tmp/before.jsonl
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench_classify import SHARED, edgar_documents  # noqa: E402 (bench/ is on sys.path)

from bot.cli.text import input_text  # noqa: E402
from classifiers import classify  # noqa: E402

FOLDERS = ("corpus", "corpus2", "corpus-full")


def documents() -> Iterator[tuple[str, str]]:
    """(name, text) of every labeled excerpt, newswire release and EDGAR fixture document."""
    for folder in FOLDERS:
        for path in sorted((SHARED / folder).glob("*.txt")):
            yield f"{folder}/{path.name}", path.read_text(encoding="utf-8")
    split = json.loads((SHARED / "newswire" / "split.json").read_text(encoding="utf-8"))
    for name in sorted(n for names in split.values() for n in names):
        path = SHARED / "newswire" / name
        yield f"newswire/{name}", input_text(path.read_bytes(), path.name)
    for name, body in edgar_documents():
        yield f"edgar/{name}", input_text(body, name)


def main() -> None:
    """One line per document: its name and its events, every field."""
    for name, text in documents():
        events = [dataclasses.asdict(e) | {"type": type(e).__name__} for e in classify(text)]
        print(json.dumps({"doc": name, "events": events}, sort_keys=True, default=str))


if __name__ == "__main__":
    main()
