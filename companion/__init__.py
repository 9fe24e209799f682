"""Spotlight's companion: scores drafts and keeps the history of what you published."""

__version__ = "0.1.0"
