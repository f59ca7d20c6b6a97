"""Pure parsers on real EDGAR captures and our own fixtures: index pages, .txt, JSON, text."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.edgar_fixtures import own, real
from watchers import (
    Company,
    DocumentError,
    document_text,
    html_to_text,
    parse_company_tickers,
    parse_index_page,
    parse_submission,
    parse_submissions,
    parse_submissions_page,
)
from watchers.submission import parse_item_descriptions

INDEX_PAGES = {
    "0000019617-26-000241": ("8-K", datetime(2026, 6, 25, 11, 59, 33, tzinfo=UTC), ("5.02",)),
    "0000796343-23-000044": ("8-K", datetime(2023, 3, 15, 20, 6, 36, tzinfo=UTC), ("2.02", "9.01")),
    "0001045810-26-000024": ("8-K", datetime(2026, 3, 6, 21, 11, 25, tzinfo=UTC), ("5.02", "9.01")),
    "0001628280-25-058337": ("8-K", datetime(2025, 12, 19, 22, 0, 37, tzinfo=UTC), ("5.02",)),
}
SUBMISSIONS = {
    "0000019617-26-000241": (19617, "JPMORGAN CHASE & CO", "6021", ("5.02",)),
    "0000066740-24-000023": (66740, "3M CO", "3841", ("8.01",)),
    "0000796343-23-000044": (796343, "ADOBE INC.", "7372", ("2.02", "9.01")),
    "0000950137-05-004969": (1109357, "EXELON CORP", "4931", ("5.02",)),
    "0001045810-26-000024": (1045810, "NVIDIA CORP", "3674", ("5.02", "9.01")),
    "0001213900-25-032135": (
        1173313,
        "ABVC BIOPHARMA, INC.",
        "2834",
        ("2.02", "4.02", "7.01", "9.01"),
    ),
    "0001628280-25-058337": (1326801, "Meta Platforms, Inc.", "7370", ("5.02",)),
}


@pytest.mark.parametrize("accession", sorted(INDEX_PAGES))
def test_real_index_pages(accession: str) -> None:
    """Accepted is US/Eastern on the page (EDT in June, EST in March) and comes back in UTC."""
    html = real(f"filings/{accession}/{accession}-index.html").read_bytes()
    page = parse_index_page(html, "https://www.sec.gov/Archives/edgar/data/1/x-index.htm")
    form, accepted, items = INDEX_PAGES[accession]
    assert (page.accession, page.form, page.accepted, page.items) == (
        accession,
        form,
        accepted,
        items,
    )
    assert page.accepted is not None
    assert page.accepted.tzinfo is UTC
    primary = page.documents[0]
    assert (primary.seq, primary.type) == (1, "8-K")
    assert primary.url.startswith("https://www.sec.gov/Archives/edgar/data/")  # /ix?doc= unwrapped
    assert "/ix?" not in primary.url
    assert any(d.type.startswith("EX-101") for d in page.documents)


def test_jpm_index_page_rows_and_filer() -> None:
    html = real("filings/0000019617-26-000241/0000019617-26-000241-index.html").read_bytes()
    page = parse_index_page(
        html, "https://www.sec.gov/Archives/edgar/data/19617/0000019617-26-000241-index.html"
    )
    assert page.filed == date(2026, 6, 25)
    assert page.period == date(2026, 6, 24)
    assert page.companies == ((19617, "JPMORGAN CHASE & CO", "Filer"),)
    by_type = {d.type: d for d in page.documents}
    assert by_type["EX-99.1"].filename == "jpmcpressrelease06252026.htm"
    assert by_type["EX-99.1"].size == 1000
    assert (
        by_type["EX-99.1"].description == "JPMORGAN CHASE & CO. PRESS RELEASE DATED JUNE 25, 2026"
    )
    assert [d.type for d in page.documents].count("GRAPHIC") == 2
    full = next(d for d in page.documents if d.seq is None)
    assert full.filename == "0000019617-26-000241.txt"


def test_own_index_page() -> None:
    html = own("0009990001-26-000007/0009990001-26-000007-index.htm").read_bytes()
    base = "http://127.0.0.1:1/Archives/edgar/data/9990001/000999000126000007/0009990001-26-000007-index.htm"
    page = parse_index_page(html, base)
    assert page.accepted == datetime(2026, 1, 12, 13, 30, 11, tzinfo=UTC)  # 08:30:11 EST
    assert page.items == ("7.01", "8.01", "9.01")
    assert [d.type for d in page.documents][:5] == [
        "8-K",
        "EX-99.1",
        "EX-99.2",
        "EX-10.1",
        "GRAPHIC",
    ]
    assert (
        page.documents[0].url
        == "http://127.0.0.1:1/Archives/edgar/data/9990001/000999000126000007/exa-20260112.htm"
    )


def test_index_page_without_table_has_no_documents() -> None:
    page = parse_index_page(
        b"<html><body><p>nothing here</p></body></html>", "https://www.sec.gov/"
    )
    assert (page.accession, page.documents) == ("", ())


@pytest.mark.parametrize("accession", sorted(SUBMISSIONS))
def test_real_submission_txt_headers(accession: str) -> None:
    submission = parse_submission(real(f"filings/{accession}/{accession}.txt").read_bytes())
    cik, company, sic, items = SUBMISSIONS[accession]
    assert submission.accession == accession
    assert submission.form == "8-K"
    assert submission.ciks == (cik,)
    assert (submission.company, submission.sic, submission.items) == (company, sic, items)
    assert submission.accepted is not None
    assert submission.accepted.tzinfo is UTC
    assert submission.documents[0].type == "8-K"
    assert submission.documents[0].sequence == 1


def test_jpm_submission_documents_and_acceptance_in_utc() -> None:
    submission = parse_submission(
        real("filings/0000019617-26-000241/0000019617-26-000241.txt").read_bytes()
    )
    assert submission.accepted == datetime(2026, 6, 25, 11, 59, 33, tzinfo=UTC)  # 07:59:33 EDT
    assert submission.filed == date(2026, 6, 25)
    types = [d.type for d in submission.documents]
    assert types[:3] == ["8-K", "EX-99.1", "EX-101.SCH"]
    graphics = [d for d in submission.documents if d.type == "GRAPHIC"]
    assert graphics
    assert all(g.binary and g.text == "" for g in graphics)
    primary = submission.documents[0]
    assert not primary.text.startswith("<XBRL>")
    assert primary.text.startswith("<?xml")


def test_xbrl_wrapper_removal_reproduces_the_standalone_primary_document() -> None:
    """PROVENANCE: removing <XBRL>…</XBRL> gives the archive file byte for byte."""
    folder = real("filings/0001045810-26-000024")
    submission = parse_submission((folder / "0001045810-26-000024.txt").read_bytes())
    standalone = (folder / "nvda-20260302.htm").read_bytes().decode("ascii")
    assert submission.documents[0].text == standalone


def test_exelon_2005_item_description_wording() -> None:
    submission = parse_submission(
        real("filings/0000950137-05-004969/0000950137-05-004969.txt").read_bytes()
    )
    assert submission.item_descriptions[0].startswith(
        "Departure of Directors or Principal Officers"
    )
    assert submission.items == ("5.02",)
    assert submission.accepted == datetime(2005, 4, 27, 16, 25, 50, tzinfo=UTC)


def test_sgml_slice_without_header_is_one_document() -> None:
    slice_ = real("filings/unknown-accession_BeyondAir_2024-12-03_EX-99.1/ex99-1.sgml-slice.html")
    submission = parse_submission(slice_.read_bytes())
    (document,) = submission.documents
    assert (document.type, document.sequence, document.filename) == ("EX-99.1", 2, "ex99-1.htm")
    assert "Phase 1b Clinical Trial" in document_text(document.text, document.filename)


def test_own_submission_with_uuencoded_graphic_and_plain_text_exhibit() -> None:
    txt = own("0009990001-26-000008/0009990001-26-000008.txt").read_bytes()
    submission = parse_submission(txt)
    assert submission.accepted == datetime(2026, 1, 13, 21, 30, 5, tzinfo=UTC)
    assert submission.items == ("7.01", "8.01", "9.01")
    assert (submission.sic, submission.sic_description) == ("2834", "PHARMACEUTICAL PREPARATIONS")
    assert [d.type for d in submission.documents] == ["8-K", "EX-99.1", "GRAPHIC", "EX-101.SCH"]
    assert submission.documents[2].binary
    exhibit = submission.documents[1]
    text = document_text(exhibit.text, exhibit.filename)
    assert "FDA" not in text
    assert "has placed a clinical hold on the Phase 1 trial of EXA-202 in solid tumors." in text
    assert (
        "1               10 mg/kg" not in text
    )  # table rows keep their own lines, spaces collapsed
    assert "\n1 10 mg/kg 3\n" in text


def test_truncated_submission_marks_the_cut_document() -> None:
    txt = own("0009990001-26-000008/0009990001-26-000008.txt").read_bytes()
    cut = txt[: txt.index(b"No new patients")]
    documents = parse_submission(cut).documents
    assert [d.truncated for d in documents] == [False, True]


def test_not_a_submission_is_a_document_error() -> None:
    with pytest.raises(DocumentError):
        parse_submission(b"<html>hello</html>")


@pytest.mark.parametrize(
    ("description", "number"),
    [
        ("Results of Operations and Financial Condition", "2.02"),
        ("Regulation FD Disclosure", "7.01"),
        ("Other Events", "8.01"),
        ("Entry into a Material Definitive Agreement", "1.01"),
        ("Departure of Directors or Principal Officers; Election of Directors", "5.02"),
        ("Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year", "5.03"),
    ],
)
def test_item_descriptions_map_to_numbers(description: str, number: str) -> None:
    assert parse_item_descriptions((description,)) == (number,)


def test_company_tickers_group_tickers_by_cik() -> None:
    companies = parse_company_tickers(real("reference/company_tickers.json").read_bytes())
    by_cik = {c.cik: c for c in companies}
    assert len(by_cik) == len(companies)
    assert by_cik[320193] == Company(cik=320193, name="Apple Inc.", tickers=("AAPL",))
    assert by_cik[19617].tickers[0] == "JPM"
    assert len(by_cik[19617].tickers) > 1
    assert sum(len(c.tickers) for c in companies) == 9905
    assert any("-" in t for c in companies for t in c.tickers)  # BRK-B style


def test_company_tickers_exchange_columns() -> None:
    body = real("reference/company_tickers_exchange.json").read_bytes()
    companies = parse_company_tickers(body)
    assert Company(cik=320193, name="Apple Inc.", tickers=("AAPL",)) in companies
    assert sum(len(c.tickers) for c in companies) == 10015


def test_company_tickers_rejects_non_json() -> None:
    with pytest.raises(DocumentError):
        parse_company_tickers(b"<html>")


@pytest.mark.parametrize(
    ("name", "cik", "sic", "count"),
    [
        ("CIK0000320193.json", 320193, "3571", 1005),
        ("CIK0000350001.json", 350001, "6189", 0),
        ("CIK0000749647.json", 749647, "2834", 1000),
        ("CIK0001677077.json", 1677077, "2834", 370),
        ("CIK0001796129.json", 1796129, "2834", 371),
        ("CIK0001889983.json", 1889983, "6770", 60),
    ],
)
def test_real_submissions_json(name: str, cik: int, sic: str, count: int) -> None:
    company, filings = parse_submissions(real(f"reference/submissions/{name}").read_bytes())
    assert (company.cik, company.sic, len(filings)) == (cik, sic, count)
    for filing in filings:
        assert filing.cik == cik
        assert filing.index_url.endswith(f"/{filing.accession}-index.htm")
        assert filing.filed is not None


def test_submissions_json_columns_become_filings() -> None:
    company, filings = parse_submissions(
        real("reference/submissions/CIK0001889983.json").read_bytes()
    )
    assert company.tickers == ("KVAC", "KVACU", "KVACW")
    first = filings[0]
    assert (first.accession, first.form, first.filed) == (
        "0001213900-24-112698",
        "8-K",
        date(2024, 12, 26),
    )
    assert first.items == ("1.01", "2.03", "8.01", "9.01")
    assert first.index_url == (
        "https://www.sec.gov/Archives/edgar/data/1889983/000121390024112698/0001213900-24-112698-index.htm"
    )


def test_submissions_page_file_without_recent_wrapper() -> None:
    imunon = Company(cik=749647, name="Imunon, Inc.")
    body = real("reference/submissions/CIK0000749647-submissions-001.json").read_bytes()
    filings = parse_submissions_page(body, imunon)
    assert filings[0].accession == "0000749647-10-000032"
    assert filings[0].items == ("3.01", "9.01")
    assert {f.cik for f in filings} == {749647}


def test_submissions_404_body_is_not_json() -> None:
    with pytest.raises(DocumentError):
        parse_submissions(real("reference/submissions/CIK-000000001.json.HTTP404.xml").read_bytes())


@pytest.mark.parametrize(
    "path",
    [
        "filings/0000019617-26-000241/jpm-20260624.htm",
        "filings/0000066740-24-000023/mmm-20240308.htm",
        "filings/0000066740-24-000023/from-txt__pressrelease3-8x24.htm",
        "filings/0000796343-23-000044/adbe-20230315.htm",
        "filings/0000796343-23-000044/from-txt__adbeex991q123.htm",
        "filings/0001045810-26-000024/nvda-20260302.htm",
        "filings/0001213900-25-032135/ea0238372-8k_abvcbio.htm",
        "filings/0001213900-25-032135/from-txt__ea023837201ex99-1_abvcbio.htm",
        "filings/0001437749-16-028287/sphs20160323_8k.htm",
        "filings/0001628280-25-058337/meta-20251219.htm",
    ],
)
def test_real_documents_give_clean_text(path: str) -> None:
    text = document_text(real(path).read_bytes(), path.rsplit("/", 1)[1])
    assert len(text) > 1000
    assert "<div" not in text.lower()
    assert "<span" not in text.lower()
    assert "&nbsp;" not in text
    assert "&#" not in text
    assert "\n\n\n" not in text
    assert "  " not in text
    assert "dei:" not in text  # the hidden iXBRL header is dropped


def test_ixbrl_header_hidden_facts_are_dropped() -> None:
    text = document_text(
        own("0009990001-26-000007/exa-20260112.htm").read_bytes(), "exa-20260112.htm"
    )
    assert "0009990001" not in text  # only in <ix:header>
    assert text.startswith("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nFORM 8-K")
    assert "Title of each class Trading Symbol(s)\nCommon Stock, $0.0001 par value EXMP" in text
    assert "“Company”" in text


def test_press_release_blocks_entities_and_wrapped_lines() -> None:
    html = own("0009990001-26-000007/exa-ex991_20260112.htm").read_bytes()
    text = html_to_text(html)
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Exhibit 99.1"
    assert paragraphs[1] == (
        "Examplar Therapeutics Doses First Patient in Phase 2 Trial of EXA-101 "
        "in Advanced Gastric Cancer"
    )
    assert "January 12, 2026 – Examplar" in text  # &ndash;
    assert "in its Phase 2 trial evaluating" in text  # line wrap joined
    assert "168 mg/m2 given every three weeks" in text  # &nbsp; and <SUP>
    assert "not text" not in text  # <SCRIPT> dropped
    assert "Examplar Therapeutics Press Release" not in text  # <TITLE> is not body text
    assert "Enrollment of up to 60 patients\nTopline data expected in 2027" in text
    assert "Cohort Dose\nA 168 mg/m2" in text


def test_pre_blocks_keep_rows_and_join_wrapped_sentences() -> None:
    html = (
        b"<html><body><pre>\nThe trial enrolled the first patient in a\n"
        b"Phase 1 dose-escalation study.\n\n   Dose      Patients\n   10 mg     3\n"
        b"</pre></body></html>"
    )
    assert html_to_text(html) == (
        "The trial enrolled the first patient in a Phase 1 dose-escalation study.\n\n"
        "Dose Patients\n10 mg 3"
    )


def test_image_only_exhibit_has_no_text() -> None:
    jpm = real("filings/0000019617-26-000241/from-txt__jpmcpressrelease06252026.htm").read_bytes()
    assert document_text(jpm, "jpmcpressrelease06252026.htm") == ""
    assert document_text(b"\xff\xd8\xff\xe0 binary", "slide.jpg") == ""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>caf\u00e9 \u2013 ok</p>".encode(), "caf\u00e9 \u2013 ok"),  # undeclared UTF-8
        (b"<p>caf\xe9 \x96 ok</p>", "caf\u00e9 \u2013 ok"),  # undeclared windows-1252
        (b'<meta charset="iso-8859-1"><p>caf\xe9</p>', "caf\u00e9"),  # declared Latin-1
        ('<meta charset="utf-8"><p>caf\u00e9</p>'.encode(), "caf\u00e9"),
        (b"<?xml version='1.0' encoding='ASCII'?><html><body><p>plain</p></body></html>", "plain"),
        ("<p>cut in a char \u00e9".encode()[:-1], "cut in a char"),  # body cut at a size cap
    ],
)
def test_document_text_decodes_charsets(body: bytes, expected: str) -> None:
    assert document_text(body, "x.htm") == expected


def test_plain_text_documents_join_wrapped_lines() -> None:
    body = (
        b"PRESS RELEASE\r\n\r\nThe company today announced the first patient dosed in a\r\n"
        b"Phase 1b study.\r\n\r\n- one\r\n- two\r\n"
    )
    assert document_text(body, "ex99.txt") == (
        "PRESS RELEASE\n\n"
        "The company today announced the first patient dosed in a Phase 1b study.\n\n"
        "- one\n- two"
    )


def test_html_to_text_reads_the_largest_exhibit() -> None:
    """ADBE's 233 KB EX-99.1 (tables of financials) comes out whole; its speed is a benchmark
    (bench/bench_watchers.py, BENCHMARKS.md), not a timed test."""
    html = real("filings/0000796343-23-000044/from-txt__adbeex991q123.htm").read_bytes()
    text = html_to_text(html)
    assert "Adobe" in text
