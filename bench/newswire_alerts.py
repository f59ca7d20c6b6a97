"""Classify the newswire sample and list every alertable event (a firm phase change or any MTD).

`../shared/newswire/split.json` names 3,000 non-clinical releases (`noise`: every alert on them is
false) and 715 biotech ones (`bio`: each alert is read and given a verdict in
bench/newswire-verdicts.md). Usage:

    .venv/bin/python bench/newswire_alerts.py [--half noise|bio|both] [--json] [SHARED_DIR]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from classifiers import Event, PhaseChange, classify


def is_alertable(event: Event) -> bool:
    """A phase change that is not only planned, or any MTD/RP2D outcome."""
    return not (isinstance(event, PhaseChange) and event.status == "planned")


def describe(event: Event) -> str:
    """One line for an event: "started 2 drug=X" or "MTD 168 mg/m2 drug=X"."""
    if isinstance(event, PhaseChange):
        return f"{event.status} phase {event.phase} drug={event.drug} ind={event.indication}"
    dose = f"{event.dose.value:g} {event.dose.unit}" if event.dose else "-"
    return f"{event.kind} {dose} drug={event.drug}"


def load_split(newswire: Path) -> dict[str, list[str]]:
    """{"bio": [relative paths], "noise": [...]} from split.json."""
    data: dict[str, list[str]] = json.loads((newswire / "split.json").read_text(encoding="utf-8"))
    return data


def alerts_of(newswire: Path, paths: list[str]) -> tuple[list[tuple[str, Event]], int, float]:
    """(path, event) for every alertable event, total characters read and CPU seconds spent
    classifying (process time: the machine is shared, so wall time would measure the others)."""
    found: list[tuple[str, Event]] = []
    chars, seconds = 0, 0.0
    for rel in paths:
        text = (newswire / rel).read_text(encoding="utf-8", errors="replace")
        chars += len(text)
        began = time.process_time()
        events = classify(text)
        seconds += time.process_time() - began
        found.extend((rel, e) for e in events if is_alertable(e))
    return found, chars, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "shared", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared")
    )
    parser.add_argument("--half", choices=("noise", "bio", "both"), default="both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    newswire = Path(args.shared) / "newswire"
    split = load_split(newswire)
    halves = ("noise", "bio") if args.half == "both" else (args.half,)
    for half in halves:
        found, chars, seconds = alerts_of(newswire, split[half])
        docs = len({rel for rel, _ in found})
        rate = chars / 1e6 / seconds if seconds else 0.0
        print(f"== {half}: {len(split[half])} releases, {len(found)} alertable events in {docs}")
        print(f"   {chars / 1e6:.1f} MB classified in {seconds:.2f} CPU s: {rate:.1f} MB/s")
        for rel, event in found:
            if args.json:
                print(json.dumps({"path": rel, **event.to_dict()}))
            else:
                print(f"{rel}\n    {describe(event)}\n    {event.evidence[:300]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
