"""Whose news a release tells: the releaser's own, an agency's roundup, or an analyst's note.

`parse_voice(text, blocks)` reads only the headline and the lead (the first paragraph of prose):
- "roundup": the releaser speaks for others, a PR or IR agency listing its clients ("to
  Represent Life Sciences Clients at …", "clients presenting"; not a company's own customers:
  "serves our clients"), an event organiser naming its presenting companies.
  The trials it mentions are other companies' and never the release's own news.
- "analyst": a research firm's coverage of a company ("updates its coverage on …"). Its headline
  and lead speak of the coverage, so they name no topic phase; a change in its body is news only
  with a news marker or a date of the period ("Most recently the Company initiated …").
- "own": everything else.
One pass over at most the first two news blocks.
"""

from __future__ import annotations

import re
from typing import Literal

from classifiers.sentences import fold_case
from classifiers.zones import Block

Voice = Literal["own", "roundup", "analyst"]

ROUNDUP = re.compile(
    r"\b(?:client companies|represent\w* (?:[\w-]+ ){0,3}?clients?|"
    r"on behalf of (?:its|their) clients?|"
    r"clients? (?:presenting|participating|(?:will|to|that will) (?:present|participate|meet))|"
    r"portfolio companies|member companies|"
    r"(?:presenting|participating|featured|selected|showcased|exhibiting) (?:companies|issuers)|"
    r"companies (?:presenting|participating|selected to present|that will present)|"
    r"line-?up of (?:companies|issuers))\b"
)  # the releaser speaks for other companies
ANALYST = re.compile(
    r"\b(?:initiat|updat|reiterat|maintain|resum|assum|launch|expand)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:research )?coverage\b|\bcoverage (?:on|of)\b|\b(?:equity|sell-side) research\b|"
    r"\banalyst (?:note|report|update)\b|\bresearch (?:note|report|update)\b|"
    r"\bprice target\b"
)  # a research firm's note on a company
_TOPIC = ("headline", "lead")
_TOPIC_BLOCKS = 2


def parse_voice(text: str, blocks: list[Block]) -> Voice:
    """The voice of a release, read from its headline and lead."""
    topic = [b for b in blocks if b.zone in _TOPIC][:_TOPIC_BLOCKS]
    low = fold_case(" ".join(text[b.start : b.end] for b in topic))
    if ROUNDUP.search(low):
        return "roundup"
    if ANALYST.search(low):
        return "analyst"
    return "own"
