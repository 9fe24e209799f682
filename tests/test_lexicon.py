"""The word lists (companion/lexicon, issue 9): every entry can match what the
pipeline's tokenizer makes of a draft, every list is read by a module, the files ship in
the wheel, and a malformed file fails with one line that names it.

Words are compared token by token (``token.lower_ in THANKS``), so an entry the tokenizer
splits ("write-up" is "write", "-", "up") can never match; phrases and patterns are
matched on the text, so each must match a run of whole tokens.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path
from re import _constants as sre
from re import _parser

import pytest

from companion import lexicon
from companion.lexicon import LexiconError, WordList, read_lists

ROOT = Path(__file__).resolve().parent.parent
LISTS = list(lexicon.every_list())
# A clitic is a token only after a word: "I'm" is "I" + "'m", "don't" is "do" + "n't".
HOSTS = ("I", "do")


def _one_token(nlp, entry: str) -> bool:
    """Can ``entry`` be one token's lowercased text, written in some case or as a clitic?"""
    written = {entry, entry.capitalize(), entry.upper(), *(host + entry for host in HOSTS)}
    return any(entry in {token.lower_ for token in nlp.make_doc(text)} for text in written)


def _example(regex: str) -> str:
    """The shortest text a pattern entry matches, taking the first branch of each choice.

    It walks the parse of ``re`` itself (``re._parser``, private but stable since 3.11):
    Hypothesis's ``from_regex`` draws random texts (any letter for ``\\w``), and this check
    wants one plain, repeatable example per entry.
    """
    return _text(_parser.parse(regex))


def _text(parsed) -> str:
    out = []
    for op, value in parsed:
        if op is sre.LITERAL:
            out.append(chr(value))
        elif op is sre.NOT_LITERAL or op is sre.ANY:
            out.append("b" if value == ord("a") else "a")
        elif op is sre.IN:
            out.append(_member(value))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _, item = value
            out.append(_text(item) * low)
        elif op is sre.SUBPATTERN:
            out.append(_text(value[-1]))
        elif op is sre.BRANCH:
            out.append(_text(value[1][0]))
        elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            raise ValueError(f"no example for {op}")
    return "".join(out)


def _member(items) -> str:
    categories = {sre.CATEGORY_DIGIT: "1", sre.CATEGORY_SPACE: " ", sre.CATEGORY_WORD: "a"}
    op, value = items[0]
    if op is sre.NEGATE:
        return "a"
    if op is sre.RANGE:
        return chr(value[0])
    return categories.get(value, "a") if op is sre.CATEGORY else chr(value)


def _aligned(nlp, text: str, start: int, end: int) -> bool:
    """Does text[start:end] (less the spaces around it) cover whole tokens?"""
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end -= len(text[start:end]) - len(text[start:end].rstrip())
    return nlp.make_doc(text).char_span(start, end) is not None


def unmatchable(nlp, words: WordList) -> list[str]:
    """The entries of a list that can never match a token or a run of tokens."""
    bad = []
    for entry in words.entries:
        if words.kind == "token":
            if not _one_token(nlp, entry):
                bad.append(entry)
            continue
        regex = entry if words.kind == "pattern" else rf"\b{re.escape(entry)}\b"
        example = _example(regex) if words.kind == "pattern" else entry
        text = f"So {example} now."
        found = re.compile(regex, re.IGNORECASE).search(text)
        if found is None or not _aligned(nlp, text, found.start(), found.end()):
            bad.append(entry)
        elif words.kind == "pattern":
            # The list as a module compiles it tries its entries in order: this one's text
            # must still be matched there, by it or by an entry before it.
            whole = lexicon.pattern(words.topic, words.name, start="", end="")
            if whole.search(text, found.start()) is None:
                bad.append(entry)
    return bad


@pytest.mark.parametrize("words", LISTS, ids=lambda words: f"{words.topic}.{words.name}")
def test_lexicon_every_entry_can_match_the_tokens(nlp, words):
    assert unmatchable(nlp, words) == []


@pytest.mark.parametrize(
    ("words", "bad"),
    [
        (WordList("t", "split", "token", ("thanks", "write-up", "co-op")), ["write-up", "co-op"]),
        (WordList("t", "case", "token", ("Thanks", "n't", "'m", "dr.")), ["Thanks"]),
        (WordList("t", "phrases", "phrase", ("thought leader", "leader ")), ["leader "]),
        (WordList("t", "patterns", "pattern", (r"well done", r"big\bdeal", r"ab(?=c)d")),
         [r"big\bdeal", r"ab(?=c)d"]),
    ],
)  # fmt: skip
def test_lexicon_check_catches_entries_that_cannot_match(nlp, words, bad, monkeypatch):
    monkeypatch.setattr(lexicon, "word_list", lambda *_: words)
    assert unmatchable(nlp, words) == bad


def test_lexicon_check_catches_a_pattern_entry_hidden_by_the_list(nlp, monkeypatch):
    """An entry the list's anchors or earlier entries make unreachable is caught too."""
    hidden = WordList("t", "hidden", "pattern", ("a(?!b)", "ab"))
    monkeypatch.setattr(lexicon, "word_list", lambda *_: WordList("t", "hidden", "pattern", ("x",)))
    assert unmatchable(nlp, hidden) == ["a(?!b)", "ab"]


def test_lexicon_every_list_is_read_by_a_module():
    source = "\n".join(path.read_text() for path in (ROOT / "companion").rglob("*.py"))
    used = set(re.findall(r'lexicon\.\w+\(\s*"(\w+)",\s*"(\w+)"', source))
    assert {(words.topic, words.name) for words in LISTS} == used


def test_lexicon_files_ship_in_the_wheel():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shipped = project["tool"]["setuptools"]["package-data"]["companion"]
    files = [
        p.relative_to(ROOT / "companion").as_posix() for p in (ROOT / "companion").rglob("*.toml")
    ]
    assert files and all(any(fnmatch.fnmatch(f, glob) for glob in shipped) for f in files)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[a\nkind = 'token'", "t.toml: "),
        ("[a]\nkind = 'token'\n", "t.toml [a]: a list has exactly a kind and entries"),
        ("[a]\nkind = 'word'\nentries = ['x']", "t.toml [a]: kind 'word' is not one of token"),
        ("[a]\nkind = 'token'\nentries = 'thanks'", "t.toml [a]: entries must be a non-empty list"),
        ("[a]\nkind = 'token'\nentries = []", "t.toml [a]: entries must be a non-empty list"),
        ("[a]\nkind = 'token'\nentries = ['x', ' ']", "t.toml [a]: entries must be a non-empty"),
        ("[a]\nkind = 'token'\nentries = ['x', 'y', 'x']", "t.toml [a]: listed twice: x"),
        ("[a]\nkind = 'pattern'\nentries = ['(x']", "t.toml [a]: '(x' is not a regular expression"),
    ],
)
def test_lexicon_malformed_file_fails_with_one_line_naming_it(text, message):
    with pytest.raises(LexiconError) as raised:
        read_lists("t", text)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_lexicon_asking_for_a_missing_list_or_the_wrong_kind_names_it():
    with pytest.raises(LexiconError, match=r"credit.toml has no list \[nosuch\]"):
        lexicon.words("credit", "nosuch")
    with pytest.raises(LexiconError, match=r"credit.toml \[idioms\] is a pattern list, not token"):
        lexicon.words("credit", "idioms")
    with pytest.raises(LexiconError, match=r"^nosuch.toml: "):
        lexicon.words("nosuch", "thanks")
