"""The scoring engine: text in, :class:`~companion.scoring.report.Report` out.

    >>> scorer = Scorer(load_pipeline())
    >>> scorer.score("Thanks to @maria for the review!").label
    'promotes_others'

Flow: :mod:`companion.nlp` parses (line by line, cached) → :mod:`.features` reads the Doc
once → each learned signal in :mod:`.signals.registry` reads the Doc and the features
once → each rule in :mod:`.registry` judges the features → :mod:`.verdict` turns the rule
verdicts and the signals into scores, a label and nudges.
"""

from __future__ import annotations

import dataclasses
import re
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator
from itertools import repeat
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import DraftParser, load_pipeline, model_name
from ..nlp.matches import read_alone
from ..nlp.segments import Draft
from .features import Features, extract
from .language import detect_language, draft_language
from .report import Report
from .signals.registry import load_signals, read_all
from .verdict import SCORER_VERSION, build_report

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["DraftReading", "Scorer", "ScoreError", "Report", "SCORER_VERSION"]

_SURROGATE = re.compile("[\ud800-\udfff]")
READINGS_KEPT = 16  # recent drafts whose reading Scorer.read keeps


def _in_language(report: Report, language: str) -> Report:
    """The report with the draft's language; the rules read English, so a draft in another
    language gets no nudges (they would be about words it does not have)."""
    if language == "en":
        return report
    return dataclasses.replace(report, language=language, nudges=())


@dataclasses.dataclass(frozen=True)
class DraftReading:
    """What :meth:`Scorer.read` found in a draft, before the rules judge it."""

    text: str
    features: Features
    signals: dict[str, Any] | None
    language: str  # ISO 639-1, from :func:`.language.detect_language`


class ScoreError(ValueError):
    """The text cannot be scored (too long, not text); the message says why."""


class Scorer:
    """Scores drafts with one loaded pipeline. Not thread-safe: use it from one thread.

    Args:
        nlp: the pipeline from :func:`companion.nlp.load_pipeline`.
        max_chars: longest text accepted; longer ones raise :class:`ScoreError`.
        batch_size: texts per ``nlp.pipe`` batch in :meth:`score_many`.
        signals: use the learned signals (loaded here, once); ``False`` gives the rules
            alone, which ``scripts/train`` needs before any artifact exists.
    """

    def __init__(
        self,
        nlp: Language,
        *,
        max_chars: int = 50_000,
        batch_size: int = 64,
        signals: bool = True,
    ):
        self.parser = DraftParser(nlp, batch_size=batch_size)
        self.model = model_name(nlp)
        self.max_chars = max_chars
        self.signals = signals
        # The same draft is often read twice in a row: scored while typed, then recorded
        # when posted. A reading depends only on the text and kind, so it is kept.
        self._readings: OrderedDict[tuple[str, str | None], DraftReading] = OrderedDict()
        if signals:
            load_signals()

    def _reading(self, doc: Doc, kind: str | None, draft: Draft | None = None) -> DraftReading:
        features = extract(doc, kind=kind, draft=draft)
        signals = read_all(doc, features, draft) if self.signals else None
        # By segment through the cache, the same answer as the whole text's.
        language = detect_language(features.text) if draft is None else draft_language(draft)
        return DraftReading(features.text, features, signals, language)

    @classmethod
    def from_settings(cls, settings: Settings) -> Scorer:
        """The scorer the settings describe: their pipeline, draft limit and batch size.

        Every part that scores (the server, the CLI, the importer's workers) builds its
        scorer here, so none of them forgets a limit.
        """
        return cls(
            load_pipeline(settings.model),
            max_chars=settings.max_chars,
            batch_size=settings.batch_size,
        )

    def check(self, text: object) -> str:
        """Return ``text`` if it can be scored, else raise :class:`ScoreError`."""
        if not isinstance(text, str):
            raise ScoreError(f"text must be a string, not {type(text).__name__}")
        if _SURROGATE.search(text):
            # A lone surrogate (from JSON's "\ud800") is not text spaCy can store; one
            # replacement character keeps every offset where it was.
            text = _SURROGATE.sub("\ufffd", text)
        if len(text) > self.max_chars:
            raise ScoreError(
                f"text is {len(text):,} characters; the most Spotlight scores is "
                f"{self.max_chars:,} (the longest post any supported site allows is 40,000)"
            )
        return text

    def score(
        self, text: str, *, kind: str | None = None, disabled_rules: Collection[str] = ()
    ) -> Report:
        """Score one draft. Lines seen in recent drafts are not parsed again.

        Args:
            text: the draft as the user sees it.
            kind: one of :data:`companion.vocabulary.KINDS`; a reply or a comment is part
                of a conversation, a thread item or an article is the author's own.
            disabled_rules: rule ids the user turned off; they raise no nudges.

        Raises:
            ScoreError: the text is not a string or is too long.
        """
        return self.judge(self.read(text, kind=kind), disabled_rules)

    def read(self, text: str, *, kind: str | None = None) -> DraftReading:
        """The first half of :meth:`score`: parse the draft, read its features and signals.

        The costly half, which depends only on the text and the kind (not on the disabled
        rules): the last :data:`READINGS_KEPT` are kept, so a draft scored while typed and
        then recorded when posted is read once.

        Raises:
            ScoreError: the text is not a string or is too long.
        """
        text = self.check(text)
        key = (text, kind)
        reading = self._readings.get(key)
        if reading is None:
            draft = self.parser.parse_draft(text)  # its segments keep what the signals read
            reading = self._readings[key] = self._reading(draft.doc, kind, draft)
            if len(self._readings) > READINGS_KEPT:
                self._readings.popitem(last=False)
        else:
            self._readings.move_to_end(key)
        return reading

    def judge(self, reading: DraftReading, disabled_rules: Collection[str] = ()) -> Report:
        """The second half of :meth:`score`: the enabled rules' verdicts on a reading."""
        report = build_report(reading.features, self.model, disabled_rules, reading.signals)
        return _in_language(report, reading.language)

    def score_many(
        self,
        texts: Iterable[str],
        *,
        kinds: Iterable[str | None] | None = None,
        disabled_rules: Collection[str] = (),
    ) -> Iterator[Report]:
        """Score many texts in batches with ``nlp.pipe``; reports come in input order.

        Args:
            texts: the drafts.
            kinds: the kind of each draft, in the same order (default: all unknown).

        Raises:
            ScoreError: a text is not a string or is too long (checked as it is reached).
        """
        checked = (self.check(text) for text in texts)
        kinds = repeat(None) if kinds is None else iter(kinds)
        # No cache here: the signals read each Doc whole, which is quicker than by segment
        # when no segment has been read before.
        for doc, kind in zip(self.parser.parse_many(checked), kinds, strict=False):
            yield self.judge(self._reading(read_alone(doc), kind), disabled_rules)
