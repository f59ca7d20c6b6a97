"""The modality and context vocabulary of phase changes, as patterns over lower-cased sentences.

Plans, background, conditions, negation, blockers, the clinical anchor and news markers; the
status cues themselves are in cue_table.py. Matching runs on `str.lower()` text without
re.IGNORECASE, so every literal here is lower case. Offsets are those of the original sentence.
"""

from __future__ import annotations

import re

from classifiers.cue_table import FINAL_VISITS, UNPHASED_WORDS
from classifiers.cue_table import SUBJECT as _SUBJECT
from classifiers.cue_table import TRIAL as _TRIAL
from classifiers.events import PhaseStatus

PLANNED = re.compile(
    r"(?<!\w)(?:plan(?:s|ned|ning)? (?:to|for)|intend(?:s|ed)? (?:to|on)|intention|"
    r"(?:is|are) (?:now )?(?:initiating|launching|starting|commencing)|expect(?:s|ed)? to|"
    r"expect(?:s|ing)\b|"
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
    r"nears|nearing|catalysts?|milestones? ahead|timeline|timing)"
)  # words that make a nearby start only intended; an IND clearance is its own planned cue
UNPHASED_ANCHOR = re.compile("|".join(UNPHASED_WORDS))  # a change with no phase needs one
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
_ALL_DOSED = r" of (?:all|the last|the final) (?:\w+ )?(?:patients|participants|subjects)"
DOSING_DONE = re.compile(
    r"(?:(?:enrol?l?ment|recruitment) and (?:patient |participant |subject )?dosing|"
    r"dosing and (?:enrol?l?ment|recruitment)|(?:patient|participant|subject) dosing)"
    rf"(?:{_ALL_DOSED})?|dosing{_ALL_DOSED}"
)  # "completed enrollment and dosing": the dosing of the whole trial is done, a completion
ENROLLMENT_DONE = re.compile(
    r"(?:enrol?l?ments?|accrual|recruitment|randomi[sz]ation|screening)\s+(?:(?:has|have|had|was|"
    r"were|is|are|been|now|fully|successfully|officially)\s+){0,3}$"
)  # right before a completion: "Enrollment has been completed", "recruitment is now complete"
STATIVE = re.compile(r"\bis\s+(?:now\s+)?$")  # "the trial … is now complete": its subject
VISITS_DONE = re.compile(FINAL_VISITS)  # "the last patient completed the final visit"
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
    r"medications?|dosing of patients)"
)
STOP_FOR_BENEFIT = re.compile(
    r"^\s*(?:[\w-]+\s+){0,12}?(?:because of|due to|for|on)\s+(?:\w+\s+){0,2}?"
    r"(?:efficacy|success|benefit)"
)  # after a stop cue: "… stopped early because of efficacy"
ENROLLMENT_STOPPED = re.compile(
    r"enrol|accrual|recruit"
)  # before a stop for benefit: enrollment stopped because it worked, not the trial
STOP_UNDONE = re.compile(r"lift|remov|resum|releas|resolv|clos(?:e|ed|ing) out")
STOP_UNDONE_LATER = re.compile(
    r"\b(?:which|that|the hold|it)\s+(?:was|were|has been|have been|had been|is)\s+"
    r"(?:(?:subsequently|later|since|then|fully)\s+)?(?:lifted|removed|released|resolved)\b"
)  # "placed a clinical hold on the trial, which was lifted in 2020": told as history
STOP_ANSWERED = re.compile(r"respon|address")  # before the cue: "response to the clinical hold"
STOP_CONTEXT = re.compile(_TRIAL)
STOP_HYPOTHETICAL = re.compile(
    r"plan(?:s|ned)? to|intend|expect|anticipat|could|would|might|potential|possib|risk|"
    r"designed to|aims? to|able to|on track|to conduct"
)
NEGATED = re.compile(
    r"(?:\bnot|\bnever|\bno longer|\byet to|n't|\bcannot)\s+(?:\w+\s+)?(?:(?:a|an|any)\s+)?$|"
    r"\b(?:no|without(?: any)?|nor)\s+$"
)  # the words just before a cue: "did not initiate", "no halt", "has not had a clinical hold"
CONDITIONAL = re.compile(
    r"(?<!\w)(?:with (?:the )?(?:successful|positive)|upon(?: the)?(?: successful)?|"
    r"once|if|unless|(?:following|after) (?:the )?successful|assuming|subject to|pending|"
    r"contingent on|in the event)(?!\w)[^,;:]*$"
)  # a trigger whose scope runs on to the cue with no ',' ';' ':' between: a condition
RELATIVE = re.compile(r",?\s(?:that|which|who|where)\s")  # its clause is about the trial
OWN_PREDICATE = re.compile(
    r"\s(?:and|but)\s+(?:(?P<aux>has|have|had)\s+(?:now\s+|also\s+|since\s+|already\s+)?)?$"
)  # before a cue that opens a second predicate: "has received approval to begin the Phase 2
# trial and has dosed its first patient" (the plan is the first predicate's)
NEXT_PREDICATE = re.compile(
    r",?\s+and\s+(?:now\s+|also\s+)?(?:plans?|intends?|expects?|anticipates?|will|aims?|"
    r"hopes?|looks?\s+forward|is\s+preparing)\b"
)  # "has completed the Phase 2 trial and plans to meet FDA": the plan is the next predicate's
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
    r"flight|aircraft|satellite|rocket|spacecraft|"
    r"in (?:mice|rats|dogs|primates|animals|animal models)"
)  # business programs, drilling, construction, aerospace, presales, grants, courts: no trial
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
ANAPHOR = re.compile(
    r"(?:\s+(?:(?:enrol?l?ment|recruitment) and )?(?:patient |participant |subject )?dosing"
    r"(?: and (?:enrol?l?ment|recruitment))?)?"
    r"\s+(?:(?:in|of|for|with)\s+)?(?:the|its|this|our|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<trial>trial|study)\b(?![-'’])"
)  # right after a cue: "completed the study", "completed dosing in the trial", "the first
# participant in the trial"
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
    r"(?:catalysts|(?:upcoming|anticipated|expected|near[- ]term|future|next) (?:[\w-]+ )?"
    r"(?:milestones|steps|events|priorities))(?: [\w-]+){0,3} (?:include|includes|are)\b|"
    r"(?:upcoming|anticipated|expected) catalysts"
)  # a list of what is to come (not "recent milestones include"): what follows is planned
FOLLOWED = re.compile(
    r"(?:followed|follows|following|after|upon|since) (?:the |its |their |a |an )?"
    r"(?:[\w-]+['’]s )?$"
)  # right before a nominal cue: "The move followed the company's termination of …"
