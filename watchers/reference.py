"""Parse SEC reference data: company_tickers.json and the data.sec.gov submissions JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from watchers._common import SEC_BASE, index_url, parse_date, parse_items
from watchers.errors import DocumentError
from watchers.types import Company, Filing


def _load(body: bytes, what: str) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(f"{what} is not JSON: {exc}") from exc


def parse_company_tickers(body: bytes) -> list[Company]:
    """Companies from company_tickers(_exchange).json; one CIK with several tickers is one Company.

    Input: {"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."},"1":{…}}; cik_str is an int.
    """
    data = _load(body, "company_tickers.json")
    if not isinstance(data, dict):
        raise DocumentError('company_tickers.json: expected an object keyed "0", "1", …')
    names: dict[int, str] = {}
    tickers: dict[int, list[str]] = {}
    for cik, name, ticker in _ticker_rows(data):
        names.setdefault(cik, name)
        if ticker and ticker not in tickers.setdefault(cik, []):
            tickers[cik].append(ticker)
    return [Company(cik=cik, name=name, tickers=tuple(tickers[cik])) for cik, name in names.items()]


def _ticker_rows(data: Mapping[str, Any]) -> Iterator[tuple[int, str, str]]:
    """(cik, name, ticker) rows of company_tickers.json or company_tickers_exchange.json."""
    if "fields" in data and "data" in data:  # {"fields":["cik","name","ticker","exchange"],…}
        fields = list(data["fields"])
        at = {name: fields.index(name) for name in ("cik", "name", "ticker")}
        for row in data["data"]:
            yield int(row[at["cik"]]), str(row[at["name"]]), str(row[at["ticker"]] or "").strip()
        return
    for row in data.values():
        yield int(row["cik_str"]), str(row.get("title", "")), str(row.get("ticker", "")).strip()


def parse_submissions(body: bytes, *, base_url: str = SEC_BASE) -> tuple[Company, list[Filing]]:
    """The company and its recent filings from data.sec.gov/submissions/CIK##########.json.

    Input: {"cik":"0000749647","name":"Imunon, Inc.","sic":"2834","tickers":["IMNN"],
    "filings":{"recent":{"accessionNumber":[…],"form":[…],"filingDate":[…],"items":[…],…}}}.
    """
    data = _load(body, "submissions JSON")
    if not isinstance(data, dict) or "cik" not in data:
        raise DocumentError("submissions JSON without a cik")
    company = Company(
        cik=int(data["cik"]),
        name=str(data.get("name") or ""),
        tickers=tuple(str(t) for t in data.get("tickers") or ()),
        sic=str(data.get("sic") or "") or None,
        sic_description=str(data.get("sicDescription") or "") or None,
    )
    recent = (data.get("filings") or {}).get("recent") or {}
    return company, _filings(recent, company, base_url)


def parse_submissions_page(
    body: bytes, company: Company, *, base_url: str = SEC_BASE
) -> list[Filing]:
    """Filings from an older page file (CIK##########-submissions-001.json): the same columns."""
    data = _load(body, "submissions page")
    if not isinstance(data, dict) or "accessionNumber" not in data:
        raise DocumentError("submissions page without accessionNumber column")
    return _filings(data, company, base_url)


def submissions_page_names(body: bytes) -> list[str]:
    """Names of the older page files listed under filings.files, oldest last."""
    data = _load(body, "submissions JSON")
    files = (data.get("filings") or {}).get("files") or [] if isinstance(data, dict) else []
    return [str(f["name"]) for f in files if isinstance(f, dict) and f.get("name")]


def _filings(columns: Mapping[str, Sequence[Any]], company: Company, base_url: str) -> list[Filing]:
    """Rows of the columnar filings object, newest first as EDGAR lists them."""
    accessions = columns.get("accessionNumber") or []
    forms = columns.get("form") or []
    dates = columns.get("filingDate") or []
    items = columns.get("items") or []
    return [
        Filing(
            accession=str(accession),
            cik=company.cik,
            company=company.name,
            form=str(_at(forms, i)),
            index_url=index_url(company.cik, str(accession), base_url),
            filed=parse_date(str(_at(dates, i))),
            items=parse_items(str(_at(items, i))),
        )
        for i, accession in enumerate(accessions)
    ]


def _at(column: Sequence[Any], i: int) -> Any:
    return column[i] if i < len(column) else ""
