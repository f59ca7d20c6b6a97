"""Event kinds, one module per event type, and the registry `KINDS` keyed by the type name.

Each kind module holds its type's detail (fields, key parts, the pipeline judgement hook, its
alert line as plain text and its history entry), its mapping to and from the stored columns,
and its watch-filter name. Everything else dispatches through `KINDS`; a new event type is a
new module here and one entry in `_ALL`.
"""

from __future__ import annotations

from typing import Any

from bot.domain.drugs import name_key
from bot.domain.kinds import mtd, phase_change
from bot.domain.kinds.base import (
    EventDetail,
    Fields,
    Kind,
    LineParts,
    TrackClaim,
    compose_key,
)
from classifiers import Event

_ALL: tuple[Kind[Any], ...] = (phase_change.KIND, mtd.KIND)
KINDS: dict[str, Kind[Any]] = {kind.name: kind for kind in _ALL}
WATCH_FILTERS: tuple[str, ...] = tuple(kind.watch_filter for kind in _ALL)

__all__ = [
    "KINDS",
    "WATCH_FILTERS",
    "EventDetail",
    "Fields",
    "Kind",
    "LineParts",
    "TrackClaim",
    "compose_key",
    "detail_of_event",
    "detail_of_fields",
    "event_key",
    "kind_named",
]


class UnknownKindError(KeyError):
    """An event type no kind module describes."""


def kind_named(type_name: str) -> Kind[Any]:
    """The kind of events of this type ('phase_change'); UnknownKindError if there is none."""
    try:
        return KINDS[type_name]
    except KeyError:
        raise UnknownKindError(type_name) from None


def detail_of_event(event: Event) -> EventDetail:
    """The kind's detail of a classifier event."""
    return kind_named(event.type).from_event(event)


def detail_of_fields(type_name: str, fields: Fields) -> EventDetail:
    """The kind's detail of a stored event, from its columns as plain values."""
    return kind_named(type_name).from_fields(fields)


def event_key(event: Event) -> str:
    """A key that is equal for the same news told twice in one filing."""
    detail = detail_of_event(event)
    return compose_key(event.type, *detail.key_parts(), name_key(event.drug))
