"""Which dose an MTD/RP2D term is equated with: after an assertion, the predicate of its
clause, a dose just before it or the subject of its predicate ("450 mg was … and was declared the
MTD"), the one dose of the sentence before ("This dose level was considered to be the MTD"), or
the dose the next sentence opens with ("… was identified. This dose, 30 mg/kg, …")."""

from __future__ import annotations

import re
from bisect import bisect_left

from classifiers.context import ParsedText
from classifiers.doses import DoseMention, find_doses, is_exposure, skip_schedules
from classifiers.entities import find_drugs
from classifiers.mtd_cues import (
    ANAPHOR_ARTICLE,
    ANAPHOR_SUBJECT,
    CLAIMED_AFTER,
    CLAUSE_OPENER,
    COMBINATION_BEFORE,
    COMBINED,
    COMPLEMENT_GAP,
    COMPLEMENT_VERB,
    COPULA,
    DOSE_BEFORE_GAP,
    DOSE_BOUND,
    FORWARD_ANAPHOR,
    GAP_BLOCK,
    GAPPED_OF,
    IMPLICIT_TERM,
    IMPLIED_OUTCOME,
    JOIN,
    JOIN_BLOCK,
    LEVEL_BRACKET,
    NAMED_BRACKET,
    OF_NAME,
    OUTCOME,
    PREDICATE_TAIL,
    RESPECTIVELY,
    SUBJECT_DOSE_GAP,
    TERM_WORDS,
    VERB_BEFORE,
)
from classifiers.mtd_terms import OUTCOME_AFTER, OUTCOME_BEFORE, Term, is_implicit

_VERB_REACH = 50  # "established a recommended Phase 2 dose of"
_BOUND_BEFORE = 16  # "below 390 mg/m2"
_LINK_GAP = 80  # the most words between a term and its first dose
_DOSE_BEFORE = 40  # "300 mg BID is the recommended dose"
_SUBJECT_REACH = 140  # "450 mg was the highest dose with … and was declared the MTD"
_ANAPHOR_GAP = 3  # "... at 45 mg/m2. This dose level was ...": the sentences touch
_MAX_LINKED = 4
_APPOSITION = ("", "of", "at", "at a dose of")
_PARTNER_GAP = 60  # the most characters between a dose and a partner's dose after it
_NAME_AFTER = 40  # "60 mg/m2 of YZ-2": how far after a dose its drug's name is looked for
_LABEL_REACH = 24  # "Result: the MTD": how far before a term its clause's opening is looked for
_LABEL_GAP = re.compile(r"\s{0,3}(?:[:=,\u2013\u2014-]\s{0,3})?")  # "MTD: ", "RP2D – ", "MTD, "
_LABEL_OPENER = re.compile(
    r"(?:^|[;:(\[•]|\s[\u2013\u2014-]\s)\s{0,3}(?:the\s+)?$"
)  # what opens a label's clause: the sentence, ";", ":", a bracket, a bullet or a dash
_CLAUSE_END = re.compile(r"\s{0,3}(?:[;)\]]|\.?\s*$)")
_LIST_LABEL = re.compile(
    r"(?:\s+(?:of|for)\s+[\w-]{1,30})?\s{0,3}[:=\u2013\u2014-]\s{0,3}"
)  # a term that heads a list of values: "MTD: ", "the RP2D of XR-1: "
_ITEM_BREAK = re.compile(r"\s{0,3};\s{0,3}")  # between two items of such a list
_RANGE_PREDICATE = re.compile(
    r"(?<!\w)(?:lies|lie|lay|falls?|fell|ranged?|ranges)\s+(?:between|from|in|within)\s+"
    r"(?:the\s+range\s+(?:of\s+)?)?$"
)  # a verb that places the term in a range: "the MTD lies between 40 and 60 mg/m2"


