"""Benchmark classify(): throughput over >= 10 MB and latency of a ~50 KB document.

Reads the development corpus (and the seed 8-K) from ../shared at run time, repeats the
documents until the total reaches --megabytes, classifies each one and prints MB/s and
docs/s on one core; then classifies a ~50 KB document --repeat times and prints p50/p99.

    .venv/bin/python bench/bench_classify.py [--megabytes 10] [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from classifiers import classify

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TARGET_MB_S = 5.0
TARGET_P99_MS = 20.0


def load_documents() -> list[str]:
    """Every corpus document plus the seed 8-K, as text."""
    paths = sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "seed").glob("*.txt"))
    docs = [p.read_text(encoding="utf-8") for p in paths]
    if not docs:
        sys.exit(f"no documents under {SHARED}")
    return docs


def measure_throughput(docs: list[str], megabytes: float) -> tuple[float, float, int, int]:
    """(MB/s, docs/s, chars, docs) classifying repeated documents up to `megabytes`."""
    batch: list[str] = []
    total = 0
    while total < megabytes * 1_000_000:
        for doc in docs:
            batch.append(doc)
            total += len(doc)
    start = time.perf_counter()
    for doc in batch:
        classify(doc)
    elapsed = time.perf_counter() - start
    return total / 1e6 / elapsed, len(batch) / elapsed, total, len(batch)


def build_50kb(docs: list[str]) -> str:
    """A ~50 KB document made of corpus documents joined by blank lines."""
    parts: list[str] = []
    size = 0
    while size < 50_000:
        for doc in docs:
            parts.append(doc)
            size += len(doc) + 2
            if size >= 50_000:
                break
    return "\n\n".join(parts)[:50_000]


def measure_latency(text: str, repeat: int) -> tuple[float, float]:
    """(p50 ms, p99 ms) of classify(text) over `repeat` runs."""
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        classify(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99


def main() -> None:
    """Run both measurements and print them with the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    docs = load_documents()
    classify(docs[0])  # warm up: compile the patterns
    mb_s, docs_s, chars, count = measure_throughput(docs, args.megabytes)
    print(f"throughput: {mb_s:.2f} MB/s, {docs_s:.0f} docs/s ({count} docs, {chars / 1e6:.1f} MB)")
    print(f"  target >= {TARGET_MB_S} MB/s per core: {'ok' if mb_s >= TARGET_MB_S else 'MISSED'}")
    p50, p99 = measure_latency(build_50kb(docs), args.repeat)
    print(f"latency 50 KB: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({args.repeat} runs)")
    print(f"  target p99 < {TARGET_P99_MS} ms: {'ok' if p99 < TARGET_P99_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
