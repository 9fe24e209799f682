"""Public figures: praise aimed at them is not the spotlight the seeds ask for.

"Highlighting the activities of celebrities or others in your industry that you hope will
notice your mention of them is not the same as promoting the people whom you know
personally." The small model knows no one; this is a short list of the names posts about
work mention most (heads of state, founders and chief executives, entertainers, athletes,
authors of business books), matched on a person's full name or a surname said alone.
"""

from __future__ import annotations

from ... import lexicon

_PUBLIC = lexicon.words("public_figures", "public_figures")
# Surnames said alone ("Loved Obama's speech", "Musk says…"), when no one else shares them.
_SURNAMES = {name.split()[-1] for name in _PUBLIC if " " in name and len(name.split()[-1]) > 4}
_SURNAMES -= lexicon.words("public_figures", "shared_surnames")


def is_public_figure(name: str) -> bool:
    """Whether a written name (not an @handle) is one of the public figures listed."""
    key = " ".join(name.casefold().replace("’s", "").replace("'s", "").split())
    return key in _PUBLIC or key in _SURNAMES
