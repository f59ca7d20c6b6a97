"""Property tests: classify() never raises, keeps its offsets, and stays fast on any input."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifiers import MtdOutcome, PhaseChange, classify
from classifiers.sentences import parse_sentences

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BIG = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = st.sampled_from(
    [
        "phase ",
        "Phase II ",
        "phase 1b/2 ",
        "MTD ",
        "maximum tolerated dose ",
        "RP2D ",
        "168 mg/m2 ",
        "mg/m2",
        "1",
        "9999999",
        ". ",
        "\n",
        "initiated ",
        "clinical hold ",
        "Inc. ",
        "e.g. ",
        "µg/kg ",
        "was ",
        "not ",
        "the ",
        "(",
        ")",
        "-",
        "/",
        "; ",
    ]
)


def _check(text: str) -> None:
    """Events are well formed and their evidence is text[start:end]."""
    for event in classify(text):
        assert text[event.start : event.end] == event.evidence
        assert 0 <= event.start < event.end <= len(text)
        assert isinstance(event, PhaseChange | MtdOutcome)
        event.to_dict()


@FAST
@given(st.text(max_size=3000))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    """Any Unicode string is classified without error, with consistent offsets."""
    _check(text)


@FAST
@given(st.lists(PIECES, max_size=400).map("".join))
def test_vocabulary_soup_never_raises(text: str) -> None:
    """Shuffled trial vocabulary is classified without error, with consistent offsets."""
    _check(text)


@FAST
@given(st.text(max_size=2000))
def test_sentences_tile_the_text(text: str) -> None:
    """Sentences are ordered, non-overlapping, trimmed slices of the text."""
    last = 0
    for sentence in parse_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= last
        assert sentence.text == sentence.text.strip()
        last = sentence.end


def test_empty_and_blank_text_give_no_events() -> None:
    """Empty or white-space text is []."""
    assert classify("") == []
    assert classify(" \n\t ") == []


@BIG
@given(
    st.sampled_from(["phase ", "mg/m2 ", "1", "Phase II. ", "MTD was ", "initiated Phase 2 and "])
)
def test_one_megabyte_of_repetition_finishes_quickly(unit: str) -> None:
    """1 MB of one repeated token (phase phase …, digits, mg/m2 …) is classified in seconds."""
    text = unit * (1_000_000 // len(unit))
    start = time.process_time()
    _check(text)
    assert time.process_time() - start < 10.0


@BIG
@given(st.integers(min_value=10_000, max_value=200_000))
def test_long_digit_runs_finish_quickly(length: int) -> None:
    """A long run of digits followed by a unit does not backtrack."""
    text = "The MTD was " + "9" * length + " mg/m2 and " + "1." * (length // 4)
    start = time.process_time()
    _check(text)
    assert time.process_time() - start < 5.0
