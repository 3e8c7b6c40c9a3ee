"""The project's reader of navec's file gives navec's own vectors and counts, for known and unknown words."""

from __future__ import annotations

import numpy as np
import pytest

from sobes.analysis.content.meaning import navec_path
from sobes.analysis.content.word_vectors import WordVectors


@pytest.fixture(scope="module")
def both():
    from navec import Navec

    return WordVectors(navec_path()), Navec.load(str(navec_path()))


def test_every_sampled_word_has_navecs_vector_and_count(both):
    ours, theirs = both
    ids = np.random.default_rng(7).integers(0, len(theirs.vocab.words) - 2, 2000).tolist() + [0, 1]
    for index in ids:
        word = theirs.vocab.words[index]
        vector, count = ours.lookup(word)
        np.testing.assert_array_equal(vector, theirs[word])
        assert count == theirs.vocab.counts[index]
    assert ours.total == sum(theirs.vocab.counts)


def test_words_navec_does_not_know_are_none(both):
    ours, theirs = both
    for word in ("зарплатааа", "", "client", "крокозябраглокая"):
        assert (ours.lookup(word) is None) == (word not in theirs.vocab)
