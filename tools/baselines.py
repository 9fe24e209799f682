"""Bag-of-words baselines: what the simplest learned model gets from the same training data.

Word uni- and bigrams and character 2–5-grams (TF-IDF), a logistic regression with the
default regularisation; the decision threshold is 0.5 with balanced class weights, the
textbook set-up (Jin et al. report 0.59–0.61 macro-F1 for it on random-sampled tweets).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .corpora import PeopleExample


def _classifier(texts: Sequence[str], labels: Sequence[bool], analyzers=("word", "char_wb")):
    vectorizers = [
        TfidfVectorizer(
            analyzer=analyzer,
            ngram_range=(1, 2) if analyzer == "word" else (2, 5),
            min_df=2,
            sublinear_tf=True,
        )
        for analyzer in analyzers
    ]
    matrix = hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
    model = LogisticRegression(class_weight="balanced", max_iter=3000, solver="liblinear")
    model.fit(matrix, np.array(labels))

    def predict(new: Sequence[str]) -> list[bool]:
        features = hstack([v.transform(new) for v in vectorizers]).tocsr()
        return [bool(p >= 0.5) for p in model.predict_proba(features)[:, 1]]

    return predict


def bragging(train: Sequence[tuple[str, bool]], texts: Sequence[str]) -> list[bool]:
    """Trained on the keyword-sampled tweets, applied to ``texts``."""
    return _classifier([t for t, _ in train], [y for _, y in train])(texts)


def emotion(
    train: Sequence[tuple[str, bool]], texts: Sequence[str], truth: Sequence[bool]
) -> list[bool]:
    """One GoEmotions label, trained on the train split, applied to ``texts``."""
    del truth  # the threshold is fixed at 0.5: nothing is tuned on the split measured
    return _classifier([t for t, _ in train], [y for _, y in train])(texts)


def people(
    nlp, train: Sequence[PeopleExample], texts: Sequence[str], candidates: Sequence[set]
) -> list[set]:
    """The naive candidates (NER PERSON + every @handle) kept when a character n-gram
    model of the mention's own text, trained on the BTC training sections, says PER."""
    from .evaluation import naive_people

    words, labels = [], []
    for example, found in zip(train, naive_people(nlp, [e.text for e in train]), strict=True):
        text16 = example.text.encode("utf-16-le", "surrogatepass")
        for start, end in sorted(found):
            words.append(text16[start * 2 : end * 2].decode("utf-16-le", "replace"))
            labels.append((start, end) in example.people)
    predict = _classifier(words, labels, analyzers=("char_wb",))
    spans = [sorted(found) for found in candidates]
    mentions = [
        text.encode("utf-16-le", "surrogatepass")[s * 2 : e * 2].decode("utf-16-le", "replace")
        for text, tweet in zip(texts, spans, strict=True)
        for s, e in tweet
    ]
    decisions = iter(predict(mentions) if mentions else [])
    return [{span for span in tweet if next(decisions)} for tweet in spans]
