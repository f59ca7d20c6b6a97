"""Indications as analysts read them: which wordings are one indication, which stay apart."""

from __future__ import annotations

import pytest

from bot.domain.indications import EARLY, QUALIFIERS, SYNONYMS, indication_key, parse_indication

SAME = [
    # stage and setting qualifiers
    ("advanced non-small cell lung cancer", "non-small cell lung cancer"),
    ("metastatic NSCLC", "NSCLC"),
    ("locally advanced or metastatic NSCLC", "non-small cell lung cancer"),
    ("unresectable hepatocellular carcinoma", "HCC"),
    ("recurrent glioblastoma", "GBM"),
    ("relapsed and/or refractory multiple myeloma", "multiple myeloma"),
    ("relapsed or refractory AML", "acute myeloid leukemia"),
    ("R/R DLBCL", "diffuse large B-cell lymphoma"),
    ("relapsed/refractory CLL", "CLL"),
    ("previously treated metastatic colorectal cancer", "colorectal cancer"),
    ("first-line NSCLC", "NSCLC"),
    ("second-line hepatocellular carcinoma", "hepatocellular carcinoma"),
    ("patients with advanced renal cell carcinoma", "RCC"),
    ("the treatment of moderate-to-severe ulcerative colitis", "UC"),
    ("NSCLC patients", "non-small cell lung cancer"),
    ("newly diagnosed multiple myeloma", "MM"),
    # abbreviations and synonyms
    ("NSCLC", "Non-Small-Cell Lung Cancer"),
    ("non-small cell lung cancer (NSCLC)", "NSCLC"),
    ("SCLC", "small-cell lung cancer"),
    ("AML", "acute myelogenous leukemia"),
    ("ALL", "acute lymphoblastic leukemia"),
    ("CLL", "chronic lymphocytic leukemia"),
    ("CML", "chronic myeloid leukemia"),
    ("MDS", "myelodysplastic syndrome"),
    ("DLBCL", "diffuse large B cell lymphoma"),
    ("MM", "multiple myeloma"),
    ("HCC", "hepatocellular cancer"),
    ("RCC", "renal cell carcinoma"),
    ("mCRPC", "metastatic castration-resistant prostate cancer"),
    ("mCRPC", "castration-resistant prostate cancer"),
    ("TNBC", "triple negative breast cancer"),
    ("GBM", "glioblastoma multiforme"),
    ("mCRC", "colorectal cancer"),
    ("CRC", "colorectal carcinoma"),
    ("PDAC", "pancreatic ductal adenocarcinoma"),
    ("MASH", "NASH"),
    ("NASH", "nonalcoholic steatohepatitis"),
    ("MASH", "metabolic dysfunction-associated steatohepatitis"),
    ("AD", "Alzheimer's disease"),
    ("Alzheimer’s disease", "Alzheimer disease"),
    ("PD", "Parkinson's disease"),
    ("ALS", "amyotrophic lateral sclerosis"),
    ("MS", "multiple sclerosis"),
    ("RA", "rheumatoid arthritis"),
    ("UC", "ulcerative colitis"),
    ("CD", "Crohn's disease"),
    ("T2D", "type 2 diabetes mellitus"),
    ("T2DM", "type II diabetes"),
    ("IPF", "idiopathic pulmonary fibrosis"),
    ("SCCHN", "HNSCC"),
    ("NHL", "non-Hodgkin's lymphoma"),
    ("HER2+ breast cancer", "HER2-positive breast cancer"),
    ("HER2 positive breast cancer", "HER2-positive breast cancer"),
    ("Advanced NSCLC.", "  non-small cell  lung cancer "),
]
APART = [
    ("HER2-positive breast cancer", "HER2-negative breast cancer"),
    ("HER2-positive breast cancer", "breast cancer"),
    ("triple-negative breast cancer", "breast cancer"),
    ("non-small cell lung cancer", "small cell lung cancer"),
    ("NSCLC", "SCLC"),
    ("AML", "ALL"),
    ("CLL", "CML"),
    ("acute myeloid leukemia", "chronic myeloid leukemia"),
    ("castration-resistant prostate cancer", "prostate cancer"),
    ("colorectal cancer", "pancreatic cancer"),
    ("platinum-resistant ovarian cancer", "ovarian cancer"),
    ("EGFR-mutant NSCLC", "NSCLC"),
    ("KRAS G12C-mutant NSCLC", "EGFR-mutant NSCLC"),
    ("multiple sclerosis", "multiple myeloma"),
    ("MS", "MM"),
    ("ulcerative colitis", "Crohn's disease"),
    ("type 1 diabetes", "type 2 diabetes"),
    ("Alzheimer's disease", "Parkinson's disease"),
    ("hepatocellular carcinoma", "renal cell carcinoma"),
    ("glioblastoma", "NSCLC"),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"{a}={b}" for a, b in SAME])
