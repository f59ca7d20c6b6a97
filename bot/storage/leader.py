"""Poll leadership across replicas: a PostgreSQL session-level advisory lock.

The leader holds the lock on a connection of its own; when its process dies, PostgreSQL drops
the connection and the lock with it, and the next replica to try becomes leader. On SQLite
there is one process, and it always leads.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from bot.storage.store import unpooled_engine

log = logging.getLogger(__name__)
POLL_LOCK = 0x7077_706C  # "pwpl": the advisory lock id that means "I poll EDGAR"


class Leadership:
    """Whether this process may poll; `is_leader()` takes the lock when it is free."""

    def __init__(self, engine: Engine) -> None:
        self.postgres = engine.dialect.name == "postgresql"
        self._engine = unpooled_engine(engine) if self.postgres else None
        self._held: Connection | None = None
        self._lock = threading.Lock()  # the poll and registry jobs ask from their own threads

    def is_leader(self) -> bool:
        """True while this process holds the poll lock (taking it if nobody does)."""
        with self._lock:
            return self._is_leader()

    def _is_leader(self) -> bool:
        if self._engine is None:
            return True
        if self._held is not None and self._still_held():
            return True
        connection = self._engine.connect()
        got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": POLL_LOCK})
        if got.scalar():
            connection.commit()
            self._held = connection
            log.info("this replica now leads polling")
            return True
        connection.close()
        return False

    def _still_held(self) -> bool:
        assert self._held is not None
        try:
            self._held.execute(text("SELECT 1"))
            self._held.commit()
            return True
        except DBAPIError:
            log.warning("lost the poll-leader connection; trying to lead again")
            self._held = None
            return False

    def release(self) -> None:
        """Give up leadership (on shutdown), so another replica takes over at once."""
        if self._held is not None:
            try:  # unlock before closing: the server drops a closed session's locks only later
                self._held.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": POLL_LOCK})
                self._held.commit()
            except DBAPIError:
                log.warning("the poll-leader connection was already gone at release")
            self._held.close()
            self._held = None
        if self._engine is not None:
            self._engine.dispose()
