"""Person or organisation: whether a name or @mention in a draft is a person.

The rule features find names and @handles; many handles are the accounts of newsrooms,
brands, teams and events, which are no one's network. This model reads a mention's
letters (handles are written as names or as brands), the words around it, the NER's type
and the rule that found it. It was trained on the Broad Twitter Corpus' training
sections (A, B, E, G): mentions annotated PER against the rest.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Span

from ...nlp.segments import Draft
from ..features import Features
from ..features.grammar import is_handle
from ..features.people import handle_words, is_person_handle
from . import _linear
from ._linear import FeatureRow
from .signal import Signal

ARTIFACT = "person"
Entity = str  # "person" or "organisation"


@dataclasses.dataclass(frozen=True)
class Mention:
    """A name or @handle in the draft, code-point offsets, with what it names."""

    text: str
    kind: str
    start: int
    end: int
    entity: Entity
    probability: float


def candidates(
    doc: Doc, features: Features, draft: Draft | None = None
) -> list[tuple[str, str, int, int]]:
    """The rules' people and every other @handle: each is judged person or not."""
    found = {(start, end): (text, kind, start, end) for text, kind, start, end in features.people}
    handles = (
        _handles(doc) if draft is None else _linear.per_segment(draft, "signals.handles", _handles)
    )
    for text, start, end in handles:
        if (start, end) not in found:
            found[start, end] = (text, "handle", start, end)
    return sorted(found.values(), key=lambda mention: mention[2])


def _handles(doc: Doc) -> list[tuple[str, int, int]]:
    return [
        (token.text, token.idx, token.idx + len(token.text)) for token in doc if is_handle(token)
    ]


def featurize(doc: Doc, mention: tuple[str, str, int, int], by_rule: bool) -> FeatureRow:
    """What the mention is written as, where it stands, and what found it."""
    text, kind, start, end = mention
    span = doc.char_span(start, end, alignment_mode="expand")
    row: FeatureRow = {}
    where = (start, end)
    name = text.lstrip("@")
    letters = f"<{name.lower()}>"
    grams = {letters[i : i + n] for n in (3, 4) for i in range(len(letters) - n + 1)}
    for gram in sorted(grams):
        _linear.add(row, f"c:{gram}", where, 1.0 / len(grams) ** 0.5)
    for word in handle_words(name):
        _linear.add(row, f"hw:{word}", where)
    _linear.add(row, f"kind:{kind}", None)
    _linear.add(row, f"rule:{by_rule}", None)
    if span is not None:
        if kind == "handle" and not is_person_handle(span[0]):
            _linear.add(row, "rule:organisation_handle", where)
        _context(span, row)
    shape = [
        ("digits", any(char.isdigit() for char in name)),
        ("underscore", "_" in name),
        ("caps", name.isupper()),
        ("lower", name.islower()),
        ("camel", bool(re.search("[a-z][A-Z]", name))),
        ("words", len(text.split()) > 1),
    ]
    for feature, present in shape:
        if present:
            _linear.add(row, f"shape:{feature}", where)
    return row


def _context(span: Span, row: FeatureRow) -> None:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else "<s>"
    after = doc[span.end].lower_ if span.end < len(doc) else "</s>"
    root = span.root
    _linear.add(row, f"before:{before}", None)
    _linear.add(row, f"after:{after}", None)
    _linear.add(row, f"ent:{root.ent_type_ or '-'}", None)
    _linear.add(row, f"dep:{root.dep_}", None)
    _linear.add(row, f"head:{root.head.lemma_.lower()}", None)


def read(
    doc: Doc, features: Features, draft: Draft | None = None
) -> dict[str, tuple[Mention, ...]]:
    """``people``: every candidate mention, each marked person or organisation."""
    model = _linear.load(ARTIFACT)
    ruled = {(start, end) for _, _, start, end in features.people}
    mentions = []
    for mention in candidates(doc, features, draft):
        text, kind, start, end = mention
        reading = model.read(featurize(doc, mention, (start, end) in ruled))
        # A name the rules found needs less to stay a person than a bare @handle does.
        threshold = model.thresholds.get(kind, model.threshold)
        entity = "person" if reading.probability >= threshold else "organisation"
        mentions.append(Mention(text, kind, start, end, entity, reading.probability))
    return {"people": tuple(mentions)}


SIGNAL = Signal(
    id="person",
    summary="person or organisation: whether a name or @mention is a person's",
    artifacts=(ARTIFACT,),
    read=read,
)
