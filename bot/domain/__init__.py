"""Pure domain rules: drugs, indications, event keys, alerts, registry matching; no I/O."""
