"""The database handle the other layers pass around, named without importing the ORM."""

from __future__ import annotations

from sqlalchemy import Engine

__all__ = ["Engine"]
