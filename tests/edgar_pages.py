"""Builders for EDGAR pages in EDGAR's own formats (getcurrent Atom, -index.htm, tickers JSON).

Modeled on the real captures in ../shared/fixtures/edgar; the content is ours.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from watchers import Filing


@dataclass(frozen=True)
class PageDoc:
    """A row of an index page's "Document Format Files" table."""

    seq: int
    description: str
    filename: str
    type: str
    size: int = 1000


@dataclass(frozen=True)
class PageFiling:
    """A filing as the test EDGAR will present it."""

    cik: int
    company: str
    accession: str
    form: str = "8-K"
    filed: str = "2007-10-25"
    accepted: str = "2007-10-25 08:01:44"
    updated: str = "2007-10-25T08:01:44-04:00"
    role: str = "Filer"
    items: tuple[tuple[str, str], ...] = (("8.01", "Other Events"),)
    docs: tuple[PageDoc, ...] = field(default_factory=tuple)

    def as_filing(self) -> Filing:
        """The watchers' Filing record for this page filing."""
        return Filing(
            accession=self.accession,
            cik=self.cik,
            company=self.company,
            form=self.form,
            index_url=f"https://www.sec.gov{self.index_path}",
        )

    @property
    def folder(self) -> str:
        """/Archives/edgar/data/CIK/ACCESSIONNODASHES."""
        return f"/Archives/edgar/data/{self.cik}/{self.accession.replace('-', '')}"

    @property
    def index_path(self) -> str:
        """The -index.htm path."""
        return f"{self.folder}/{self.accession}-index.htm"


FEED_HEAD = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Latest Filings - Thu, 25 Oct 2007 08:05:00 EDT</title>
<link rel="alternate" href="/cgi-bin/browse-edgar?action=getcurrent"/>
<link rel="self" href="/cgi-bin/browse-edgar?action=getcurrent"/>
<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>
<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>
<updated>2007-10-25T08:05:00-04:00</updated>
"""


def feed_entry(f: PageFiling) -> str:
    """One getcurrent <entry>, with the absolute www.sec.gov link EDGAR writes."""
    items = "".join(f"\n&lt;br&gt;Item {n}: {html.escape(d)}" for n, d in f.items)
    return f"""<entry>
<title>{f.form} - {html.escape(f.company)} ({f.cik:010d}) ({f.role})</title>
<link rel="alternate" type="text/html" href="https://www.sec.gov{f.index_path}"/>
<summary type="html">
 &lt;b&gt;Filed:&lt;/b&gt; {f.filed} &lt;b&gt;AccNo:&lt;/b&gt; {f.accession} \
&lt;b&gt;Size:&lt;/b&gt; 35 KB{items}
</summary>
<updated>{f.updated}</updated>
<category scheme="https://www.sec.gov/" label="form type" term="{f.form}"/>
<id>urn:tag:sec.gov,2008:accession-number={f.accession}</id>
</entry>
"""


def getcurrent_feed(filings: list[PageFiling]) -> bytes:
    """A getcurrent Atom page listing `filings` (newest first, as given)."""
    return (FEED_HEAD + "".join(feed_entry(f) for f in filings) + "</feed>\n").encode("latin-1")


def index_page(f: PageFiling) -> bytes:
    """The filing's -index.htm page with Filing Date, Accepted, Items and the documents table."""
    rows = "".join(
        f"""<tr><td scope="row">{d.seq}</td><td scope="row">{html.escape(d.description)}</td>
<td scope="row"><a href="{f.folder}/{d.filename}">{d.filename}</a></td>
<td scope="row">{d.type}</td><td scope="row">{d.size}</td></tr>
"""
        for d in f.docs
    )
    items = "".join(f"Item {n}: {html.escape(d)}<br />" for n, d in f.items)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><title>EDGAR Filing Documents for {f.accession}</title></head><body>
