"""Storage: the only package that imports sqlmodel, sqlalchemy or alembic.

`Engine` is the database handle the layers above pass around without importing sqlalchemy.
"""

from sqlalchemy import Engine

__all__ = ["Engine"]
