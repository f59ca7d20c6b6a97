"""The vocabulary of phase changes, as patterns over lower-cased sentences.

Matching runs on `str.lower()` text without re.IGNORECASE (several times faster in `re`), so
every literal here is lower case. Offsets are those of the original sentence.
"""

from __future__ import annotations

import re

from classifiers.events import PhaseStatus

_SUBJECT = (
    r"(?:patients?|subjects?|participants?|volunteers?|cohorts?(?: of (?:patients|subjects))?)"
)
_TRIAL = r"(?:trials?|stud(?:y|ies)|programs?|development|dosing|enrol?lment|phase|hold)"

CUES: dict[PhaseStatus, re.Pattern[str]] = {
    "started": re.compile(
        r"(?:initiat(?:ed|es|ion|ing)|commenc(?:ed|ement|es|ing)|began|begun|begins|"
        r"start(?:ed|s)|launch(?:ed|es)|kick(?:ed|s) off|"
        rf"first {_SUBJECT}(?: has| have| was| were| had)?(?: been| being)?(?: successfully)? "
        r"(?:dosed|enrolled|treated|randomi[sz]ed|screened and dosed|implanted|infused|"
        r"vaccinated|immuni[sz]ed|injected)|"
        rf"first {_SUBJECT} in\b|"
        rf"(?:dos|enroll?|randomi[sz]|treat)(?:ed|es|s) (?:the |its |our |their )?first "
        rf"{_SUBJECT}|"
        r"(?:dosing|enrol?lment|treatment|randomi[sz]ation|infusion) of (?:the |its |our )?"
        rf"first {_SUBJECT}|"
        r"(?:dosing|enrol?lment|recruitment|treatment|screening) (?:has |have |is |was )?"
        r"(?:now )?(?:commenced|begun|started|initiated|underway|under way|opened|opens)|"
        r"(?:began|begun|started|commenced) (?:enrolling|dosing|recruiting|treating)|"
        r"(?:moved|advanced|progressed|transitioned) (?:in)?to|"
        r"(?:advances|moves|progresses) in ?to|"
        r"entered(?! into an?\b)|enters(?! into an?\b)|"
        r"now in(?= (?:a |its |the )?phase)|(?:is|are) now (?:enrolling|recruiting|open for)|"
        r"open(?:ed|s) (?:for )?enrol?lment|(?:is|are|gets|got) (?:now )?under ?way)"
        r"(?!\w)"
    ),
    "completed": re.compile(
        r"(?:completed|completes|completion of|conclud(?:ed|es|ing)|conclusion of|"
        r"finished|(?:has|have) (?:successfully )?passed)(?!\w)"
    ),
    "stopped": re.compile(
        r"(?:clinical hold|(?:placed|put) (?:\w+ )?on (?:a )?(?:partial |full )?hold|"
        r"discontinu(?:e|ed|es|ing|ation of)|terminat(?:e|ed|es|ing|ion of)|"
        r"suspend(?:ed|s|ing)?|suspension of|halt(?:ed|s|ing)?|stopp(?:ed|ing)|"
        r"stops? (?:the|its|enrol?lment|dosing|development)|"
        r"end(?:s|ed|ing)? (?:its |the |further )?development|paus(?:e|ed|es|ing)|"
        r"wind(?:s|ing)? down|wound down|clos(?:e|ed|es|ing) (?:the |its |our )?(?:\w+ )?"
        r"(?:trial|study)|futility|scrap(?:s|ped|ping)?|"
        r"(?:abandon(?:s|ed|ing)?|drop(?:s|ped|ping)?) (?:further )?(?:development|"
        r"(?:the|its|our|their) (?:[\w-]+ ){0,2}?(?:program|candidate|trial|study|asset|drug)))"
        r"(?!\w)"
    ),
}
PLANNED = re.compile(
    r"(?<!\w)(?:plan(?:s|ned|ning)? (?:to|for)|intend(?:s|ed)? to|intention|expect(?:s|ed)? to|"
    r"anticipat\w*|will (?:\w+ ){0,2}?(?:initiat|begin|start|commenc|enrol|launch|dos|conduct|"
    r"advanc|mov|enter|open|complet|be (?:initiat|conduct|launch|complet|start))|"
    r"to (?:commence|initiate|begin|start|enter|launch|advance|move|proceed)|"
    r"look(?:s|ing)? forward|(?:is|are) expected|scheduled|on track|prepar(?:e|es|ing) (?:to|for)|"
    r"in preparation|(?:advancing|moving|progressing|heading) in ?to|upcoming|"
    r"later (?:this|in)|would|could|might|aim(?:s|ed)? to|"
    r"seek(?:s|ing)? to|(?:is|are|was|were|currently|being|as) planned|proposed|subject to|"
    r"assuming|pending|next step|allow(?:s|ed)? (?:\w+ )?to proceed|ahead of|prior to|"
    r"in advance of|towards?|support(?:s|ing)? (?:the |a |an )?(?:initiation|start)|enabl\w+|"
    r"readiness|approval to|authori[sz]ation to|green light)"
)  # words that make a nearby start only intended; an IND clearance is its own planned cue
_BEGIN_VERB = (
    r"(?:initiat(?:e|ing)|start(?:ing)?|begin(?:ning)?|commenc(?:e|ing)|launch(?:ing)?|"
    r"enrol(?:l|ling|s|ls)?|dos(?:e|ing)|open(?:ing)?)(?!\w)"
)
_PLAN_VERB = (
    rf"(?:{_BEGIN_VERB}|(?:conduct|advanc|mov|enter|run|test|evaluat|progress)(?:e|es|ing)?"
    r"(?!\w))"
)
CUES["planned"] = re.compile(
    r"(?:(?:plan(?:s|ned)? to|intend(?:s|ed)? to|expect(?:s|ed)? to|anticipat(?:es?|ed)(?: to)?|"
    r"aim(?:s|ed|ing)? to|on track to|prepar(?:es|ing) to|look(?:s|ing)? forward to)"
    rf" (?:\w+ ){{0,2}}?{_PLAN_VERB}|will (?:\w+ ){{0,1}}?{_BEGIN_VERB}|"
    r"(?:ind|cta|investigational new drug(?: application)?|clinical trial application)"
    r"(?:/ide)?\b[^.;]{0,60}?(?:clear|accept|approv|allow|in effect)\w*|"
    r"(?:clear|accept|approv)\w* (?:of )?(?:its |the |an |our )?(?:ind|cta)\b|"
    r"(?:approval|clearance|authori[sz]ation) to (?:commence|initiate|start|begin|conduct|proceed)|"
    r"to (?:commence|initiate|begin|start)(?!\w)|cleared|clearance|go-ahead|green light|okay|"
    r"(?:moving|advancing|progressing) in ?to)"
)


