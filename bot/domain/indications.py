"""Indications as analysts read them: one key per disease, the stage or setting kept apart.

'advanced NSCLC', 'patients with metastatic non-small cell lung cancer' and 'Non-Small-Cell
Lung Cancer (NSCLC)' are one indication, key 'non-small cell lung cancer', with the qualifiers
'advanced' and 'metastatic' kept beside it. What analysts keep apart stays apart: HER2-positive
and HER2-negative breast cancer, one cancer and another. 'Advanced solid tumors' and 'healthy
volunteers' are a drug's early track, not an indication (`Indication.early`).

`SYNONYMS` is the one table of abbreviations and other names; `QUALIFIERS` the one list of stage
and setting words. Pure functions, linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

QUALIFIERS = (
    "relapsed and/or refractory",
    "relapsed or refractory",
    "relapsed and refractory",
    "relapsed/refractory",
    "r/r",
    "locally advanced or metastatic",
    "locally advanced",
    "advanced or metastatic",
    "advanced and/or metastatic",
    "advanced/metastatic",
    "advanced",
    "metastatic",
    "metastasized",
    "unresectable",
    "non-resectable",
    "inoperable",
    "recurrent",
    "relapsed",
    "refractory",
    "previously treated",
    "previously untreated",
    "treatment-naive",
    "treatment-naïve",
    "treatment-resistant",
    "newly diagnosed",
    "first-line",
    "second-line",
    "third-line",
    "later-line",
    "front-line",
    "frontline",
    "1l",
    "2l",
    "3l",
    "moderate-to-severe",
    "moderate to severe",
    "moderately to severely active",
    "mild-to-moderate",
    "mild to moderate",
    "early-stage",
    "late-stage",
    "extensive-stage",
    "limited-stage",
    "stage iv",
    "stage iii",
    "high-risk",
)
_LEADS: tuple[str, ...] = (
    "patients with",
    "adult patients with",
    "adults with",
    "subjects with",
    "people with",
)
_LEADS += ("children with", "pediatric patients with", "the treatment of", "treatment of")
_TRAILS = ("patients", "subjects", "in adults", "setting", "in the first-line setting")

# abbreviation or other name → the key (the name most filings write, lowercase)
SYNONYMS = {
    "nsclc": "non-small cell lung cancer",
    "non small cell lung cancer": "non-small cell lung cancer",
    "non-small-cell lung cancer": "non-small cell lung cancer",
    "non-small cell lung carcinoma": "non-small cell lung cancer",
    "sclc": "small cell lung cancer",
    "small-cell lung cancer": "small cell lung cancer",
    "es-sclc": "extensive-stage small cell lung cancer",
    "aml": "acute myeloid leukemia",
    "acute myelogenous leukemia": "acute myeloid leukemia",
    "acute myeloid leukaemia": "acute myeloid leukemia",
    "all": "acute lymphoblastic leukemia",
    "acute lymphocytic leukemia": "acute lymphoblastic leukemia",
    "cll": "chronic lymphocytic leukemia",
    "cll/sll": "chronic lymphocytic leukemia",
    "cml": "chronic myeloid leukemia",
    "chronic myelogenous leukemia": "chronic myeloid leukemia",
    "mds": "myelodysplastic syndromes",
    "myelodysplastic syndrome": "myelodysplastic syndromes",
    "dlbcl": "diffuse large b-cell lymphoma",
    "diffuse large b cell lymphoma": "diffuse large b-cell lymphoma",
    "nhl": "non-hodgkin lymphoma",
    "non-hodgkin's lymphoma": "non-hodgkin lymphoma",
    "hl": "hodgkin lymphoma",
    "hodgkin's lymphoma": "hodgkin lymphoma",
    "fl": "follicular lymphoma",
    "mcl": "mantle cell lymphoma",
    "ctcl": "cutaneous t-cell lymphoma",
    "mm": "multiple myeloma",
    "rrmm": "relapsed/refractory multiple myeloma",
    "hcc": "hepatocellular carcinoma",
    "hepatocellular cancer": "hepatocellular carcinoma",
    "rcc": "renal cell carcinoma",
    "renal cell cancer": "renal cell carcinoma",
    "mcrpc": "metastatic castration-resistant prostate cancer",
    "crpc": "castration-resistant prostate cancer",
    "castrate-resistant prostate cancer": "castration-resistant prostate cancer",
    "tnbc": "triple-negative breast cancer",
    "triple negative breast cancer": "triple-negative breast cancer",
    "gbm": "glioblastoma",
    "glioblastoma multiforme": "glioblastoma",
    "crc": "colorectal cancer",
    "mcrc": "metastatic colorectal cancer",
    "colorectal carcinoma": "colorectal cancer",
    "pdac": "pancreatic ductal adenocarcinoma",
    "hnscc": "head and neck squamous cell carcinoma",
    "scchn": "head and neck squamous cell carcinoma",
    "squamous cell carcinoma of the head and neck": "head and neck squamous cell carcinoma",
    "gist": "gastrointestinal stromal tumor",
    "gastrointestinal stromal tumors": "gastrointestinal stromal tumor",
    "muc": "metastatic urothelial carcinoma",
    "mash": "metabolic dysfunction-associated steatohepatitis",
    "nash": "metabolic dysfunction-associated steatohepatitis",
    "nonalcoholic steatohepatitis": "metabolic dysfunction-associated steatohepatitis",
    "non-alcoholic steatohepatitis": "metabolic dysfunction-associated steatohepatitis",
    "masld": "metabolic dysfunction-associated steatotic liver disease",
    "nafld": "metabolic dysfunction-associated steatotic liver disease",
    "nonalcoholic fatty liver disease": "metabolic dysfunction-associated steatotic liver disease",
    "alzheimer disease": "alzheimer's disease",
    "alzheimers disease": "alzheimer's disease",
    "pd": "parkinson's disease",
    "parkinson disease": "parkinson's disease",
    "parkinsons disease": "parkinson's disease",
    "hd": "huntington's disease",
    "huntington disease": "huntington's disease",
    "als": "amyotrophic lateral sclerosis",
    "ms": "multiple sclerosis",
    "rms": "relapsing multiple sclerosis",
    "ra": "rheumatoid arthritis",
    "uc": "ulcerative colitis",
    "cd": "crohn's disease",
    "crohn disease": "crohn's disease",
    "crohns disease": "crohn's disease",
    "ibd": "inflammatory bowel disease",
    "t2d": "type 2 diabetes",
    "t2dm": "type 2 diabetes",
    "type 2 diabetes mellitus": "type 2 diabetes",
    "type ii diabetes": "type 2 diabetes",
    "t1d": "type 1 diabetes",
    "type 1 diabetes mellitus": "type 1 diabetes",
    "ipf": "idiopathic pulmonary fibrosis",
    "pah": "pulmonary arterial hypertension",
    "copd": "chronic obstructive pulmonary disease",
    "cf": "cystic fibrosis",
    "dmd": "duchenne muscular dystrophy",
    "sma": "spinal muscular atrophy",
    "sle": "systemic lupus erythematosus",
    "lupus": "systemic lupus erythematosus",
    "psa": "psoriatic arthritis",
    "mdd": "major depressive disorder",
    "gad": "generalized anxiety disorder",
    "ptsd": "post-traumatic stress disorder",
    "mg": "myasthenia gravis",
    "gmg": "generalized myasthenia gravis",
    "ckd": "chronic kidney disease",
    "igan": "iga nephropathy",
    "fsgs": "focal segmental glomerulosclerosis",
    "scd": "sickle cell disease",
    "hae": "hereditary angioedema",
    "amd": "age-related macular degeneration",
    "namd": "neovascular age-related macular degeneration",
    "wet amd": "neovascular age-related macular degeneration",
    "dme": "diabetic macular edema",
    "mf": "myelofibrosis",
    "gvhd": "graft-versus-host disease",
    "hiv": "hiv infection",
    "hbv": "hepatitis b",
    "chronic hepatitis b": "hepatitis b",
    "hcv": "hepatitis c",
    "rsv": "respiratory syncytial virus infection",
}
# abbreviations with two common readings: the one the drug already has, else the first
AMBIGUOUS = {"ad": ("alzheimer's disease", "atopic dermatitis")}
# Not indications: the first trials of a drug, in anyone who can take part.
EARLY = frozenset(
    {
        "solid tumors",
        "solid tumours",
        "solid tumor",
        "solid tumour",
        "solid tumor malignancies",
        "solid malignancies",
        "malignancies",
        "cancers",
        "cancer",
        "tumors",
        "tumours",
        "hematologic malignancies",
        "haematological malignancies",
        "hematological malignancies",
        "healthy volunteers",
        "healthy subjects",
        "healthy adults",
        "healthy adult volunteers",
        "healthy participants",
        "healthy individuals",
    }
)
_QUALIFIER = re.compile(
    r"^(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")"
    r"(?:\s*(?:,|/|and/or|and|or)\s*|\s+|$)"
)
_PAREN_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
_MARKER = re.compile(r"\b([a-z0-9]+)(\+|-positive|-negative|-mutant|-mutated| positive| negative)")
_MARKER_WORDS = {"+": "-positive", " positive": "-positive", " negative": "-negative"}


@dataclass(frozen=True, slots=True)
class Indication:
    """An indication read from a filing: its key, the qualifiers beside it, and the words."""

    key: str  # 'non-small cell lung cancer'; '' for none or for the early track
    qualifier: str | None  # 'advanced', 'relapsed/refractory', 'metastatic'; None when none
    text: str  # as the filing wrote it
    early: bool = False  # solid tumors, healthy volunteers: the drug's first trials

    @property
    def name(self) -> str:
        """The indication without its qualifiers ('solid tumors' for an early track)."""
        return self.key or (self.text and _strip(self.text.lower())[0]) or ""


def parse_indication(text: str | None, known: Collection[str] = ()) -> Indication:
    """'patients with advanced NSCLC' → key 'non-small cell lung cancer', qualifier 'advanced'.

    `known`: the drug's indication keys, which settle an ambiguous abbreviation ('AD' is atopic
    dermatitis for a drug already in atopic dermatitis).
    """
    raw = " ".join((text or "").split()).strip(" .,;:")
    if not raw:
        return Indication("", None, "")
    name, qualifiers = _strip(raw.lower().replace("’", "'"))
    if name in AMBIGUOUS:
        readings = AMBIGUOUS[name]
        name = next((r for r in readings if r in known), readings[0])
    expanded = SYNONYMS.get(name, name)
    if expanded != name:  # 'mCRPC' expands to 'metastatic castration-resistant …'
        name, more = _strip(expanded)
        qualifiers += more
    name = SYNONYMS.get(name, name)
    qualifier = " ".join(dict.fromkeys(qualifiers)) or None
    if name in EARLY or not name:
        return Indication("", qualifier, raw, early=bool(name))
    return Indication(name, qualifier, raw)


def indication_key(text: str | None) -> str:
    """The key alone: 'Advanced NSCLC' → 'non-small cell lung cancer'; '' for none or early."""
    return parse_indication(text).key


def _strip(text: str) -> tuple[str, list[str]]:
    """The indication without lead-ins, qualifiers, a trailing '(NSCLC)', and the qualifiers."""
    text = _PAREN_TAIL.sub("", text).strip(" .,;:")
    qualifiers: list[str] = []
    for _ in range(8):  # a few qualifiers in a row at most: 'locally advanced or metastatic'
        before = text
        for lead in _LEADS:
            if text.startswith(lead + " "):
                text = text[len(lead) :].strip()
        if found := _QUALIFIER.match(text):
            qualifiers.append(found.group(0).strip(" ,/").removesuffix(" and").strip())
            text = text[found.end() :].strip()
        for trail in _TRAILS:
            if text.endswith(" " + trail) and text not in EARLY:
                text = text[: -len(trail)].strip(" ,")
        if text == before:
            break
    text = _MARKER.sub(lambda m: m[1] + _MARKER_WORDS.get(m[2], m[2]), text)
    return " ".join(text.split()), [_tidy(q) for q in qualifiers if q]


def _tidy(qualifier: str) -> str:
    """'relapsed or refractory' and 'r/r' → 'relapsed/refractory'; others as written."""
    if qualifier in ("r/r", "relapsed or refractory", "relapsed and/or refractory"):
        return "relapsed/refractory"
    if qualifier in ("relapsed and refractory",):
        return "relapsed/refractory"
    return qualifier
