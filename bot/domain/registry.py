"""Trials and the registry: pure rules for finding, matching and describing registered trials.

- finding: NCT ids written in a filing's text (`find_nct_ids`);
- matching: a registry study fits a filing's event when its interventions name the drug (or an
  alias) and its phases agree; a match only when exactly one study fits (`choose_study`);
- describing: the alert's registry line (plain text; bot.slack.render writes it for Slack) and
  the flag when the registry disagrees with the filing;
- watching: which registry status changes are news, and what they mean for the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain.drugs import name_key
from classifiers.events import PhaseStatus
from watchers import PartialDate, Study

NCT_IN_TEXT = re.compile(r"\bNCT\d{8}\b")
MAX_IDS = 5  # a filing listing more trials than this is a pipeline table, not one trial's news
# A status change to one of these is an alert of its own; the value is the event status.
NEWS_STATUSES: dict[str, PhaseStatus] = {
    "TERMINATED": "stopped",
    "SUSPENDED": "stopped",
    "WITHDRAWN": "stopped",
    "COMPLETED": "completed",
    "ACTIVE_NOT_RECRUITING": "started",
}
_SUFFIXES = re.compile(
    r"[,.]?\s+\b(inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|lp|sa|ag|"
    r"nv|se|holdings?|group|/de|/ma|/ca)\b\.?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TrialLine:
    """What the registry says about one event of an alert (a match, or how many candidates)."""

    drug: str | None
    nct_id: str | None = None
    text: str = ""  # the registry line, or the note about candidates
    flag: str | None = None  # the registry disagrees with the filing
    candidates: int = 0


def find_nct_ids(text: str) -> list[str]:
    """NCT ids in the order written, each once: 'NCT05012345'. Linear in the text."""
    return list(dict.fromkeys(NCT_IN_TEXT.findall(text)))[:MAX_IDS]


def phase_digits(phase: str | None) -> set[int]:
    """'1b' → {1}; '1/2' → {1, 2}; '2a' → {2}; None → set()."""
    return {int(d) for d in re.findall(r"\d", phase or "")}


def study_phase_digits(phases: Sequence[str]) -> set[int]:
    """('PHASE1', 'PHASE2') → {1, 2}; ('EARLY_PHASE1',) → {1}; ('NA',) → set()."""
    return {int(p[-1]) for p in phases if p[-1:].isdigit()}


def study_phase(phases: Sequence[str]) -> str | None:
    """The filing-style phase of a registry study: ('PHASE1', 'PHASE2') → '1/2'; () → None."""
    digits = sorted(study_phase_digits(phases))
    return "/".join(str(d) for d in digits) or None


def render_phases(phases: Sequence[str]) -> str:
    """('PHASE1', 'PHASE2') → 'Phase 1/2'; ('EARLY_PHASE1',) → 'Early Phase 1'; ('NA',) → 'N/A'."""
    if "EARLY_PHASE1" in phases:
        return "Early Phase 1"
    phase = study_phase(phases)
    if phase:
        return f"Phase {phase}"
    return "N/A" if "NA" in phases else "no phase"


def phases_agree(claimed: str | None, phases: Sequence[str]) -> bool:
    """A claimed 'Phase 2' fits a Phase 2 or a Phase 1/2 study; no claim fits anything."""
    wanted, registered = phase_digits(claimed), study_phase_digits(phases)
    return not wanted or bool(wanted & registered)


def names_drug(study: Study, names: Iterable[str]) -> bool:
    """True when an intervention (or one of its otherNames) is one of the drug's names."""
    keys = {name_key(n) for n in names} - {""}
    for item in study.interventions:
        for name in (item.name, *item.other_names):
            key = name_key(name)
            if key in keys or any(len(k) >= 5 and k in key for k in keys):
                return True
    return False


def choose_study(studies: Sequence[Study], names: Sequence[str], phase: str | None) -> list[Study]:
    """The studies that fit: they name the drug and their phases agree with the claim."""
    return [s for s in studies if names_drug(s, names) and phases_agree(phase, s.phases)]


def sponsor_query(company: str) -> str:
    """'IMMUNOGEN INC' → 'IMMUNOGEN'; 'Tidecrest Therapeutics, Inc.' → 'Tidecrest Therapeutics'."""
    text = _SUFFIXES.sub("", " ".join(company.split())).strip(" ,.")
    return text or company


def drug_query(names: Sequence[str]) -> str:
    """An Essie OR of the drug's names: '"ARQ 197" OR tivantinib'."""
    quoted = [f'"{n}"' if " " in n else n for n in dict.fromkeys(n.replace('"', "") for n in names)]
    return " OR ".join(q for q in quoted if q.strip('"'))


def render_date(label: str, when: PartialDate | None) -> str | None:
    """'start 2024-03 (actual)', 'primary completion 2026-06 (estimated)', 'start 2004-05'."""
    if when is None:
        return None
    kind = "" if when.actual is None else " (actual)" if when.actual else " (estimated)"
    return f"{label} {when.month}{kind}"


def render_study_line(study: Study) -> str:
    """'NCT05012345 · RECRUITING · Phase 2 · start 2024-03 (actual) · 120 planned · primary
    completion 2026-06 (estimated)' (plain text)."""
    parts: list[str | None] = [study.nct_id, study.status or "status unknown"]
    parts.append(render_phases(study.phases))
    parts.append(render_date("start", study.start))
    if study.enrollment is not None:
        word = {True: "enrolled", False: "planned", None: "participants"}[study.enrollment.actual]
        parts.append(f"{study.enrollment.count} {word}")
    parts.append(render_date("primary completion", study.primary_completion))
    return " · ".join(p for p in parts if p)


def disagreement(claimed: str | None, study: Study) -> str | None:
    """Why the registry contradicts the filing's claim, or None when it does not."""
    if claimed == "started" and study.status == "NOT_YET_RECRUITING":
        return "the filing says the trial started; the registry says NOT_YET_RECRUITING"
    if claimed == "stopped" and study.status in ("RECRUITING", "ENROLLING_BY_INVITATION"):
        return f"the filing says the trial stopped; the registry says {study.status}"
    return None


def render_trial_plain(line: TrialLine) -> str:
    """One registry line as plain text (console and notification fallback)."""
    return line.text + (f" [registry disagrees: {line.flag}]" if line.flag else "")


def status_change_news(old: str | None, new: str | None) -> PhaseStatus | None:
    """The event status a registry status change means ('stopped' …), or None if no news."""
    if old is None or new is None or old == new:
        return None
    return NEWS_STATUSES.get(new)
