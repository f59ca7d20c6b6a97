"""Drug identity and phase order: pure rules behind the pipeline memory.

- names: "tivantinib (ARQ 197)" names one drug twice; "ARQ 197", "ARQ-197" and "ARQ197" are one
  spelling (`name_key`); aliases written together in the text ("ARQ 197, also known as
  tivantinib") are gathered by `find_aliases`.
- order: Phase 1 < 1b < 1/2 < 2 < 2b < 2/3 < 3; within a phase planned < started < completed,
  and stopped ends it. `judge` says what an event means against the known state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

# new: a drug first seen; advance: a track moved forward, or the drug passed its best phase in a
# new indication; new_indication / new_trial: a start at or below its best phase in another
# indication (or its early track); plan: a plan for a track whose trial is under way (moves
# nothing); repeat; stale; unnamed: a drug-less event in a release's lead (alerted, moves
# nothing); aside: a drug-less event elsewhere (neither)
Change = Literal[
    "new",
    "advance",
    "new_indication",
    "new_trial",
    "plan",
    "repeat",
    "stale",
    "unnamed",
    "aside",
]
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PAREN = re.compile(r"^\s*(?P<a>[^()]+?)\s*\((?P<b>[^()]+)\)\s*$")
_AKA = re.compile(r"\s*,?\s*(?:also known as|a\.k\.a\.|aka|formerly|formerly known as)\s+", re.I)
_NAME = r"[A-Za-z][\w\-]*(?:[ \-]?\d[\w\-]*)?"
STATUS_RANK = {"planned": 0, "started": 1, "completed": 2, "stopped": 3}


def name_key(name: str | None) -> str:
    """ARQ 197, ARQ-197 and arq197 all become 'arq197'."""
    return _NON_ALNUM.sub("", (name or "").lower())


def split_names(drug: str) -> list[str]:
    """'tivantinib (ARQ 197)' → ['tivantinib', 'ARQ 197']; 'A, also known as B' → ['A', 'B']."""
    text = " ".join(drug.split())
    if found := _PAREN.match(text):
        return [n for n in (found["a"].strip(), found["b"].strip()) if n]
    parts = [p.strip(" ,") for p in _AKA.split(text)]
    return [p for p in parts if p]


def find_aliases(text: str, name: str) -> list[str]:
    """Other names written with `name` in the text: 'name (alias)', 'alias (name)', 'name, also
    known as alias'. Linear-time: only the few places where `name` occurs are examined."""
    aliases: list[str] = []
    escaped = re.escape(name).replace(r"\ ", r"[ \-]?").replace(r"\-", r"[ \-]?")
    patterns = (
        rf"\b{escaped}\s*\(\s*({_NAME})\s*\)",
        rf"\b({_NAME})\s*\(\s*{escaped}\s*\)",
        rf"\b{escaped}\s*,?\s*(?:also known as|formerly known as|formerly)\s+({_NAME})",
    )
    for pattern in patterns:
        for found in re.finditer(pattern, text[:200_000], flags=re.IGNORECASE):
            alias = found.group(1).strip()
            if _plausible_alias(alias, name):
                aliases.append(alias)
    return list(dict.fromkeys(aliases))


def _plausible_alias(alias: str, name: str) -> bool:
    """A drug-like name: not the same name, not a common word, not a trial or unit."""
    key = name_key(alias)
    if not key or key == name_key(name) or len(key) < 4:
        return False
    words = {"phase", "nasdaq", "nyse", "the", "company", "study", "trial", "mgm2", "mgkg"}
    return key not in words and not key.startswith(("nct", "phase", "nasdaq", "nyse"))


def phase_rank(phase: str | None) -> float:
    """'1' → 1.0, '1b' → 1.3, '1/2' → 1.5, '2' → 2.0, '2b' → 2.3, '2/3' → 2.5; None → 0."""
    if not phase:
        return 0.0
    if "/" in phase:
        low = phase.split("/")[0]
        return phase_rank(low) + 0.5 if low[:1].isdigit() else 0.0
    digits = "".join(ch for ch in phase if ch.isdigit())
    letter = phase[len(digits) :].lower()
    base = float(digits) if digits else 0.0
    return base + {"": 0.0, "a": 0.0, "b": 0.3, "c": 0.4}.get(letter, 0.0)


def progress(phase: str | None, status: str | None) -> tuple[float, int]:
    """How far a track has come: phase first, then status ('stopped' ends the phase)."""
    return (phase_rank(phase), STATUS_RANK.get(status or "planned", 0))


NEWS: tuple[Change, ...] = ("new", "advance", "new_indication", "new_trial")  # moves a drug


@dataclass(frozen=True)
class Known:
    """What is known of one drug and indication: phase, status and since when."""

    phase: str | None
    status: str
    since: date | None


def judge(known: Known | None, phase: str | None, status: str, filed: date | None) -> Change:
    """What an event means: news (new, advance), a repeat, or a stale recap of history."""
    if known is None:
        return "new"
    if (phase_rank(phase), status) == (phase_rank(known.phase), known.status):
        return "repeat"
    if filed and known.since and filed < known.since:
        return "stale"
    ahead = phase_rank(phase) > phase_rank(known.phase)
    same = phase_rank(phase) == phase_rank(known.phase)
    if ahead or (same and STATUS_RANK.get(status, 0) > STATUS_RANK.get(known.status, 0)):
        return "advance"
    if phase is None and status == "stopped" and known.status != "stopped":
        return "advance"  # a hold on "the trial" of a drug whose phase we know
    return "stale"
