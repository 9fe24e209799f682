"""Learned signals beside the rules: probabilities, each with the words that moved it.

One module per signal (:mod:`.self_promotion`, :mod:`.credit`, :mod:`.person`), listed
in :mod:`.registry`; :mod:`._linear` reads their JSON artifacts (written by
``scripts/train``, described in docs/model.md).
"""
