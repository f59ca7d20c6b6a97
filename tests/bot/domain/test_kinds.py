"""The registry of event kinds covers every classifier event type and every watch filter name,
and each kind's detail survives the trip to the stored row's columns and back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import get_args

import pytest

from bot.domain.kinds import (
    KINDS,
    WATCH_FILTERS,
    UnknownKindError,
    detail_of_event,
    detail_of_fields,
    event_key,
    kind_named,
)
from bot.domain.targets import EVENT_TYPES, WatchError, parse_filter
from bot.storage.events import detail_of, event_row
from classifiers import Event, classify
from watchers import Document, Filing

# One sentence per event type, for the round trips below.
SAMPLES = {
    "phase_change": "The first patient was dosed in the Phase 2 trial of TCB-101 in NSCLC.",
    "mtd": "The maximum tolerated dose of TCB-101 has been established at 40 mg/m2.",
}


def _event_types() -> dict[str, type]:
    """Each classifier event class by the `type` its events carry."""
    classes = get_args(Event)
    return {cls.__dataclass_fields__["type"].default: cls for cls in classes}


def test_every_classifier_event_type_has_its_kind() -> None:
    """A classifier event type without a kind module could never be stored or alerted."""
    types = _event_types()
    assert set(types) == set(KINDS)
    for name, cls in types.items():
        assert KINDS[name].name == name
        assert KINDS[name].event_class is cls


def test_every_watch_filter_name_is_a_kind_and_every_kind_can_be_watched() -> None:
    """`--events` takes exactly the kinds' filter names (the contract's phase_change,mtd)."""
    assert set(EVENT_TYPES) == set(WATCH_FILTERS) == {k.watch_filter for k in KINDS.values()}
    assert len(set(WATCH_FILTERS)) == len(KINDS)
    assert parse_filter("phase_change,mtd", EVENT_TYPES) == ("phase_change", "mtd")
    with pytest.raises(WatchError, match="choose from phase_change, mtd"):
        parse_filter("clinical_hold", EVENT_TYPES)


def test_every_kind_has_a_sample() -> None:
    """The round trips below cover every kind."""
    assert set(SAMPLES) == set(KINDS)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_kinds_detail_survives_the_stored_row(name: str) -> None:
    """Classifier event → row columns → detail: the same detail, key and history entry."""
    (event,) = [e for e in classify(SAMPLES[name]) if e.type == name]
    detail = detail_of_event(event)
    assert detail.type == name
    assert detail_of_fields(name, detail.to_fields()) == detail
    filing = Filing(
        accession="0001990001-26-000001",
        cik=1990001,
        company="Tidemark Bio",
        form="8-K",
        filed=date(2026, 1, 12),
        accepted=datetime(2026, 1, 12, 13, 0, tzinfo=UTC),
        index_url="https://www.sec.gov/x-index.htm",
    )
    doc = Document(filing, "https://www.sec.gov/x.htm", "EX-99.1", "x.htm")
    row = event_row(1990001, doc, event, datetime(2026, 1, 12, 14, 0, tzinfo=UTC))
    assert row.type == name
    assert detail_of(row) == detail
    assert row.key == event_key(event)
    assert row.key.startswith(f"{name}:")
    assert row.key.endswith(":tcb101")
    item = detail.history()
    assert item["type"] == name
    assert kind_named(name).render_history(item)


def test_an_unknown_type_is_refused_by_name() -> None:
    """A stored type no kind describes is an error naming it, never a silent default."""
    with pytest.raises(UnknownKindError, match="clinical_hold"):
        kind_named("clinical_hold")
