"""Plain text out of EDGAR documents: HTML (selectolax) or plain text, any of EDGAR's charsets.

Block elements become line breaks, paragraphs blank lines; source newlines are soft (old filings
wrap lines mid-sentence), so they collapse into spaces. Tables become one line per row.

Every step is linear in the size of the document: no pattern that can rescan what it has passed,
no per-line work on what was built so far, and HTML nesting is capped at MAX_DEPTH open elements
before lexbor sees it (its tree builder scans the stack of open elements at every tag).
"""

from __future__ import annotations

import codecs
import itertools
import re

from selectolax.lexbor import LexborHTMLParser

from watchers._nesting import MAX_DEPTH, cap_nesting

_PARA, _LINE, _BR = "\ue000", "\ue001", "\ue002"
_PARA_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote"}
    | {"hr", "center", "pre", "caption"}
)
_BLOCK_TAGS = _PARA_TAGS | frozenset(
    {"div", "br", "tr", "td", "th", "li", "dd", "dt", "section", "article", "header", "footer"}
    | {"address", "page"}
)
_TABLE_RENAMES = {"table": "div", "tr": "div", "td": "span", "th": "span", "caption": "div"}


def _block_mark(name: str) -> tuple[str, str]:
    """(marker to put before the tag, name to give it): tables become divs and spans."""
    marker = _BR if name == "br" else _PARA if name in _PARA_TAGS else _LINE
    return " " if name in ("td", "th") else marker, _TABLE_RENAMES.get(name, name)


