"""Project tools that are not part of the installed package: evaluation and training.

``scripts/evaluate`` and ``scripts/train`` run them from a checkout; the wheel ships
``companion`` only (pyproject's package list), so no corpus reader reaches a user.
"""