def _asserted(low: str, term: Term, gap: str) -> bool:
    """Whether the text states the term equals the dose, not just names it ("at the RP2D of")."""
    return (
        COPULA.search(gap) is not None
        or VERB_BEFORE.search(low, max(0, term.start - _VERB_REACH), term.start) is not None
        or IMPLIED_OUTCOME.search(low, term.start, term.end) is not None
        or (is_implicit(low, term) and IMPLICIT_TERM.search(low, term.start, term.end) is not None)
        or (
            is_apposition(gap)
            and OUTCOME.search(low, max(0, term.start - OUTCOME_BEFORE), term.end + OUTCOME_AFTER)
            is not None
        )
    )


def is_apposition(gap: str) -> bool:
    """Whether `gap`, between a term and a dose, makes the dose the term's value in passing:
    "the MTD of 250 mg", "the RP2D (200 mg)", "the RP2D of XR-1 (400 mg daily)", "the MTD
    (dose level 4; 1.2 mg/kg)"."""
    return (
        gap.strip(" ()[],") in _APPOSITION
        or NAMED_BRACKET.fullmatch(gap) is not None
        or LEVEL_BRACKET.fullmatch(gap) is not None
    )


def linked_doses(low: str, term: Term, doses: list[DoseMention]) -> list[DoseMention]:
    """Doses the term is equated with: its first, plus any joined to it by "and"/","."""
    candidates = doses[bisect_left([d.end for d in doses], term.start + 1) :]
    if any(d.dose is not None for d in candidates):  # carboplatin's AUC is a partner's dose
        candidates = [d for d in candidates if not is_exposure(d)]
    first = _first_dose(low, term, candidates)
    if first is None:
        return []
    linked = [candidates[first]]
    for mention in candidates[first + 1 :]:
        gap = low[linked[-1].end : mention.start]
        if len(linked) < _MAX_LINKED and _listed(low, term, linked[0], linked[-1], mention):
            linked.append(mention)
            continue
        if is_bound(low, mention) or JOIN_BLOCK.search(gap) or len(linked) == _MAX_LINKED:
            break
        if mention.dose is None or not JOIN.match(gap) or TERM_WORDS.search(gap):
            break
        if CLAIMED_AFTER.match(low, mention.end):
            break
        linked.append(mention)
    return linked


def is_bound(low: str, mention: DoseMention) -> bool:
    """Whether the dose is a bound, not a value: "below 390 mg/m2", "doses up to 400 mg"."""
    return DOSE_BOUND.search(low, max(0, mention.start - _BOUND_BEFORE), mention.start) is not None


def split_partners(
    text: str, term: Term, doses: list[DoseMention], linked: list[DoseMention], own: str | None
) -> tuple[list[tuple[DoseMention, str | None]], list[tuple[str, DoseMention]]]:
    """The linked doses that are the term's own (each with the other drug it is of, if the
    term is restated for one: "… and of YZ-2 was 60 mg"), and the doses of partner drugs that
    follow the first in its clause, each with its drug's name ("" when unnamed): "the MTD was
    XR-1 100 mg/m2 and YZ-2 60 mg/m2" is one MTD of XR-1, with YZ-2 at 60 mg/m2 beside it."""
    kept: list[tuple[DoseMention, str | None]] = [(linked[0], None)]
    partners: list[tuple[str, DoseMention]] = []
    prev = linked[0]
    for mention in doses[doses.index(linked[0]) + 1 :]:
        gap = text[prev.end : mention.start]
        far = mention not in linked and (mention.start >= term.hi or len(gap) > _PARTNER_GAP)
        if far or (";" in gap and mention not in linked):
            break
        restated = GAPPED_OF.fullmatch(gap)
        name = None if restated else _partner(text, prev.end, mention, own)
        if restated and mention in linked:
            other = restated.group("name")
            kept.append((mention, other if other in find_drugs(gap) else None))
        elif name is not None:
            partners.append((name, mention))
        elif mention in linked:
            kept.append((mention, None))
        else:
            break
        prev = mention
    return kept, partners


def own_drug_after(text: str, mention: DoseMention) -> str | None:
    """The drug a dose is said to be of, right after it: "30 mg/m2 of AB-1" gives AB-1."""
    of = OF_NAME.match(text, mention.end)
    after = find_drugs(text[of.end() : of.end() + _NAME_AFTER]) if of else []
    return after[0] if of and after and text.startswith(after[0], of.end()) else None


