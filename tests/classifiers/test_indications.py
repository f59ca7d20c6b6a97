"""Indications and evidence: the body sentence that names the disease beats the headline."""

from __future__ import annotations

import pytest

from classifiers import PhaseChange, classify
from classifiers.entities import find_indications

INDICATIONS = [
    (
        "prior-treatment",
        "in patients with previously treated non-small cell lung cancer",
        "non-small cell lung cancer",
    ),
    (
        "relapsed-refractory",
        "in patients with relapsed or refractory acute myeloid leukemia (AML)",
        "acute myeloid leukemia",
    ),
    (
        "metastatic-kept",
        "in patients with metastatic renal cell carcinoma",
        "metastatic renal cell carcinoma",
    ),
    (
        "treatment-of",
        "for the treatment of CanAg-expressing gastric cancer",
        "CanAg-expressing gastric cancer",
    ),
    ("not-a-cancer", "in patients with gout", "gout"),
    ("both-of-two", "in both asthma and COPD", "asthma"),
    (
        "to-treat",
        "a Phase 2 trial to treat non-small cell lung cancer",
        "non-small cell lung cancer",
    ),
    ("an-eponym", "for Behçet’s Disease", "Behçet’s Disease"),
    ("an-eponym-ascii", "in patients with Alzheimer's disease", "Alzheimer's disease"),
    ("not-a-possessive", "in the company's disease area", "disease"),
    ("a-pain", "for the treatment of post-operative pain", "post-operative pain"),
    (
        "a-sclerosis",
        "in patients with amyotrophic lateral sclerosis",
        "amyotrophic lateral sclerosis",
    ),
]


@pytest.mark.parametrize(
    ("phrase", "indication"),
    [(p, i) for _, p, i in INDICATIONS],
    ids=[i for i, _, _ in INDICATIONS],
)
def test_the_disease_is_named_without_its_treatment_history(phrase: str, indication: str) -> None:
    """Qualifiers of prior treatment are not part of the indication; the disease words are."""
    assert find_indications(phrase)[0] == indication


def test_the_body_sentence_beats_the_headline_as_evidence() -> None:
    """Headline and body tell one start: the firm body sentence, with its indication, is kept."""
    text = (
        "Acme Doses First Patient in Phase 2 Trial of AC-7\n\n"
        "BOSTON -- Acme Bio today announced that the first patient has been dosed in the "
        "Phase 2 trial of AC-7 in patients with previously treated gastric cancer."
    )
    (event,) = [e for e in classify(text) if isinstance(e, PhaseChange)]
    assert event.evidence.startswith("BOSTON -- Acme Bio today announced")
    assert event.indication == "gastric cancer"
    assert text[event.start : event.end] == event.evidence


def test_a_neighbour_about_another_drug_lends_no_indication() -> None:
    """A bullet list of several products: each start keeps to its own sentence's disease."""
    text = (
        "Acme Reports Third Quarter Results\n\n"
        "BOSTON, Nov. 5, 2026 -- Acme Bio today reported results.\n\n"
        "- Completed enrollment in the Phase 2b trial of AB-123 in psoriasis.\n"
        "- Initiated the Phase 1 trial of XR-456 in healthy volunteers.\n"
    )
    (event,) = [e for e in classify(text) if isinstance(e, PhaseChange)]
    assert (event.drug, event.indication) == ("XR-456", None)
