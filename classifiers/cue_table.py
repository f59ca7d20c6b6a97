"""The cue table of phase changes: one source of truth for every status cue.

Each `CueRow` has the literal stems it opens with, its pattern (matched at a stem, on lower-cased
text, without re.IGNORECASE: several times faster in `re`), a sentence it must turn into an
event, and, for a cue that can stand without a phase, the words that let a sentence in. The
status patterns (`CUES`, `HEADLINE_CUES`), the stem scan (`STEMS`, `statuses_at`) and the
prefilters (`GATE` per sentence, `DOCUMENT_GATE` per text) are derived from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.events import PhaseStatus

SUBJECT = (
    r"(?:patients?|subjects?|participants?|volunteers?|cohorts?(?: of (?:patients|subjects))?)"
)
TRIAL = r"(?:trials?|stud(?:y|ies)|programs?|development|dosing|enrol?lment|phase|hold)"

_BEGIN_VERB = (
    r"(?:initiat(?:e|ing)|start(?:ing)?|begin(?:ning)?|commenc(?:e|ing)|launch(?:ing)?|"
    r"enrol(?:l|ling|s|ls)?|dos(?:e|ing)|open(?:ing)?)(?!\w)"
)
_PLAN_VERB = (
    rf"(?:{_BEGIN_VERB}|(?:conduct|advanc|mov|enter|run|test|evaluat|progress)(?:e|es|ing)?"
    r"(?!\w))"
)


_VISITOR = r"(?:patients?|participants?|subjects?)"
_FINAL_VISIT = (
    rf"(?:(?:the|their|its|all) )?(?:final|last)(?: scheduled)?(?: study| follow-up| treatment|"
    rf" {_VISITOR})? visits?"
)
FINAL_VISITS = (
    rf"complet(?:ed|es|ing) {_FINAL_VISIT}(?: (?:for|of) all {_VISITOR})?|"
    rf"(?:last|final) {_VISITOR}(?: has| have)? complet(?:ed|es) {_FINAL_VISIT}|"
    rf"all {_VISITOR}(?: has| have)?(?: now)? completed {_FINAL_VISIT}|"
    rf"last[- ]{_VISITOR},?[- ]last[- ]visit|last[- ]{_VISITOR}[- ]out\b"
)  # the trial's last visit done, by every participant: the trial is complete ("last patient
# last visit", "last patient out"); not one patient's visit nor the first patient's


@dataclass(frozen=True, slots=True)
class CueRow:
    """One status cue: the literal stems it opens with, its pattern (matched at a stem, on
    lower-cased text), a sentence it must turn into an event, and, for a cue that can stand
    without a phase ("first patient dosed", "clinical hold"), the words that let a sentence in."""

    status: PhaseStatus
    stems: tuple[str, ...]
    pattern: str
    example: str
    unphased: tuple[str, ...] = ()
    headline_only: bool = False  # headlines' present tense: "Acme and Beta Initiate Phase 1"


_FIRST_KIND = r"(?:(?:healthy|adult|pediatric|paediatric|elderly) )?"  # "first healthy volunteer"
_FIRST_VERB = (
    r"(?:dosed|enrolled|treated|randomi[sz]ed|screened and dosed|implanted|infused|vaccinated|"
    r"immuni[sz]ed|injected|recruited(?: and dosed)?)"
)
_STOP_OBJECT = (
    r"(?:development|(?:the|its|our|their) (?:[\w-]+ ){0,2}?(?:program|candidate|trial|study|"
    r"asset|drug))"
)
CUE_TABLE: tuple[CueRow, ...] = (
    CueRow(
        "started",
        ("initiat",),
        r"initiat(?:ed|es|ion|ing)",
        "Acme initiated a Phase 2 trial of AB-101 in gout.",
    ),
    CueRow(
        "started",
        ("commenc",),
        r"commenc(?:ed|ement|es|ing)",
        "Acme commenced its Phase 3 study of AB-101 in gout.",
    ),
    CueRow(
        "started",
        ("began", "begun", "begin"),
        r"began|begun|begins",
        "A Phase 1 trial of AB-101 began in March.",
    ),
    CueRow(
        "started",
        ("start",),
        r"start(?:ed|s)|start of",
        "Acme started a Phase 2 trial of AB-101 in gout.",
    ),
    CueRow(
        "started",
        ("launch",),
        r"launch(?:ed|es)|launch of(?= (?:the |its |our |their |a |an )?"
        r"(?:(?!after |before |following |in |with )[\w/-]+ ){0,4}?"
        r"(?:phase|trials?|stud(?:y|ies))\b)",  # of a trial, not of a product
        "Acme announced the launch of its Phase 2 study of AB-101 in gout.",
    ),
    CueRow(
        "started",
        ("kick",),
        r"kick(?:ed|s) off",
        "Acme kicked off its Phase 2 trial of AB-101 in gout.",
    ),
    CueRow(
        "started",
        ("first",),
        rf"first[ -]{_FIRST_KIND}{SUBJECT}(?: has| have| was| were| had)?(?: been| being)?"
        rf"(?: successfully)? {_FIRST_VERB}|first[ -]{_FIRST_KIND}{SUBJECT}[ -]in\b",
        "The first patient has been dosed in the Phase 1 trial of AB-101.",
        unphased=("first",),
    ),
    CueRow(
        "started",
        ("dos", "enrol", "random", "treat", "recruit"),
        rf"(?:dos|enroll?|randomi[sz]|treat|recruit)(?:ed|es|s) (?:the |its |our |their )?"
        rf"first {_FIRST_KIND}{SUBJECT}",
        "Acme dosed the first patient in its Phase 2 trial of AB-101.",
        unphased=("first",),
    ),
    CueRow(
        "started",
        ("receiv",),
        rf"receiv(?:ed|es) (?:the |its |our |their )?first {_FIRST_KIND}{SUBJECT}"
        r"(?! (?:data|results?|reports?|visits?|samples?|feedback|information|outcomes?)\b)",
        "Acme announced that its Phase 2 trial of AB-101 has received its first patient.",
        unphased=("first",),
    ),
    CueRow(
        "started",
        ("dos", "enrol", "treat", "random", "infusion", "recruit"),
        r"(?:dosing|enrol?lment|treatment|randomi[sz]ation|infusion|recruitment) of "
        rf"(?:the |its |our )?first {SUBJECT}",
        "Acme announced dosing of the first patient in a Phase 1 trial of AB-101.",
        unphased=("first",),
    ),
    CueRow(
        "started",
        ("dos", "enrol", "recruit", "treat", "screening"),
        r"(?:dosing|enrol?lment|recruitment|treatment|screening)(?: for [\w -]{1,40}?)? "
        r"(?:has |have |is |was )?(?:now )?(?:commenced|begun|started|initiated|underway|"
        r"under way|opened|opens|open\b)",
        "Enrollment for the Phase 2 study of AB-101 has commenced.",
    ),
    CueRow(
        "started",
        ("move", "advance", "progress", "transition"),
        r"(?:moved|advanced|progressed|transitioned) (?:[\w-]+ ){0,3}?(?:in)?to|"
        r"(?:advances|moves|progresses) (?:[\w-]+ ){0,3}?in ?to",
        "Acme advanced AB-101 into a Phase 2 trial in gout.",
    ),
    CueRow(
        "started",
        ("enter",),
        r"entered(?! into an?\b)|enters(?! into an?\b)",
        "AB-101 entered Phase 2 testing in gout.",
    ),
    CueRow(
        "started",
        ("now ",),
        r"now in(?= (?:a |its |the )?phase)",
        "AB-101 is now in Phase 2 testing in gout.",
    ),
    CueRow(
        "started",
        ("is now", "are now"),
        r"(?:is|are) now (?:enrolling|recruiting|open for|dosing)",
        "The Phase 2 trial of AB-101 is now enrolling patients with gout.",
    ),
    CueRow(
        "started",
        ("opened", "opens"),
        r"open(?:ed|s) (?:for )?enrol?lment",
        "Acme opened enrollment in the Phase 2 trial of AB-101.",
    ),
    CueRow(
        "started",
        ("is ", "are ", "gets", "got"),
        r"(?:is|are|gets|got) (?:now )?under ?way",
        "The Phase 3 trial of AB-101 is now underway.",
    ),
    CueRow(
        "completed",
        ("complet", "last", "final", "all "),
        FINAL_VISITS,
        "Acme completed the final study visits for all participants in its Phase 2 trial.",
        unphased=("last patient",),
    ),
    CueRow(
        "completed",
        ("complet",),
        r"completed|completes|completion of",
        "Acme completed its Phase 2 trial of AB-101 in gout.",
    ),
    CueRow(
        "completed",
        ("complet",),
        r"(?:(?<=\bis )|(?<=\bare )|(?<=\bis now )|(?<=\bare now ))complete",
        "Acme announced that the Phase 2 study of AB-101 is complete.",
    ),
    CueRow(
        "completed",
        ("conclu",),
        r"conclud(?:ed|es|ing)|conclusion of",
        "Acme concluded its Phase 1 study of AB-101.",
    ),
    CueRow("completed", ("finish",), r"finished", "Acme finished its Phase 2 trial of AB-101."),
    CueRow(
        "completed",
        ("has ", "have "),
        r"(?:has|have) (?:successfully )?passed",
        "AB-101 has passed Phase 1 testing.",
    ),
    CueRow(
        "stopped",
        ("clinical hold",),
        r"clinical hold",
        "The FDA placed AB-101's Phase 2 trial on clinical hold.",
        unphased=("hold",),
    ),
    CueRow(
        "stopped",
        ("placed", "put "),
        r"(?:placed|put) (?:[\w'-]+ ){0,6}?on (?:a )?(?:partial |full )?(?:clinical )?hold",
        "The FDA put the Phase 1 trial of AB-101 on hold.",
        unphased=("hold",),
    ),
    CueRow(
        "stopped",
        ("discontinu",),
        r"discontinu(?:e|ed|es|ing|ation of)",
        "Acme discontinued its Phase 2 trial of AB-101.",
        unphased=("discontinu",),
    ),
    CueRow(
        "stopped",
        ("terminat",),
        r"terminat(?:e|ed|es|ing|ion of)",
        "Acme terminated the Phase 3 study of AB-101.",
        unphased=("terminat",),
    ),
    CueRow(
        "stopped",
        ("suspen",),
        r"suspend(?:ed|s|ing)?|suspension of",
        "Acme suspended dosing in its Phase 1 trial of AB-101.",
        unphased=("suspen",),
    ),
    CueRow(
        "stopped",
        ("halt",),
        r"halt(?:ed|s|ing)?",
        "Acme halted its Phase 2 trial of AB-101.",
        unphased=("halt",),
    ),
    CueRow(
        "stopped",
        ("stop",),
        r"stopp(?:ed|ing)|stops? (?:the|its|enrol?lment|dosing|development)",
        "Acme stopped its Phase 2 trial of AB-101.",
        unphased=("stop",),
    ),
    CueRow(
        "stopped",
        ("end",),
        r"end(?:s|ed|ing)? (?:its |the |further )?development",
        "Acme ended development of AB-101 after its Phase 2 trial.",
        unphased=("development",),
    ),
    CueRow(
        "stopped",
        ("ended",),
        r"ended (?:its |the |our |their )(?:(?!with |in |on |at |for |and |after )[\w-]+ ){0,3}?"
        r"(?:trial|study)(?![-'’\w])",  # a trial, not "the quarter"
        "Acme ended its Phase 2 trial of AB-101 in gout.",
    ),
    CueRow(
        "stopped",
        ("ceas",),
        rf"ceas(?:e|ed|es|ing) (?:further )?{_STOP_OBJECT}",
        "Acme ceased development of AB-101 after its Phase 2 trial.",
        unphased=("ceas",),
    ),
    CueRow(
        "stopped",
        ("withdr",),
        rf"withdr(?:ew|awn|aws|awing) (?:further )?{_STOP_OBJECT}",  # not "withdrew from"
        "Acme withdrew its Phase 1 trial of AB-101.",
        unphased=("withdr",),
    ),
    CueRow(
        "stopped",
        ("decided", "decision", "elected", "chose", "opted", "determined"),
        r"(?:decided|decision|elected|chose|opted|determined) not to (?:continue|pursue|"
        rf"proceed with|advance|further develop)(?: further)? {_STOP_OBJECT}",
        "Acme decided not to continue the Phase 2 trial of AB-101.",
        unphased=("decided not", "elected not"),
    ),
    CueRow(
        "stopped",
        ("paus",),
        r"paus(?:e|ed|es|ing)",
        "Acme paused its Phase 2 trial of AB-101.",
        unphased=("paus",),
    ),
    CueRow(
        "stopped",
        ("wind", "wound"),
        r"wind(?:s|ing)? down|wound down",
        "Acme wound down its Phase 2 trial of AB-101.",
    ),
    CueRow(
        "stopped",
        ("clos",),
        r"clos(?:e|ed|es|ing) (?:the |its |our )?(?:[\w-]+ ){0,2}?(?:trial|study)",
        "Acme closed its Phase 2 trial of AB-101.",
    ),
    CueRow(
        "stopped",
        ("futility",),
        r"futility",
        "The Phase 3 trial of AB-101 stopped for futility.",
        unphased=("futility",),
    ),
    CueRow(
        "stopped",
        ("scrap",),
        r"scrap(?:s|ped|ping)?",
        "Acme scrapped its Phase 2 program of AB-101.",
    ),
    CueRow(
        "stopped",
        ("abandon", "drop"),
        rf"(?:abandon(?:s|ed|ing)?|drop(?:s|ped|ping)?) (?:further )?{_STOP_OBJECT}",
        "Acme abandoned the AB-101 program after its Phase 2 trial.",
        unphased=("development",),
    ),
)

CUE_TABLE += (
    CueRow(
        "planned",
        ("plan", "intend", "expect", "anticipat", "aim", "on track", "prepar", "look"),
        r"(?:plan(?:s|ned)? to|intend(?:s|ed)? (?:to|on)|expect(?:s|ed)? to|"
        r"anticipat(?:es?|ed)(?: to)?|aim(?:s|ed|ing)? to|on track to|prepar(?:es|ing) to|"
        rf"look(?:s|ing)? forward to) (?:\w+ ){{0,2}}?{_PLAN_VERB}",
        "Acme plans to initiate a Phase 2 trial of AB-101 in gout.",
    ),
    CueRow(
        "planned",
        ("will ",),
        rf"will (?:\w+ ){{0,1}}?{_BEGIN_VERB}",
        "Acme will begin a Phase 2 trial of AB-101 in gout.",
    ),
    CueRow(
        "planned",
        ("ind", "cta", "investigational", "clinical trial application"),
        r"(?:ind|cta|investigational new drug(?: application)?|clinical trial application)"
        r"(?:/ide)?\b[^.;]{0,60}?(?:clear|accept|approv|allow|in effect)\w*",
        "Acme's IND for a Phase 1 trial of AB-101 was cleared by the FDA.",
        unphased=(" ind ", " ind,", " ind.", "(ind)", "cta", "investigational new drug"),
    ),
    CueRow(
        "planned",
        ("clear", "accept", "approv"),
        r"(?:clear|accept|approv)\w* (?:of )?(?:its |the |an |our )?(?:ind|cta)\b|"
        r"cleared|clearance",
        "The FDA cleared Acme to start a Phase 1 trial of AB-101.",
    ),
    CueRow(
        "planned",
        ("approv", "clear", "authori"),
        r"(?:approval|clearance|authori[sz]ation) to (?:commence|initiate|start|begin|"
        r"conduct|proceed)",
        "Acme received approval to commence a Phase 2 trial of AB-101.",
    ),
    CueRow(
        "planned",
        ("to commence", "to initiate", "to begin", "to start"),
        r"to (?:commence|initiate|begin|start)(?!\w)",
        "Acme raised funds to initiate a Phase 2 trial of AB-101.",
    ),
    CueRow(
        "planned",
        ("go-ahead", "green light", "okay"),
        r"go-ahead|green light|okay",
        "Regulators gave the go-ahead for a Phase 2 trial of AB-101.",
    ),
    CueRow(
        "planned",
        ("moving", "advancing", "progressing"),
        r"(?:moving|advancing|progressing) in ?to",
        "Acme is moving into a Phase 3 trial of AB-101.",
    ),
)


CUE_TABLE += (
    CueRow(
        "started",
        ("initiat", "commenc", "start", "launch", "begin"),
        r"(?<!to )(?<!will )(?:initiate|commence|start|launch|begin)(?= (?:a |an |the |its )?"
        r"(?:[\w-]+ ){0,3}?(?:phase|pivotal|first|clinical|dosing|enrol))",
        "Acme and Beta Initiate Phase 1b Trial of AB-1",
        headline_only=True,
    ),
    CueRow(
        "completed",
        ("complet",),
        r"(?<!to )(?<!will )complete(?= (?:a |an |the |its )?(?:[\w-]+ ){0,3}?(?:phase|pivotal))",
        "Acme and Beta Complete Phase 2 Trial of AB-1",
        headline_only=True,
    ),
)
_STATUSES: tuple[PhaseStatus, ...] = ("started", "completed", "stopped", "planned")


def _cue_pattern(status: PhaseStatus, headline: bool) -> re.Pattern[str] | None:
    """One pattern for the rows of a status (body rows, or headline-only rows), tried at a
    stem with .match()."""
    rows = [r.pattern for r in CUE_TABLE if r.status == status and r.headline_only == headline]
    if not rows:
        return None
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in rows) + r")(?!\w)")


CUES: dict[PhaseStatus, re.Pattern[str]] = {
    status: pattern
    for status in _STATUSES
    if (pattern := _cue_pattern(status, headline=False)) is not None
}
HEADLINE_CUES: dict[PhaseStatus, re.Pattern[str]] = {
    status: pattern
    for status in _STATUSES
    if (pattern := _cue_pattern(status, headline=True)) is not None
}


def _stems(words: list[str]) -> str:
    """A regex for literal stems, factored on the first character so `re` scans fast."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    parts = [
        f"{re.escape(first)}(?:{'|'.join(sorted(rest, key=len, reverse=True))})"
        for first, rest in groups.items()
    ]
    return "|".join(parts)


