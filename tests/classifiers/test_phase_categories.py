"""Phase changes by category, in our own wordings (invented names): how starts and completions
are told, and what is not a change (enrollment, cohorts, undone holds, a trial's design)."""

from __future__ import annotations

import pytest

from classifiers import PhaseChange, classify

Row = tuple[str, str | None, str | None]  # status, phase, drug


def changes(text: str) -> list[Row]:
    """(status, phase, drug) of every phase change in `text`."""
    return [(e.status, e.phase, e.drug) for e in classify(text) if isinstance(e, PhaseChange)]


CASES: list[tuple[str, list[Row]]] = [
    # a start whose sentence also tells the trial's design: one start, no plan
    (
        "Acme has initiated dosing in a Phase 2b study of AB-123 that will enroll 600 patients.",
        [("started", "2b", "AB-123")],
    ),
    (
        "The first patient was dosed in the Phase 3 trial of ZT-9, which will enroll about 400 "
        "patients at 80 sites.",
        [("started", "3", "ZT-9")],
    ),
    # a firm event and then a plan in a second predicate: the plan is not the event's
    (
        "Acme has completed the Phase 2 trial of AB-123 and plans to meet with the FDA.",
        [("completed", "2", "AB-123")],
    ),
    (
        "Acme initiated a Phase 2 trial of AB-123 and expects to report topline data in 2027.",
        [("started", "2", "AB-123")],
    ),
    (
        "The first patient was dosed in the Phase 1 trial of ZT-9, and Acme anticipates "
        "completing enrollment next year.",
        [("started", "1", "ZT-9")],
    ),
    (
        "Acme expects to initiate a Phase 2 trial of AB-123 and will report data in 2028.",
        [("planned", "2", "AB-123")],
    ),
    # a plan in the first predicate, carried out in the second
    (
        "Acme has received approval to begin the Phase 2 trial of AB-123 and has dosed its "
        "first patient.",
        [("started", "2", "AB-123")],
    ),
    (
        "Acme received clearance to start the Phase 1 trial of AB-123 and dosed the first "
        "patient in May.",
        [("started", "1", "AB-123")],
    ),
    ("Acme plans to complete enrollment and initiate a Phase 3 trial of AB-123.", []),
    # first participants, in several wordings
    (
        "Acme announced that the first participant was enrolled in its Phase 2 trial of AB-123.",
        [("started", "2", "AB-123")],
    ),
    (
        "The first patient has been recruited and dosed in the Phase 1 study of AB-123.",
        [("started", "1", "AB-123")],
    ),
    (
        "Enrollment for this new Phase 2 study of AB-123 has commenced.",
        [("started", "2", "AB-123")],
    ),
    ("Acme announced the start of Phase II trials of AB-123.", [("started", "2", "AB-123")]),
    (
        "Acme advanced AB-123 into Phase II in patients with gout.",
        [("started", "2", "AB-123")],
    ),
    ("Acme initiated a Phase lll trial of AB-123 in patients.", [("started", "3", "AB-123")]),
    # completions
    (
        "Acme has successfully completed its first trial in humans of AB-123.",
        [("completed", None, "AB-123")],
    ),
    (
        "Acme completed its Phase 1b/2 trial of AB-123 in patients.",
        [("completed", "1b/2", "AB-123")],
    ),
    (
        "Acme concluded the Phase 1 study of AB-123 in healthy volunteers.",
        [("completed", "1", "AB-123")],
    ),
    (
        "Acme announced the completion of its Phase 3 trial of AB-123.",
        [("completed", "3", "AB-123")],
    ),
    # two trials of two products coordinated under one verb: one event each
    (
        "Acme initiated a Phase 2 trial of AB-123 and a Phase 1 trial of XY-456.",
        [("started", "2", "AB-123"), ("started", "1", "XY-456")],
    ),
    (
        "Acme has completed a Phase 1 study of QR-7 as well as a Phase 2 study of ZT-9.",
        [("completed", "1", "QR-7"), ("completed", "2", "ZT-9")],
    ),
    # two verbs, each its own change: the coordination rule adds none
    (
        "Acme completed a Phase 1 trial of AB-123 and initiated a Phase 2 trial of AB-123.",
        [("completed", "1", "AB-123"), ("started", "2", "AB-123")],
    ),
    # the trial's name and the comparator are not the drug
    (
        "Acme initiated the ABCD-4 Phase 3 trial of AB-123 versus placebo.",
        [("started", "3", "AB-123")],
    ),
    (
        "Acme initiated a Phase 2 trial comparing AB-123 with docetaxel.",
        [("started", "2", "AB-123")],
    ),
    # nominal and stative starts
    (
        "Acme today announced the launch of its Phase 2 clinical trial of AB-123.",
        [("started", "2", "AB-123")],
    ),
    (
        "Acme today announced that enrollment is now open in the Phase 2 trial of AB-123.",
        [("started", "2", "AB-123")],
    ),
    (
        "The launch of the Phase 3 trial of AB-123 is expected in 2027.",
        [("planned", "3", "AB-123")],
    ),
    # a trial named by its kind, with no phase
    ("Acme initiated its registrational trial of AB-123 in gout.", [("started", None, "AB-123")]),
    ("Acme initiated a pivotal trial of AB-123 in gout.", [("started", None, "AB-123")]),
    # a short text with no trial words: a product code and a disease in the sentence will do
    ("AB-123 entered Phase 2 in gout.", [("started", "2", "AB-123")]),
    ("Acme initiated Phase 3 of AB-123 in hypertension.", [("started", "3", "AB-123")]),
    ("XR-77 completed Phase 1 in migraine.", [("completed", "1", "XR-77")]),
    # a trial (not its enrollment) stopped early because it worked is a stop
    (
        "The Phase 3 trial of AB-123 was stopped early for efficacy.",
        [("stopped", "3", "AB-123")],
    ),
    (
        "On the monitoring board's advice, Acme stopped its Phase 3 study of AB-123 early because "
        "of overwhelming efficacy.",
        [("stopped", "3", "AB-123")],
    ),
    (
        "The Phase 2 trial of AB-123 was halted at the interim analysis for clear benefit.",
        [("stopped", "2", "AB-123")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_phase_categories(text: str, expected: list[Row]) -> None:
    """Each change with its status, phase and drug."""
    assert changes(text) == expected


NEGATIVES = [
    "Acme completed enrollment in its Phase 2 trial of AB-123.",
    "Enrollment in the Phase 3 trial of AB-123 was stopped early because of efficacy.",
    "Accrual to the Phase 2 study of AB-123 was halted early for efficacy.",
    "Acme stopped recruiting patients into the Phase 3 trial of AB-123 early due to efficacy.",
    "There was no halt in the Phase 2 trial of AB-123.",
    "Acme has not experienced a clinical hold in the Phase 1 trial of AB-123.",
    "The FDA has never imposed a clinical hold on the Phase 2 study of AB-123.",
    "The Phase 1 trial of AB-123 continued without any clinical hold.",
    "In 2019, the FDA placed a clinical hold on the Phase 1 trial of AB-123, which was lifted "
    "in 2020.",
    "The FDA put the Phase 2 study of AB-123 on clinical hold in 2021; the hold was "
    "subsequently lifted.",
    "Acme opened a new cohort in its Phase 1 trial of AB-123.",
    "Acme celebrated the commercial launch of AB-123 after its Phase 3 trial.",
    "Enrollment remains open in the Phase 2 trial of AB-123.",
    # a product code with a phase but no disease or clinical word: not clinical
    "Model ZX-300 entered Phase 3 of production.",
    "The HQ-2000 upgrade completed Phase 1 on schedule.",
    "The A-320 program began Phase 2 flight tests.",
    "Acme initiated Part B of its Phase 1 trial of AB-123.",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:50] for t in NEGATIVES])
def test_not_a_phase_change(text: str) -> None:
    """Enrollment, efficacy stops, negated holds, lifted holds, cohorts: no stop or start."""
    assert changes(text) == []
