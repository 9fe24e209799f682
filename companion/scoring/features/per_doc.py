"""Answers worked out once per Doc: several features ask the same question of a draft.

The brag reader asks which sentences offer help or share a lesson, the call-to-action
reader asks about offers again, the introductions ask who the people are; each answer was
computed two or three times per draft. The mechanism is :mod:`companion.nlp.per_doc`, the
one every reader uses (the features, the signals' n-grams, the text the matches scan).
"""

from __future__ import annotations

from ...nlp.per_doc import KEPT, once_per_doc, per_doc

__all__ = ["KEPT", "once_per_doc", "per_doc"]
