"""Text extraction runs in linear time on every bad shape, and its linear steps give the same
text as the plain regular expressions they replaced.

The timing test compares a document of each shape with one four times its size (best of 3
each, in CPU seconds of this process, so other processes on a loaded machine do not count):
linear work takes about 4x, quadratic work 16x; the bound is 12x. No absolute time limit:
benchmarks keep those (bench/bench_classify.py).
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.text_shapes import SHAPES
from watchers.text import _drop_hidden, _mark_pres, html_to_text, plain_to_text

SMALL, BIG = 250_000, 1_000_000
RATIO = 12.0  # linear: ~4; quadratic: ~16
NOISE_FLOOR = 1.0  # seconds; a 1 MB run under this is linear enough (quadratic took 89 s)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _best_of_3(convert: Callable[[str], str], text: str) -> float:
    times = []
    for _ in range(3):
        start = time.process_time()
        convert(text)
        times.append(time.process_time() - start)
    return min(times)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_one_megabyte_of_each_bad_shape_takes_linear_time(shape: str) -> None:
    """1 MB of the shape costs under 12x what 250 KB of it costs (quadratic would be 16x)."""
    kind, build = SHAPES[shape]
    convert = plain_to_text if kind == "plain" else html_to_text
    small, big = _best_of_3(convert, build(SMALL)), _best_of_3(convert, build(BIG))
    assert big < RATIO * small or big < NOISE_FLOOR, f"{shape}: {small:.3f} s → {big:.3f} s"


HTML_PIECES = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<p>",
        "</p>",
        "<span class=x>",
        "</span>",
        "<td>",
        "<tr>",
        "</tr>",
        "<table>",
        "</table>",
        "<li>",
        "<ul>",
        "</ul>",
        "<br>",
        "<br/>",
        "<i>",
        "</i>",
        "<font size=2>",
        "</font>",
        "<a href='#'>",
        "</a>",
        "<h2>",
        "</h2>",
        "<hr>",
        "word ",
        "x",
        " ",
        "\n",
        "Phase 2. ",
        "&nbsp;",
        "<sup>",
        "</sup>",
        "<center>",
        "<dd>",
        "</li>",
        "<ol>",
        "</ol>",
        "<textarea>",
        "</textarea>",
        "<button>",
        "</button>",
        "<select>",
        "<option>",
    ]
)


@PROPERTY
@given(st.lists(HTML_PIECES, max_size=300).map("".join))
def test_capping_the_nesting_changes_no_text(html: str) -> None:
    """Tags left out past the depth cap take no text with them (cap 3 vs no cap).

    Not <template>, <noscript>, <svg> or <math>: past the cap they no longer hide or change
    how their content is read (watchers/_nesting.py).
    """
    assert html_to_text(html, max_depth=3) == html_to_text(html, max_depth=10**9)


@given(st.integers(min_value=1, max_value=4000))
@settings(max_examples=10, deadline=None)
def test_deep_nesting_keeps_its_text(depth: int) -> None:
    """Text inside thousands of nested elements comes out whole."""
    html = "<div><b>" * depth + "Phase 2 started." + "</b></div>" * depth + "<p>after</p>"
    assert html_to_text(html) == "Phase 2 started.\n\nafter"


# The regular expressions the linear steps replaced, as they were (with <script>/<style>).
_OLD_DROP = re.compile(
    r"<ix:header\b.*?</ix:header\s*>|<head\b.*?</head\s*>|<title\b.*?</title\s*>"
    r"|<script\b.*?</script\s*>|<style\b.*?</style\s*>",
    re.IGNORECASE | re.DOTALL,
)
_OLD_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre\s*>)", re.IGNORECASE | re.DOTALL)
HIDDEN_PIECES = st.sampled_from(
    [
        "<head>",
        "</head>",
        "<HEAD >",
        "<title>",
        "</title >",
        "<script>",
        "</script>",
        "<style",
        "</style>",
        "<ix:header>",
        "</ix:header>",
        "<header>",
        "</header>",
        "<pre>",
        "<PRE x=1",
        "</pre>",
        "</pre >",
        ">",
        "text\n",
        "line one\nline two\n\n",
        "  Dose    3\n",
        "-",
    ]
)


@PROPERTY
@given(st.lists(HIDDEN_PIECES, max_size=60).map("".join))
def test_hidden_parts_are_cut_as_the_old_pattern_cut_them(html: str) -> None:
    """The one-pass cut of <head>/<title>/<script>/<style>/<ix:header> equals the regex's."""
    assert _drop_hidden(html) == _OLD_DROP.sub("", html)


@PROPERTY
@given(st.lists(HIDDEN_PIECES, max_size=60).map("".join))
def test_pre_blocks_are_marked_as_the_old_pattern_marked_them(html: str) -> None:
    """The one-pass <pre> marking equals the regex's."""

    def old(match: re.Match[str]) -> str:
        body = _old_join_wrapped(match.group(2))
        return (
            match.group(1) + body.replace("\n\n", "\ue000").replace("\n", "\ue002") + match.group(3)
        )

    assert _mark_pres(html) == _OLD_PRE.sub(old, html)


# plain_to_text as it was (quadratic: each line rescanned the text joined so far).
def _old_plain_to_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"(?im)^\s*<(PAGE|/?TABLE|/?CAPTION|S|C|FN)>\s*$", "", text)
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\xad]", "", text).replace("\xa0", " ")
    return _old_join_wrapped(text).strip()


def _old_join_wrapped(text: str) -> str:
    paragraphs = re.split(r"\n[ \t]*\n(?:[ \t]*\n)*", text.replace("\r\n", "\n"))
    return "\n\n".join(_old_join_lines(p.split("\n")) for p in paragraphs if p.strip())


def _old_join_lines(lines: list[str]) -> str:
    columns = re.compile(r"\S {3,}\S|\.{4,}|\t")
    out = lines[0].rstrip()
    for previous, line in itertools.pairwise(lines):
        keep_break = columns.search(previous.strip()) or columns.search(line.strip())
        item = re.match(r"^\s*(?:[-•*·o]|\(?[a-zA-Z0-9]{1,3}[.)])\s", line)
        if keep_break or item or not out.strip():
            out += "\n" + line.rstrip()
        elif re.search(r"[A-Za-z]-$", out):
            out += line.strip()
        else:
            out += " " + line.strip()
    return "\n".join(re.sub(r"[ \t]+", " ", part).strip() for part in out.split("\n"))


PLAIN_PIECES = st.sampled_from(
    [
        "word ",
        "first-in-",
        "\n",
        "\n\n",
        " \n",
        "\t",
        "   ",
        "<PAGE>",
        "<S>",
        " <C> ",
        "<FN>",
        "- item",
        "1. ",
        "(a) ",
        "Revenue    1,234",
        "....",
        "\r\n",
        "\r",
        "\xa0",
        "\u200b",
        "\f",
        "\v",
        "A-",
        "-",
        "x",
    ]
)


@PROPERTY
@given(st.lists(PLAIN_PIECES, max_size=200).map("".join))
def test_plain_text_is_tidied_as_before(text: str) -> None:
    """The linear plain_to_text gives the old quadratic one's text on any mix of its cases."""
    assert plain_to_text(text) == _old_plain_to_text(text)


@PROPERTY
@given(st.text(max_size=500))
def test_plain_text_of_any_unicode_is_as_before(text: str) -> None:
    """The same on arbitrary Unicode (white space of every kind included)."""
    assert plain_to_text(text) == _old_plain_to_text(text)
