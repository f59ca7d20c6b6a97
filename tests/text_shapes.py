"""Documents of the shapes that make text extraction slow, at any size (shared by tests and bench).

Each shape is (kind, build): kind is "plain" (plain_to_text) or "html" (html_to_text), and
build(n) returns a document of about n characters.
"""

from __future__ import annotations

from collections.abc import Callable

Build = Callable[[int], str]

_PROSE = "The company announced today that the first patient was dosed in the trial\n"


def _repeat(unit: str, n: int, head: str = "", foot: str = "") -> str:
    return head + unit * max(1, (n - len(head) - len(foot)) // len(unit)) + foot


def _nested(opening: str, closing: str, n: int) -> str:
    depth = max(1, (n - 1) // (len(opening) + len(closing)))
    return opening * depth + "x" + closing * depth


SHAPES: dict[str, tuple[str, Build]] = {
    "plain: no blank lines": ("plain", lambda n: _repeat(_PROSE, n)),
    "plain: many short lines": ("plain", lambda n: _repeat("a\n", n)),
    "plain: only blank lines": ("plain", lambda n: _repeat("\n", n, "a", "b")),
    "plain: hyphen wraps": ("plain", lambda n: _repeat("first-in-\n", n)),
    "plain: table rows": ("plain", lambda n: _repeat("Revenue    1,234    5,678\n", n)),
    "plain: one giant token": ("plain", lambda n: "x" * n),
    "html: one giant table": (
        "html",
        lambda n: _repeat("<tr><td>1.0</td><td>2.0</td></tr>", n, "<table>", "</table>"),
    ),
    "html: unclosed table cells": ("html", lambda n: _repeat("<TR><TD>1<TD>2", n, "<TABLE>")),
    "html: deep nesting": ("html", lambda n: _nested("<div>", "</div>", n)),
    "html: unclosed <b><p>": ("html", lambda n: _repeat("<b><p>x</p>", n)),
    "html: run of <span>": ("html", lambda n: _repeat("<span>", n)),
    "html: run of <br>": ("html", lambda n: _repeat("<br>", n, "a", "b")),
    "html: unclosed <head>": ("html", lambda n: _repeat("<head>", n)),
    "html: unclosed <pre": ("html", lambda n: _repeat("<pre", n)),
    "html: one giant token": ("html", lambda n: "<p>" + "x" * n + "</p>"),
    "html: misnested </li>": ("html", lambda n: _repeat("<li><ul></li>", n)),
    "html: </div> in a <textarea>": (
        "html",
        lambda n: _repeat("<div><textarea></div></textarea>", n),
    ),
    "html: blocks under deep inline tags": (
        "html",
        lambda n: _repeat("<div>x</div>", n, "<span>" * 1000),
    ),
    "html: </b> past a block": ("html", lambda n: _repeat("<b><div></b>", n)),
}
