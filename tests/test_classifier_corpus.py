"""Accuracy on the development corpus in ../shared/corpus, read at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifiers.evaluation import EvalReport, evaluate, parse_labeled_docs, render_report

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
THRESHOLDS = {
    "phase_change F1": 0.95,
    "mtd F1": 0.95,
    "dose accuracy": 0.95,
    "phase accuracy": 0.90,
}


@pytest.fixture(scope="module")
def report() -> EvalReport:
    """evaluate() over every labeled document of the shared corpus."""
    labels = CORPUS / "labels.jsonl"
    if not labels.exists():
        pytest.skip(f"development corpus not found at {CORPUS} (labels.jsonl missing)")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    docs = parse_labeled_docs(labels.read_text(encoding="utf-8"), texts)
    assert docs, "labels.jsonl matched no ID.txt document"
    return evaluate(docs)


def _figures(report: EvalReport) -> dict[str, float]:
    return {
        "phase_change F1": report.phase_change.f1,
        "mtd F1": report.mtd.f1,
        "dose accuracy": report.dose_accuracy.value,
        "phase accuracy": report.phase_accuracy.value,
    }


@pytest.mark.parametrize("figure", sorted(THRESHOLDS))
def test_corpus_figure_meets_its_threshold(report: EvalReport, figure: str) -> None:
    """Each headline figure stays at or above its acceptance threshold."""
    value = _figures(report)[figure]
    assert value >= THRESHOLDS[figure], (
        f"{figure} = {value:.3f} < {THRESHOLDS[figure]}\n{render_report(report, verbose=True)}"
    )


def test_corpus_beats_the_keyword_baseline(report: EvalReport) -> None:
    """The classifier's F1 is above the keyword baseline's on both tasks."""
    assert report.phase_change.f1 > report.baseline_phase_change.f1
    assert report.mtd.f1 > report.baseline_mtd.f1


def test_corpus_report_is_json_able_and_renders(report: EvalReport) -> None:
    """to_dict() round-trips through JSON and render_report() names every metric."""
    import json

    data = json.loads(json.dumps(report.to_dict()))
    assert data["documents"] == report.documents
    text = render_report(report, verbose=True)
    for metric in ("phase_change f1", "mtd f1", "phase accuracy", "dose accuracy"):
        assert metric in text