<div id="contentDiv"><div class="formDiv"><div id="formHeader">
<div id="formName"><strong>Form {f.form}</strong> - Current report:</div>
<div id="secNum"><strong>SEC Accession No.</strong> {f.accession}</div></div>
<div class="formContent"><div class="formGrouping">
<div class="infoHead">Filing Date</div><div class="info">{f.filed}</div>
<div class="infoHead">Accepted</div><div class="info">{f.accepted}</div>
<div class="infoHead">Documents</div><div class="info">{len(f.docs)}</div></div>
<div class="formGrouping"><div class="infoHead">Items</div><div class="info">{items}</div></div>
</div></div>
<div class="formDiv"><p>Document Format Files</p>
<table class="tableFile" summary="Document Format Files">
<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th>
<th scope="col">Type</th><th scope="col">Size</th></tr>
{rows}</table></div>
<div class="companyInfo"><span class="companyName">{html.escape(f.company)} (Filer)
CIK: {f.cik:010d}</span></div></div></body></html>
""".encode()


def company_tickers(rows: list[tuple[int, str, str]]) -> bytes:
    """company_tickers.json: {"0": {"cik_str": 855654, "ticker": "IMGN", "title": "…"}, …}."""
    data = {str(i): {"cik_str": c, "ticker": t, "title": n} for i, (c, t, n) in enumerate(rows)}
    return json.dumps(data).encode()


def getcompany_feed(cik: int, company: str, sic: str, filings: list[PageFiling]) -> bytes:
    """A getcompany Atom feed (company-info, then <content type="text/xml"> per filing)."""
    entries = "".join(
        f"""<entry>
<category label="form type" scheme="https://www.sec.gov/" term="{f.form}" />
<content type="text/xml">
<accession-number>{f.accession}</accession-number>
<filing-date>{f.filed}</filing-date>
<filing-href>https://www.sec.gov{f.index_path}</filing-href>
<filing-type>{f.form}</filing-type>
<form-name>Current report</form-name>
<items-desc>items {" and ".join(n for n, _ in f.items)}</items-desc>
<size>40 KB</size>
</content>
<id>urn:tag:sec.gov,2008:accession-number={f.accession}</id>
<link href="https://www.sec.gov{f.index_path}" rel="alternate" type="text/html" />
<title>{f.form}  - Current report</title>
<updated>{f.updated}</updated>
</entry>
"""
        for f in filings
    )
    return f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<author><email>webmaster@sec.gov</email><name>Webmaster</name></author>
<company-info><assigned-sic>{sic}</assigned-sic><cik>{cik:010d}</cik>
<conformed-name>{html.escape(company)}</conformed-name></company-info>
<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&amp;CIK={cik:010d}</id>
<title>{html.escape(company)}  (0{cik:09d})</title>
<updated>2026-11-23T07:00:00-05:00</updated>
{entries}</feed>
""".encode("latin-1")


def submissions_json(
    cik: int, name: str, tickers: list[str], sic: str, filings: list[PageFiling]
) -> bytes:
    """data.sec.gov submissions JSON: cik as a string, columnar filings.recent, newest first."""
    ordered = sorted(filings, key=lambda f: f.filed, reverse=True)
    recent = {
        "accessionNumber": [f.accession for f in ordered],
        "filingDate": [f.filed for f in ordered],
        "reportDate": [f.filed for f in ordered],
        "acceptanceDateTime": [f.accepted.replace(" ", "T") + ".000Z" for f in ordered],
        "form": [f.form for f in ordered],
        "items": [",".join(n for n, _ in f.items) for f in ordered],
        "primaryDocument": [f.docs[0].filename if f.docs else "" for f in ordered],
        "primaryDocDescription": ["" for _ in ordered],
    }
    data = {
        "cik": str(cik),
        "name": name,
        "tickers": tickers,
        "sic": sic,
        "sicDescription": "PHARMACEUTICAL PREPARATIONS",
        "filings": {"recent": recent, "files": []},
    }
    return json.dumps(data).encode()
