"""Drug and indication names, best effort: code names, INN stems and disease phrases.

`find_drugs("AB-101 and XYZ 197 (zorbatinib)")` -> ["AB-101", "XYZ 197", "zorbatinib"];
`find_indications("for the treatment of gastric cancer")` -> ["gastric cancer"];
`find_drug_tracks("trials of AB-1 in NSCLC and AB-2 in AML", 0)` -> AB-1 (NSCLC), AB-2 (AML):
the drugs one clause names apart, where a combination ("AB-1 plus AB-2") is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    r"ae|sae|dlt|mtd|rp2d|orr|os|pfs|am|pm|est|et|gmt|ist|fda|ema|sec|usa|us|uk|eu|ph|aacr-nci)$",
    re.IGNORECASE,
)
_DISEASE_HEAD = (
    r"(?:cancers?|tumou?rs|carcinomas?|leuka?emias?|lymphomas?|myelomas?|sarcomas?|melanomas?|"
    r"glioblastomas?|gliomas?|mesotheliomas?|metastases|malignancies|neoplasms|[Dd]isease|"
    r"[Ss]yndromes?|infections?|fibrosis|arthritis|diabetes|alopecia areata|psoriasis|"
    r"dermatitis|hepatitis|colitis|constipation|injury|failure|obesity|gout|eczema|asthma|"
    r"hypertension|osteoarthritis|migraines?|lupus|sepsis|ana?emias?|epilepsy|schizophrenia|"
    r"depression|sclerosis|dystrophy|atrophy|ha?emophilia|psychosis|insomnia|endometriosis|"
    r"acne|rosacea|urticaria|vitiligo|glaucoma|degeneration|retinopathy|neuropathy|"
    r"nephropathy|uveitis|pneumonia|influenza|pain|CML|AML|CLL|NSCLC|SCLC|HCC|MDS|ALL|NHL|"
    r"RCC|NASH|MASH|COPD)"
)
_INDICATION = re.compile(
    r"\b(?:treatment of|to treat|treating|patients with|subjects with|for|in|against)\s+"
    r"(?P<words>(?:[\w/+’'-]+\s){0,6}?)(?P<head>" + _DISEASE_HEAD + r")\b"
)
_STOP_TEXT = """
phase i ii iii iv ib iia iib 1 2 3 1b 2a 2b
the a an of and or in for with its their our patients subjects adult adults people those both either
who have has had treatment treating to by on at from this that these is are was were
previously treated untreated pretreated heavily relapsed refractory relapsed/refractory
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())


_TRIAL_AFTER = re.compile(
    r"[\s\"”’)]*(?:phase\s?(?:[1-4]|iv|i{1,3})[ab]?(?:/(?:[1-4]|i{1,3})[ab]?)?\s+)?"
    r"(?:clinical\s+)?(?:trial|study)\b",
    re.IGNORECASE,
)  # "the RING-2 trial", "the RING-2 Phase 3 trial"
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
            if word.endswith(("'s", "’s")) and not word[0].isupper():
                break  # an eponym ("Alzheimer's disease"), not "the company's disease"
            kept.insert(0, word)
        phrase = " ".join([*kept, match.group("head")])
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases


@dataclass(frozen=True, slots=True)
class DrugTrack:
    """A drug a trial clause names on its own, with the indication the clause gives it."""

    drug: str
    indication: str | None
    start: int  # where the drug is named in the sentence


# Between two drugs named apart: the first one's indication ("in NSCLC"), then "and" or a
# comma, then an optional "of": "XR-1 in NSCLC and YZ-2", "XR-1, YZ-2 and AB-3", "XR-1 and of YZ-2".
_APART = re.compile(
    r"(?P<own>\s+(?:in|for)\s+[^,;()]{1,80}?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:of|for)\s+)?"
)
_ALIAS = re.compile(r"\s*\(\s*")  # "XR-1 (zorbatinib)": a second name of the same drug
_ALIAS_END = re.compile(r"\s*\)")
# A combination is one trial of both: "the combination of", "combining", "a Phase 1b trial of"
# (one trial, of both drugs), and "XR-1 and YZ-2 in combination".
_COMBINATION_BEFORE = re.compile(
    r"(?:combination|combining|combined|regimen|doublet|triplet)\s+(?:of\s+|with\s+)?$"
    r"|\b(?:a|an|the|its|one|our)\s+(?:[\w/-]+\s+){0,4}?(?:trial|study)\s+"
    r"(?:of|evaluating|testing|combining)\s+$",
    re.IGNORECASE,
)
_COMBINATION_AFTER = re.compile(
    r"\s+(?:in\s+combination|combination|together|combined|co-?administered|as\s+a\s+combination)\b",
    re.IGNORECASE,
)
_TRACK_INDICATION = re.compile(r"\s+(?:in|for)\s+[^,;()]{1,80}")
_COMBINATION_REACH = 40  # characters before the first drug looked at for "combination of"
_TRACK_REACH = 60  # the most characters between a trial's phase or cue and its drugs
_CLAUSE_BREAK = re.compile(r"[,;:()]|\.\s|\b(?:which|who|that|while|whereas)\b")


