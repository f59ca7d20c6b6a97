"""Plain text out of EDGAR documents: HTML (selectolax) or plain text, any of EDGAR's charsets.

Block elements become line breaks, paragraphs blank lines; source newlines are soft (old filings
wrap lines mid-sentence), so they collapse into spaces. Tables become one line per row.
"""

from __future__ import annotations

import itertools
import re

from selectolax.lexbor import LexborHTMLParser

_PARA, _LINE, _BR = "\ue000", "\ue001", "\ue002"
_PARA_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote"}
    | {"hr", "center", "pre", "caption"}
)
_TABLE_RENAMES = {"table": "div", "tr": "div", "td": "span", "th": "span", "caption": "div"}
_BLOCK = re.compile(
    r"<(/?)(p|div|br|tr|td|th|table|li|ul|ol|dl|dd|dt|h[1-6]|blockquote|hr|center|pre"
    r"|caption|section|article|header|footer|address|page)(?=[\s/>])",
    re.IGNORECASE,
)
# Hidden or non-content parts, cut before parsing so no marker lands in <head>.
_DROP = re.compile(
    r"<ix:header\b.*?</ix:header\s*>|<head\b.*?</head\s*>|<title\b.*?</title\s*>",
    re.IGNORECASE | re.DOTALL,
)
_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre\s*>)", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\xad]")
_MARKER_RUN = re.compile(r" *[\ue000-\ue002][ \ue000-\ue002]*")
_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SINGLE_BYTE_WESTERN = frozenset(
    {"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1"}
    | {"windows-1252", "cp1252"}
)
_HTML_SNIFF = re.compile(r"<(html|body|p|div|font|table|br|span)\b", re.IGNORECASE)
_BINARY_SUFFIXES = (".jpg", ".jpeg", ".gif", ".png", ".pdf", ".zip", ".xls", ".xlsx", ".bmp")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*·o]|\(?[a-zA-Z0-9]{1,3}[.)])\s")
_COLUMNS = re.compile(r"\S {3,}\S|\.{4,}|\t")


def decode_bytes(body: bytes) -> str:
    """Decode a document: its declared charset, else UTF-8, else windows-1252 (never raises)."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16", errors="replace")  # the byte-order mark says it all
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


def html_to_text(html: str | bytes) -> str:
    """Readable text of an HTML document: blocks end lines, paragraphs end with a blank line."""
    source = decode_bytes(html) if isinstance(html, bytes) else html
    source = _DROP.sub("", source)
    source = _PRE.sub(_mark_pre, source)
    source = _BLOCK.sub(_mark_block, source)
    tree = LexborHTMLParser(source)
    tree.strip_tags(["script", "style", "noscript", "template", "head"])
    root = tree.body or tree.root
    raw = root.text(deep=True, separator="", strip=False) if root is not None else ""
    return _finish(raw)


def _mark_block(match: re.Match[str]) -> str:
    """Put a line/paragraph marker before a block tag; rename table tags so nothing is fostered."""
    closing, name = match.group(1), match.group(2).lower()
    marker = _BR if name == "br" else _PARA if name in _PARA_TAGS else _LINE
    if name in ("td", "th"):
        marker = " "
    renamed = _TABLE_RENAMES.get(name, name)
    return f"{marker}<{closing}{renamed}"


def _mark_pre(match: re.Match[str]) -> str:
    """Keep the line structure of <pre> text, joining its mid-sentence wraps."""
    body = _join_wrapped(match.group(2))
    return match.group(1) + body.replace("\n\n", _PARA).replace("\n", _BR) + match.group(3)


def _finish(raw: str) -> str:
    """Collapse whitespace, then turn marker runs into one or two newlines."""
    text = _ZERO_WIDTH.sub("", raw)
    text = _SPACE.sub(" ", text)
    text = _MARKER_RUN.sub(_resolve_markers, text)
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def _resolve_markers(match: re.Match[str]) -> str:
    """A run of markers: a block ensures a line break, <br> adds one, a paragraph a blank line."""
    newlines = 0
    for char in match.group(0):
        if char == _LINE:
            newlines = max(newlines, 1)
        elif char == _BR:
            newlines += 1
        elif char == _PARA:
            newlines = max(newlines, 2)
    return "\n" * min(newlines, 2)


def plain_to_text(text: str) -> str:
    """Tidy a plain-text document: paragraphs kept, mid-sentence line wraps joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"(?im)^\s*<(PAGE|/?TABLE|/?CAPTION|S|C|FN)>\s*$", "", text)
    text = _ZERO_WIDTH.sub("", text).replace("\xa0", " ")
    return _join_wrapped(text).strip()


def _join_wrapped(text: str) -> str:
    """Join lines within each paragraph unless they look like list items or table rows."""
    paragraphs = re.split(r"\n[ \t]*\n(?:[ \t]*\n)*", text.replace("\r\n", "\n"))
    return "\n\n".join(_join_lines(p.split("\n")) for p in paragraphs if p.strip())


def _join_lines(lines: list[str]) -> str:
    out = lines[0].rstrip()
    for previous, line in itertools.pairwise(lines):
        keep_break = _COLUMNS.search(previous.strip()) or _COLUMNS.search(line.strip())
        if keep_break or _LIST_ITEM.match(line) or not out.strip():
            out += "\n" + line.rstrip()
        elif re.search(r"[A-Za-z]-$", out):
            out += line.strip()  # "first-in-\nhuman": keep the hyphen, drop the break
        else:
            out += " " + line.strip()
    return "\n".join(re.sub(r"[ \t]+", " ", part).strip() for part in out.split("\n"))


def is_html(text: str, filename: str = "") -> bool:
    """True when a document should be read as HTML (by extension, else by sniffing)."""
    lowered = filename.lower()
    if lowered.endswith((".htm", ".html", ".xhtml")):
        return True
    if lowered.endswith(".txt"):
        return False
    return bool(_HTML_SNIFF.search(text[:2048]))


def document_text(body: bytes | str, filename: str) -> str:
    """Plain text of a fetched document (HTML or text, charset decoded); "" for binaries."""
    if filename.lower().endswith(_BINARY_SUFFIXES):
        return ""
    text = decode_bytes(body) if isinstance(body, bytes) else body
    return html_to_text(text) if is_html(text, filename) else plain_to_text(text)
