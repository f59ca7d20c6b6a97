"""Score the classifiers on the dev and check halves of the labeled corpora, split by company.

A third of the companies (by a hash of the normalised company name, the same across all three
folders) is the check set: scored here, never read while tuning. Usage:

    .venv/bin/python bench/eval_split.py [--json] [--verbose dev|check] [SHARED_DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

from classifiers import LabeledDoc, evaluate, render_report

FOLDERS = ("corpus", "corpus2", "corpus-full")
_SUFFIX = re.compile(r"[^a-z0-9]+|\b(inc|corp|corporation|ltd|plc|llc|co|sa|ag|nv|the)\b")


def company_key(name: str) -> str:
    """The company's name without punctuation, case or legal suffixes."""
    return _SUFFIX.sub("", name.lower())


def is_check(company: str) -> bool:
    """True for the held-out third of the companies."""
    return int(hashlib.sha256(company_key(company).encode()).hexdigest(), 16) % 3 == 0


def load_docs(shared: Path) -> dict[str, dict[str, list[LabeledDoc]]]:
    """{folder: {"dev": [...], "check": [...]}} for every labeled folder present."""
    out: dict[str, dict[str, list[LabeledDoc]]] = {}
    for folder in FOLDERS:
        labels = shared / folder / "labels.jsonl"
        if not labels.is_file():
            continue
        halves: dict[str, list[LabeledDoc]] = {"dev": [], "check": []}
        for line in labels.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            label = json.loads(line)
            text = (shared / folder / f"{label['id']}.txt").read_text(encoding="utf-8")
            half = "check" if is_check(str(label.get("company") or "")) else "dev"
            halves[half].append(LabeledDoc(id=f"{folder}/{label['id']}", text=text, label=label))
        out[folder] = halves
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "shared", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared")
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--verbose", choices=("dev",), help="list the dev half's misses (never check)"
    )
    args = parser.parse_args()
    by_folder = load_docs(Path(args.shared))
    results: dict[str, object] = {}
    for half in ("dev", "check"):
        for scope, docs in [
            *((f"{folder}:{half}", halves[half]) for folder, halves in by_folder.items()),
            (f"all:{half}", [d for halves in by_folder.values() for d in halves[half]]),
        ]:
            report = evaluate(docs)
            if args.json:
                results[scope] = report.to_dict()
            else:
                print(f"== {scope}")
                print(render_report(report, verbose=half == args.verbose))
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
