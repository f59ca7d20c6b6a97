"""Storage: the only package that imports sqlmodel, sqlalchemy or alembic."""
