"""One pass over an HTML source's tags: mark them, and cap how deeply elements nest.

lexbor (like every HTML5 tree builder) looks through its stack of open elements at each tag, so
a page of a million nested <div>s (or of <b><p>… that never close) costs depth × tags and does
not finish. This pass keeps a model of that stack that is never shallower than lexbor's: it
pushes every non-void opening tag, and pops only where lexbor surely pops. An opening tag that
would go deeper than MAX_DEPTH is left out; its text stays. The text of a page does not depend
on how its elements nest (lexbor's text is the text nodes in document order), so leaving tags
out changes no text. Real filings nest a few dozen elements deep at most.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_DEPTH = 256
_INLINE_LOOKUP = 4  # an inline closing tag pops only an element this near the top

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)(?=[\s/>])([^<>]*>?)")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image"}
)
# lexbor's "special" elements: an inline closing tag never pops past one.
_SPECIAL = frozenset(
    {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir"}
    | {"div", "dl", "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5"}
    | {"h6", "header", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"}
    | {"html", "td", "th", "tr", "caption", "button", "object", "applet", "marquee", "select"}
)
# A closing tag is ignored when one of these sits above its element (lexbor's "scope").
_SCOPE = frozenset({"button", "object", "applet", "marquee", "template", "select", "html"})
_SIBLINGS = frozenset({"p", "li", "dd", "dt", "option"})  # <li> after an open <li> closes it

Marker = Callable[[str, str], tuple[str, str]]


class _Stack:
    """The modelled stack of open elements, with each name's positions for O(1) lookups."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.names: list[str] = []
        self.where: dict[str, list[int]] = {}
        self.scopes: list[int] = [-1]

    def push(self, name: str) -> None:
        self.where.setdefault(name, []).append(len(self.names))
        if name in _SCOPE:
            self.scopes.append(len(self.names))
        self.names.append(name)

    def pop_to(self, name: str) -> None:
        """Pop elements until one called `name` has been popped."""
        while self.names:
            top = self.names.pop()
            self.where[top].pop()
            if self.scopes[-1] == len(self.names):
                self.scopes.pop()
            if top == name:
                return

    def open(self, name: str) -> bool:
        """Model an opening tag; False when it would nest deeper than max_depth."""
        names = self.names
        if names and names[-1] in _SIBLINGS and (names[-1] == name or name in _SPECIAL):
            self.pop_to(names[-1])  # a new <li> closes the last; a block closes a <p>
        if name in _VOID:
            return True
        if len(names) >= self.max_depth:
            return False
        self.push(name)
        return True

    def close(self, name: str) -> None:
        """Model a closing tag: pop to its element when lexbor surely would."""
        places = self.where.get(name)
        if not places or places[-1] < self.scopes[-1]:
            return
        if name in _SPECIAL:
            self.pop_to(name)
            return
        above = (
            self.names[places[-1] + 1 :] if len(self.names) - places[-1] <= _INLINE_LOOKUP else None
        )
        if above is not None and not any(n in _SPECIAL for n in above):
            self.pop_to(name)


def cap_nesting(source: str, mark: Marker, max_depth: int = MAX_DEPTH) -> str:
    """Rewrite each tag as `mark(closing, name)` says, leaving out those nested too deep.

    `mark` returns the text to put before the tag and the name the tag should take.
    """
    stack = _Stack(max_depth)

    def rewrite(match: re.Match[str]) -> str:
        closing, name = match.group(1), match.group(2).lower()
        marker, renamed = mark(closing, name)
        if closing:
            stack.close(renamed)
        elif not stack.open(renamed):
            return marker
        return f"{marker}<{closing}{renamed}{match.group(3)}"

    return _TAG.sub(rewrite, source)
