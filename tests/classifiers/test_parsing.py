"""Normalisation and splitting: phases, doses, schedules, sentences, boilerplate, evaluation."""

from __future__ import annotations

import json

import pytest

from classifiers import classify
from classifiers.boilerplate import parse_news_sentences
from classifiers.doses import parse_dose, parse_schedule
from classifiers.evaluation import LabeledDoc, evaluate, parse_labeled_docs, render_report
from classifiers.events import Dose
from classifiers.phases import find_phases, parse_phase
from classifiers.sentences import parse_sentences


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("I", "1", id="roman-1"),
        pytest.param("II", "2", id="roman-2"),
        pytest.param("III", "3", id="roman-3"),
        pytest.param("IV", "4", id="roman-4"),
        pytest.param("1b", "1b", id="digit-letter"),
        pytest.param("IIa", "2a", id="roman-letter"),
        pytest.param("Ib/II", "1b/2", id="roman-combined"),
        pytest.param("1/2", "1/2", id="combined"),
        pytest.param("2/3", "2/3", id="late-combined"),
        pytest.param("I-II", "1/2", id="hyphen-combined"),
        pytest.param("Phase 1/2a", "1/2a", id="with-word"),
        pytest.param("PHASE III", "3", id="upper-case"),
        pytest.param("Phase IIb", "2b", id="roman-2b"),
        pytest.param("Phase 2/3", "2/3", id="digits-2-3"),
        pytest.param("Phase lll", "3", id="l-for-capital-i"),
        pytest.param("Phase lI", "2", id="l-and-i-mixed"),
        pytest.param("Phase Il/III", "2/3", id="mixed-combined"),
        pytest.param("Phase Two", "2", id="spelled-two"),
        pytest.param("Phase One/Two", "1/2", id="spelled-combined"),
        pytest.param("Phase Three", "3", id="spelled-three"),
        pytest.param("Phase Five", None, id="no-spelled-5"),
        pytest.param("Phase Twofold", None, id="spelled-inside-a-word"),
        pytest.param("Phase V", None, id="no-phase-5"),
        pytest.param("banana", None, id="not-a-phase"),
    ],
)
def test_parse_phase_normalises(raw: str, expected: str | None) -> None:
    """Roman numerals become digits, letters stay, combined phases use a slash."""
    assert parse_phase(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Phase 2 of the project is under way", [], id="project-phase"),
        pytest.param("the first phase of construction of the plant", [], id="no-numeral"),
        pytest.param("chronic phase CML", [], id="disease-phase"),
        pytest.param("End-of-Phase 2 meeting", [], id="end-of-phase"),
        pytest.param("a Phase Ib/II trial", ["1b/2"], id="trial-phase"),
        pytest.param("dosed in a Ph 2 trial", ["2"], id="short-form"),
        pytest.param("a pH 2 buffer", [], id="ph-not-phase"),
    ],
)
def test_find_phases_keeps_trial_phases_only(text: str, expected: list[str]) -> None:
    """Construction, disease and meeting 'phases' are not trial phases."""
    assert [p.phase for p in find_phases(text)] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("168 mg/m²", Dose(168, "mg/m2"), id="mg-m2-superscript"),
        pytest.param("168 mg/m2", Dose(168, "mg/m2"), id="mg-m2"),
        pytest.param("10 mg/m(2)", Dose(10, "mg/m2"), id="pubmed-m2"),
        pytest.param("180 mg m À2", Dose(180, "mg/m2"), id="pdf-artefact-m2"),
        pytest.param("2.4 mg/kg", Dose(2.4, "mg/kg"), id="mg-kg"),
        pytest.param("300mg BID", Dose(300, "mg"), id="flat-mg"),
        pytest.param("1,200 mg", Dose(1200, "mg"), id="thousands"),
        pytest.param("30 mcg/kg", Dose(30, "ug/kg"), id="mcg-kg"),
        pytest.param("2 µg/kg", Dose(2, "ug/kg"), id="micro-sign-kg"),
        pytest.param("5 μg", Dose(5, "ug"), id="greek-mu"),
        pytest.param("1.5 g/m2", Dose(1.5, "g/m2"), id="g-m2"),
        pytest.param("27 g/day", Dose(27000, "mg"), id="grams-to-mg"),
        pytest.param("700 mg/ body", Dose(700, "mg/body"), id="mg-body"),
        pytest.param("12 mg m⁻²", Dose(12, "mg/m2"), id="superscript-minus-two"),
        pytest.param("3 milligrams per kilogram", Dose(3, "mg/kg"), id="words"),
        pytest.param("70-90 mg/m2", None, id="range"),
        pytest.param("no dose here", None, id="none"),
    ],
)
def test_parse_dose_normalises_units(raw: str, expected: Dose | None) -> None:
    """Units come out as mg/m2, mg/kg, mg, ug/kg, ug, g/m2 (or mg/body)."""
    assert parse_dose(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("dosed every three weeks", "every three weeks", id="every-weeks"),
        pytest.param("300 mg BID", "BID", id="bid"),
        pytest.param("twice weekly (BIW)", "twice weekly (BIW)", id="biw"),
        pytest.param("27 g/day", "per day", id="per-day"),
        pytest.param("given once", None, id="none"),
    ],
)
def test_parse_schedule(text: str, expected: str | None) -> None:
    """The first schedule phrase is returned as written."""
    assert parse_schedule(text) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("John M. Lambert, Ph.D., said so. Then he left.", 2, id="initial-phd"),
        pytest.param("ImmunoGen, Inc. Reports Data. It is good.", 2, id="inc"),
        pytest.param("Drugs, e.g. aspirin, work. Yes.", 2, id="eg"),
        pytest.param("Exhibit No. 99.1 is attached. It is.", 2, id="no-number"),
        pytest.param("Dr. Smith dosed 168 mg/m². The MTD was set.", 2, id="dr-and-unit"),
        pytest.param("The U.S. trial began. It is ongoing.", 2, id="us-mid-sentence"),
        pytest.param(
            "A wrapped line that runs on for quite a while and\ncontinues here.", 1, id="soft-wrap"
        ),
        pytest.param("Heading\nBody sentence here.", 2, id="short-line-heading"),
        pytest.param("Para one\n\nPara two", 2, id="blank-line"),
        pytest.param("Highlights: • Began a trial • Closed a round", 3, id="inline-bullets"),
        pytest.param("Results ▪ first ▪ second ◦ third", 4, id="inline-square-bullets"),
        pytest.param("A dose of 5 mg•kg was given. Then.", 2, id="bullet-without-spaces"),
        pytest.param("Items •not a bullet here", 1, id="bullet-glued-to-a-word"),
    ],
)
def test_parse_sentences_knows_abbreviations(text: str, count: int) -> None:
    """Abbreviations, initials and units do not end sentences; blank lines do."""
    assert len(parse_sentences(text)) == count


