"""Parse a full submission `<accession>.txt`: the SGML header and every <DOCUMENT> in it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from watchers._common import find_accession, parse_date, parse_eastern, parse_items
from watchers.errors import DocumentError
from watchers.text import decode_bytes
from watchers.types import Submission, SubmissionDocument

_ACCEPTANCE = re.compile(rb"<ACCEPTANCE-DATETIME>\s*(\d{14})")
_HEADER_END = re.compile(rb"</SEC-HEADER>|</IMS-HEADER>")
_DOCUMENT = re.compile(rb"<DOCUMENT>")
_TAG_LINE = re.compile(rb"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*(.*?)[ \t]*\r?$", re.M)
_TEXT_START = re.compile(rb"<TEXT>\r?\n?")
_TEXT_END = re.compile(rb"</TEXT>")
_WRAPPERS = (b"XBRL", b"XML", b"PDF")
_UUENCODED = re.compile(rb"^\s*begin [0-7]{3,4} \S")
_BLOCK_RANK = {"FILER": 0, "SUBJECT COMPANY": 1, "ISSUER": 2}

# ITEM INFORMATION lines give 8-K item titles, not numbers; titles have changed over time.
_ITEM_TITLES = (
    ("entry into a material definitive", "1.01"),
    ("termination of a material definitive", "1.02"),
    ("bankruptcy or receivership", "1.03"),
    ("mine safety", "1.04"),
    ("cybersecurity incident", "1.05"),
    ("completion of acquisition or disposition", "2.01"),
    ("results of operations and financial condition", "2.02"),
    ("creation of a direct financial obligation", "2.03"),
    ("triggering events", "2.04"),
    ("costs associated with exit or disposal", "2.05"),
    ("material impairments", "2.06"),
    ("notice of delisting", "3.01"),
    ("unregistered sales of equity", "3.02"),
    ("material modification to rights", "3.03"),
    ("changes in registrant's certifying accountant", "4.01"),
    ("non-reliance on previously issued", "4.02"),
    ("changes in control of registrant", "5.01"),
    ("departure of directors", "5.02"),
    ("amendments to articles of incorporation", "5.03"),
    ("temporary suspension of trading", "5.04"),
    ("code of ethics", "5.05"),
    ("change in shell company status", "5.06"),
    ("submission of matters to a vote", "5.07"),
    ("shareholder director nominations", "5.08"),
    ("regulation fd disclosure", "7.01"),
    ("other events", "8.01"),
    ("financial statements and exhibits", "9.01"),
)


def parse_submission(body: bytes) -> Submission:
    """Parse a full submission .txt (header + documents); a truncated body gives truncated docs.

    The header reads "<ACCEPTANCE-DATETIME>20260625075933" (US/Eastern), then tab-separated
    lines such as "CONFORMED SUBMISSION TYPE:\t8-K" and "ITEM INFORMATION:\tOther Events".
    """
    header_end = _HEADER_END.search(body)
    header = body[: header_end.start()] if header_end else b""
    documents = _documents(body[header_end.end() :] if header_end else body)
    if not header and not documents:
        raise DocumentError("not an EDGAR submission: no SEC-HEADER and no <DOCUMENT>")
    fields, blocks = _header_fields(header.decode("latin-1"))
    company = _main_company(blocks)
    descriptions = tuple(fields.get("ITEM INFORMATION", []))
    accepted = _ACCEPTANCE.search(header)
    return Submission(
        accession=find_accession(_first(fields, "ACCESSION NUMBER")) or "",
        form=_first(fields, "CONFORMED SUBMISSION TYPE"),
        ciks=tuple(dict.fromkeys(int(b["CENTRAL INDEX KEY"]) for b in blocks if _has_cik(b))),
        company=company.get("COMPANY CONFORMED NAME", ""),
        sic=_sic(company)[0],
        sic_description=_sic(company)[1],
        filed=parse_date(_first(fields, "FILED AS OF DATE"), "%Y%m%d"),
        accepted=parse_eastern(accepted.group(1).decode(), "%Y%m%d%H%M%S") if accepted else None,
        period=parse_date(_first(fields, "CONFORMED PERIOD OF REPORT"), "%Y%m%d"),
        item_descriptions=descriptions,
        items=parse_item_descriptions(descriptions),
        documents=documents,
    )


def parse_item_descriptions(descriptions: tuple[str, ...]) -> tuple[str, ...]:
    """Item numbers for ITEM INFORMATION titles: "Regulation FD Disclosure" → "7.01"."""
    numbers: list[str] = []
    for description in descriptions:
        lowered = description.lower().replace("\u2019", "'")
        found = parse_items(description) or tuple(n for key, n in _ITEM_TITLES if key in lowered)
        numbers.extend(found[:1])
    return tuple(dict.fromkeys(numbers))


def _first(fields: Mapping[str, list[str]], key: str) -> str:
    values = fields.get(key)
    return values[0] if values else ""


def _has_cik(block: Mapping[str, str]) -> bool:
    return block.get("CENTRAL INDEX KEY", "").isdigit()


def _header_fields(header: str) -> tuple[dict[str, list[str]], list[dict[str, str]]]:
    """Top-level "KEY: value" fields, and one dict per FILER/SUBJECT COMPANY/… block."""
    fields: dict[str, list[str]] = {}
    blocks: list[dict[str, str]] = []
    for line in header.splitlines():
        key, sep, value = line.partition(":")
        if not sep or key.startswith("<"):
            continue
        key, value = key.strip(), value.strip()
        if not line[:1].isspace():
            if value:
                fields.setdefault(key, []).append(value)
            else:
                blocks.append({"_block": key})
        elif blocks and value:
            blocks[-1].setdefault(key, value)
    return fields, blocks


def _main_company(blocks: list[dict[str, str]]) -> dict[str, str]:
    """The block the filing is about: FILER, else SUBJECT COMPANY, else ISSUER, else the first."""
    with_cik = [b for b in blocks if _has_cik(b)]
    if not with_cik:
        return {}
    return min(with_cik, key=lambda b: _BLOCK_RANK.get(b["_block"], 9))


def _sic(company: Mapping[str, str]) -> tuple[str | None, str | None]:
    """("2834", "PHARMACEUTICAL PREPARATIONS") from "PHARMACEUTICAL PREPARATIONS [2834]"."""
    match = re.match(
        r"^(.*?)\s*\[(\d{4})\]$", company.get("STANDARD INDUSTRIAL CLASSIFICATION", "")
    )
    return (match.group(2), match.group(1) or None) if match else (None, None)


def _documents(body: bytes) -> tuple[SubmissionDocument, ...]:
    """Every <DOCUMENT> block; a bare "<TYPE>…<TEXT>…" slice counts as one document."""
    starts = [m.end() for m in _DOCUMENT.finditer(body)]
    if not starts and body.lstrip().startswith(b"<TYPE>"):
        starts = [0]
    ends = [*starts[1:], len(body)] if starts else []
    return tuple(doc for s, e in zip(starts, ends, strict=True) if (doc := _document(body[s:e])))


def _document(chunk: bytes) -> SubmissionDocument | None:
    text_start = _TEXT_START.search(chunk)
    meta_end = text_start.start() if text_start else len(chunk)
    tags = {
        m.group(1).decode(): m.group(2).decode("latin-1")
        for m in _TAG_LINE.finditer(chunk, 0, meta_end)
    }
    if "TYPE" not in tags:
        return None
    raw, truncated = b"", text_start is None
    if text_start is not None:
        text_end = _TEXT_END.search(chunk, text_start.end())
        truncated = text_end is None
        raw = chunk[text_start.end() : text_end.start() if text_end else len(chunk)]
    raw = _unwrap(raw)
    binary = bool(_UUENCODED.match(raw[:64]))
    sequence = tags.get("SEQUENCE", "")
    return SubmissionDocument(
        type=tags["TYPE"].strip(),
        sequence=int(sequence) if sequence.isdigit() else None,
        filename=tags.get("FILENAME", "").strip(),
        description=tags.get("DESCRIPTION", "").strip(),
        text="" if binary else decode_bytes(raw),
        binary=binary,
        truncated=truncated,
    )


def _unwrap(raw: bytes) -> bytes:
    """Drop the <XBRL>\n…</XBRL>\n (or <XML>, <PDF>) wrapper around a document's text."""
    stripped = raw.lstrip()
    for tag in _WRAPPERS:
        opening = b"<" + tag + b">"
        if stripped.startswith(opening):
            end = stripped.rfind(b"</" + tag + b">")
            inner = stripped[len(opening) : end if end >= 0 else len(stripped)]
            return inner.removeprefix(b"\r\n").removeprefix(b"\n")
    return raw
