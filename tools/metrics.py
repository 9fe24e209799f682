"""Counts, F1, macro-F1 and percentile bootstrap intervals."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np


@dataclasses.dataclass
class Counts:
    """True positives, false positives and false negatives; precision, recall, F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        self.tp += predicted and actual
        self.fp += predicted and not actual
        self.fn += actual and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def macro_f1(predicted: Sequence[bool], actual: Sequence[bool]) -> float:
    """Mean of the F1 of the positive and of the negative class."""
    positive, negative = Counts(), Counts()
    for guess, truth in zip(predicted, actual, strict=True):
        positive.add(guess, truth)
        negative.add(not guess, not truth)
    return (positive.f1 + negative.f1) / 2


def binary_f1(predicted: Sequence[bool], actual: Sequence[bool]) -> float:
    counts = Counts()
    for guess, truth in zip(predicted, actual, strict=True):
        counts.add(guess, truth)
    return counts.f1


def span_f1(per_item: Sequence[tuple[int, int, int]]) -> float:
    """F1 from per-item (tp, fp, fn) triples, pooled."""
    tp = sum(item[0] for item in per_item)
    fp = sum(item[1] for item in per_item)
    fn = sum(item[2] for item in per_item)
    return Counts(tp, fp, fn).f1


def bootstrap(
    statistic: Callable[[Sequence[int]], float], size: int, rounds: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95% percentile interval of ``statistic`` over item indices drawn with replacement."""
    if size == 0:
        return (0.0, 0.0)
    generator = np.random.default_rng(seed)
    values = [statistic(generator.integers(0, size, size).tolist()) for _ in range(rounds)]
    low, high = np.percentile(values, [2.5, 97.5])
    return (float(low), float(high))


def interval_of_pairs(
    metric: Callable[[Sequence[bool], Sequence[bool]], float],
    predicted: Sequence[bool],
    actual: Sequence[bool],
) -> tuple[float, float]:
    """Bootstrap interval of ``metric(predicted, actual)`` over items."""
    return bootstrap(
        lambda idx: metric([predicted[i] for i in idx], [actual[i] for i in idx]), len(actual)
    )