def test_boilerplate_sections_are_dropped() -> None:
    """Safe harbor, About sections and 8-K cover checkboxes are not news."""
    text = (
        "Acme initiated a Phase 2 trial of AB-1.\n\n"
        "About Acme\nAcme initiated a Phase 3 trial of AB-2 in 2015.\n\n"
        "Forward-Looking Statements\nAcme plans to initiate a Phase 1 trial.\n"
    )
    kept = [s.text for s in parse_news_sentences(text)]
    assert kept == ["Acme initiated a Phase 2 trial of AB-1."]
    assert {(e.type, getattr(e, "phase", None)) for e in classify(text)} == {("phase_change", "2")}


def test_cover_page_checkbox_is_not_a_start() -> None:
    """'Pre-commencement communications' on an 8-K cover is boilerplate."""
    text = "- o Pre-commencement communications pursuant to Rule 14d-2(b) under the Exchange Act"
    assert classify(text) == []


def _doc(doc_id: str, text: str, **label: object) -> LabeledDoc:
    return LabeledDoc(id=doc_id, text=text, label={"id": doc_id, **label})


def test_evaluate_counts_documents_and_accuracies() -> None:
    """Precision/recall/F1, phase and dose accuracy and misses on a tiny labeled set."""
    docs = [
        _doc(
            "a",
            "Acme initiated a Phase 2 trial of AB-1.",
            phase_change=True,
            mtd=False,
            events=[{"type": "phase_change", "status": "started", "phase": "2"}],
        ),
        _doc(
            "b",
            "The MTD was 5 mg/kg.",
            phase_change=False,
            mtd=True,
            events=[{"type": "mtd", "kind": "MTD", "dose": {"value": 5, "unit": "mg/kg"}}],
        ),
        _doc(
            "c", "Acme plans to initiate a Phase 3 trial.", phase_change=False, mtd=False, events=[]
        ),
        _doc(
            "d",
            "The Phase 1 study is ongoing.",
            phase_change=True,
            mtd=False,
            events=[{"type": "phase_change", "status": "completed", "phase": "1"}],
        ),
    ]
    report = evaluate(docs)
    assert (report.phase_change.tp, report.phase_change.fp, report.phase_change.fn) == (1, 0, 1)
    assert report.mtd.f1 == 1.0
    assert (report.phase_accuracy.correct, report.phase_accuracy.total) == (1, 2)
    assert (report.dose_accuracy.correct, report.dose_accuracy.total) == (1, 1)
    assert report.baseline_phase_change.fp == 1  # "plans to initiate a Phase 3" has the keyword
    assert [(m.doc_id, m.kind) for m in report.misses] == [("d", "false_negative")]
    json.dumps(report.to_dict())
    table = render_report(report, verbose=True)
    assert "phase_change f1" in table
    assert "false_negative" in table


def test_parse_labeled_docs_pairs_labels_with_texts() -> None:
    """Lines whose id has a text become LabeledDocs; others are skipped."""
    labels = '{"id": "001", "phase_change": true}\n\n{"id": "002", "mtd": true}\n'
    docs = parse_labeled_docs(labels, {"001": "text one"})
    assert [(d.id, d.text, d.label["phase_change"]) for d in docs] == [("001", "text one", True)]


def test_boilerplate_section_ends_at_the_next_ordinary_heading() -> None:
    """A page that opens with an 'About us' block still has its news read after a headline."""
    text = (
        "About Us\nWe publish biotech news.\n\n"
        "Acme Initiates Phase 2 Trial of AB-1\n"
        "Acme today announced that it has initiated a Phase 2 trial of AB-1 in gout.\n"
    )
    assert [(e.type, getattr(e, "status", None)) for e in classify(text)] == [
        ("phase_change", "started")
    ]
