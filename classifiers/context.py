"""The document a classifier looks at: news sentences plus drug/indication lookups.

`Document.drug_near(i)` and `indication_near(i)` look in sentence i, then in its neighbours,
then fall back to the name mentioned most often in the document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from classifiers.boilerplate import parse_news_sentences
from classifiers.entities import find_drugs, find_indications
from classifiers.sentences import Sentence

_NEIGHBOURS = (0, 1, -1, 2, -2)


@dataclass(frozen=True)
class Document:
    """Non-boilerplate sentences of one text and the names found in each."""

    text: str
    sentences: list[Sentence]
    drugs: list[list[str]] = field(default_factory=list)
    indications: list[list[str]] = field(default_factory=list)

    def _near(self, names: list[list[str]], index: int, at: int | None) -> str | None:
        """The name in sentence `index` closest to offset `at`, else in a neighbour, else common."""
        for delta in _NEIGHBOURS:
            j = index + delta
            if 0 <= j < len(names) and names[j]:
                if delta == 0 and at is not None:
                    return _closest(self.sentences[j].text, names[j], at)
                return names[j][0]
        counts = Counter(name for group in names for name in group)
        return counts.most_common(1)[0][0] if counts else None

    def drug_near(self, index: int, at: int | None = None) -> str | None:
        """The drug most likely meant in sentence `index` (near offset `at` in it)."""
        return self._near(self.drugs, index, at)

    def indication_near(self, index: int, at: int | None = None) -> str | None:
        """The indication most likely meant in sentence `index` (near offset `at` in it)."""
        return self._near(self.indications, index, at)


def _closest(sentence: str, names: list[str], at: int) -> str:
    """Of `names`, the one whose first occurrence in `sentence` is nearest to `at`."""

    def distance(name: str) -> int:
        pos = sentence.find(name)
        return abs(pos - at) if pos >= 0 else len(sentence)

    return min(names, key=distance)


def parse_document(text: str) -> Document:
    """Split `text` into news sentences and find the names in each."""
    sentences = parse_news_sentences(text)
    return Document(
        text=text,
        sentences=sentences,
        drugs=[find_drugs(s.text) for s in sentences],
        indications=[find_indications(s.text) for s in sentences],
    )