# The stems of every row, with the statuses whose pattern is tried where the stem starts.
STEM_STATUS: dict[str, tuple[PhaseStatus, ...]] = {}
for _row in CUE_TABLE:
    for _stem in _row.stems:
        if _row.status not in STEM_STATUS.get(_stem, ()):
            STEM_STATUS[_stem] = (*STEM_STATUS.get(_stem, ()), _row.status)
STEMS = re.compile(f"(?=(?:{_stems(list(STEM_STATUS))}))")  # every start, overlaps too
_BY_PREFIX: dict[str, list[str]] = {}
for _stem in STEM_STATUS:
    _BY_PREFIX.setdefault(_stem[:2], []).append(_stem)


def statuses_at(low: str, pos: int) -> tuple[PhaseStatus, ...]:
    """The statuses of every stem that starts at `pos` in `low`."""
    found: tuple[PhaseStatus, ...] = ()
    for stem in _BY_PREFIX.get(low[pos : pos + 2], ()):
        if low.startswith(stem, pos):
            found += tuple(s for s in STEM_STATUS[stem] if s not in found)
    return found


PHASE_WORDS = ("phase", "ph ", "ph.")
TRIAL_KINDS = ("pivotal", "registrational")  # trials named without a phase
# The prefilter: a sentence without any of these cannot state a phase change.
GATE: tuple[str, ...] = tuple(
    dict.fromkeys(
        [*PHASE_WORDS, *(w for row in CUE_TABLE for w in row.unphased), *TRIAL_KINDS, "clinical"]
    )
)

UNPHASED_WORDS = (
    "trial",
    "clinical stud",
    "first-in-human",
    "first in human",
    *TRIAL_KINDS,
    "dosed",
    "dosing",
)
# A text with no phase token and no unphased anchor states no phase change: skipped unparsed.
DOCUMENT_GATE: tuple[str, ...] = (*PHASE_WORDS, *UNPHASED_WORDS, "clinical")
