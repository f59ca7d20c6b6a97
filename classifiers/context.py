"""The document a classifier looks at: news sentences (with their zones) plus name lookups.

`parse_text(text)` keeps the sentences of the news zones (headline, bullets, lead, body,
quotes; see zones.py), so boilerplate never yields an event, and reads the dateline's `date`.

`ParsedText.drug_near(i)` and `indication_near(i)` look in sentence i, then in its neighbours,
then fall back to the name mentioned most often in the document's trial sentences. Names are
found lazily, so a long document pays only for the sentences that carry an event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from classifiers.boilerplate import parse_candidate_sentences
from classifiers.entities import find_drugs, find_indications
from classifiers.sentences import Sentence, fold_case
from classifiers.voice import Voice, parse_voice
from classifiers.zones import Zone, parse_date, parse_zones

_NEIGHBOURS = (0, 1, -1, 2, -2)
_TRIAL_WORDS = re.compile("phase|tolera|mtd|first patient")
_COMMON_SAMPLE = 15  # sentences looked at for the document's most common name
_Finder = Callable[[str], list[str]]


@dataclass(frozen=True)
class ParsedText:
    """Non-boilerplate sentences of one text (and their lower-case forms) with name caches."""

    text: str
    sentences: list[Sentence]
    lowered: list[str]
    low: str = ""  # the whole text lower-cased, offsets kept (sentences.fold_case)
    zones: list[Zone] = field(default_factory=list)  # the zone of each news sentence
    date: date | None = None  # the dateline's date
    whole: bool = False  # a whole release (it has About, safe-harbor, contact or footer zones)
    voice: Voice = "own"  # whose news it tells: its own, an agency's roundup, an analyst's note
    _names: dict[tuple[str, int], list[str]] = field(default_factory=dict, repr=False)

    def _names_in(self, finder: _Finder, index: int) -> list[str]:
        """Names `finder` sees in sentence `index`, cached."""
        key = (finder.__name__, index)
        if key not in self._names:
            self._names[key] = finder(self.sentences[index].text)
        return self._names[key]

    def _common(self, finder: _Finder) -> str | None:
        """The name `finder` sees most often in sentences about trials, cached."""
        key = (finder.__name__, -1)
        if key not in self._names:
            counts: Counter[str] = Counter()
            sampled = 0
            for i, low in enumerate(self.lowered):
                if _TRIAL_WORDS.search(low):
                    counts.update(self._names_in(finder, i))
                    sampled += 1
                    if sampled == _COMMON_SAMPLE:
                        break
            self._names[key] = [counts.most_common(1)[0][0]] if counts else []
        found = self._names[key]
        return found[0] if found else None

    def _near(
        self, finder: _Finder, index: int, at: int | None, drugs: tuple[str, ...] = ()
    ) -> str | None:
        """The name in sentence `index` closest to `at`, else in a neighbour, else common;
        with the sentence's `drugs`, neighbours about other drugs only are passed over, and
        the common name is taken only when the document's common drug is one of them."""
        for delta in _NEIGHBOURS:
            j = index + delta
            if not 0 <= j < len(self.sentences) or (delta and self._about_others(j, drugs)):
                continue
            names = self._names_in(finder, j)
            if delta == 0:
                names = _products(self.sentences[j].text, names)
            if names:
                if delta == 0 and at is not None:
                    return _closest(self.sentences[j].text, names, at)
                return names[0]
        if drugs and self._common(find_drugs) not in drugs:
            return None
        return self._common(finder)

    def _about_others(self, index: int, drugs: tuple[str, ...]) -> bool:
        """Whether sentence `index` names drugs, none of them one of `drugs`."""
        names = self._names_in(find_drugs, index) if drugs else []
        return bool(names) and not any(n in drugs for n in names)

    def drug_near(self, index: int, at: int | None = None) -> str | None:
        """The drug most likely meant in sentence `index` (near offset `at` in it)."""
        return self._near(find_drugs, index, at)

    def drug_in(self, index: int, at: int | None = None) -> str | None:
        """The drug named in sentence `index` itself (closest to `at`), or None."""
        names = _products(self.sentences[index].text, self._names_in(find_drugs, index))
        if not names:
            return None
        return _closest(self.sentences[index].text, names, at) if at is not None else names[0]

    def indication_near(self, index: int, at: int | None = None) -> str | None:
        """The indication most likely meant in sentence `index` (near offset `at` in it): not
        one a neighbour gives another drug ("… AB-1 in psoriasis. Initiated … of CD-2")."""
        drugs = tuple(self._names_in(find_drugs, index))
        return self._near(find_indications, index, at, drugs)


_COMPARATOR = re.compile(
    r"(?:versus|vs\.?|compared (?:to|with)|placebo|comparator|standard of care|against|"
    r"instead of|rather than|over|(?:relapsed|progressed|failed) (?:from|after|on)|refractory to|"
    r"resistant to|intolerant (?:of|to)|prior|previously treated with)\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)


def _products(sentence: str, names: list[str]) -> list[str]:
    """`names` without those named as a comparator or a prior therapy ("versus X",
    "relapsed from X-based treatment")."""

    def compared(name: str) -> bool:
        pos = sentence.find(name)
        return pos > 0 and _COMPARATOR.search(sentence, max(0, pos - 40), pos) is not None

    return [n for n in names if not compared(n)]


def _closest(sentence: str, names: list[str], at: int) -> str:
    """Of `names`, the one whose first occurrence in `sentence` is nearest to `at`."""

    def distance(name: str) -> int:
        pos = sentence.find(name)
        return abs(pos - at) if pos >= 0 else len(sentence)

    return min(names, key=distance)


_WHOLE_RELEASE_ZONES = frozenset({"about", "forward_looking", "contacts", "footer"})


def parse_text(text: str, gate: tuple[str, ...] | None = None) -> ParsedText:
    """Split `text` into zoned sentences and keep the news ones, ready for the classifiers;
    with a `gate`, only the news blocks that hold one of its words are split at all."""
    low = fold_case(text)
    blocks = parse_zones(text)
    news = parse_candidate_sentences(text, blocks, gate, low)
    return ParsedText(
        text=text,
        sentences=[s for s, _ in news],
        lowered=[fold_case(s.text) for s, _ in news],
        low=low,
        zones=[zone for _, zone in news],
        date=parse_date(text),
        whole=any(b.zone in _WHOLE_RELEASE_ZONES for b in blocks),
        voice=parse_voice(text, blocks),
    )
