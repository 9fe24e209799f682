"""Given and family names from the US census lists the `names` package ships (issue 15)."""

from __future__ import annotations

import pytest

from companion.scoring.features import given_names


@pytest.mark.parametrize(
    ("word", "bucket"),
    [("Maria", "top"), ("JAMES", "top"), ("lydia", "common"), ("Zenobia", "rare"), ("the", None)],
)
def test_given_names_rank_given_names_in_any_case(word, bucket):
    assert given_names.given_bucket(word) == bucket


@pytest.mark.parametrize(
    ("word", "bucket"),
    [("Lopez", "top"), ("hemmings", "rare"), ("Ortiz", "top"), ("Bruynseels", None), ("", None)],
)
def test_given_names_rank_family_names(word, bucket):
    assert given_names.family_bucket(word) == bucket


def test_given_names_rank_is_the_best_over_both_lists():
    # A name on the men's and the women's list takes its better rank.
    assert given_names.given_rank("james") == 1
    assert given_names.given_rank("mary") == 1
    assert given_names.given_rank("xqzt") is None


@pytest.mark.parametrize(
    ("handle", "prefix"),
    [("justinbieber", "justin"), ("mariagarcia92", "maria"), ("bbcnews", None), ("ann", None)],
)
def test_given_names_prefix_finds_the_first_name_a_handle_runs_together(handle, prefix):
    assert given_names.given_prefix(handle) == prefix


def test_given_names_bucket_cuts():
    assert given_names.bucket(None, (10, 100)) is None
    assert [given_names.bucket(rank, (10, 100)) for rank in (1, 10, 11, 100, 101)] == [
        "top",
        "top",
        "common",
        "common",
        "rare",
    ]


def test_given_names_lists_are_read_when_the_scorer_loads_its_signals():
    from companion.scoring.signals.registry import SIGNALS

    given_names._ranks.cache_clear()
    (person,) = [signal for signal in SIGNALS if signal.id == "person"]
    person.load()
    assert given_names._ranks.cache_info().currsize == 2  # given and family names, read once