def test_wordings_analysts_read_as_one_indication_share_a_key(a: str, b: str) -> None:
    """Qualifiers, abbreviations and spellings of one disease give one key."""
    assert indication_key(a) == indication_key(b) != ""


@pytest.mark.parametrize(("a", "b"), APART, ids=[f"{a}≠{b}" for a, b in APART])
def test_what_analysts_keep_apart_stays_apart(a: str, b: str) -> None:
    """Biomarker-defined groups and different diseases keep their own keys."""
    assert indication_key(a) != indication_key(b)


QUALIFIED = [
    ("advanced non-small cell lung cancer", "advanced"),
    ("metastatic NSCLC", "metastatic"),
    ("locally advanced NSCLC", "locally advanced"),
    ("locally advanced or metastatic NSCLC", "locally advanced or metastatic"),
    ("unresectable HCC", "unresectable"),
    ("recurrent glioblastoma", "recurrent"),
    ("relapsed and/or refractory multiple myeloma", "relapsed/refractory"),
    ("relapsed or refractory AML", "relapsed/refractory"),
    ("r/r DLBCL", "relapsed/refractory"),
    ("RRMM", "relapsed/refractory"),
    ("relapsed CLL", "relapsed"),
    ("refractory solid tumors", "refractory"),
    ("previously treated CLL", "previously treated"),
    ("first-line NSCLC", "first-line"),
    ("second-line HCC", "second-line"),
    ("patients with metastatic NSCLC", "metastatic"),
    ("mCRPC", "metastatic"),
    ("mCRC", "metastatic"),
    ("NSCLC", None),
    ("patients with NSCLC", None),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIED, ids=[t for t, _ in QUALIFIED])
def test_a_stage_or_setting_is_kept_as_the_qualifier(text: str, qualifier: str | None) -> None:
    """The qualifier is kept beside the key, never in it."""
    parsed = parse_indication(text)
    assert parsed.qualifier == qualifier
    assert parsed.text == text.strip()


EARLY_TRACKS = [
    "advanced solid tumors",
    "solid tumours",
    "patients with advanced solid tumors",
    "refractory solid tumors",
    "healthy volunteers",
    "healthy subjects",
    "advanced cancer",
    "advanced malignancies",
    "advanced solid tumor malignancies",
]


@pytest.mark.parametrize("text", EARLY_TRACKS)
def test_solid_tumors_and_healthy_volunteers_are_the_early_track(text: str) -> None:
    """Not an indication: key '', marked early, its words kept for display."""
    parsed = parse_indication(text)
    assert (parsed.key, parsed.early) == ("", True)
    assert parsed.name in EARLY


def test_an_ambiguous_abbreviation_takes_the_reading_the_drug_already_has() -> None:
    """'AD' is Alzheimer's disease, unless the drug is already in atopic dermatitis."""
    assert indication_key("AD") == "alzheimer's disease"
    assert indication_key("moderate-to-severe AD") == "alzheimer's disease"
    assert parse_indication("moderate-to-severe AD", {"atopic dermatitis"}).key == (
        "atopic dermatitis"
    )
    assert parse_indication("AD", {"psoriasis"}).key == "alzheimer's disease"


def test_no_indication_is_neither_an_indication_nor_the_early_track() -> None:
    """None and blank text give an empty, non-early indication."""
    for text in (None, "", "  "):
        assert parse_indication(text) == parse_indication(None)
        assert not parse_indication(text).early


def test_the_tables_hold_lowercase_entries_and_no_synonym_points_at_a_synonym() -> None:
    """One table of synonyms: every target is itself a key, not another abbreviation."""
    assert all(k == k.lower() and v == v.lower() for k, v in SYNONYMS.items())
    assert all(q == q.lower() for q in QUALIFIERS)
    assert not set(SYNONYMS.values()) & set(SYNONYMS)
