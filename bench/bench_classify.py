"""Benchmark `phasewatch classify`: text extraction and classify() throughput on real documents,
and the seconds that documents of each bad shape take at 1 MB and 2 MB.

Parts (all by default, or one with --only):
- newswire: every release of ../shared/newswire (split.json: bio and noise), or a fixed sample
  of --sample releases (every k-th path in sorted order, so reruns read the same ones);
- edgar: the documents of ../shared/fixtures/edgar/filings and tests/fixtures/edgar (primary
  documents, exhibits, full submission .txt files; index pages and feeds left out), --rounds
  passes, best and median pass reported;
- shapes: tests/text_shapes.py at 1 MB and 2 MB, extraction and classify() separately, plus
  1,000,000 nested <div>s;
- latency: classify() of one ~50 KB text (newswire biotech releases joined), --repeat times,
  p50 and p99 (CPU and wall clock).

Each document is read the way `phasewatch classify PATH` reads it (bot.cli.text.input_text),
then classified. Times are CPU seconds of this process (time.process_time), so that other work
on a shared machine does not count; wall-clock MB/s is printed beside them. MB = 10^6 bytes of
input (raw) or 10^6 characters of extracted text (text).

    .venv/bin/python bench/bench_classify.py --label before > bench/RESULTS-classify.md
    .venv/bin/python bench/bench_classify.py --only edgar --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# imported after the sys.path insertion above, so that tests/ is importable from a plain script
from bot.cli.text import input_text  # noqa: E402
from classifiers import classify  # noqa: E402
from tests.text_shapes import SHAPES  # noqa: E402
from watchers.text import html_to_text, plain_to_text  # noqa: E402

TARGET_MB_S = 5.0
TARGET_P99_MS = 20.0
EDGAR_DIRS = (SHARED / "fixtures" / "edgar" / "filings", REPO / "tests" / "fixtures" / "edgar")
EDGAR_SUFFIXES = (".htm", ".html", ".txt")
SHAPE_SIZES = (1_000_000, 2_000_000)


@dataclass
class Tally:
    """Sums over a set of documents: bytes in, characters out, CPU and wall seconds per step."""

    docs: int = 0
    raw: int = 0
    text: int = 0
    events: int = 0
    extract_cpu: float = 0.0
    classify_cpu: float = 0.0
    wall: float = 0.0

    def add(self, body: bytes, name: str) -> None:
        """Extract and classify one document, adding its figures."""
        wall, cpu = time.perf_counter(), time.process_time()
        text = input_text(body, name)
        middle = time.process_time()
        events = classify(text)
        end = time.process_time()
        self.wall += time.perf_counter() - wall
        self.extract_cpu += middle - cpu
        self.classify_cpu += end - middle
        self.docs, self.raw, self.text = self.docs + 1, self.raw + len(body), self.text + len(text)
        self.events += len(events)

    def merged(self, other: Tally) -> Tally:
        """The sums of both tallies."""
        return Tally(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def row(self, label: str) -> str:
        """One Markdown table row of MB/s figures."""
        total = self.extract_cpu + self.classify_cpu
        cells = [
            label,
            f"{self.docs:,}",
            f"{self.raw / 1e6:.1f} / {self.text / 1e6:.1f}",
            f"{_rate(self.raw, self.extract_cpu)}",
            f"{_rate(self.text, self.classify_cpu)}",
            f"{_rate(self.raw, total)} ({_rate(self.raw, self.wall)} wall)",
            f"{self.events:,}",
        ]
        return "| " + " | ".join(cells) + " |"


TALLY_HEADER = (
    "| documents | count | MB raw / MB text | extraction, MB/s raw | classify(), MB/s text "
    "| end to end, MB/s raw | events |\n| --- | --- | --- | --- | --- | --- | --- |"
)


def _rate(size: int, seconds: float) -> str:
    return f"{size / 1e6 / seconds:.2f}" if seconds > 0 else "-"


def newswire_paths(sample: int | None) -> dict[str, list[Path]]:
    """The releases of split.json by group; with `sample`, every k-th of the sorted list."""
    split = json.loads((SHARED / "newswire" / "split.json").read_text(encoding="utf-8"))
    groups = {}
    for group, names in sorted(split.items()):
        paths = sorted(SHARED / "newswire" / name for name in names)
        if sample:
            step = max(1, len(paths) * 2 // sample)  # about sample/2 per group
            paths = paths[::step]
        groups[group] = paths
    return groups


def bench_newswire(sample: int | None) -> list[str]:
    """One pass over the newswire releases, by group and in all."""
    groups = newswire_paths(sample)
    tallies = {group: Tally() for group in groups}
    for group, paths in groups.items():
        for path in paths:
            tallies[group].add(path.read_bytes(), path.name)
    total = Tally()
    for tally in tallies.values():
        total = total.merged(tally)
    rows = [tallies[g].row(f"newswire {g}") for g in groups] + [total.row("**newswire, all**")]
    return ["### newswire (one pass)", "", TALLY_HEADER, *rows, ""]


def edgar_documents() -> list[tuple[str, bytes]]:
    """(filename, bytes) of every EDGAR fixture document (no index pages, feeds or JSON)."""
    found = []
    for root in EDGAR_DIRS:
        for path in sorted(root.rglob("*")):
            name = path.name.lower()
            if path.is_file() and name.endswith(EDGAR_SUFFIXES) and "index" not in name:
                found.append((path.name, path.read_bytes()))
    return found


def bench_edgar(rounds: int) -> list[str]:
    """`rounds` passes over the EDGAR fixtures: the best (least CPU) and the median pass."""
    docs = edgar_documents()
    passes = []
    for _ in range(rounds):
        tally = Tally()
        for name, body in docs:
            tally.add(body, name)
        passes.append(tally)
    passes.sort(key=lambda t: t.extract_cpu + t.classify_cpu)
    best, median = passes[0], passes[len(passes) // 2]
    rows = [best.row("EDGAR fixtures, best pass"), median.row("EDGAR fixtures, median pass")]
    return [f"### EDGAR fixtures ({rounds} passes)", "", TALLY_HEADER, *rows, ""]


def bench_shapes() -> list[str]:
    """Seconds of extraction and classify() per bad shape at 1 MB and 2 MB."""
    lines = [
        "### bad shapes (CPU seconds; linear work doubles from 1 MB to 2 MB)",
        "",
        "| shape | extraction 1 MB | 2 MB | × | classify() 1 MB | 2 MB | × |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for shape, (kind, build) in SHAPES.items():
        convert = plain_to_text if kind == "plain" else html_to_text
        extract, classified = [], []
        for size in SHAPE_SIZES:
            document = build(size)
            start = time.process_time()
            text = convert(document)
            middle = time.process_time()
            classify(text)
            extract.append(middle - start)
            classified.append(time.process_time() - middle)
        cells = [*_pair(extract), *_pair(classified)]
        lines.append(f"| `{shape}` | " + " | ".join(cells) + " |")
    start = time.process_time()
    html_to_text("<div>" * 1_000_000 + "x" + "</div>" * 1_000_000)
    seconds = time.process_time() - start
    lines += ["", f"1,000,000 nested `<div>`s (11 MB): html_to_text {seconds:.2f} s.", ""]
    return lines


def bench_latency(repeat: int) -> list[str]:
    """p50/p99 of classify() on ~50 KB of biotech releases (the first ones, sorted)."""
    parts, size = [], 0
    for path in newswire_paths(None)["bio"]:
        text = input_text(path.read_bytes(), path.name)
        parts.append(text)
        size += len(text) + 2
        if size >= 50_000:
            break
    document = "\n\n".join(parts)[:50_000]
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        classify(document)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    (p50, p99), (wall50, wall99) = _p50_p99(cpu), _p50_p99(wall)
    verdict = "met" if p99 < TARGET_P99_MS else "missed"
    return [
        f"### latency: one {len(document) / 1000:.0f} KB text, {repeat} runs",
        "",
        f"CPU p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 < {TARGET_P99_MS:.0f} ms: "
        f"{verdict}); wall clock p50 {wall50:.1f} ms, p99 {wall99:.1f} ms.",
        "",
    ]


def _p50_p99(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def _pair(seconds: list[float]) -> list[str]:
    """1 MB and 2 MB seconds and their ratio ("-" when too small to compare)."""
    ratio = f"{seconds[1] / seconds[0]:.1f}" if seconds[0] >= 0.01 else "-"
    return [f"{seconds[0]:.2f}", f"{seconds[1]:.2f}", ratio]


def machine_lines(label: str, argv: Iterable[str]) -> list[str]:
    """Machine, date, code and command of this run."""
    model = next(
        (line.split(":", 1)[1].strip() for line in _lscpu() if line.startswith("Model name")), "?"
    )
    commit = _run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]).strip()
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    return [
        f"## classify benchmark: {label}",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; code: commit `{commit or '?'}`",
        f"- machine: {model} (`lscpu`), `nproc` = {os.cpu_count()}, "
        f"Python {platform.python_version()}, load average at start {' '.join(load)}",
        f"- command: `{shlex.join(['.venv/bin/python', 'bench/bench_classify.py', *argv])}`",
        f"- target: classify() >= {TARGET_MB_S} MB/s of text on one core",
        "",
    ]


def _lscpu() -> list[str]:
    return _run(["lscpu"]).splitlines()


def _run(argv: list[str]) -> str:
    """Standard output of a tool found on PATH, "" when it is not there."""
    tool = shutil.which(argv[0])
    if tool is None:
        return ""
    return subprocess.run([tool, *argv[1:]], capture_output=True, text=True, check=False).stdout


def main() -> None:
    """Run the chosen parts and print one Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("newswire", "edgar", "shapes", "latency"))
    parser.add_argument("--sample", type=int, help="newswire: about this many releases")
    parser.add_argument("--rounds", type=int, default=25, help="edgar: passes (best, median)")
    parser.add_argument("--repeat", type=int, default=200, help="latency: runs")
    parser.add_argument("--label", default="today's rules", help="a name for this run")
    args = parser.parse_args()
    classify("The first patient was dosed in the Phase 2 trial.")  # compile the patterns
    lines = machine_lines(args.label, sys.argv[1:])
    if args.only in (None, "newswire"):
        lines += bench_newswire(args.sample)
    if args.only in (None, "edgar"):
        lines += bench_edgar(args.rounds)
    if args.only in (None, "shapes"):
        lines += bench_shapes()
    if args.only in (None, "latency"):
        lines += bench_latency(args.repeat)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
