"""Log-odds with a Dirichlet prior and G², checked against a small example worked by hand."""
import math

import pandas as pd
import pytest

from analysis.compare.keyness import distinctive_terms, keyness_g2, log_odds_dirichlet

# Group A says "a a b c", group B says "a b b d". Counts: A = a2 b1 c1 (n=4); B = a1 b2 d1 (n=4).
# The prior is the pooled counts: a3 b3 c1 d1, alpha_0 = 8.
FRAME = pd.DataFrame({"side": ["A", "B"], "text": ["a a b c", "a b b d"]})


def test_log_odds_by_hand():
    out = log_odds_dirichlet(pd.Series({"a": 2, "b": 1, "c": 1}), pd.Series({"a": 1, "b": 2, "d": 1}),
                             prior=pd.Series({"a": 3, "b": 3, "c": 1, "d": 1})).set_index("term")
    # c: A (1+1)/(4+8-1-1) = 2/10, B (0+1)/(4+8-0-1) = 1/11 -> ln(2.2); variance 1/2 + 1/1
    assert out.loc["c", "log_odds"] == pytest.approx(math.log(2.2))
    assert out.loc["c", "zscore"] == pytest.approx(math.log(2.2) / math.sqrt(1.5))
    # a: A 5/7, B 4/8 -> ln(10/7); variance 1/5 + 1/4
    assert out.loc["a", "log_odds"] == pytest.approx(math.log(10 / 7))
    assert out.loc["a", "zscore"] == pytest.approx(math.log(10 / 7) / math.sqrt(0.45))
    # d mirrors c
    assert out.loc["d", "zscore"] == pytest.approx(-out.loc["c", "zscore"])


def test_g2_by_hand():
    out = keyness_g2(pd.Series({"a": 2, "b": 1, "c": 1}), pd.Series({"a": 1, "b": 2, "d": 1})).set_index("term")
    # c: expected 0.5 in each group; G2 = 2 * 1 * ln(1 / 0.5)
    assert out.loc["c", "g2"] == pytest.approx(2 * math.log(2))
    # a: expected 1.5 each; G2 = 2 * (2 ln(2/1.5) + 1 ln(1/1.5))
    assert out.loc["a", "g2"] == pytest.approx(2 * (2 * math.log(2 / 1.5) + math.log(1 / 1.5)))
    assert out.loc["d", "g2"] == pytest.approx(-2 * math.log(2))


def test_distinctive_terms_tidy_and_oriented():
    out = distinctive_terms(FRAME)
    assert {"term", "group", "count", "zscore", "log_odds", "g2", "count_other"} <= set(out.columns)
    a = out[out.group == "A"].set_index("term")
    b = out[out.group == "B"].set_index("term")
    assert a.index[0] == "c" and b.index[0] == "d"
    assert a.loc["c", "zscore"] == pytest.approx(math.log(2.2) / math.sqrt(1.5))
    assert a.loc["b", "zscore"] == pytest.approx(-b.loc["b", "zscore"])
    assert "d" not in a.index  # A never says d


def test_prior_shrinks_rare_words_more_than_g2():
    """A word said once ranks below a word said often by the same side under log-odds."""
    df = pd.DataFrame({"side": ["us"] * 2 + ["china"] * 2,
                       "text": ["stability stability stability talks", "stability rare", "respect talks", "respect talks"]})
    us = distinctive_terms(df).query("group == 'us'").set_index("term")
    assert us.loc["stability", "zscore"] > us.loc["rare", "zscore"]


def test_more_than_two_groups_is_one_versus_rest():
    df = pd.DataFrame({"m": ["x", "y", "z"], "text": ["alpha beta", "beta gamma", "gamma delta"]})
    out = distinctive_terms(df, by="m")
    assert sorted(out["group"].unique()) == ["x", "y", "z"]
    assert out.query("group == 'x' and term == 'alpha'")["count_other"].item() == 0


@pytest.mark.parametrize("kwargs, message", [
    (dict(by="speaker"), "no column"),
    (dict(groups=("A", "Q")), "no text for group"),
    (dict(prior_weight=0), "prior_weight"),
    (dict(min_count=0), "min_count"),
])
def test_bad_parameters_are_explained(kwargs, message):
    with pytest.raises(ValueError, match=message):
        distinctive_terms(FRAME, **kwargs)
