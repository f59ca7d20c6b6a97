"""`phasewatch classify` and `phasewatch eval`: the classifiers on local files, no database."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from bot.usecases.settings import Settings
from classifiers import Event, classify
from classifiers.evaluation import LabeledDoc, evaluate, render_report
from watchers import (
    DocumentError,
    IndexDocument,
    document_text,
    is_submission,
    parse_submission,
    select_documents,
)

log = logging.getLogger(__name__)


def read_input(path: str) -> tuple[str, str]:
    """(name, plain text) of a document path, or of stdin for '-'; OSError when unreadable."""
    if path == "-":
        return "-", input_text(sys.stdin.buffer.read(), "")
    return path, input_text(Path(path).read_bytes(), Path(path).name)


def input_text(body: bytes, filename: str) -> str:
    """Plain text of one input: a full submission's documents, else the document (HTML sniffed).

    A full submission `.txt` (<SEC-DOCUMENT>, <DOCUMENT>, <TYPE>…<TEXT>) gives the documents the
    pipeline reads from it: the primary document and its EX-99 exhibits, each stripped of markup.
    """
    if is_submission(body):
        try:
            return submission_text(body)
        except DocumentError:
            pass  # SGML-looking but not a submission: read it as the document it is
    return document_text(body, filename)


def submission_text(body: bytes) -> str:
    """The text of a full submission's primary document and EX-99 exhibits, blank-line joined."""
    submission = parse_submission(body)
    rows = {
        IndexDocument(d.sequence, d.description, d.filename, d.filename, d.type): d
        for d in submission.documents
        if not d.binary
    }
    chosen = select_documents(list(rows), submission.form or "") or list(rows)
    texts = (document_text(rows[row].text, rows[row].filename) for row in chosen)
    return "\n\n".join(text for text in texts if text)


def cmd_classify(settings: Settings, args: argparse.Namespace) -> int:
    """`classify [--json] PATH…`: print each document's events; exit 1 if a path was unreadable.

    Each unreadable path (missing, a directory, no permission) is one `phasewatch: error:` line on
    standard error; the other paths are still classified.
    """
    status = 0
    for path in args.paths:
        try:
            name, text = read_input(path)
        except OSError as exc:
            print(f"phasewatch: error: {path}: {exc.strerror or exc}", file=sys.stderr)
            status = 1
            continue
        events = classify(text)
        if args.json:
            print(json.dumps({"path": name, "events": [e.to_dict() for e in events]}))
        else:
            print(render_events_text(name, events))
    return status


def render_events_text(name: str, events: list[Event]) -> str:
    """A readable listing of one document's events."""
    lines = [f"{name}: {len(events)} event{'s' if len(events) != 1 else ''}"]
    for event in events:
        data = event.to_dict()
        data.pop("evidence")
        fields = ", ".join(f"{k}={v}" for k, v in data.items() if v not in (None, False))
        lines.append(f"  {fields}")
        lines.append(f"    “{' '.join(event.evidence.split())}”")
    return "\n".join(lines)


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """`eval CORPUS_DIR [--json] [--verbose]`: score against CORPUS_DIR/labels.jsonl."""
    corpus = Path(args.corpus)
    docs = []
    for line in (corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            label = json.loads(line)
            text = (corpus / f"{label['id']}.txt").read_text(encoding="utf-8")
            docs.append(LabeledDoc(id=str(label["id"]), text=text, label=label))
    report = evaluate(docs)
    print(json.dumps(report.to_dict()) if args.json else render_report(report, args.verbose))
    return 0