def _named(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each product named in `sentence`, an alias in brackets folded
    into the name before it: "XR-1 (zorbatinib)" is one."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for name in find_drugs(sentence):
        start = sentence.find(name, pos)
        if start < 0:
            continue
        end = start + len(name)
        if spans and _ALIAS.fullmatch(sentence, spans[-1][1], start):
            closing = _ALIAS_END.match(sentence, end)
            if closing:
                spans[-1] = (spans[-1][0], closing.end(), spans[-1][2])
                pos = closing.end()
                continue
        spans.append((start, end, name))
        pos = end
    return spans


def _chains(sentence: str) -> list[list[tuple[int, int, str, str | None]]]:
    """Runs of products named apart, each with the indication words after it ("in NSCLC")."""
    chains: list[list[tuple[int, int, str, str | None]]] = []
    current: list[tuple[int, int, str, str | None]] = []
    spans = _named(sentence)
    for (start, end, name), after in zip(spans, [*spans[1:], None], strict=False):
        apart = _APART.fullmatch(sentence, end, after[0]) if after else None
        own = apart.group("own") if apart else None
        current.append((start, end, name, own))
        if apart is None:
            chains.append(current)
            current = []
    return [chain for chain in chains if len(chain) > 1]


def _indication(words: str | None) -> str | None:
    """The disease named by "in NSCLC", "for patients with AML"."""
    found = find_indications(words) if words else []
    return found[0] if found else None


def _in_clause(sentence: str, at: int, start: int, end: int) -> bool:
    """Whether the drugs at [start, end) belong to the trial named at `at`: close to it, with
    no clause break between ("Acme, which makes AB-1 and AB-2, began a Phase 2 trial of AB-1")."""
    gap = sentence[at:start] if start >= at else sentence[end:at]
    return len(gap) <= _TRACK_REACH and _CLAUSE_BREAK.search(gap) is None


def find_drug_tracks(sentence: str, at: int) -> list[DrugTrack]:
    """The drugs of the trial clause nearest `at` that are named apart, one track each, with
    the indication the clause gives each (or all): "Phase 2 trials of XR-1 and YZ-2", "trials
    of XR-1 in NSCLC and YZ-2 in AML". A combination ("XR-1 plus YZ-2", "XR-1 in combination
    with YZ-2", "a trial of XR-1 and YZ-2", "XR-1 and YZ-2 in combination") and a single drug
    give [], as do a comparator ("AB-1 versus AB-9") and an alias ("XR-1 (zorbatinib)")."""
    best: list[DrugTrack] = []
    for chain in _chains(sentence):
        first, last = chain[0], chain[-1]
        if not _in_clause(sentence, at, first[0], last[1]):
            continue
        own = [words for *_, words in chain[:-1]]
        before = sentence[max(0, first[0] - _COMBINATION_REACH) : first[0]]
        together = _COMBINATION_AFTER.match(sentence, last[1]) is not None
        if together or (not any(own) and _COMBINATION_BEFORE.search(before)):
            continue
        tail = _TRACK_INDICATION.match(sentence, last[1])
        shared = _indication(tail.group()) if tail else None
        tracks = [
            DrugTrack(name, _indication(words) or shared, start)
            for (start, _, name, words) in chain[:-1]
        ]
        tracks.append(DrugTrack(last[2], shared, last[0]))
        if not best or abs(tracks[0].start - at) < abs(best[0].start - at):
            best = tracks
    return best
