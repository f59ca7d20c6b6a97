"""List biotech newswire releases that speak of a trial phase change but give no alert.

A release is a candidate when its headline or first 1,500 characters hold a phase token or
"first patient", "dosed", "initiat", "complet", "clinical hold" or "enroll", and
`classify()` finds no alertable event in it. The releases that are corpus-full check-set
documents (bench/eval_split.py) are left out, unread. `--sample N --seed S` draws a seeded random
sample of them to read by hand (bench/newswire-misses.md). Usage:

    .venv/bin/python bench/newswire_misses.py [--sample N] [--seed S] [SHARED_DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from eval_split import is_check
from newswire_alerts import is_alertable, load_split

from classifiers import classify

_OPENING = 1500
_TOKENS = re.compile(
    r"\bphase\s*(?:[1-4]|i{1,3}v?|one|two|three)|first patient|dosed|initiat|complet|"
    r"clinical hold|enrol",
    re.IGNORECASE,
)


def is_candidate(text: str) -> bool:
    """A phase token or a start/completion/hold word in the headline or the opening."""
    return _TOKENS.search(text[:_OPENING]) is not None


def check_sources(shared: Path) -> set[str]:
    """The newswire paths of corpus-full's check-set releases: never read, so never listed."""
    labels = shared / "corpus-full" / "labels.jsonl"
    lines = labels.read_text(encoding="utf-8").splitlines() if labels.is_file() else []
    rows = [json.loads(line) for line in lines if line.strip()]
    return {str(r.get("source") or "") for r in rows if is_check(str(r.get("company") or ""))}


def list_misses(newswire: Path, paths: list[str]) -> list[str]:
    """The candidate releases with no alertable event, in the split's order."""
    misses = []
    for rel in paths:
        text = (newswire / rel).read_text(encoding="utf-8", errors="replace")
        if is_candidate(text) and not any(is_alertable(e) for e in classify(text)):
            misses.append(rel)
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "shared", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared")
    )
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    newswire = Path(args.shared) / "newswire"
    held_out = check_sources(Path(args.shared))
    bio = [rel for rel in load_split(newswire)["bio"] if rel not in held_out]
    misses = list_misses(newswire, bio)
    print(
        f"# {len(misses)} candidate bio releases with no alert ({len(held_out)} check-set left out)"
    )
    chosen = misses
    if args.sample:
        chosen = sorted(random.Random(args.seed).sample(misses, min(args.sample, len(misses))))
        print(f"# seeded sample (seed {args.seed}) of {len(chosen)}")
    for rel in chosen:
        print(rel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
