"""Given names and family names: how often a word is a person's name, by the US census;
and whether it is a plain English word instead.

The `names` package (MIT) ships the 1990 US Census lists: 5,494 given names (1,219 men's,
4,275 women's) and 88,799 family names, each in order of frequency. A word on them is
evidence, not proof ("Mark", "Will", "Young" are words too), so callers read the rank:
the person model weighs "a common given name" apart from "a rare family name". The lists
are read once from the installed package (:func:`load`, when the scorer loads its
signals; else on the first lookup): nothing is downloaded. The English words are WordNet's
index as the installed spaCy pipeline's lemmatizer ships it (``lemmatizer/lookups``, about
90,000 words, 0.3 s to read).
"""

from __future__ import annotations

import functools
from importlib import resources

# Rank cut-offs the person model sees as buckets: the most common names, the common, the rest.
GIVEN_BUCKETS = (200, 1000)
FAMILY_BUCKETS = (1000, 10000)


@functools.cache
def _ranks(*files: str) -> dict[str, int]:
    """Word → best rank over ``files`` of the `names` package (1 = most frequent)."""
    ranks: dict[str, int] = {}
    package = resources.files("names")
    for file in files:
        lines = (package / file).read_text(encoding="ascii").splitlines()
        for rank, line in enumerate(lines, start=1):
            word = line.split(" ", 1)[0].lower()
            if word and rank < ranks.get(word, rank + 1):
                ranks[word] = rank
    return ranks


def load() -> None:
    """Read the lists now (about 0.4 s), so the first name judged does not wait for them."""
    given_rank("")
    family_rank("")
    word_classes("")


def given_rank(word: str) -> int | None:
    """The word's rank among given names (men's and women's), or None when it is not one."""
    return _ranks("dist.male.first", "dist.female.first").get(word.lower())


def family_rank(word: str) -> int | None:
    """The word's rank among family names, or None when it is not one."""
    return _ranks("dist.all.last").get(word.lower())


def bucket(rank: int | None, cuts: tuple[int, int]) -> str | None:
    """``top``, ``common`` or ``rare`` for a rank, None for no rank."""
    if rank is None:
        return None
    return "top" if rank <= cuts[0] else "common" if rank <= cuts[1] else "rare"


def given_bucket(word: str) -> str | None:
    """How common ``word`` is as a given name: ``top``, ``common``, ``rare`` or None."""
    return bucket(given_rank(word), GIVEN_BUCKETS)


def family_bucket(word: str) -> str | None:
    """How common ``word`` is as a family name: ``top``, ``common``, ``rare`` or None."""
    return bucket(family_rank(word), FAMILY_BUCKETS)


def given_prefix(handle: str, shortest: int = 4) -> str | None:
    """The longest given name (at least ``shortest`` letters) a lowercase handle starts with.

    Handles run a name together ("justinbieber", "mariagarcia92"): the first name is
    there even where case shows no break.
    """
    lowered = handle.lower()
    ranks = _ranks("dist.male.first", "dist.female.first")
    for end in range(min(len(lowered), 12), shortest - 1, -1):
        if lowered[:end] in ranks:
            return lowered[:end]
    return None


# The parts of speech of WordNet's index, as the pipeline's lemmatizer ships it.
_WORD_CLASSES = ("noun", "verb", "adj", "adv")


@functools.cache
def _dictionary() -> dict[str, frozenset[str]]:
    """Word → the parts of speech WordNet lists it under, from the installed pipeline's
    lemmatizer tables (``lemmatizer/lookups``): the English words a name is not."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    from ...nlp.pipeline import PREFERRED_MODELS

    for model in PREFERRED_MODELS:
        try:
            root = get_package_path(model)
        except ImportError:  # not installed: the next one
            continue
        for folder in sorted(root.glob("*/lemmatizer/lookups")):
            index = Lookups().from_disk(folder).get_table("lemma_index")
            classes: dict[str, set[str]] = {}
            for word_class in _WORD_CLASSES:
                for word in index[word_class]:
                    classes.setdefault(word, set()).add(word_class)
            return {word: frozenset(found) for word, found in classes.items()}
    return {}


def word_classes(word: str) -> frozenset[str]:
    """The parts of speech an English word (or its singular) is listed under, if any:
    ``noun``, ``verb``, ``adj``, ``adv``. WordNet lists some names too ("john", "smith")."""
    lowered = word.lower()
    dictionary = _dictionary()
    found = dictionary.get(lowered)
    if found is None and len(lowered) > 3 and lowered.endswith("s"):
        # The index holds lemmas: "pics" is "pic", "stories" "story", "boxes" "box".
        stems = [lowered[:-3] + "y"] if lowered.endswith("ies") else [lowered[:-1]]
        for stem in stems + ([lowered[:-2]] if lowered.endswith("es") else []):
            found = dictionary.get(stem)
            if found is not None:
                break
    return found or frozenset()


def is_plain_word(word: str) -> bool:
    """An English word that is not a common given or family name ("pics", "news", "funny",
    but not "mark" or "smith"): what a brand's or a feed's handle is made of."""
    if not word_classes(word):
        return False
    return given_bucket(word) not in {"top", "common"} and family_bucket(word) != "top"
