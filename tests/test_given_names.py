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
    given_names._dictionary.cache_clear()
    person.load()
    assert given_names._ranks.cache_info().currsize == 2  # given and family names, read once
    assert given_names._dictionary.cache_info().currsize == 1  # and the English words


@pytest.mark.parametrize(
    ("word", "classes"),
    [
        ("pics", {"noun"}),  # a plural: the index holds "pic"
        ("stories", {"noun"}),
        ("Historical", {"adj"}),
        ("perform", {"verb"}),
        ("tonight", {"adv", "noun"}),
        ("Bruynseels", set()),
        ("", set()),
    ],
)
def test_given_names_word_classes_come_from_the_pipelines_wordnet_index(word, classes):
    assert given_names.word_classes(word) == classes


@pytest.mark.parametrize(
    ("word", "plain"),
    [
        ("Sayings", True),
        ("news", True),
        ("funny", True),
        ("mark", False),  # a noun, and a common given name
        ("Smith", False),  # a noun, and a top family name
        ("Okafor", False),  # no English word
    ],
)
def test_given_names_plain_words_are_english_words_not_common_names(word, plain):
    assert given_names.is_plain_word(word) is plain