def respective_drugs(
    text: str, term: Term, own: list[tuple[DoseMention, str | None]]
) -> list[tuple[DoseMention, str | None]]:
    """ "The MTDs of AB-1 and CD-2 were 10 mg and 20 mg, respectively": as many drugs named
    between the term and its first dose as doses, paired in order; else `own` as it is."""
    last = own[-1][0]
    if len(own) < 2 or not RESPECTIVELY.match(text, last.end):
        return own
    names = list(dict.fromkeys(find_drugs(text[term.end : own[0][0].start])))
    if len(names) != len(own):
        return own
    return [(mention, name) for (mention, _), name in zip(own, names, strict=True)]


def _partner(text: str, since: int, mention: DoseMention, own: str | None) -> str | None:
    """The partner drug whose dose `mention` is, "" for an unnamed one, or None: another drug
    named before the dose ("and YZ-2 60 mg", "and YZ-2 was given at 60 mg"), after it ("60
    mg/m2 of YZ-2"), or a combination word ("in combination with 200 mg of …")."""
    gap = text[since : mention.start]
    names = [n for n in find_drugs(gap) if n != own]
    if names:
        return names[-1]
    of = OF_NAME.match(text, mention.end)
    after = find_drugs(text[of.end() : of.end() + _NAME_AFTER]) if of else []
    if of and after and after[0] != own and text.startswith(after[0], of.end()):
        return after[0]
    return "" if COMBINED.search(gap.lower()) else None


def _first_dose(low: str, term: Term, candidates: list[DoseMention]) -> int | None:
    """Index of the dose the term is equated with: inside the term, right after an assertion
    ("MTD ... was determined to be"), or the predicate of its clause ("The MTD, based on the
    DLTs at 400 mg, was 300 mg"); other doses of the clause are skipped."""
    for k, mention in enumerate(candidates):
        gap = low[term.end : mention.start] if mention.start >= term.end else ""
        if len(gap) > _LINK_GAP or _clause_break(gap):
            return None
        if is_bound(low, mention):
            return None
        if mention.start < term.end:
            return k
        nearest = k == 0 or candidates[k - 1].start < term.end
        if nearest and _equated(low, term, gap, mention):
            return k
        copulas = list(COPULA.finditer(gap))
        if copulas and PREDICATE_TAIL.fullmatch(gap, copulas[-1].end()):
            return k
    return None


def _equated(low: str, term: Term, gap: str, mention: DoseMention) -> bool:
    """Whether the nearest dose after the term, `gap` after it, is stated as its value: after
    an assertion, a range the term is placed in ("the MTD lies between 40 and 60 mg"), or the
    value of a label ("MTD: 45 mg/m2", "; RP2D – 200 mg BID;", "(MTD, 45 mg/m2)")."""
    if not GAP_BLOCK.search(gap) and _asserted(low, term, gap):
        return True
    if mention.range_text is not None and _RANGE_PREDICATE.search(gap) is not None:
        return True
    return _labelled(low, term, gap, mention)


def _labelled(low: str, term: Term, gap: str, mention: DoseMention) -> bool:
    """Whether the term is a verbless label of its own clause followed directly by its value
    and nothing else: it opens the sentence, a bracket or a ";"/":" clause ("Result: the MTD,
    45 mg/m2."), and the dose with its schedules ends that clause (not "MTD 45 mg/m2 cohort")."""
    if not _LABEL_GAP.fullmatch(gap):
        return False
    if not _LABEL_OPENER.search(low, max(0, term.start - _LABEL_REACH), term.start):
        return False
    return _ends_clause(low, mention.end)


def _ends_clause(low: str, pos: int) -> bool:
    """Whether only schedules stand between `pos` and the end of its clause."""
    return _CLAUSE_END.match(low, skip_schedules(low, pos)) is not None


