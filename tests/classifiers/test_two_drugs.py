"""Two drugs in one sentence: one phase change per drug a clause names apart, each with the
indication the clause gives it; a combination, a comparator or an alias stays one event whose
drug is the first-named product. Rows are (id, text, expected events); the sentences are our own.
"""

from __future__ import annotations

import pytest

from classifiers import PhaseChange, classify
from classifiers.entities import find_drug_tracks

Track = tuple[str, str | None, str | None]  # (status phase, drug, indication)

APART = [
    (
        "plural-trials-passive",
        "Phase 2 trials of XR-1 and YZ-2 were initiated.",
        {("started 2", "XR-1", None), ("started 2", "YZ-2", None)},
    ),
    (
        "each-its-indication",
        "Acme initiated Phase 1 trials of XR-1 in NSCLC and YZ-2 in AML.",
        {("started 1", "XR-1", "NSCLC"), ("started 1", "YZ-2", "AML")},
    ),
    (
        "each-its-indication-of-repeated",
        "Acme has dosed the first patients in Phase 2 trials of XR-1 in gastric cancer and of "
        "YZ-2 in melanoma.",
        {("started 2", "XR-1", "gastric cancer"), ("started 2", "YZ-2", "melanoma")},
    ),
    (
        "shared-indication",
        "Acme initiated Phase 2 trials of XR-1 and of YZ-2 in psoriasis.",
        {("started 2", "XR-1", "psoriasis"), ("started 2", "YZ-2", "psoriasis")},
    ),
    (
        "clinical-hold-on-both",
        "The FDA placed a clinical hold on the Phase 1 trials of XR-1 and YZ-2.",
        {("stopped 1", "XR-1", None), ("stopped 1", "YZ-2", None)},
    ),
    (
        "three-drugs-listed",
        "Acme completed Phase 1 trials of XR-1, YZ-2 and AB-3.",
        {
            ("completed 1", "XR-1", None),
            ("completed 1", "YZ-2", None),
            ("completed 1", "AB-3", None),
        },
    ),
    (
        "subjects-of-the-verb",
        "XR-1 and YZ-2 entered Phase 2 trials in the first quarter.",
        {("started 2", "XR-1", None), ("started 2", "YZ-2", None)},
    ),
    (
        "alias-inside-a-pair",
        "Acme initiated Phase 2 trials of XR-1 (zorbatinib) and YZ-2 in NSCLC.",
        {("started 2", "XR-1", "NSCLC"), ("started 2", "YZ-2", "NSCLC")},
    ),
]

TOGETHER = [
    (
        "in-combination-with",
        "Acme initiated a Phase 2 trial of XR-1 in combination with YZ-2 in patients with NSCLC.",
        {("started 2", "XR-1", "NSCLC")},
    ),
    (
        "plus",
        "Acme initiated a Phase 2 trial of XR-1 plus YZ-2 in NSCLC.",
        {("started 2", "XR-1", "NSCLC")},
    ),
    (
        "with-an-antibody",
        "Acme initiated a Phase 2 trial of XR-1 with YZ-2 in NSCLC.",
        {("started 2", "XR-1", "NSCLC")},
    ),
    (
        "and-then-in-combination",
        "The first patient was dosed in the Phase 1b trial of XR-1 and YZ-2 in combination.",
        {("started 1b", "XR-1", None)},
    ),
    (
        "one-trial-of-both",
        "Acme initiated a Phase 2 trial of XR-1 and YZ-2 in NSCLC.",
        {("started 2", "XR-1", "NSCLC")},
    ),
    (
        "the-combination-of",
        "Acme began Phase 2 testing of the combination of XR-1 and YZ-2.",
        {("started 2", "XR-1", None)},
    ),
    (
        "comparator",
        "Acme initiated a Phase 2 trial of XR-1 versus YZ-2 in NSCLC.",
        {("started 2", "XR-1", "NSCLC")},
    ),
    (
        "alias",
        "Acme initiated a Phase 2 trial of XR-1 (zorbatinib) in NSCLC.",
        {("started 2", "XR-1", "NSCLC")},
    ),
    (
        "pair-in-another-clause",
        "Acme, which develops AB-7 and AB-8, initiated a Phase 2 trial of XR-1 in psoriasis.",
        {("started 2", "XR-1", "psoriasis")},
    ),
]


def _tracks(text: str) -> set[Track]:
    """(status phase, drug, indication) of each phase change classify() reports."""
    return {
        (f"{e.status} {e.phase or '-'}", e.drug, e.indication)
        for e in classify(text)
        if isinstance(e, PhaseChange)
    }


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in APART + TOGETHER]
)
def test_one_event_per_drug_named_apart(text: str, expected: set[Track]) -> None:
    """Drugs named apart give one event each; a combination, comparator or alias gives one."""
    assert _tracks(text) == expected


def test_a_drug_the_headline_names_is_not_repeated() -> None:
    """The headline's start of YZ-2 and the body's starts of XR-1 and YZ-2 give two events."""
    text = (
        "Acme Starts Phase 2 Trial of YZ-2\n\n"
        "BOSTON -- Acme Bio today announced that Phase 2 trials of XR-1 and YZ-2 in gout were "
        "initiated."
    )
    events = [e for e in classify(text) if isinstance(e, PhaseChange)]
    assert sorted(str(e.drug) for e in events) == ["XR-1", "YZ-2"]


@pytest.mark.parametrize(
    ("sentence", "drugs"),
    [
        pytest.param("Phase 2 trials of AB-1 and AB-2 began.", ["AB-1", "AB-2"], id="pair"),
        pytest.param(
            "Phase 2 trials of AB-1, AB-2, and AB-3 began.",
            ["AB-1", "AB-2", "AB-3"],
            id="oxford-list",
        ),
        pytest.param("a Phase 2 trial of AB-1 combined with AB-2", [], id="combined-with"),
        pytest.param("Phase 2 trials of AB-1 began.", [], id="one-drug"),
        pytest.param(
            "Phase 2 trials began. AB-1 and AB-2 are our products, we said.", [], id="too-far"
        ),
    ],
)
def test_find_drug_tracks(sentence: str, drugs: list[str]) -> None:
    """The drugs of the trial clause named apart, in order; [] for one or a combination."""
    assert [t.drug for t in find_drug_tracks(sentence, 0)] == drugs
