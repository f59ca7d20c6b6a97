"""Parse a filing's -index.htm page: dates, items, filer and the table of documents."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from watchers._common import find_accession, parse_date, parse_eastern, parse_items
from watchers.types import IndexDocument, IndexPage

# "JPMORGAN CHASE & CO (Filer)\n CIK: 0000019617 (see all company filings)"
_COMPANY = re.compile(r"^(?P<name>.*?)\s*\((?P<role>[^()]+)\)\s*CIK\s*:\s*(?P<cik>\d+)", re.DOTALL)
_FORM = re.compile(r"Form\s+(\S.*)$")
_SPACES = re.compile(r"\s+")


def parse_index_page(html: str | bytes, base_url: str) -> IndexPage:
    """Parse an EDGAR filing index page; relative links are made absolute against base_url.

    The page has <div class="infoHead">Accepted</div><div class="info">2026-06-25 07:59:33</div>
    (US/Eastern) and "tableFile" tables with columns Seq, Description, Document, Type, Size.
    """
    tree = LexborHTMLParser(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    info = _info(tree)
    title = tree.css_first("title")
    sec_num = tree.css_first("#secNum")
    accession = find_accession(sec_num.text() if sec_num else "") or find_accession(
        title.text() if title else ""
    )
    return IndexPage(
        accession=accession or "",
        form=_form(tree),
        filed=parse_date(info.get("Filing Date")),
        accepted=parse_eastern(info.get("Accepted", ""), "%Y-%m-%d %H:%M:%S"),
        period=parse_date(info.get("Period of Report")),
        items=parse_items(info.get("Items")),
        companies=_companies(tree),
        documents=tuple(
            doc
            for table in tree.css("table.tableFile")
            for row in table.css("tr")
            if (doc := _document(row, base_url)) is not None
        ),
    )


def _info(tree: LexborHTMLParser) -> dict[str, str]:
    """Map each infoHead label to the text of the info div that follows it."""
    found: dict[str, str] = {}
    for head in tree.css("div.infoHead"):
        value = head.next
        while value is not None and value.tag != "div":
            value = value.next
        if value is not None:
            found[head.text(strip=True)] = value.text(separator=" ").strip()
    return found


def _form(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("#formName strong")
    if node is None:
        return None
    match = _FORM.match(node.text(strip=True))
    return match.group(1).strip() if match else None


def _companies(tree: LexborHTMLParser) -> tuple[tuple[int, str, str], ...]:
    found = []
    for span in tree.css("span.companyName"):
        match = _COMPANY.match(span.text(separator=" ").strip())
        if match:
            found.append((int(match["cik"]), match["name"].strip(), match["role"].strip()))
    return tuple(found)


def _document(row: LexborNode, base_url: str) -> IndexDocument | None:
    """One IndexDocument from a tableFile row; None for the header row."""
    cells = row.css("td")
    if len(cells) < 5:
        return None
    link = cells[2].css_first("a")
    if link is None:
        return None
    seq, size = cells[0].text(strip=True), cells[4].text(strip=True)
    return IndexDocument(
        seq=int(seq) if seq.isdigit() else None,
        description=_SPACES.sub(" ", cells[1].text(separator=" ")).strip(),
        filename=link.text(strip=True),
        url=urljoin(base_url, unwrap_ix(link.attributes.get("href") or "")),
        type=cells[3].text(strip=True).replace("\xa0", ""),
        size=int(size) if size.isdigit() else None,
    )


def unwrap_ix(href: str) -> str:
    """Turn the inline-XBRL viewer link "/ix?doc=/Archives/…" into "/Archives/…"."""
    parts = urlsplit(href)
    if parts.path.rstrip("/").endswith("/ix") or parts.path == "ix":
        doc = parse_qs(parts.query).get("doc")
        if doc:
            return doc[0]
    return href
