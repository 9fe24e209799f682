"""The attribute ruler's patterns, applied by dictionary lookup instead of a Matcher.

en_core_web_sm maps each fine-grained tag (and a few words) to its coarse part of speech,
morphology and some lemmas with 179 Matcher patterns; on a 3,000-character post that costs
about 17 ms of 115. Nearly every pattern names a literal tag or word, so a token can find
its candidates with two dictionary lookups and check only those. The result is the same:
patterns apply in the ruler's order (later ones win), and a test compares every token's
tag, part of speech, morphology, lemma and dependency with the stock ruler's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

TokenTest = Callable[[Token], bool]
_GETTERS: dict[str, Callable[[Token], object]] = {
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
}


class UnsupportedPattern(ValueError):
    """A pattern uses something the lookup does not know; keep the stock ruler then."""


def _test(key: str, wanted: object) -> TokenTest:
    if key not in _GETTERS:
        raise UnsupportedPattern(key)
    get = _GETTERS[key]
    if isinstance(wanted, dict):
        if set(wanted) == {"IN"}:
            allowed = frozenset(wanted["IN"])
            return lambda token: get(token) in allowed
        if set(wanted) == {"NOT_IN"}:
            refused = frozenset(wanted["NOT_IN"])
            return lambda token: get(token) not in refused
        if set(wanted) == {"REGEX"}:
            search = re.compile(wanted["REGEX"]).search
            return lambda token: bool(search(str(get(token))))
        raise UnsupportedPattern(str(wanted))
    return lambda token: get(token) == wanted


def _tests(token_pattern: dict) -> TokenTest:
    tests = [_test(key, wanted) for key, wanted in token_pattern.items()]
    if len(tests) == 1:
        return tests[0]  # asked of every token: no generator around a single test
    return lambda token: all(test(token) for test in tests)


class AttributeLookup:
    """A drop-in for an AttributeRuler whose patterns are all of the kinds above.

    A one-token pattern's outcome depends only on the token's tag, lowercase form,
    dependency and whether it is space, so the merged attributes for each such combination
    are worked out once and remembered; the few multi-token patterns ("gon na", "let 's")
    are checked where their first word appears.
    """

    def __init__(self, ruler: AttributeRuler):
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.single: list[tuple[int, TokenTest]] = []
        self.multi: dict[str, list[tuple[int, list[TokenTest]]]] = defaultdict(list)
        self.anywhere: list[tuple[int, list[TokenTest]]] = []  # no first word to index by
        # What the one-token patterns ask of a token's lowercase form: these words, or a
        # match of these patterns; ``None`` if one asks something else (then every form
        # counts).
        self._lowers: set[str] | None = set()
        self._lower_searches: list[Callable[[str], object]] = []
        for rank, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = [_tests(part) for part in pattern]
                if len(tests) == 1:
                    self.single.append((rank, tests[0]))
                    self._ask_lower(pattern[0].get("LOWER"))
                else:
                    # Indexed by first word where it has one ("gon na"), else tried everywhere.
                    words = _first_words(pattern[0])
                    for word in words:
                        self.multi[word].append((rank, tests))
                    if not words:
                        self.anywhere.append((rank, tests))
        self._merged: dict[tuple, dict] = {}
        self._by_form: dict[tuple, dict] = {}

    def _ask_lower(self, wanted: object) -> None:
        if wanted is None or self._lowers is None:
            return
        if isinstance(wanted, str):
            self._lowers.add(wanted)
        elif isinstance(wanted, dict) and set(wanted) == {"IN"}:
            self._lowers.update(wanted["IN"])
        elif isinstance(wanted, dict) and set(wanted) == {"REGEX"}:
            self._lower_searches.append(re.compile(wanted["REGEX"]).search)
        else:
            self._lowers = None

    def _merged_for(self, token: Token, key: tuple) -> dict:
        """The one-token patterns' merged attributes for a token of ``key``. A lowercase
        form no pattern asks about gives what any other such form gives, so those share
        one entry (their tag, dependency and space decide): most words need no test run."""
        lowers = self._lowers
        tag, lower, dep, is_space = key
        if lowers is not None and lower not in lowers:
            if not any(search(lower) for search in self._lower_searches):
                form = (tag, dep, is_space)
                merged = self._by_form.get(form)
                if merged is None:
                    merged = self._by_form[form] = _merge(self._single_matches(token))
                return merged
        return _merge(self._single_matches(token))

    def _single_matches(self, token: Token) -> list[tuple[int, dict]]:
        return [(rank, self.attrs[rank]) for rank, test in self.single if test(token)]

    def __call__(self, doc: Doc) -> Doc:
        late: dict[int, list[tuple[int, dict]]] = defaultdict(list)
        multi, anywhere, size = self.multi, self.anywhere, len(doc)
        for token in doc:
            found = multi.get(token.lower_)
            for rank, tests in (found + anywhere) if found else anywhere:
                end = token.i + len(tests)
                # the first test on the token at hand: no new Token for most of them
                if end <= size and tests[0](token):
                    if all(t(doc[token.i + k]) for k, t in enumerate(tests[1:], 1)):
                        late[token.i + self.indices[rank]].append((rank, self.attrs[rank]))
        for token in doc:
            key = (token.tag_, token.lower_, token.dep_, token.is_space)
            if token.i in late:
                found = sorted(self._single_matches(token) + late[token.i], key=_rank)
                set_token_attrs(token, _merge(found))
                continue
            merged = self._merged.get(key)
            if merged is None:
                merged = self._merged[key] = self._merged_for(token, key)
            if merged:
                set_token_attrs(token, merged)
        return doc


def _rank(match: tuple[int, dict]) -> int:
    return match[0]


def _merge(matches: list[tuple[int, dict]]) -> dict:
    """Later patterns win, as in the ruler."""
    merged: dict = {}
    for _, attrs in matches:
        merged.update(attrs)
    return merged


def _first_words(first: dict) -> list[str]:
    wanted = first.get("LOWER")
    if isinstance(wanted, str):
        return [wanted]
    if isinstance(wanted, dict) and set(wanted) == {"IN"}:
        return list(wanted["IN"])
    return []


def use_lookup(nlp: Language) -> bool:
    """Swap the pipeline's attribute ruler for the lookup; False if it has to stay."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        lookup = AttributeLookup(nlp.get_pipe("attribute_ruler"))
    except UnsupportedPattern:
        return False
    nlp.replace_pipe("attribute_ruler", _component_name(lookup))
    return True


def _component_name(lookup: AttributeLookup) -> str:
    name = f"attribute_lookup_{id(lookup)}"
    Language.component(name, func=lookup)
    return name
