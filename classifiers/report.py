"""`render_report()`: the evaluation as a small aligned text table, misses on request."""

from __future__ import annotations

from classifiers.eval_types import EvalReport, Miss

_EVIDENCE_MAX = 240


def _rows(report: EvalReport) -> list[tuple[str, str, str]]:
    """(metric, phasewatch, keyword baseline) rows."""
    rows: list[tuple[str, str, str]] = []
    for task, ours, base in (
        ("phase_change", report.phase_change, report.baseline_phase_change),
        ("mtd", report.mtd, report.baseline_mtd),
    ):
        for name in ("precision", "recall", "f1"):
            rows.append(
                (f"{task} {name}", f"{getattr(ours, name):.3f}", f"{getattr(base, name):.3f}")
            )
    for name, ratio in (
        ("phase accuracy", report.phase_accuracy),
        ("dose accuracy", report.dose_accuracy),
    ):
        rows.append((name, f"{ratio.value:.3f} ({ratio.correct}/{ratio.total})", "-"))
    return rows


def _render_miss(miss: Miss) -> str:
    """One miss: "[fp] 012 phase_change: detail" plus its evidence, shortened."""
    line = f"{miss.kind:<15} {miss.doc_id:<8} {miss.task:<13} {miss.detail}"
    if miss.evidence:
        evidence = " ".join(miss.evidence.split())
        if len(evidence) > _EVIDENCE_MAX:
            evidence = evidence[: _EVIDENCE_MAX - 1] + "…"
        line += f"\n{'':<24}evidence: {evidence}"
    return line


def render_report(report: EvalReport, verbose: bool = False) -> str:
    """The report as an aligned table; with `verbose`, every miss with its doc id and evidence."""
    header = ("metric", "phasewatch", "keyword baseline")
    rows = [header, *_rows(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"{report.documents} documents"]
    for i, row in enumerate(rows):
        lines.append(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}")
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    if verbose:
        lines.append("")
        lines.append(f"misses ({len(report.misses)}):" if report.misses else "no misses")
        lines.extend(_render_miss(m) for m in report.misses)
    return "\n".join(lines)
