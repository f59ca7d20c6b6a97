"""The SEC form types phasewatch reads: one table for settings, watches and backfills. Pure.

Current reports are where companies announce trial news (the 8-K's Item 8.01 or 7.01 with an
EX-99 press release; a foreign issuer's 6-K), so those and their amendments are the known set.
"""

from __future__ import annotations

import re

KNOWN_FORMS = ("8-K", "8-K/A", "6-K", "6-K/A")
_LOOSE = {re.sub(r"[^0-9A-Z/]", "", form): form for form in KNOWN_FORMS}


class FormError(ValueError):
    """A form type outside KNOWN_FORMS; the message names it and the known ones."""


def parse_forms(text: str) -> tuple[str, ...]:
    """'8-k, 6-K/A' → ('8-K', '6-K/A'); an unknown form (such as '8K') raises FormError."""
    forms = tuple(dict.fromkeys(part.strip().upper() for part in text.split(",") if part.strip()))
    for form in forms:
        if form not in KNOWN_FORMS:
            close = _LOOSE.get(re.sub(r"[^0-9A-Z/]", "", form))
            hint = f"; did you mean {close}?" if close else ""
            raise FormError(f"unknown form {form!r}{hint} (known: {', '.join(KNOWN_FORMS)})")
    return forms
