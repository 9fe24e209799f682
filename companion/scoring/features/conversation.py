"""Questions and invitations to respond: does the draft listen as well as speak?

"Listen first… the network needs your response to and your engagement in the
conversations already going on." A question is found from the parse, not only from a
question mark: "Who else is hiring right now" asks too.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ... import lexicon
from ...nlp.matches import finditer
from .cue import Cue
from .grammar import sentences

WH_WORDS = lexicon.words("conversation", "wh_words")
INVERTING = lexicon.words("conversation", "inverting")
INVITATIONS = lexicon.pattern("conversation", "invitations", end="")


def is_question(sentence: Span) -> bool:
    """Does the sentence ask something: a question mark, a wh-question or an inverted
    auxiliary ("Do you…"), with or without the mark?"""
    words = [token for token in sentence if not (token.is_space or token.is_punct)]
    if not words:
        return False
    if sentence.text.rstrip().rstrip("\"'”’)").endswith("?"):
        return True
    first = words[0]
    if first.lower_ in WH_WORDS and first.dep_ not in {"mark", "relcl"}:
        root = sentence.root
        # "How I doubled revenue" is a headline; a question needs an auxiliary or a verb
        # whose subject comes after the wh-word's place ("How do you…", "Who else is…").
        if (
            first.i == root.i
            or any(t.dep_ in {"aux", "auxpass"} for t in root.children)
            or (root.lemma_ == "be" or first.dep_ in {"nsubj", "nsubjpass"})
        ):
            return not any(
                t.lower_ in {"i", "we"} and t.dep_ == "nsubj" for t in root.children
            ) or any(
                t.dep_ in {"aux"} and t.i < root.i and t.i == first.i + 1 for t in root.children
            )
    if first.lower_ in INVERTING and len(words) > 2:
        following = words[1]
        return following.dep_ in {"nsubj", "nsubjpass", "expl"} or following.lower_ in {
            "you",
            "anyone",
            "anybody",
            "someone",
            "we",
            "i",
            "they",
            "it",
            "there",
        }
    return False


def questions(doc: Doc) -> Iterator[Cue]:
    """Sentences that ask something, with or without a question mark."""
    for sentence in sentences(doc):
        if is_question(sentence):
            trimmed = sentence.text.rstrip()
            yield Cue("question", sentence.start_char, sentence.start_char + len(trimmed), trimmed)


def invitations(doc: Doc) -> Iterator[Cue]:
    """Explicit asks for the reader's response: "let me know", "what would you add?"."""
    for match in finditer(INVITATIONS, doc):
        yield Cue("invitation", match.start(), match.end(), match.group(), "reader")
