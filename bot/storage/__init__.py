"""Storage: the only package that imports sqlmodel, sqlalchemy or alembic."""

from sqlalchemy import Engine

__all__ = ["Engine"]
