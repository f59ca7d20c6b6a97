"""What every event kind provides; the registry (`bot.domain.kinds.KINDS`) holds one per type.

An event is its common part (drug, evidence, offsets, and what the pipeline memory judged) and
its kind's `EventDetail`: the type's own fields, its key parts, what it claims about the drug
(the pipeline judgement hook), its alert line as plain text and its pipeline history entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from bot.domain.doses import DoseClaim
from classifiers.events import PhaseStatus

if TYPE_CHECKING:
    from bot.domain.alerts import AlertEvent

# A stored event's columns as plain values ({"status": "started", "phase": "2", …}): storage
# builds its row from them and gives them back to read the event; the domain never sees a row.
Fields = Mapping[str, Any]
E_contra = TypeVar("E_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class TrackClaim:
    """What an event says of its drug's trial in one indication: where it stands now."""

    phase: str | None
    status: PhaseStatus
    indication: str | None


@dataclass(frozen=True, slots=True)
class LineParts:
    """An alert line as plain text fragments, laid out (and escaped) by bot.slack.render:
    'huC242-DM4 (gastric cancer; MTD 240 mg/m²): Phase 2 started' is notes and news."""

    notes: tuple[str, ...]  # beside the drug, in parentheses
    news: str  # after the colon


class EventDetail(Protocol):
    """The part of an event only its kind knows."""

    @property
    def type(self) -> str:
        """The event type ('phase_change'), the registry's key."""
        ...

    @property
    def indication(self) -> str | None:
        """The indication the event names, if any."""
        ...

    def key_parts(self) -> tuple[str, str | None]:
        """What happened and at which level: ('started', '2'), ('MTD', '168mg/m2')."""
        ...

    def to_fields(self) -> dict[str, Any]:
        """The stored event's columns for this detail."""
        ...

    def alertable(self) -> bool:
        """Whether the event is news worth a message at all (a plan is not)."""
        ...

    def track_claim(self) -> TrackClaim | None:
        """What the event says of the drug's track, for events the memory judges on tracks."""
        ...

    def dose_claim(self) -> DoseClaim | None:
        """What the event says of the drug's dose, for events the memory judges on doses."""
        ...

    def render(self, event: AlertEvent) -> LineParts:
        """The alert line of the event, as plain text fragments."""
        ...

    def history(self) -> dict[str, Any]:
        """The event's part of a `pipeline --json` history entry ({"type": …, …})."""
        ...


@dataclass(frozen=True, slots=True)
class Kind(Generic[E_contra]):
    """One event type: its name, its watch filter, and how to build its detail."""

    name: str  # the event's `type`, the key's prefix
    watch_filter: str  # the name `--events` takes for it
    event_class: type[Any]  # the classifier's event class
    from_event: Callable[[E_contra], EventDetail]  # the classifier's event → its detail
    from_fields: Callable[[Fields], EventDetail]  # stored columns → its detail
    render_history: Callable[[Mapping[str, Any]], str]  # a history entry → the table's words


def compose_key(type_name: str, what: str, level: str | None, drug_key: str) -> str:
    """The one event-key format: 'phase_change:started:2:huc242dm4', 'mtd:MTD:168mg/m2:…'."""
    return f"{type_name}:{what}:{level or '-'}:{drug_key}"
