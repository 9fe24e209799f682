"""Learning and change: "Experiment, learn & change stuff… being permanently beta"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from .cue import Cue
from .per_doc import once_per_doc

LEARNING = re.compile(
    r"\b(?:i (?:was|were) wrong|(?:i|we) learn(?:ed|t)|what i learn(?:ed|t)|lessons? (?:i|we)|"
    r"lessons? learn(?:ed|t)|(?:i|we) tried|(?:i|we) experimented|experiment(?:ing|ed)? with|"
    r"changed my mind|(?:i|we) failed|my mistake|(?:i|we) made a mistake|(?:i|we) messed up|"
    r"(?:i|we) realized|(?:i|we) realised|til\b|today i learned|taught me|"
    r"(?:i'm|i am) (?:still )?learning|feedback (?:is )?welcome|(?:i|we) got it wrong|"
    r"next time,? (?:i|we)|(?:i|we) iterated|turns out|i underestimated|i overestimated|"
    r"(?:biggest |big |costly |my |our )mistakes?|lessons?\b|looking back|in hindsight|"
    r"i used to (?:think|believe)|(?:i|we) (?:was|were) naive|i admit(?:ted)?|"
    r"what i(?:'d| would) do differently|the hard way|(?:i|we) should have|i wish i(?:'d| had)|"
    r"(?:flopped|backfired|didn't work|did not work|failed)|(?:i|we) changed (?:the|our|my)|"
    r"(?:i'm|i am|we're|we are) changing|practi[sc]ing|(?:i|we) got (?:it|this) wrong|"
    r"here's what (?:i|we) (?:changed|learned|learnt)|(?:i|we) stopped|"
    r"(?:i|we) (?:nearly|almost) (?:lost|ran out|went under|quit)|"
    r"i (?:finally |now )?(?:understand|get|see|know) (?:now )?(?:that|why|how)|confession|"
    r"proved (?:me|us|them) (?:wrong|right)|i should have listened|i ignored|"
    r"(?:i|we) would have (?:said|told you|argued)|burn(?:ed|t) out|wake-up call)",
    re.IGNORECASE,
)


@once_per_doc  # asked again by other features of the same draft
def learning(doc: Doc) -> Iterator[Cue]:
    """Admissions of mistakes, experiments and lessons learned."""
    for match in LEARNING.finditer(doc.text):
        yield Cue("learning", match.start(), match.end(), match.group(), "self")
