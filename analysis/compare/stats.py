"""Small-sample statistics for comparisons: seeded bootstrap intervals and permutation tests.

With a handful of statements per side, a bare mean says little; every
comparison in this project reports its n and an interval. Both procedures
resample *statements* (rows), are vectorised with NumPy, and take a ``seed``
so the same input always gives the same interval.
"""
from __future__ import annotations

import numpy as np

#: Default number of bootstrap resamples and permutations.
N_BOOT = 2000
N_PERM = 5000
SEED = 2023


def _as_array(values, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    return arr[~np.isnan(arr)]


def bootstrap_mean(values, n_boot: int = N_BOOT, level: float = 0.95, seed: int = SEED) -> tuple[float, float, float]:
    """Mean of ``values`` with a percentile bootstrap interval: ``(mean, lo, hi)``.

    NaNs are dropped; an empty input gives NaNs, a single value a zero-width interval.

    >>> bootstrap_mean([0.1, 0.2, 0.3, 0.4], seed=1)[0]
    0.25
    """
    arr = _as_array(values, "values")
    _check(n_boot, level)
    if arr.size == 0:
        return (float("nan"),) * 3
    rng = np.random.default_rng(seed)
    means = arr[rng.integers(0, arr.size, size=(n_boot, arr.size))].mean(axis=1)
    lo, hi = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    return float(arr.mean()), float(lo), float(hi)


def bootstrap_rate(counts, words, per: float = 100.0, n_boot: int = N_BOOT, level: float = 0.95,
                   seed: int = SEED) -> tuple[float, float, float]:
    """A rate per ``per`` words (sum of counts / sum of words) with a bootstrap interval over statements.

    >>> bootstrap_rate([1, 0, 1], [10, 20, 20])[0]
    4.0
    """
    c, w = np.asarray(counts, dtype=float), np.asarray(words, dtype=float)
    if c.shape != w.shape or c.ndim != 1:
        raise ValueError("counts and words must be one-dimensional and of the same length")
    _check(n_boot, level)
    if c.size == 0 or w.sum() == 0:
        return (float("nan"),) * 3
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, c.size, size=(n_boot, c.size))
    wsum = w[idx].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = per * c[idx].sum(axis=1) / wsum
    rates = rates[wsum > 0]
    lo, hi = np.quantile(rates, [(1 - level) / 2, (1 + level) / 2])
    return float(per * c.sum() / w.sum()), float(lo), float(hi)


def permutation_test(a, b, n_perm: int = N_PERM, seed: int = SEED) -> tuple[float, float]:
    """Difference of means ``mean(a) - mean(b)`` and its two-sided permutation p-value.

    The p-value is (k + 1) / (n_perm + 1), where k counts shuffles at least as
    extreme as the observed difference, so it is never exactly 0.

    >>> diff, p = permutation_test([1, 1, 1, 1], [0, 0, 0, 0], seed=1)
    >>> diff, p < 0.05
    (1.0, True)
    """
    x, y = _as_array(a, "a"), _as_array(b, "b")
    if x.size == 0 or y.size == 0:
        return float("nan"), float("nan")
    if n_perm < 1:
        raise ValueError(f"n_perm must be at least 1, got {n_perm!r}")
    observed = x.mean() - y.mean()
    pooled = np.concatenate([x, y])
    rng = np.random.default_rng(seed)
    perms = rng.permuted(np.tile(pooled, (n_perm, 1)), axis=1)
    diffs = perms[:, : x.size].mean(axis=1) - perms[:, x.size:].mean(axis=1)
    k = int(np.sum(np.abs(diffs) >= abs(observed) - 1e-12))
    return float(observed), (k + 1) / (n_perm + 1)


def _check(n_boot: int, level: float) -> None:
    if n_boot < 1:
        raise ValueError(f"n_boot must be at least 1, got {n_boot!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
