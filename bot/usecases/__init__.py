"""Use cases on top of the layers: poll, deliver, backfill, the registry cycle."""
