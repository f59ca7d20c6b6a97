"""The vocabulary of MTD/RP2D outcomes, as patterns over lower-cased sentences."""

from __future__ import annotations

import re

from classifiers.events import MtdKind

_PH2 = r"phase[\s-]?(?:2|ii|two)(?![\w/])"
_LATER = r"(?:future|further|subsequent|early|later|the|an?|its)"
TERMS: dict[MtdKind, re.Pattern[str]] = {
    "MTD": re.compile(
        r"(?:maxim(?:um|al|ally)[\s-]+tolera(?:ted|ble)[\s-]+(?:dos(?:e|es|age)|"
        r"doses? levels?)|mtds?)(?!\w)"
    ),
    "RP2D": re.compile(
        rf"(?<!\w)(?:rp2ds?|rphd|recommended\s+{_PH2}\s+(?:dose|dosage|regimen)s?"
        rf"|recommended\s+(?:dose|dosage|regimen)s?(?=[^.;]{{0,80}}{_PH2})"
        rf"|recommended\s+(?:dose|dosage|regimen)s?\s+(?:and\s+schedule\s+)?for\s+"
        rf"(?:{_LATER}\s+){{1,2}}(?:development|studies|trials|evaluation)"
        rf"|(?:dose|dosage|regimen)s?\b[^.;]{{0,90}}?(?:selected|recommended|chosen|appropriate|"
        rf"suitable|advanced)\s+(?:for|in|into)\s+(?:{_LATER}\s+){{0,2}}(?:\w+\s+){{0,1}}?{_PH2}"
        rf"|{_PH2}\s+(?:studies|trials?|testing)\s+(?:[^.;]{{0,60}}?\s)?should\s+use"
        rf"|recommend(?:s|ed)?\s+(?:[^\s.;]+\s+){{0,6}}?(?:for|in)\s+(?:{_LATER}\s+){{0,2}}{_PH2}"
        r"|(?:combined|given|administered)\s+(?:safely\s+)?(?:with\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
        r"at\s+(?:its|their|the)\s+(?:full\s+)?"
        r"(?:recommended|approved)\s+(?:single[- ]agent|monotherapy)\s+doses?)(?!\w)"
    ),
}
IMPLICIT_TERM = re.compile(r"selected|recommended|chosen|appropriate|suitable|advanced")
IMPLIED_OUTCOME = re.compile(r"combined|given|administered|should use")
OBJECTIVE = re.compile(
    r"(?<!\w)(?:(?:to|will|would|should|may|must)\s+(?:\w+\s+){0,3}?(?:determin|establish|"
    r"identif|defin|find|assess|evaluat|select|confirm|reach|explor|characteri[sz]|"
    r"recommend|achiev|declar)\w*|designed|objectives?|aim(?:s|ed)?|goals?|endpoints?|"
    r"purpose|until|as we|once(?! (?:daily|weekly|monthly|a |per |every))|if|before|in order|"
    r"seek\w*|toward\w*|approach\w*|"
    r"previously|prior|earlier|historical)(?!\w)"
)
FUTURE_TERM = re.compile(
    r"^\W*(?:\(\w+\)\s*)?to be|(?<!\w)(?:will be|would be|yet to|to determine|"
    r"(?:is|are|remains?) to be)(?!\w)"
)  # searched from the end of the term
DEFINITION = re.compile(
    r"(?<!\w)(?:defined as(?! (?:approximately |about )?\d)|is defined|definition|refers to|"
    r"is the highest dose|was the highest "
    r"dose at which|is typically|are typically|generally defined)(?!\w)"
)
INTERIM = re.compile(r"(?<!\w)(?:not yet|ongoing|continu\w*|expected|pending|so far|to date)(?!\w)")
ANIMAL = re.compile(
    r"(?<!\w)(?:mice|mouse|murine|rats?|dogs?|monkeys?|primates?|rodents?|animals?|"
    r"preclinical|non-?clinical|xenografts?|in vivo|canine|toxicology)(?!\w)"
)
BOUND = re.compile(
    r"(?:below|above|exceed\w*|under|approach\w*|than|near|up to|beyond|within|fraction of|"
    r"% of|percent of|through|surpass\w*)\s+(?:the\s+|a\s+|an\s+|its\s+)?$"
)
DOSE_BOUND = re.compile(r"(?:below|above|under|less than|lower than|up to|<|>|≤|≥)\s*$")
OUTCOME = re.compile(
    r"(?<!\w)(?:(?:was|were|is|are|has been|have been|had been|been)\s+(?:\w+\s+){0,2}?"
    r"(?:determined|established|reached|identified|defined|declared|set|confirmed|achieved|"
    r"selected|recommended)|(?:determination|selection|identification|establishment) of|"
    r"(?:selected|chose|established|determined|"
    r"identified|defined|reached|declared|confirmed)\s+(?:the|an?|its|their)|"
    r"(?:was|were|is)\s+(?:the\s+)?(?:mtd|rp2d))(?!\w)"
)
HEADLINE_OUTCOME = re.compile(
    r"\W{0,3}(?:\(\w+\)\s*)?(?:was\s+|has\s+been\s+)?(?:identified|determined|established|"
    r"reached|defined|declared|confirmed)(?!\w)"
)
NOT_REACHED = re.compile(
    r"(?<!\w)(?:(?:was|were|has|have|had|is|are)\s+not\s+(?:been\s+)?(?:reached|determined|"
    r"identified|established|defined|achieved|attained)|no\s+(?:mtd|maximum tolerated dose)|"
    r"without\s+reaching|not\s+reached|did\s+not\s+reach|never\s+reached)(?!\w)"
)
_GAP_WORDS = (
    r"\btreated|based on|dlt|dose[- ]limiting|toxicit|starting|cohort|escalat|received|tested|"
    r"compared|versus|than|exposure|exceed|surpass"
)
FINISHED = re.compile(
    r"complet|all (?:\w+ )?(?:dose levels|cohorts)|highest (?:planned |tested |possible )?dose|"
    r"final|maximum (?:planned|feasible|administered)"
)  # escalation is over, so "has not been reached" is an outcome
GAP_BLOCK = re.compile(_GAP_WORDS + "|enrolled")  # between a term and its dose
JOIN_BLOCK = re.compile(_GAP_WORDS)  # between two doses of one term ("… for pretreated patients")
COPULA = re.compile(
    r"(?<!\w)(?:was|were|is|are|be|been|being|established|determined|identified|selected|"
    r"declared|set|defined|confirmed|reached|achieved|chosen|found|recommended)(?!\w)|[=:]"
)
VERB_BEFORE = re.compile(
    r"(?<!\w)(?:established|determined|identified|selected|declared|defined|confirmed|"
    r"reached|set|chose|recommended)(?!\w)"
)
TERM_WORDS = re.compile(r"mtd|rp2d|tolera|recommend|phase")
JOIN = re.compile(r"^[^.;]{0,60}?(?:\band\b|,|\bor\b|respectively)")
DOSE_BEFORE_GAP = re.compile(r"(?<!\w)(?:is|was|as|and is|being)(?!\w)")
