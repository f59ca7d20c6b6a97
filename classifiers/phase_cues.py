"""The vocabulary of phase changes, as patterns over lower-cased sentences.

Matching runs on `str.lower()` text without re.IGNORECASE (several times faster in `re`), so
every literal here is lower case. Offsets are those of the original sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.events import PhaseStatus

_SUBJECT = (
    r"(?:patients?|subjects?|participants?|volunteers?|cohorts?(?: of (?:patients|subjects))?)"
)
_TRIAL = r"(?:trials?|stud(?:y|ies)|programs?|development|dosing|enrol?lment|phase|hold)"

PLANNED = re.compile(
    r"(?<!\w)(?:plan(?:s|ned|ning)? (?:to|for)|intend(?:s|ed)? (?:to|on)|intention|"
    r"(?:is|are) (?:now )?(?:initiating|launching|starting|commencing)|expect(?:s|ed)? to|"
    r"anticipat\w*|will (?:\w+ ){0,2}?(?:initiat|begin|start|commenc|enrol|launch|dos|conduct|"
    r"advanc|mov|enter|open|complet|be (?:initiat|conduct|launch|complet|start))|"
    r"to (?:commence|initiate|begin|start|enter|launch|advance|move|proceed)|"
    r"look(?:s|ing)? forward|(?:is|are) expected|scheduled|on track|prepar(?:e|es|ing) (?:to|for)|"
    r"in preparation|(?:advancing|moving|progressing|heading) in ?to|upcoming|"
    r"later (?:this|in)|would|could|might|aim(?:s|ed)? to|"
    r"seek(?:s|ing)? to|(?:is|are|was|were|currently|being|as) planned|proposed|subject to|"
    r"assuming|pending|next step|allow(?:s|ed)? (?:\w+ )?to proceed|ahead of|prior to|"
    r"in advance of|towards?|support(?:s|ing)? (?:the |a |an )?(?:initiation|start)|enabl\w+|"
    r"readiness|approval to|authori[sz]ation to|green light|in support of|targeting the|"
    r"nears|nearing|catalysts?|milestones? (?:include|ahead)|timeline|timing)"
)  # words that make a nearby start only intended; an IND clearance is its own planned cue
_BEGIN_VERB = (
    r"(?:initiat(?:e|ing)|start(?:ing)?|begin(?:ning)?|commenc(?:e|ing)|launch(?:ing)?|"
    r"enrol(?:l|ling|s|ls)?|dos(?:e|ing)|open(?:ing)?)(?!\w)"
)
_PLAN_VERB = (
    rf"(?:{_BEGIN_VERB}|(?:conduct|advanc|mov|enter|run|test|evaluat|progress)(?:e|es|ing)?"
    r"(?!\w))"
)


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
        r"launch(?:ed|es)",
        "Acme launched a Phase 2 study of AB-101 in gout.",
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
        rf"first {_SUBJECT}(?: has| have| was| were| had)?(?: been| being)?"
        rf"(?: successfully)? {_FIRST_VERB}|first {_SUBJECT} in\b",
        "The first patient has been dosed in the Phase 1 trial of AB-101.",
        unphased=("first",),
    ),
    CueRow(
        "started",
        ("dos", "enrol", "random", "treat", "recruit"),
        rf"(?:dos|enroll?|randomi[sz]|treat|recruit)(?:ed|es|s) (?:the |its |our |their )?"
        rf"first {_SUBJECT}",
        "Acme dosed the first patient in its Phase 2 trial of AB-101.",
        unphased=("first",),
    ),
    CueRow(
        "started",
        ("dos", "enrol", "treat", "random", "infusion", "recruit"),
        r"(?:dosing|enrol?lment|treatment|randomi[sz]ation|infusion|recruitment) of "
        rf"(?:the |its |our )?first {_SUBJECT}",
        "Acme announced dosing of the first patient in a Phase 1 trial of AB-101.",
        unphased=("first",),
    ),
    CueRow(
        "started",
        ("dos", "enrol", "recruit", "treat", "screening"),
        r"(?:dosing|enrol?lment|recruitment|treatment|screening)(?: for [\w -]{1,40}?)? "
        r"(?:has |have |is |was )?(?:now )?(?:commenced|begun|started|initiated|underway|"
        r"under way|opened|opens)",
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
        ("complet",),
        r"completed|completes|completion of",
        "Acme completed its Phase 2 trial of AB-101 in gout.",
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
# The prefilter: a sentence without any of these cannot state a phase change.
GATE: tuple[str, ...] = tuple(
    dict.fromkeys(
        [*PHASE_WORDS, *(w for row in CUE_TABLE for w in row.unphased), "pivotal", "clinical"]
    )
)

MODAL = re.compile(
    r"\b(?:may|if|whether|should|once|until|unless)\b"
)  # run on the original case: "May 2024" is a month
GENERIC = re.compile(r"\b(?:typically|usually|generally|normally|commonly|often)\b")
BACKGROUND = re.compile(
    r"(?<!\w)(?:previously (?!treated|untreated|diagnosed|irradiated|approved)|"
    r"as (?:previously )?(?:announced|reported|disclosed)|"
    r"had (?:already |previously |been |also )?(?:\w+ed|begun|been)|"
    r"in an? (?:completed|prior|previous|earlier)|prior (?:trials?|stud(?:y|ies))|"
    r"earlier in|earlier this year|last (?:year|quarter)|"
    r"(?:the|a|an|its|our|their|['’]s) (?:recently |successfully |previously )?completed|"
    r"(?:the|its|our|their|['’]s) recently (?:initiated|launched|started|commenced)|"
    r"over the (?:past|last) (?:\w+ )?(?:years|decades?)|"
    r"(?<!has )(?<!have )(?<!had )(?:recently|previously) completed|"
    r"which (?:was |were |had |has |have )?(?:began|begun|initiated|started|commenced|completed|"
    r"advanced|moved|entered|launched|progressed)|"
    r"(?:began|initiated|started|commenced|completed) in (?:[a-z]+\.? )?(?:19|20)\d\d|"
    r"since (?:19|20)\d\d)|"
    r"['’]s (?:recently |successfully |previously )?completed"
)
BLOCKERS: dict[PhaseStatus, re.Pattern[str]] = {
    "completed": re.compile(
        r"enrol|accrual|recruit|cohort|safety review|dose level|screening|randomi[sz]ation|"
        r"escalation|expansion|part [a-d1-4]\b|"
        r"analys|review|patient|submission|manufactur|financing|offering|acquisition|merger|"
        r"placement|proceeds|fund|loan|sale|transaction"
    ),
    "started": re.compile(
        r"cohort|dose level|expansion|part [a-d1-4]\b|site|collaboration|partnership|agreement|"
        r"discussion|offering|financing|placement|proceeds|fund|repurchase|loan|credit|merger|acquisition|"
        r"coverage|litigation|lawsuit|tender|registration statement|review"
    ),
}
BLOCKERS["planned"] = BLOCKERS["started"]
STOP_BEFORE = re.compile(
    rf"(?:{_SUBJECT}|users?|people|individuals|women|men|children|treatment|therapy|drug|dosing|"
    r"arms?)\s+(?:\w+\s+){0,2}$|"
    r"(?:trading|shares|stock|price)\s+(?:[\w,]+\s+){0,4}$"
)
STOP_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,6}?(?:cohorts?|dose levels?|arms?|doses? above)\b|"
    r"^\s*(?:the\s+|its\s+|our\s+|their\s+)?(?:[\w$.,-]+\s+){0,8}?(?:operations|agreements?|"
    r"licen[cs]es?|collaborations?|employment|lease|offering|merger|contracts?|partnerships?|"
    r"relationships?|facility|trading|program(?:me)? of share|dividend)\b|"
    r"^\s*(?:\w+\s+){0,6}?(?:due to|because of)\s+(?:\w+\s+){0,2}?(?:adverse|toxicit|side|ae|"
    r"progress)|^\s*(?:of\s+)?(?:the\s+|their\s+)?(?:[\w-]+\s+)?(?:treatment|therapy|study drug|"
    r"medications?|dosing of patients)|^\s*(?:\w+\s+){0,3}?(?:because of|due to|for|on)\s+"
    r"(?:\w+\s+){0,2}?(?:efficacy|success|benefit)"
)
STOP_UNDONE = re.compile(r"lift|remov|resum|releas|resolv|clos(?:e|ed|ing) out")
STOP_ANSWERED = re.compile(r"respon|address")  # before the cue: "response to the clinical hold"
STOP_CONTEXT = re.compile(_TRIAL)
STOP_HYPOTHETICAL = re.compile(
    r"plan(?:s|ned)? to|intend|expect|anticipat|could|would|might|potential|possib|risk|"
    r"designed to|aims? to|able to|on track|to conduct"
)
NEGATED = re.compile(
    r"(?:\bnot|\bnever|\bno longer|\byet to|n't|\bcannot)\s+(?:\w+\s+)?$|"
    r"\b(?:no|without(?: any)?|nor)\s+$"
)  # the words just before a cue: "did not initiate", "no halt"
CONDITIONAL = re.compile(
    r"(?<!\w)(?:with (?:the )?(?:successful|positive)|upon(?: the)?(?: successful)?|"
    r"once|if|unless|(?:following|after) (?:the )?successful|assuming|subject to|pending|"
    r"contingent on|in the event)(?!\w)[^,;:]*$"
)  # a trigger whose scope runs on to the cue with no ',' ';' ':' between: a condition
RELATIVE = re.compile(r",?\s(?:that|which|who|where)\s")  # its clause is about the trial
CLINICAL_ANCHOR = re.compile(
    r"trials?\b|stud(?:y|ies)|clinical|patients?|participants?|subjects?|volunteers?|dos(?:e|ed|es|ing)\b|"
    r"enrol|drugs?\b|therap|vaccin|candidate|compound|\bfda\b|\bind\b|placebo|cohort|indication|"
    r"treatment|disease|cancer|tumou?r|biologic|antibod|cell|gene\b|device|hold\b|first-in-human"
)  # a phase change is about a human clinical trial of a product
NON_CLINICAL = re.compile(
    r"drill|exploration|geophysic|mining|mineral|deposit|ore\b|construction|pre-?sale|token|"
    r"blockchain|mainnet|testnet|sequencer|crypto|grant\b|sbir|court|lawsuit|church|reactor|"
    r"expenses?\b|spending|net effect|primarily (?:due|related|attributable)|costs? associated|"
    r"design review|real estate|residential|housing|funding round|tranche|roadmap|"
    r"in (?:mice|rats|dogs|primates|animals|animal models)"
)  # business programs, drilling, construction, presales, grants, courts: never a trial phase
UNPHASED_WORDS = (
    "trial",
    "clinical stud",
    "first-in-human",
    "first in human",
    "pivotal",
    "registrational",
    "dosed",
    "dosing",
)
UNPHASED_ANCHOR = re.compile("|".join(UNPHASED_WORDS))  # a change with no phase needs one
# A text with no phase token and no unphased anchor states no phase change: skipped unparsed.
DOCUMENT_GATE: tuple[str, ...] = (*PHASE_WORDS, *UNPHASED_WORDS, "clinical")
_MONTH_NAMES = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATED = re.compile(
    rf"\b(?:{_MONTH_NAMES}\s+(?:\d{{1,2}},?\s+)?|q(?P<quarter>[1-4])\s+|"
    r"(?P<half>first|second) half of\s+|(?:fiscal |the )?)(?P<year>(?:19|20)\d\d)\b"
)  # "in August 2013", "Q1 2025", "in 2019": when the clause's event happened
PART_AFTER = re.compile(r"\s*(?:dose[- ])?(?:escalation|expansion)\b|\s*cohorts?\b")
COHORT_AFTER = re.compile(r"\s*(?:dose[- ])?(?:expansion|escalation)?\s*cohorts?\b|\s*expansion\b")
TRIAL_COMPLETED = re.compile(
    r"(?:trial|study)\s+(?:was|has\s+been|had\s+been|is\s+now)\s+(?:successfully\s+)?"
    r"(?:completed|concluded)|"
    r"(?:completed|concluded)\s+(?:(?:its|our|the|their|a)\s+)?(?:first\s+)?(?:[\w-]+\s+)?"
    r"(?:trial|study)\s+in\s+(?:humans|healthy\s+volunteers)|"
    r"(?:completed|concluded)\s+(?:(?:its|our|the|their|a)\s+)?(?:first[- ]in[- ]human|"
    r"pivotal|registrational)\s+(?:clinical\s+)?(?:trial|study)"
)  # a completion with no phase: "the trial was completed", "completed our first trial in humans"
UNPHASED_START = re.compile(
    r"\s*(?:\w+\s+){0,3}?(?:(?:a|an|its|the|our)\s+)?(?:\w+\s+)?(?:pivotal|registrational|"
    r"first[- ]in[- ]human|first[- ]in[- ]man|clinical)\s+(?:trial|study)"
)
NEWS_MARKER = re.compile(
    r"\btoday\b|announc|\brecent(?:ly)?\b|\bjust\b|this (?:week|month|quarter|morning|year)|"
    r"during the|in the (?:quarter|period|(?:first|second|third|fourth) quarter)|"
    r"(?:has|have) now (?:been )?(?:complet|initiat|start|begun|dos|enrol|launch)|"
    r"earlier this|last week|yesterday|pleased|proud|excited|marks?\b|milestone|highlight"
)  # the body of a whole release tells its own news with one of these; else it is history
STAGE = re.compile(
    r"\b(?:is|are) (?:currently |now )?(?:in the midst of|in (?:a |an |its |the )?(?:phase|pivotal|"
    r"late-stage|clinical)|being (?:evaluated|studied|tested|developed))"
)  # "has completed Phase 1 and is in the midst of a Phase 2": a stage described, not news
PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?$")  # "has completed", "have successfully begun"
FORWARD_LIST = re.compile(
    r"(?:catalysts|milestones|next steps?|upcoming events|priorities)(?: [\w-]+){0,3} "
    r"(?:include|includes|are|for \d{4} include)\b|(?:upcoming|anticipated|expected) "
    r"(?:catalysts|milestones)"
)  # a list of what is to come: every change after it in the sentence is planned
FOLLOWED = re.compile(
    r"(?:followed|follows|following|after|upon|since) (?:the |its |their |a |an )?"
    r"(?:[\w-]+['’]s )?$"
)  # right before a nominal cue: "The move followed the company's termination of …"
