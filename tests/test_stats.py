"""Bootstrap and permutation: seeded, correct on cases that can be worked out, able to fail."""
import math

import numpy as np
import pytest

from analysis.compare.stats import bootstrap_mean, bootstrap_rate, permutation_test


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = [0.5, -0.2, 0.1, 0.7, 0.0, 0.3]
    a, b = bootstrap_mean(values, seed=7), bootstrap_mean(values, seed=7)
    assert a == b
    mean, lo, hi = a
    assert mean == pytest.approx(np.mean(values))
    assert min(values) <= lo < mean < hi <= max(values)
    assert bootstrap_mean(values, seed=8) != a


def test_bootstrap_edge_cases():
    assert bootstrap_mean([0.4]) == (0.4, 0.4, 0.4)
    assert all(math.isnan(v) for v in bootstrap_mean([]))
    assert bootstrap_mean([1.0, float("nan"), 3.0])[0] == 2.0


def test_interval_narrows_with_more_data():
    rng = np.random.default_rng(0)
    small = rng.normal(size=5)
    large = np.tile(small, 20)
    w_small = np.subtract(*bootstrap_mean(small)[2:0:-1])
    w_large = np.subtract(*bootstrap_mean(large)[2:0:-1])
    assert w_large < w_small


def test_rate_is_ratio_of_sums():
    rate, lo, hi = bootstrap_rate([2, 0, 1], [50, 25, 25])
    assert rate == pytest.approx(3.0)
    assert lo <= rate <= hi
    with pytest.raises(ValueError):
        bootstrap_rate([1, 2], [10])


def test_permutation_test_separates_and_does_not():
    diff, p = permutation_test([0.6, 0.7, 0.8, 0.9, 0.7], [-0.5, -0.6, -0.4, -0.7, -0.5])
    assert diff == pytest.approx(1.28) and p < 0.01
    # Four vs four identical distributions: p must be large.
    _, p_same = permutation_test([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1])
    assert p_same > 0.5
    # Exact: with 1 vs 1 value any shuffle is as extreme as the data, so p is 1.
    assert permutation_test([1.0], [0.0], n_perm=99)[1] == pytest.approx(1.0)


def test_bad_parameters():
    with pytest.raises(ValueError, match="level"):
        bootstrap_mean([1, 2], level=1.5)
    with pytest.raises(ValueError, match="n_boot"):
        bootstrap_mean([1, 2], n_boot=0)