_BLOCK_MARKS = {name: _block_mark(name) for name in _BLOCK_TAGS}
# Hidden or non-content parts, cut before parsing so no marker lands in <head>.
_HIDDEN_OPEN = re.compile(r"<(ix:header|head|title|script|style)\b", re.IGNORECASE)
_HIDDEN_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("ix:header", "head", "title", "script", "style")
}
_PRE_OPEN = re.compile(r"<pre\b", re.IGNORECASE)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)
_WHITE = r"\t\r\n\f\v\xa0\u2000-\u200a\u202f\u205f\u3000"
# Runs of white space to make one space; a lone " " already is one (and is most of them).
_SPACE = re.compile(rf" [ {_WHITE}]+|[{_WHITE}][ {_WHITE}]*")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\xad]")
_MARKER_RUN = re.compile(r" *[\ue000-\ue002][ \ue000-\ue002]*")
_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SINGLE_BYTE_WESTERN = frozenset(
    {"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1"}
    | {"windows-1252", "cp1252"}
)
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SUBMISSION = re.compile(  # old submissions open with a PEM preamble
    rb"\s*(?:-----BEGIN PRIVACY-ENHANCED MESSAGE-----.*?)?"
    rb"<(?:SEC-DOCUMENT|IMS-DOCUMENT|SEC-HEADER|IMS-HEADER|DOCUMENT|TYPE)>",
    re.DOTALL,
)
_HTML_SNIFF = re.compile(r"<(html|body|p|div|font|table|br|span)\b", re.IGNORECASE)
_BINARY_SUFFIXES = (".jpg", ".jpeg", ".gif", ".png", ".pdf", ".zip", ".xls", ".xlsx", ".bmp")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*·o]|\(?[a-zA-Z0-9]{1,3}[.)])\s")
_COLUMNS = re.compile(r"\S {3,}\S|\.{4,}|\t")
# An SGML tag alone on its line; [^\S\n] is white space within the line, so no rescanning.
_SGML_LINE = re.compile(r"(?im)^[^\S\n]*<(PAGE|/?TABLE|/?CAPTION|S|C|FN)>[^\S\n]*$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
_HYPHEN_END = re.compile(r"[A-Za-z]-$")
_BLANKS = re.compile(r"[ \t]{2,}|\t")  # to one space; a lone " " is left as it is


def decode_bytes(body: bytes) -> str:
    """Decode a document: its BOM, its declared charset, else UTF-8, else cp1252 (never raises)."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace")
    declared = _CHARSET.search(body[:4096])
    name = declared.group(1).decode("ascii").lower() if declared else ""
    if name.startswith(("utf-16", "utf16", "utf-32", "utf32")) and not _looks_wide(body):
        name = ""  # "<meta charset=utf-16>" on single-byte text: the label is wrong, not the text
    # A declared ASCII/Latin-1 page that decodes as UTF-8 is UTF-8; Latin-1 means windows-1252.
    order = ["utf-8", "cp1252"] if not name or name in _SINGLE_BYTE_WESTERN else [name, "utf-8"]
    for encoding in [*order, "cp1252"]:
        try:
            return body.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start >= len(body) - 3 and "end" in exc.reason:
                return body[: exc.start].decode("utf-8").removeprefix("\ufeff")  # cut at a cap
        except LookupError:
            continue
    return body.decode("cp1252", errors="replace")


def _looks_wide(body: bytes) -> bool:
    """True when bytes can be UTF-16/32: a byte-order mark, or NULs among the first bytes."""
    head = body[:4096]
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head


def html_to_text(html: str | bytes, *, max_depth: int = MAX_DEPTH) -> str:
    """Readable text of an HTML document: blocks end lines, paragraphs end with a blank line.

    Elements nested deeper than max_depth lose their tags, not their text.
    """
    source = decode_bytes(html) if isinstance(html, bytes) else html
    source = _drop_hidden(source)
    source = _mark_pres(source)
    source = cap_nesting(source, _BLOCK_MARKS, max_depth)
    tree = LexborHTMLParser(source)
    tree.strip_tags(["script", "style", "noscript", "template", "head"])
    root = tree.body or tree.root
    raw = root.text(deep=True, separator="", strip=False) if root is not None else ""
    return _finish(raw)


def _drop_hidden(source: str) -> str:
    """Cut <head>, <title>, <script>, <style> and <ix:header> up to their first closing tag.

    One forward scan: a kind of element with no closing tag left is not looked for again.
    """
    parts: list[str] = []
    pos, unclosed = 0, set()
    for opening in _HIDDEN_OPEN.finditer(source):
        name = opening.group(1).lower()
        if opening.start() < pos or name in unclosed:
            continue
        closing = _HIDDEN_CLOSE[name].search(source, opening.end())
        if closing is None:
            unclosed.add(name)
            continue
        parts.append(source[pos : opening.start()])
        pos = closing.end()
    parts.append(source[pos:])
    return "".join(parts)


def _mark_pres(source: str) -> str:
    """Keep the line structure of each <pre>…</pre>, joining its mid-sentence wraps."""
    parts: list[str] = []
    pos = 0
    while (opening := _PRE_OPEN.search(source, pos)) is not None:
        body_start = source.find(">", opening.end()) + 1
        closing = _PRE_CLOSE.search(source, body_start) if body_start else None
        if closing is None:
            break  # no later <pre> can be closed either
        body = _join_wrapped(source[body_start : closing.start()])
        parts += [source[pos:body_start], body.replace("\n\n", _PARA).replace("\n", _BR)]
        parts.append(closing.group(0))
        pos = closing.end()
    parts.append(source[pos:])
    return "".join(parts)


def _finish(raw: str) -> str:
    """Collapse whitespace, then turn marker runs into one or two newlines."""
    text = _ZERO_WIDTH.sub("", raw)
    text = _SPACE.sub(" ", text)
    text = _MARKER_RUN.sub(_resolve_markers, text)
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def _resolve_markers(match: re.Match[str]) -> str:
    """A run of markers: a block ensures a line break, <br> adds one, a paragraph a blank line."""
    run = match.group(0)
    if _PARA in run or run.count(_BR) >= 2:
        return "\n\n"
    first_br = run.find(_BR)
    return "\n\n" if first_br >= 0 and _LINE in run[:first_br] else "\n"


def plain_to_text(text: str) -> str:
    """Tidy a plain-text document: paragraphs kept, mid-sentence line wraps joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SGML_LINE.sub("", text)
    text = _ZERO_WIDTH.sub("", text).replace("\xa0", " ")
    return _join_wrapped(text).strip()


def _join_wrapped(text: str) -> str:
    """Join lines within each paragraph unless they look like list items or table rows."""
    paragraphs = _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n"))
    return "\n\n".join(_join_lines(p.split("\n")) for p in paragraphs if p.strip())


def _join_lines(lines: list[str]) -> str:
    """One paragraph's lines: joined with a space, a hyphen wrap without one, rows kept apart."""
    parts = [lines[0].rstrip()]
    blank = not parts[0].strip()  # everything so far is white space
    tail = parts[0][-3:]  # enough of the output to see a word ending in "-"
    for previous, line in itertools.pairwise(lines):
        keep_break = _has_columns(previous) or _has_columns(line)
        if keep_break or _LIST_ITEM.match(line) or blank:
            piece = "\n" + line.rstrip()
        elif _HYPHEN_END.search(tail):
            piece = line.strip()  # "first-in-\nhuman": keep the hyphen, drop the break
        else:
            piece = " " + line.strip()
        parts.append(piece)
        blank = blank and not piece.strip()
        tail = (tail + piece)[-3:]
    out = "".join(parts)
    return "\n".join(_one_space(part) for part in out.split("\n"))


def _has_columns(line: str) -> bool:
    """True for a table row or dot leaders ("Revenue    1,234", "Total....3"), tabs included."""
    if "   " not in line and "...." not in line and "\t" not in line:
        return False  # the substring checks run at C speed; most lines stop here
    return _COLUMNS.search(line.strip()) is not None


def _one_space(line: str) -> str:
    """The line with runs of blanks made one space, stripped."""
    return (_BLANKS.sub(" ", line) if "  " in line or "\t" in line else line).strip()


def is_html(text: str, filename: str = "") -> bool:
    """True when a document should be read as HTML (by extension, else by sniffing)."""
    lowered = filename.lower()
    if lowered.endswith((".htm", ".html", ".xhtml")):
        return True
    if lowered.endswith(".txt"):
        return False
    return bool(_HTML_SNIFF.search(text[:2048]))


def is_submission(body: bytes) -> bool:
    """True when the bytes are a full EDGAR submission .txt or a slice of one ("<TYPE>EX-99.1…")."""
    return _SUBMISSION.match(body.removeprefix(codecs.BOM_UTF8)[:4096]) is not None


def document_text(body: bytes | str, filename: str) -> str:
    """Plain text of a fetched document (HTML or text, charset decoded); "" for binaries."""
    if filename.lower().endswith(_BINARY_SUFFIXES):
        return ""
    text = decode_bytes(body) if isinstance(body, bytes) else body
    return html_to_text(text) if is_html(text, filename) else plain_to_text(text)
