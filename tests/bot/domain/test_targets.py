"""Watch targets and filters as users type them: canonical spellings, and clear refusals."""

from __future__ import annotations

import pytest

from bot.domain.targets import (
    EVENT_TYPES,
    Target,
    WatchError,
    parse_filter,
    parse_repeats,
    parse_target,
)

TARGETS = [
    ("imgn", Target("ticker", "IMGN")),
    (" BRK.B ", Target("ticker", "BRK.B")),
    ("0000855654", Target("cik", "855654")),
    ("855654", Target("cik", "855654")),
    ("SIC:2834", Target("sic", "sic:2834")),
    ("sic:283", Target("sic", "sic:0283")),
    ("ALL", Target("all", "all")),
]


@pytest.mark.parametrize(("text", "target"), TARGETS, ids=[t for t, _ in TARGETS])
def test_a_target_parses_to_its_canonical_spelling(text: str, target: Target) -> None:
    assert parse_target(text) == target


NOT_TARGETS = ["", "0", "sic:28", "sic:28345", "1ABC", "TOOLONGTICKER", "IM GN", "<!channel>"]


@pytest.mark.parametrize("text", NOT_TARGETS)
def test_anything_else_is_refused_naming_what_a_target_is(text: str) -> None:
    with pytest.raises(WatchError, match="not a ticker, CIK, sic:NNNN or all"):
        parse_target(text)


def test_event_filters_are_lowered_and_checked_against_the_known_types() -> None:
    assert parse_filter(" Phase_Change, mtd ,", EVENT_TYPES) == ("phase_change", "mtd")
    assert parse_filter(None, EVENT_TYPES) == ()
    with pytest.raises(WatchError, match="unknown event type 'dose'; choose from phase_change"):
        parse_filter("mtd,dose", EVENT_TYPES)


def test_form_filters_take_the_known_forms_and_refuse_others_as_a_watch_error() -> None:
    assert parse_filter("8-k, 6-K") == ("8-K", "6-K")
    assert parse_filter("") == ()
    with pytest.raises(WatchError):
        parse_filter("10-Q")


def test_repeats_default_to_the_thread_and_take_only_thread_or_none() -> None:
    assert parse_repeats(None) == "thread"
    assert parse_repeats(" NONE ") == "none"
    with pytest.raises(WatchError, match="--repeats takes thread or none"):
        parse_repeats("channel")
