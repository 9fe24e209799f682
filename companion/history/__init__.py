"""What the history says, in plain functions over a :class:`~companion.store.Store`.

They know nothing of HTTP, so the API, the ``spotlight`` commands and the tests call the
same code:

- :mod:`.summary`: the give ratio and scores over time, the people you spotlight, the
  composer's trend feedback;
- :mod:`.preferences`: the user's choices on the page;
- :mod:`.filters`: the page's filters, and :class:`InputError` for bad input;
- :mod:`.network`: the people you know and lifted up, whom you could thank, merging people.
- :mod:`.export`: the history as CSV, for spreadsheets;
- :mod:`.backup`: the history as one versioned JSON file, and its restore.
"""

from . import network
from .filters import InputError, parse_filters
from .preferences import DEFAULTS, rule_ids, update_settings, user_settings
from .summary import (
    RECENT,
    draft_context,
    fill_gaps,
    network_breadth,
    people,
    trend_feedback,
    trend_for,
    trends,
)

__all__ = [
    "DEFAULTS",
    "RECENT",
    "InputError",
    "draft_context",
    "fill_gaps",
    "network",
    "network_breadth",
    "parse_filters",
    "people",
    "rule_ids",
    "trend_feedback",
    "trend_for",
    "trends",
    "update_settings",
    "user_settings",
]
