"""The vocabulary of MTD/RP2D outcomes, as patterns over lower-cased sentences.

`TERM_CUES` is the one table of the ways a text names an MTD or RP2D; each cue carries the
literal substrings one of which every match of it contains, and `GATE` (the cheap prefilter
that skips every other sentence) is derived from them, so a new cue cannot be forgotten there.
The other patterns qualify a term found by a cue: objective, future, bound, outcome, negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.events import MtdKind

# window sizes inside the patterns, in characters
PHASE_AHEAD = 80  # "recommended dose ... Phase 2": how far ahead the phase may be
SELECTED_REACH = 90  # "dose(s) ... selected for Phase 2": the words between
SHOULD_USE_REACH = 60  # "Phase II studies ... should use"
FRONTED_WORDS = 10  # "For Phase II trials, [a dose of 30 mg/m2 weekly is] recommended"
DETERMINED_WORDS = 7  # "recommended dose [of X in combination with Y] was determined"

_PH2 = r"phase[\s-]?(?:2|ii|two)(?![\w/])"
_LATER = r"(?:future|further|subsequent|early|later|the|an?|its)"
_DOSE_WORD = r"(?:dose|dosage|regimen)s?"
_RECOMMENDED_KIND = r"(?:(?:daily|weekly|combination|oral|single[- ]agent)\s+)?"
_AMOUNT_UNIT = r"(?:mg|g|µg|μg|ug|mcg)(?:/(?:m2|m²|kg|body))?"  # "300 mg", "1.2 mg/kg"
_NOT_MODAL = r"(?<!to\s)(?<!will\s)(?<!would\s)(?<!may\s)(?<!might\s)(?<!could\s)"
_DOSE_GATE = ("dos", "regimen")  # what every match of _DOSE_WORD contains
_EXPANSION_AND = (
    r"(?:(?:the\s+)?(?:dose[\s-]+)?expansion\s+(?:cohorts?|phase|part|portion)\s+and\s+)?"
)
# "selected for the expansion cohorts and Phase 2": the expansion named with the Phase 2
_TO_ADVANCE = r"(?:to\s+(?:advance|take|carry|move|bring)\s+(?:forward\s+)?)?"
# "the dose selected to advance into Phase 2"
_NO_OTHER_TERM = r"(?:(?!\bdos(?:e|age)|tolera|\bmtd|\brp2d)[^.;])"  # one step, not into a term


@dataclass(frozen=True, slots=True)
class TermCue:
    """One way of naming an MTD/RP2D; every match contains one of `gate` (a literal)."""

    name: str
    kind: MtdKind
    pattern: str
    gate: tuple[str, ...]


TERM_CUES: tuple[TermCue, ...] = (
    TermCue(
        "mtd-words",
        "MTD",
        r"maxim(?:um|un|al|ally|ized)?[\s-]+tolera(?:ted|ble)[\s-]+"
        r"(?:(?:daily|single|weekly|total|cumulative)[\s-]+)?(?:dos(?:e|es|age)|doses?[\s-]+levels?)",
        ("dos",),
    ),
    TermCue("mtd-abbreviation", "MTD", r"mtds?", ("mtd",)),
    TermCue("rp2d-abbreviation", "RP2D", r"rp2ds?|rphd|rptds?", ("rp2d", "rphd", "rptd")),
    TermCue(
        "recommended-phase2-dose",
        "RP2D",
        rf"(?:recommended\s+{_PH2}|{_PH2}\s+recommended)\s+{_DOSE_WORD}",
        _DOSE_GATE,
    ),
    TermCue(
        "recommended-dose-near-phase2",
        "RP2D",
        rf"recommended\s+{_DOSE_WORD}(?=[^.;]{{0,{PHASE_AHEAD}}}{_PH2})",
        _DOSE_GATE,
    ),
    TermCue(
        "recommended-dose-for-development",
        "RP2D",
        rf"recommended\s+{_DOSE_WORD}\s+(?:and\s+schedule\s+)?for\s+(?:(?:{_LATER}\s+){{1,2}}"
        r"(?:clinical\s+)?(?:development|studies|trials|evaluation)|(?:further|future|subsequent|later)\s+"
        r"(?:clinical\s+)?(?:study|investigation|testing))",
        _DOSE_GATE,
    ),
    TermCue(
        "recommended-dose-for-expansion",
        "RP2D",
        rf"recommended\s+{_DOSE_WORD}\s+for\s+(?:the\s+)?(?:dose\s+|cohort\s+)?expansion",
        _DOSE_GATE,
    ),
    TermCue(
        "established-a-recommended-dose",
        "RP2D",
        r"(?:establish|determin|identif|select|defin|confirm)\w*\s+(?:a|an|the|its|their)\s+"
        rf"recommended\s+{_RECOMMENDED_KIND}{_DOSE_WORD}",
        ("recommend",),
    ),
    TermCue(
        "recommended-dose-determined",
        "RP2D",
        rf"recommended\s+{_RECOMMENDED_KIND}{_DOSE_WORD}(?=\s+(?:[\w-]+\s+){{0,{DETERMINED_WORDS}}}?"
        r"(?:(?:was|were|has been|have been|is|are)\s+)?"
        r"(?:determined|established|identified|set|confirmed|defined)(?!\w))",
        _DOSE_GATE,
    ),
    TermCue(
        "phase2-dose-determined",
        "RP2D",
        rf"{_PH2}\s+{_DOSE_WORD}(?=\s+(?:[\w-]+\s+){{0,4}}?(?:was|were|has been|have been|is)\s+"
        r"(?:determined|established|identified|set|confirmed|defined|selected|chosen)(?!\w))",
        _DOSE_GATE,
    ),
    TermCue(
        "dose-recommended-for-development",
        "RP2D",
        rf"{_DOSE_WORD}\b{_NO_OTHER_TERM}{{0,{SELECTED_REACH}}}?(?:(?:is|was|are|were|be)\s+)?"
        rf"recommended\s+for\s+(?:(?:{_LATER}\s+){{0,2}}(?:clinical\s+)?"
        r"(?:development|studies|trials|testing|evaluation)|(?:further|future|subsequent|later)\s+"
        r"(?:clinical\s+)?(?:study|investigation))",
        _DOSE_GATE,
    ),
    TermCue(
        "phase2-dose",
        "RP2D",
        rf"{_PH2}\s+dose(?:\s+level)?s?(?![\w-]|\s+(?:ranging|finding|expansion|optimi|escalat|"
        r"selection|response))",
        _DOSE_GATE,
    ),
    TermCue(
        "dose-selected-for-phase2",
        "RP2D",
        rf"{_DOSE_WORD}\b{_NO_OTHER_TERM}{{0,{SELECTED_REACH}}}?(?:selected|recommended|chosen|"
        rf"suggested|proposed|appropriate|suitable|advanced)\s+{_TO_ADVANCE}(?:for|in|into)\s+"
        rf"{_EXPANSION_AND}"
        rf"(?:{_LATER}\s+){{0,2}}"
        rf"(?:\w+\s+){{0,1}}?{_PH2}",
        _DOSE_GATE,
    ),
    TermCue(
        "dose-for-phase2",
        "RP2D",
        rf"(?:(?:optimal|go-forward|final)\s+)?{_DOSE_WORD}\s+(?:to\s+(?:take|carry|advance|move|"
        rf"bring)\s+(?:forward\s+)?(?:into|to|in)|for)\s+(?:the\s+)?(?:\w+\s+)?{_PH2}",
        _DOSE_GATE,
    ),
    TermCue(
        "dose-selected-for-development",
        "RP2D",
        rf"{_DOSE_WORD}\s+(?:selected|chosen)\s+for\s+(?:{_LATER}\s+){{1,2}}(?:clinical\s+)?"
        r"(?:development|studies|trials|evaluation|testing)",
        _DOSE_GATE,
    ),
    TermCue(
        "phase2-studies-should-use",
        "RP2D",
        rf"{_PH2}\s+(?:studies|trials?|testing)\s+(?:[^.;]{{0,{SHOULD_USE_REACH}}}?\s)?should\s+use",
        ("should use",),
    ),
    TermCue(
        "for-phase2-recommended",
        "RP2D",
        rf"for\s+(?:{_LATER}\s+){{0,2}}{_PH2}(?:\s+(?:studies|trials?|testing|evaluation))?\s*,"
        rf"\s*(?:(?:\d+\.\d+|[^\s.;]+)\s+){{0,{FRONTED_WORDS}}}?{_NOT_MODAL}"
        r"(?:recommend(?:s|ed)?|should\s+use)",
        ("recommend", "should use"),
    ),
    TermCue(
        "amount-selected-for-phase2",
        "RP2D",
        rf"(?:\d+(?:[.,]\d+)?|\.\d+)[\s-]?{_AMOUNT_UNIT}(?:\s+[\w/()-]+){{0,4}}?\s+"
        r"(?:was|were|is|are|has\s+been|have\s+been)\s+(?:selected|chosen)\s+for\s+"
        rf"(?:{_LATER}\s+){{0,2}}(?:\w+\s+)?{_PH2}",
        ("select", "chos"),
    ),
    TermCue(
        "recommended-for-phase2",
        "RP2D",
        rf"recommend(?:s|ed)?\s+(?:(?:\d+\.\d+|[^\s.;]+)\s+){{0,6}}?(?:for|in)\s+"
        rf"(?:{_LATER}\s+){{0,2}}{_PH2}",
        ("recommend",),
    ),
    TermCue(
        "at-single-agent-dose",
        "RP2D",
        r"(?:combined|given|administered)\s+(?:safely\s+)?(?:with\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
        r"at\s+(?:its|their|the)\s+(?:full\s+)?"
        r"(?:recommended|approved)\s+(?:single[- ]agent|monotherapy)\s+doses?",
        ("dos",),
    ),
)
TERMS: dict[MtdKind, re.Pattern[str]] = {
    kind: re.compile(
        r"(?<!\w)(?:" + "|".join(c.pattern for c in TERM_CUES if c.kind == kind) + r")(?!\w)"
    )
    for kind in ("MTD", "RP2D")
}
GATE: tuple[str, ...] = tuple(sorted({g for cue in TERM_CUES for g in cue.gate}))
IMPLICIT_TERM = re.compile(
    r"selected|recommended|chosen|suggested|proposed|appropriate|suitable|advanced"
)
IMPLIED_OUTCOME = re.compile(
    r"combined|given|administered|should use|(?<!\w)recommend(?:s|ed)?$"
)  # searched inside a term: the term itself states the outcome ("for Phase 2, we recommend")
OBJECTIVE = re.compile(
    r"(?<!\w)(?:(?:to(?!\s+have\s)|will|would|should|may|must)\s+(?:[a-z]\w*\s+){0,3}?"
    r"(?:determin|establish|"
    r"identif|defin|find|assess|evaluat|select|confirm|reach|explor|characteri[sz]|"
    r"recommend|achiev|declar)\w*|designed|objectives?|aim(?:s|ed)?|goals?|endpoints?|"
    r"purpose|as we|in order|(?:to|will|would|should|may|must)\s+$|"
    r"expect\w*|anticipat\w*|plan(?:s|ning)?|planned to|intend\w*|look\w* forward|"
    r"seek\w*|toward\w*|approach\w*|hop(?:e|es|ing)\s+to|on\s+track|"
    r"previously(?!\s+(?:un)?treated)|"
    r"(?:prior|previous)(?!\s+(?:\w+\s+)?(?:therap|treatment|regimen|line|chemo))|earlier|"
    r"historical)(?!\w)"
)  # "to have identified" is done ("we are pleased to have identified the RP2D"), not an aim
ACHIEVED_GOAL = re.compile(
    r"(?<!\w)(?:met|meets|meeting|achieved|achieves|achieving|reached|fulfilled|attained)\s+"
    r"(?:(?:its|their|the|all|both|our|a)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:objectives?|endpoints?|goals?|aims?)(?:\s+of\s+[\w-]+)?(?!\w)"
)  # a goal met is no objective of the term: "The study met its primary objective and the MTD
# was determined", "Having met the primary objective of safety, the MTD …"
SUBORDINATE = re.compile(
    r"(?<!\w)(?:until|unless|whether|if|before|when|"
    r"once(?![\s-](?:daily|weekly|monthly|a |per |every)))(?!\w)[^,]*$"
)  # "until the MTD is reached", "once ... the RP2D is identified": a clause up to its comma
FUTURE_TERM = re.compile(
    r"^\W*(?:\(\w+\)\s*)?to be\s+(?:\w+\s+)?(?:determined|established|defined|identified|"
    r"selected|confirmed|chosen|reached|evaluated|explored|announced|reported|decided)|"
    r"(?<!\w)(?:will be|would be|yet to|to determine|"
    r"(?:is|are|remains?) to be)(?!\w)"
)  # searched from the end of the term
DEFINITION = re.compile(
    r"(?<!\w)(?:defined as(?! (?:approximately |about )?\d)|is defined|definition|refers to|"
    r"is the highest dose|was the highest "
    r"dose at which|is typically|are typically|generally defined)(?!\w)"
)
INTERIM = re.compile(
    r"(?<!\w)(?:not yet|yet to|has yet|have yet|ongoing|continu\w*|expected|pending|so far|"
    r"to date|as of|at the time of|data cut\w*|cut-?off)(?!\w)"
)
CLAUSE_CONJUNCTION = re.compile(
    r"\s(?:and|but|while|whereas)\s"
)  # after a term's outcome verb, another clause: "The MTD has been determined and the
# expansion phase is expected to begin" (its "expected" is not the term's)
NEXT_CLAUSE = re.compile(
    r";|,\s+(?:and|but|while|whereas)\s|\s(?:but|whereas)\s"
)  # between two terms, after the first one's verb: "Patients treated at the MTD had no DLTs,
# and the RP2D was set at 200 mg" (the second clause's verb and dose are not the MTD's)
FINITE_VERB = re.compile(r"(?<!\w)(?:was|were|is|are|had|has|have|showed|experienced)(?!\w)")
ANIMAL = re.compile(
    r"(?<!\w)(?:mice|mouse|murine|rats?|dogs?|monkeys?|primates?|rodents?|animals?|"
    r"preclinical|non-?clinical|xenografts?|in vivo|canine|toxicology)(?!\w)"
)
ANIMAL_BEFORE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|yet)\s|\s(?:but|whereas)\s"
    r"|(?:^|\s)(?:although|though|while|whereas|unlike|in\s+contrast\s+(?:to|with))\s[^,;]*,"
)  # a contrast before a term: "In mice the MTD was 50 mg/kg, and in patients the MTD …" (not
# "Following toxicology studies in rats, the MTD …", which is the rats' MTD)
ANIMAL_AFTER_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|yet|compared|versus|vs)(?!\w)"
    r"|\s(?:but|whereas|while|versus|vs\.?|compared)\s"
)  # where a term's clause ends, for the animal words after it
BOUND = re.compile(
    r"(?:below|above|exceed\w*|under|approach\w*|than|near|up to|beyond|within|fraction of|"
    r"% of|percent of|through|surpass\w*)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+)?$"
)
DOSE_BOUND = re.compile(
    r"(?:below|above|under|less than|lower than|higher than|up to|<|>|≤|≥)\s*(?:the\s+|an?\s+)?$"
)  # "doses up to 400 mg", "one dose level below the 3.2 mg/kg cohort"
OUTCOME = re.compile(
    r"(?<!\w)(?:(?:was|were|is|are|has been|have been|had been|been)\s+(?:\w+\s+){0,2}?"
    r"(?:determined|established|reached|identified|defined|declared|set|confirmed|achieved|"
    r"selected|chosen|recommended)|(?:determination|selection|identification|establishment) of|"
    r"(?:selected|chose|established|determined|"
    r"identified|defined|reached|declared|confirmed)\s+(?:both\s+)?(?:the|an?|its|their)|"
    r"(?:selects|identifies|establishes|determines|reaches|declares|confirms|defines|"
    r"announce[sd]|reports|reported)\s+(?:the\s+|an?\s+|its\s+)?(?:mtd|rp2d|maxim\w*|recommended)|"
    r"(?:mtd|rp2d|dose)\s+(?:was|is)\s+(?:at\s+)?(?:the\s+)?(?:\w+\s+)?(?:dose\s+level|cohort)|"
    r"(?:mg|kg|m2|body)\s+(?:established|determined|identified|selected|defined|confirmed)|"
    r"(?:considered|deemed|judged|declared|designated)\s+(?:to\s+be\s+|as\s+)?(?:the\s+)?"
    r"(?:mtd|rp2d|maxim\w*|recommended)|"
    r"(?:was|were|is)\s+(?:the\s+)?(?:mtd|rp2d))(?!\w)"
)
HEADLINE_OUTCOME = re.compile(
    r"\W{0,3}(?:\(\w+\)\s*)?(?:was\s+|has\s+been\s+)?(?:identified|determined|established|"
    r"reached|defined|declared|confirmed)(?!\w)"
)
NOT_REACHED = re.compile(
    r"(?<!\w)(?:(?:was|were|has|have|had|is|are)\s+not\s+(?:been\s+)?(?:reached|determined|"
    r"identified|established|defined|achieved|attained)|no\s+(?:mtd|maximum tolerated dose)|"
    r"without\s+(?:reaching|identifying|defining|establishing|determining)|not\s+reached|"
    r"without\s+(?:an?|the|any)\s+(?:mtd|maximum\s+tolerated\s+dose)\s+(?:being\s+|having\s+"
    r"been\s+)?(?:reached|identified|defined|established|determined)|"
    r"did\s+not\s+reach|never\s+reached)(?!\w)"
)
_GAP_WORDS = (
    r"\btreated|based on|dlt|dose[- ]limiting|toxicit|starting|cohort|escalat|received|tested|"
    r"compared|versus|than|exposure|exceed|surpass"
)
FINISHED = re.compile(
    r"(?<!will )(?<!will be )(?<!to )(?<!to be )(?:complet|conclu(?:ded|des|sion))|"
    r"(?:has|have|had|was|were|is|are)\s+(?:now\s+)?(?:ended|finished|closed|over)(?!\w)|"
    r"all (?:\w+ )?(?:dose levels|cohorts)|highest (?:planned |tested |possible )?dose|"
    r"final|maximum (?:planned|feasible|administered)"
)  # escalation is over, so "has not been reached" is an outcome ("… and dose escalation has
# concluded"; not "will be completed next year")
GAP_BLOCK = re.compile(_GAP_WORDS + "|enrolled")  # between a term and its dose
JOIN_BLOCK = re.compile(
    _GAP_WORDS + r"|\b(?:while|whereas|but|however|although|after|before|because|until)\b"
    r"|\b(?:below|above|beneath|lower|higher)\b"
    r"|\b(?:given|administered|dosed|taken|delivered|split)\s+as\b|\bi\.\s?e\b|\bequivalent|"
    r"\bcorrespond|\bapproximately\b|\babout\b"
)  # between two doses of one term ("… for pretreated patients"); a comparison ("2.4 mg/kg,
# one dose level below the 3.2 mg/kg cohort") or the same dose restated ("200 mg per day,
# given as 100 mg twice daily", "600 mg daily, i.e. 300 mg BID") is not another value
COPULA = re.compile(
    r"(?<!\w)(?:was|were|is|are|be|been|being|established|determined|identified|selected|"
    r"declared|set|defined|confirmed|reached|achieved|chosen|found|recommended)(?!\w)|[=:]"
)
CLAIMED_AFTER = re.compile(
    r"[^.;,]{0,30}?\s(?:is|was|were|are|has\s+been|have\s+been|being)\s+(?:\w+\s+){0,3}?"
    r"(?:mtd|rp2d|maxim|recommended|selected|chosen|considered|declared|defined)"
)  # "…, and 200 mg is recommended for phase II": that dose is another term's subject
PREDICATE_TAIL = re.compile(
    r"(?:\s+|to\s+be|as|at|of|approximately|about|~|equal\s+to|the|an?|dose|level)*"
)  # all that may stand between a clause's last copula and its dose: "was set at a dose of"
VERB_BEFORE = re.compile(
    r"(?<!\w)(?:establish(?:ed|ing)|determin(?:ed|ing)|identif(?:ied|ying)|select(?:ed|ing)|"
    r"declar(?:ed|ing)|defin(?:ed|ing)|confirm(?:ed|ing)|reach(?:ed|ing)|set|setting|chose|"
    r"recommended|result(?:ed|ing|s)?\s+in|yield(?:ed|ing|s)?|led\s+to|leading\s+to)(?!\w)"
    r"|(?<!\w)had\s+(?:an?|its|their)\s+(?:[\w-]+\s+)?$"
)  # "XR-1 had an MTD of 40 mg": a past result (not "has", nor "which had": background)
TERM_WORDS = re.compile(r"mtd|rp2d|tolera|recommend|phase")
NAMED_BRACKET = re.compile(
    r"[\s)\]]*(?:of|for)\s+(?:the\s+)?[a-z0-9][\w-]*(?:\s+[\w-]+){0,2}?\s*[(\[,]\s*"
)  # between a term and its value in brackets (or commas) after the drug: "the RP2D of
# XR-1 (400 mg daily)", "the recommended Phase 2 dose (RP2D) of XR-1 (400 mg)", "the RP2D of
# XR-1, 400 mg daily, was established"
LEVEL_BRACKET = re.compile(
    r"\s*[(\[]\s*(?:dose\s+level|dl|level|cohort)\s*\d{1,2}\s*[;,:]\s*"
)  # between a term and its value in brackets that name the dose level first: "the MTD (dose
# level 4; 1.2 mg/kg) was established"
_WITH_PEOPLE = "".join(
    rf"(?<!{noun}\s)"
    for noun in ("patients", "subjects", "participants", "those", "people", "adults", "children")
)  # "in patients with solid tumors": a population, not a combination
COMBINED = re.compile(
    rf"(?<!\w)(?:plus|{_WITH_PEOPLE}(?<!compared\s)with|combined|combination|added\s+to)(?!\w)|\+"
)  # between two doses: the second is a partner drug's ("… in combination with 200 mg of …"),
# not one it is compared with ("6 mg/kg, compared with 50 mg/kg in mice")
GAPPED_OF = re.compile(
    r"\s*,?\s*(?:and|while|but|whereas)\s+(?:that\s+|the\s+(?:mtd|rp2d)\s+)?(?:of|for)\s+"
    r"(?P<name>\S+)\s+(?:(?:was|is|were)\s+)?(?:(?:determined|established|set|found)\s+)?"
    r"(?:(?:to\s+be|as|at)\s+)?"
)  # the term again, for another drug: "The MTD of XR-1 was 300 mg and of YZ-2 was 60 mg"
RESPECTIVELY = re.compile(r"[^.;]{0,40}?\brespectively\b", re.IGNORECASE)  # after the last dose
OF_NAME = re.compile(r"\s+of\s+")  # "60 mg/m2 of YZ-2": the drug named after its dose
JOIN = re.compile(r"^[^.;]{0,60}?(?:\band\b|,|\bor\b|respectively)")
DOSE_BEFORE_GAP = re.compile(
    r"(?<!\w)(?:is|was|as|and is|being|be|became|becomes|become)(?!\w)"
)  # "300 mg BID is the recommended dose", "2.4 mg/kg, which therefore became the MTD"
_DECLARED = (
    r"(?:declared|determined|identified|established|selected|chosen|confirmed|defined|"
    r"considered|deemed|designated)"
)
SUBJECT_DOSE_GAP = re.compile(
    r"(?:\s+(?:[\w-]+\s+){0,3}?(?:dose|dosage|regimen|level|cohort)s?\b)?"
    r"(?:\s*,[^,;]{1,80},|\s+(?:was|is|were|are)\s[^;,]{1,80}?\s+and|\s*,\s*(?:which|that))?"
    r"\s*(?:was|is|were|are|has\s+been|have\s+been)\s+(?:(?:also|then|therefore|thus)\s+)?"
    + _DECLARED
    + r"\s+(?:(?:to\s+be|as)\s+)?(?:the\s+|an?\s+|its\s+)?"
)  # from a dose to a term it is the subject of: "450 mg was the highest dose … and was
# declared the MTD", "the 300 mg regimen, the highest dose given, was determined to be the MTD",
# "the 2.4 mg/kg cohort, which was declared the MTD, …"
COMPLEMENT_VERB = re.compile(
    r"(?<!\w)(?:declar|deem|nam|designat|consider|judg)(?:ed|es|e|s|ing)\s+$"
)  # before a dose that is the object of a verb whose complement is the term: "Investigators
# declared 0.6 mg/kg the MTD", "the committee deemed 80 mg the maximum tolerated dose"
COMPLEMENT_GAP = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:to\s+be\s+|as\s+)?(?:the|its|their|an?)\s+"
)  # from such a dose to the term: its schedule words, then an article
CLAUSE_OPENER = re.compile(
    r"(?:^|[,;:]|\b(?:the|and|that|thus|therefore|so))\s*$"
)  # before a dose that opens its clause (not "treated at 450 mg"); matched at the dose
COMBINATION_BEFORE = re.compile(
    r"\s+(?:plus|\+|and|with|in\s+combination\s+with|combined\s+with)\s+(?:[\w-]+\s+){1,2}?"
    r"(?:at\s+)?"
)  # between a drug's dose and a partner's, before the term: "AB-1 2 mg/kg plus YZ-2 75 mg/m2"
FORWARD_ANAPHOR = re.compile(
    r"(?:(?:this|that|the\s+(?:selected|chosen|recommended|same))\s+(?:dose|dosage|regimen)"
    r"(?:\s+level)?\s*(?:,|\(|:|of|is|was|will\s+be)"
    r"|it\s+(?:was|is)(?:\s+(?:determined|established|found|set|defined|identified|confirmed))?"
    r"(?:\s+(?:to\s+be|as|at))?)\s*"
)  # opening the sentence after a term without a value: "This dose, 30 mg/kg, …", "It was
# 45 mg/m2 given weekly"
SELECTED_TERM = re.compile(
    r"(?<!\w)(?:selected|chosen|recommended|suggested|proposed)(?!\w)"
)  # implicit, past
FUTURE_IN_TERM = re.compile(
    r"(?<!\w)(?:(?<!found\s)(?<!shown\s)(?<!proven\s)(?<!deemed\s)(?<!considered\s)to|will|would|"
    r"should|may|must)\s+be(?!\w)"
)  # "the dose to be selected": not "the dose was found to be safe and was selected"
REFERENCE = re.compile(
    r"(?:same\s+as|equal\s+to|identical\s+to|similar\s+to|consistent\s+with|compared\s+"
    r"(?:to|with)|relative\s+to|versus|vs\.?)\s+(?:the\s+|its\s+|an?\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}$"
)  # "the same as the single-agent MTD of 8 mg": a reference, not this document's outcome
BACKGROUND = re.compile(
    r"(?<!\w)(?:previously(?!\s+(?:un)?treated)|earlier|prior\s+(?:study|studies|trials?)|"
    r"had\s+been|historical\w*)(?!\w)"
)  # in the term's own clause: "the MTD, established in an earlier study, is 168 mg/m2"
USED_AFTER_ASIDE = re.compile(
    r"\s*,\s*(?:as\s+)?(?:determined|established|identified|selected|defined|chosen)\b[^,;]{0,80},"
    r"\s*(?:is|are|was|were|will\s+be|has\s+been|have\s+been)\s+(?:now\s+)?(?:being\s+)?"
    r"(?:used|applied|employed|administered|given|tested|evaluated|studied)\b"
)  # matched from the end of a term: "The 400 mg RP2D, determined in the Phase 1 trial, is used
# in the ongoing Phase 2": the outcome is told in an aside, the news is its use
USED_BEFORE = re.compile(
    r"(?<!\w)(?:at|using|uses|used|use|based\s+on|per|receiv(?:e|es|ed|ing))\s+"
    r"(?:the|its|their|an?|this)\s+(?:[\w-]+\s+)?$"
)  # a term a dose is given at: "treated at the", "using the", "based on the"
DETERMINED_ELSEWHERE = re.compile(
    r"(?:[^;.]|\.(?=\d)){0,40}?(?:(?<!\w)(?:which|that)\s+(?:was|were|had\s+been|has\s+been)\s+"
    r"(?:previously\s+)?|(?<!was\s)(?<!were\s)(?<!is\s)(?<!are\s)(?<!been\s)(?<!be\s))"
    r"(?:established|determined|identified|defined|selected|chosen|set)\s+(?:in|during|from)\s"
    r"(?!(?:this|the\s+(?:present|current))\s+(?:study|trial))"
)  # matched from the end of such a term: "treated at the RP2D of 1.2 mg/kg established in the
# first-in-human study", "based on the MTD determined in Study 101": a reference to an older
# determination, not the document's outcome
TEMPORAL_CLAUSE = re.compile(
    r"(?<!\w)(?:after|because|following|when|once|until)(?!\w)"
)  # after a term, opening a clause of its own: "The MTD was not determined after all 13 dose
# levels had been tested" (what that clause says of the past is not the term's background)
BACKGROUND_ASIDE = re.compile(
    r"[^,;]{0,40}?,\s*(?:previously|earlier|initially|originally|formerly)(?!\w)[^,;()]{0,80}?,"
    r"(?=\s*(?:was|were|is|are|has\s+been|have\s+been)(?!\w))"
)  # matched from the end of a term: "The MTD of XR-1, previously established at 60 mg QD, was
# determined to be 40 mg BID": an older value between commas, then this document's own
RELATIVE_BACKGROUND = re.compile(
    r"(?<!\w)whose\s[^,;()]*$"
    r"|(?<!\w)(?:which|that|who)\s+(?:already\s+)?(?:has|had|have)\s+(?:[\w-]+\s+){0,3}$"
)  # a relative clause that tells what a drug or trial already has: "XR-1, whose MTD was
# established in 2019, ...", "YZ-2, which has an established MTD of 60 mg/m2, ..." (before the term)
RESULTS = re.compile(
    r"(?<!\w)(?:observed|showed|shown|demonstrated|responses?|data|results|achieved|"
    r"experienced|reductions?)(?!\w)"
)  # a sentence reporting what happened at a dose
LATER_TRIAL = re.compile(
    r"(?<!\w)(?:phase[\s-]?(?:2|ii|3|iii)[ab]?\s+(?:trial|study|portion|part|program)|will|"
    r"plan\w*|expect\w*)(?!\w)"
)  # "patients in the Phase 2 trial receive the RP2D of 300 mg": the RP2D is background
HYPOTHETICAL = re.compile(
    r"(?<!\w)(?:hypothetical\w*|imagin(?:e|ary|ing)|suppose|supposing|let'?s\s+say|"
    r"(?:an?|this|one)\s+(?:[\w-]+\s+){0,4}?example\s+of)(?!\w)"
)  # opens a made-up scenario that runs to the end of its paragraph
ANAPHOR_SUBJECT = re.compile(
    r"(?:(?:^|[,;]\s*)(?:this|that|the\s+same|the\s+latter)\s+(?:dose|dosage|regimen)"
    r"(?:\s+level)?|^it)\s+(?:was|is|has\s+been|had\s+been)\s+(?:\w+\s+){0,2}?"
    r"(?:(?:to\s+be|as)\s+)?(?:the\s+)?$"
)  # "This dose level was considered to be the MTD", "It was declared the MTD" (opening the
# sentence): the dose is in the sentence before
COORDINATED = re.compile(
    r"\)?\s*(?:\([^()]{1,12}\)\s*)?(?:and|or|/|&)\s*(?:the\s+|an?\s+|its\s+)?"
)  # matched from the end of one term up to the next: "the MTD and the RP2D", "MTD/RP2D"
ANAPHOR_ARTICLE = re.compile(r"(?<!\w)(?:the|this|that)\s+$")
SAME_TERM_GAP = re.compile(
    r"[\s,(\[\"“]*(?:(?:or|i\.e\.,?|the|also\s+called|also\s+known\s+as)[\s(\[\"“]*)*"
)  # between a term and its restatement: "maximum tolerated dose (MTD)", "RP2D, or the ..."
CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:and|but|while|whereas|although|though|yet)\s|\s(?:but|whereas)\s"
    r"|(?:^|\s)(?:although|though|while|whereas|because|since|after|following|despite|unlike"
    r"|in\s+contrast\s+(?:to|with))\s[^,;]*,|,\s*(?:which|who)\s[^,;]*,"
)  # the end of another clause before a term: what comes before it does not qualify the term
# ("The study, which aimed to determine the MTD, established an MTD of 40 mg")
PRONOUN_VALUE = re.compile(
    r"(?:;|,\s*(?:and|while|but|whereas)\s)[^;]{0,50}?(?<!\w)it\s+(?:was|is)\s+"
    r"(?:(?:determined|established|found|set|defined)\s+)?(?:(?:to\s+be|as|at)\s+)?$"
)  # another clause giving the term's value by "it": "…; on schedule B it was 20 mg/m2"