def _stems(words: str) -> str:
    """A regex for literal stems, factored on the first character so `re` scans fast."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    parts = [
        f"{re.escape(first)}(?:{'|'.join(sorted(rest, key=len, reverse=True))})"
        for first, rest in groups.items()
    ]
    return "|".join(parts)


# Literal stems that every alternative of the matching cue pattern starts with: a fast scan
# for the stems finds the few places where the full pattern is then tried with .match().
_STEMS: dict[PhaseStatus, str] = {
    "started": (
        "initiat|commenc|began|begun|begin|start|launch|kick|first|dos|enrol|random|treat|"
        "infusion|screening|recruitment|move|advance|progress|transition|enter|now |is now|"
        "are now|opened|opens|gets|got"
    ),
    "completed": "complet|conclu|finish|has |have ",
    "stopped": (
        "clinical hold|placed|put |discontinu|terminat|suspen|halt|stop|end|paus|futility|"
        "wind|wound|clos|scrap|abandon|drop"
    ),
    "planned": (
        "plan|intend|expect|anticipat|aim|on track|prepar|look|will |ind|cta|investigational|"
        "clinical trial application|clear|accept|approv|authori|to commence|to initiate|"
        "to begin|to start|go-ahead|green light|okay|moving|advancing|progressing"
    ),
}
STEM_STATUS: dict[str, PhaseStatus] = {
    stem: status for status, stems in _STEMS.items() for stem in stems.split("|")
}
STEMS = re.compile(_stems("|".join(STEM_STATUS)))
MODAL = re.compile(
    r"\b(?:may|if|whether|should|once|until|unless)\b"
)  # run on the original case: "May 2024" is a month
GENERIC = re.compile(r"\b(?:typically|usually|generally|normally|commonly|often)\b")
BACKGROUND = re.compile(
    r"(?<!\w)(?:previously (?!treated|untreated|diagnosed|irradiated|approved)|"
    r"as (?:previously )?(?:announced|reported|disclosed)|"
    r"had (?:already |previously |been |also )?(?:\w+ed|begun|been)|"
    r"in an? (?:completed|prior|previous|earlier)|prior (?:trials?|stud(?:y|ies))|"
    r"earlier (?:this|in)|last (?:year|month|quarter)|"
    r"(?:the|a|an|its|our|their) (?:recently |successfully |previously )?completed|"
    r"(?<!has )(?<!have )(?<!had )(?:recently|previously) completed|"
    r"which (?:was |were |had )?(?:began|begun|initiated|started|commenced|completed)|"
    r"(?:began|initiated|started|commenced|completed) in (?:19|20)\d\d|since (?:19|20)\d\d)"
)
BLOCKERS: dict[PhaseStatus, re.Pattern[str]] = {
    "completed": re.compile(
        r"enrol|accrual|recruit|cohort|safety review|dose level|screening|randomi[sz]ation|"
        r"escalation|expansion|part [a-d1-4]\b|"
        r"analys|review|patient|submission|manufactur|financing|offering|acquisition|merger|"
        r"placement|proceeds|fund|loan|sale|transaction"
    ),
    "started": re.compile(
        r"cohort|dose level|expansion|site|collaboration|partnership|agreement|discussion|"
        r"offering|financing|placement|proceeds|fund|repurchase|loan|credit|merger|acquisition|"
        r"coverage|litigation|lawsuit|tender|registration statement|review"
    ),
}
BLOCKERS["planned"] = BLOCKERS["started"]
STOP_BEFORE = re.compile(
    rf"(?:{_SUBJECT}|treatment|therapy|drug)\s+(?:\w+\s+){{0,2}}$|"
    r"(?:trading|shares|stock|price)\s+(?:[\w,]+\s+){0,4}$"
)
STOP_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,6}?(?:cohorts?|dose levels?|arms?|doses? above)\b|"
    r"^\s*(?:the\s+|its\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:operations|agreements?|"
    r"licen[cs]es?|collaborations?|employment|lease|offering|merger|contracts?|partnerships?|"
    r"relationships?|facility|trading|program(?:me)? of share|dividend)\b|"
    r"^\s*(?:\w+\s+){0,6}?(?:due to|because of)\s+(?:\w+\s+){0,2}?(?:adverse|toxicit|side|ae|"
    r"progress)|^\s*(?:of\s+)?(?:the\s+)?(?:treatment|therapy|study drug|medication|dosing "
    r"of patients)"
)
STOP_UNDONE = re.compile(r"lift|remov|resum|releas|resolv|clos(?:e|ed|ing) out")
STOP_ANSWERED = re.compile(r"respon|address")  # before the cue: "response to the clinical hold"
STOP_CONTEXT = re.compile(_TRIAL)
STOP_HYPOTHETICAL = re.compile(
    r"plan(?:s|ned)? to|intend|expect|anticipat|could|would|might|potential|possib|risk"
)
NEGATED = re.compile(r"(?:\bnot|\bnever|\bno longer|\byet to|n't|\bcannot)\s+(?:\w+\s+)?$")
PART_AFTER = re.compile(r"\s*(?:dose[- ])?(?:escalation|expansion)\b|\s*cohorts?\b")
COHORT_AFTER = re.compile(r"\s*(?:dose[- ])?(?:expansion|escalation)?\s*cohorts?\b|\s*expansion\b")
TRIAL_COMPLETED = re.compile(
    r"(?:trial|study)\s+(?:was|has\s+been|had\s+been|is\s+now)\s+(?:successfully\s+)?"
    r"(?:completed|concluded)"
)
UNPHASED_START = re.compile(
    r"^(?:\w+\s+){0,3}?(?:(?:a|an|its|the|our)\s+)?(?:\w+\s+)?(?:pivotal|registrational|"
    r"first[- ]in[- ]human|first[- ]in[- ]man|clinical)\s+(?:trial|study)"
)
