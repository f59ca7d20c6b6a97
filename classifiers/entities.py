"""Drug and indication names, best effort: code names, INN stems and disease phrases.

`find_drugs("AB-101 and XYZ 197 (zorbatinib)")` -> ["AB-101", "XYZ 197", "zorbatinib"];
`find_indications("for the treatment of gastric cancer")` -> ["gastric cancer"].
"""

from __future__ import annotations

import re

_CODE = re.compile(
    r"(?<![\w-])(?P<code>[a-z]{0,3}[A-Z][A-Za-z]{0,6}(?:-?[A-Z]{0,3}\d{2,6}|-\d{1,6})[A-Za-z]{0,3}"
    r"(?:-[A-Z][A-Za-z]{0,4}\d{0,3})?|[A-Z]{2,5} \d{2,6})(?![\w-])"
)
_HEAD = re.compile(r"[- \d]")
_INN_SUFFIXES = (
    "mab|tinib|ciclib|parib|lisib|fenib|sertib|degib|platin|taxel|rubicin|mycin|stine|citabine|"
    "tide|zomib|toclax|imod|folide|tecan|lukast|nib|cept|vir"
)
_INN = re.compile(
    r"\b[A-Za-z][a-z]{4,}\b(?:"
    + "|".join(f"(?<={suffix})" for suffix in _INN_SUFFIXES.split("|"))
    + ")"
)  # a whole word, then its ending checked by look-behinds: no backtracking per suffix
_NOT_CODE = re.compile(
    r"^(?:phase|rule|item|cfr|nct|covid|form|section|grade|cohort|day|days|week|weeks|level|"
    r"page|exhibit|abstract|cycle|cycles|version|study|trial|part|no|stage|type|cd|her|il|"
    r"q|act|fy|h|q[1-4]|iso|ich|gmp|usd|eur|sars|hiv|hpv|pd|ctla|egfr|vegf|jan|feb|mar|apr|"
    r"may|jun|jul|aug|sep|oct|nov|dec|nasdaq|nyse|asco|aacr|esmo|ash|tel|fax|suite|box|"
    r"route|highway|floor|room|ext|ref|fig|table|patients|dose|doses|arm|ca|mg|kg|pmid|"
    r"doi|dsm|ecog|ctcae|who|ind|cta|ide|nda|bla|maa|january|february|march|april|june|july|"
    r"august|september|october|november|december|at|on|in|by|of|to|up|ct|mri|pet|auc|cmax|"
    r"ae|sae|dlt|orr|os|pfs|am|pm|est|et|gmt|ist|fda|ema|sec|usa|us|uk|eu|ph|aacr-nci)$",
    re.IGNORECASE,
)
_DISEASE_HEAD = (
    r"(?:cancers?|tumou?rs|carcinomas?|leuka?emias?|lymphomas?|myelomas?|sarcomas?|melanomas?|"
    r"glioblastomas?|gliomas?|mesotheliomas?|metastases|malignancies|neoplasms|disease|"
    r"syndromes?|infections?|fibrosis|arthritis|diabetes|alopecia areata|psoriasis|"
    r"dermatitis|hepatitis|colitis|constipation|injury|failure|obesity|CML|AML|CLL|NSCLC|"
    r"SCLC|HCC|MDS|ALL|NHL|RCC)"
)
_INDICATION = re.compile(
    r"\b(?:treatment of|patients with|subjects with|for|in|against)\s+"
    r"(?P<words>(?:[\w/+-]+\s){0,6}?)(?P<head>" + _DISEASE_HEAD + r")\b"
)
_STOP_TEXT = """
phase i ii iii iv ib iia iib 1 2 3 1b 2a 2b
the a an of and or in for with its their our patients subjects adult adults people those
who have has had treatment treating to by on at from this that these is are was were
previously treated untreated pretreated heavily relapsed refractory relapsed/refractory
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())


_TRIAL_AFTER = re.compile(r"[\s\"”’)]*(?:trial|study)\b", re.IGNORECASE)
_ONE_DIGIT = re.compile(r"[A-Z]{3,}-?\d$")  # "PHOTO-1", "RING-2": a name and a trial number
_NOT_INN = frozenset(
    [
        "concept",
        "concepts",
        "except",
        "accept",
        "intercept",
        "precept",
        "pristine",
        "intestine",
        "clandestine",
        "destine",
        "peptide",
        "peptides",
        "nucleotide",
        "nucleotides",
        "amplitude",
        "latitude",
        "altitude",
        "attitude",
        "serpentine",
    ]
)
_YEAR_CODE = re.compile(r"^[A-Z]{2,5} (?:19|20)\d\d$")
# A code right before a word of its biology names a target, not a product: "PI-3 kinase
# inhibitor AB-866", "a GLP-1 receptor agonist", "FGFR-2 mutations", "TLR-9 agonist".
_TARGET_AFTER = re.compile(
    r"[\s-]+(?:kinases?|inhibitors?|inhibition|receptors?|agonists?|antagonists?|pathways?|"
    r"mutations?|mutant|mutated|positive|negative|expression|expressing|targeted|targeting|"
    r"directed|degraders?|modulators?|blockers?|blockade|signal(?:l?ing)?|fusions?|"
    r"amplifications?|deficien(?:t|cy))\b",
    re.IGNORECASE,
)
# ... or right after the words that name what a product acts on: "an ADC targeting TROP-7".
_TARGET_BEFORE = re.compile(
    r"(?:targeting|targets|targeted\s+(?:to|at)|directed\s+(?:against|at|to)|against|"
    r"inhibitor\s+of|inhibits|antibody\s+(?:to|against)|binds(?:\s+to)?|binding\s+to|"
    r"agonist\s+of|antagonist\s+of|degrader\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_TARGET_REACH = 40  # characters before a code looked at for those words
_TRIAL_NAME_HEAD = 5  # an all-capital head this long ("GLORA-4", "KEYNOTE-689") names a trial


def _is_trial_name(sentence: str, code: str, end: int, head: str) -> bool:
    """A code that names a trial, not a product: a long capital word ("GLORA-4", "KEYNOTE-689"),
    or capitals and one digit right before "trial"/"study" ("the RING-2 trial"); a product's
    code ("AB-101 Phase 2 trial", "the AB-101 study") stays a drug."""
    long_word = len(head) >= _TRIAL_NAME_HEAD and head.isupper() and head.isalpha()
    numbered = _ONE_DIGIT.match(code) is not None and _TRIAL_AFTER.match(sentence, end) is not None
    return long_word or numbered


def find_drugs(sentence: str) -> list[str]:
    """Candidate drug names in `sentence`, in order of appearance, without duplicates.

    Trial names ("the GLORA-4 trial") and words that only end like an INN ("concept") are not
    drugs."""
    found: list[tuple[int, str]] = []
    for match in _CODE.finditer(sentence):
        code = match.group("code")
        head = _HEAD.split(code, maxsplit=1)[0]
        if (
            _NOT_CODE.match(head)
            or code.isdigit()
            or _is_trial_name(sentence, code, match.end(), head)
        ):
            continue
        if _YEAR_CODE.search(code):
            continue  # "ACR 2025", "ASCO 2024": a meeting and its year
        if _TARGET_AFTER.match(sentence, match.end()) or _TARGET_BEFORE.search(
            sentence, max(0, match.start() - _TARGET_REACH), match.start()
        ):
            continue  # "PI-3 kinase inhibitor", "targeting TROP-7": what the product acts on
        found.append((match.start(), code))
    found.extend(
        (m.start(), m.group()) for m in _INN.finditer(sentence) if m.group().lower() not in _NOT_INN
    )
    names: list[str] = []
    for _, name in sorted(found):
        if name not in names:
            names.append(name)
    return names


def find_indications(sentence: str) -> list[str]:
    """Disease phrases in `sentence` ("gastric cancer", "metastatic renal cell carcinoma")."""
    phrases: list[str] = []
    for match in _INDICATION.finditer(sentence):
        words = match.group("words").split()
        kept: list[str] = []
        for word in reversed(words):
            if word.lower() in _STOP_WORDS or not word[0].isalnum() or not word[-1].isalpha():
                break
            kept.insert(0, word)
        phrase = " ".join([*kept, match.group("head")])
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases
