"""One pass over an HTML source's tags: mark block tags, and cap how deeply elements nest.

lexbor (like every HTML5 tree builder) looks through its stack of open elements at many tags,
so a page of a million nested <div>s (or of <b><p>… that never close) costs depth × tags and
does not finish. This pass keeps a model of that stack that is never shallower than lexbor's:
it pushes every non-void opening tag and pops only where lexbor surely pops. An opening tag that
would go deeper than `max_depth` is left out; its text stays. The text of a page does not depend
on how its elements nest (lexbor's text is the text nodes in document order, and tables are
renamed to divs and spans before parsing), so leaving tags out changes no text, with one
exception: a <template>, <noscript>, <svg> or <math> opened past the cap no longer changes how
its content is read (hidden, or foreign). Raw-text
elements (<textarea>, <xmp>…) are always kept, as they cannot nest. Real filings nest a few
dozen elements deep at most. The model's stack never exceeds `max_depth`, so each of its
look-ups is bounded and the pass is linear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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
# A closing tag is ignored when one of these sits above its element (lexbor's "scope"; </li>
# also stops at a list). More barriers than lexbor's only make the model pop less: safe.
_SCOPE = frozenset(
    {"button", "object", "applet", "marquee", "template", "select", "html", "foreignobject"}
    | {"desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "svg", "math"}
)
_LIST_SCOPE = _SCOPE | {"ul", "ol"}
_SIBLINGS = frozenset({"li", "dd", "dt", "option"})  # <li> after an open <li> closes it
# Opening one of these closes an open <p> (HTML's "close a p element").
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "center", "details", "dir", "div", "dl"}
    | {"fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"}
    | {"hr", "li", "dd", "dt", "main", "menu", "nav", "ol", "p", "pre", "section", "ul"}
)
# Their content is text to lexbor: tags in it are marked as before, but neither nest nor pop.
_RAW_TEXT = frozenset(
    {"textarea", "xmp", "iframe", "noembed", "noframes", "plaintext", "title", "script", "style"}
)


def cap_nesting(
    source: str, marks: Mapping[str, tuple[str, str]], max_depth: int = MAX_DEPTH
) -> str:
    """Rewrite each tag named in `marks` as (text before it, new name); drop too-deep openings."""
    names: list[str] = []  # the modelled stack of open elements, at most max_depth long
    raw = [""]  # the raw-text element we are in, if any

    def rewrite(match: re.Match[str]) -> str:
        closing, name = match.group(1), match.group(2).lower()
        marked = marks.get(name)
        marker, renamed = marked or ("", name)
        if raw[0]:
            if closing and renamed == raw[0]:
                raw[0] = ""
                names.pop()  # the raw-text element, pushed last
        elif closing:
            if names and names[-1] == renamed:
                names.pop()
            elif renamed in names:
                _close(names, renamed)
        elif not _open(names, renamed, max_depth):
            return marker
        elif renamed in _RAW_TEXT and "svg" not in names and "math" not in names:
            raw[0] = renamed  # (in SVG or MathML a <title> or <style> is an element)
        return f"{marker}<{closing}{renamed}{match.group(3)}" if marked else match.group(0)

    return _TAG.sub(rewrite, source)


def _open(names: list[str], name: str, max_depth: int) -> bool:
    """Model an opening tag; False when it would nest deeper than max_depth (leave it out)."""
    top = names[-1] if names else ""
    if (top == "p" and name in _CLOSES_P) or (top == name and name in _SIBLINGS):
        names.pop()  # a block closes an open <p>; a new <li> closes the open one
    if name in _VOID:
        return True
    if len(names) >= max_depth and name not in _RAW_TEXT:  # raw text holds no elements: +1 at most
        return False
    names.append(name)
    return True


def _close(names: list[str], name: str) -> None:
    """A closing tag that is not the top's: pop to its element where lexbor surely would."""
    index = len(names) - 1 - names[::-1].index(name)
    above = names[index + 1 :]
    if any(n in (_LIST_SCOPE if name == "li" else _SCOPE) for n in above):
        return  # out of scope: lexbor ignores it
    if name in _SPECIAL or (len(above) < _INLINE_LOOKUP and not any(n in _SPECIAL for n in above)):
        del names[index:]