def _listed(
    low: str, term: Term, first: DoseMention, prev: DoseMention, mention: DoseMention
) -> bool:
    """Whether `mention` is another item of a label's list of values, one a ";" clause: "MTD:
    3.0 mg/kg (weekly); 2.4 mg/kg (every 3 weeks)", "The RP2D of XR-1: 200 mg QD; 100 mg BID"."""
    if mention.dose is None or not _LIST_LABEL.fullmatch(low, term.end, first.start):
        return False
    after = skip_schedules(low, prev.end)
    return _ITEM_BREAK.fullmatch(low, after, mention.start) is not None and _ends_clause(
        low, mention.end
    )


def _clause_break(gap: str) -> bool:
    """Whether `gap` holds a ";" outside brackets: "the MTD (dose level 4; 1.2 mg/kg)" is one
    clause, "the MTD was declared; 1.2 mg/kg was …" two."""
    depth = 0
    for char in gap:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            return True
    return False


def dose_before(low: str, term: Term, doses: list[DoseMention]) -> DoseMention | None:
    """A dose stated just before the term ("300 mg BID is the recommended dose"), or the
    subject of the term's predicate ("450 mg was the highest dose … and was declared the
    MTD"); of a combination, the first drug's ("AB-1 2 mg/kg plus YZ-2 75 mg/m2 was …")."""
    before = [d for d in doses if d.end <= term.start and term.start - d.end <= _SUBJECT_REACH]
    if not before:
        return None
    last = before[-1]
    gap = low[last.end : term.start]
    near = len(gap) <= _DOSE_BEFORE and DOSE_BEFORE_GAP.search(gap) and not GAP_BLOCK.search(gap)
    if not near and not _subject_of(low, last, gap) and not _object_of(low, last, gap):
        return None
    if len(before) > 1 and COMBINATION_BEFORE.fullmatch(low, before[-2].end, last.start):
        return before[-2]
    return last


def _subject_of(low: str, mention: DoseMention, gap: str) -> bool:
    """Whether the dose opens its clause and the term's predicate is its own."""
    opens = CLAUSE_OPENER.search(low, max(0, mention.start - 12), mention.start) is not None
    return opens and SUBJECT_DOSE_GAP.fullmatch(gap) is not None


def _object_of(low: str, mention: DoseMention, gap: str) -> bool:
    """Whether the dose is the object of a verb whose complement is the term ("declared
    0.6 mg/kg the MTD")."""
    verb = COMPLEMENT_VERB.search(low, max(0, mention.start - 16), mention.start) is not None
    return verb and COMPLEMENT_GAP.fullmatch(gap) is not None


def forward_dose(doc: ParsedText, index: int) -> tuple[DoseMention, str] | None:
    """The dose the next sentence of the paragraph opens with, referring back to a term
    without a value: "… the RP2D was identified. This dose, 30 mg/kg, will be used …"."""
    if index + 1 >= len(doc.sentences):
        return None
    following = doc.sentences[index + 1]
    between = doc.text[doc.sentences[index].end : following.start]
    if len(between) > _ANAPHOR_GAP or between.count("\n") > 1:
        return None
    low = doc.lowered[index + 1]
    opener = FORWARD_ANAPHOR.match(low)
    mentions = [m for m in find_doses(low) if m.dose is not None] if opener else []
    if not opener or not mentions or mentions[0].start != opener.end():
        return None
    return mentions[0], following.text


def anaphoric_dose(doc: ParsedText, index: int, term: Term) -> tuple[DoseMention, str] | None:
    """The one dose of the sentence before, when this one refers back to it ("This dose level
    was considered to be the MTD"; "treated at the dose and schedule selected for Phase II")."""
    low = doc.lowered[index]
    refers = ANAPHOR_SUBJECT.search(low, 0, term.start) is not None or (
        is_implicit(low, term) and ANAPHOR_ARTICLE.search(low, 0, term.start) is not None
    )
    if not refers or index == 0:
        return None
    previous = doc.sentences[index - 1]
    if doc.sentences[index].start - previous.end > _ANAPHOR_GAP:
        return None
    mentions = [m for m in find_doses(doc.lowered[index - 1]) if m.dose is not None]
    if len({m.dose for m in mentions}) != 1:
        return None
    return mentions[-1], previous.text
