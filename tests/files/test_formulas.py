"""Formula neutralising both ways: what the writers quote, the parsers unquote exactly."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.files.formulas import looks_like_formula, neutralise, unneutralise


@pytest.mark.parametrize(
    ("text", "written"),
    [
        pytest.param("=SUM(A1:A2)", "'=SUM(A1:A2)", id="equals"),
        pytest.param("+44 1375 652652", "'+44 1375 652652", id="plus"),
        pytest.param("-5", "'-5", id="minus"),
        pytest.param("@risk", "'@risk", id="at"),
        pytest.param("\tx", "'\tx", id="tab"),
        pytest.param("'=x", "''=x", id="already-quoted"),
        pytest.param("A report", "A report", id="plain-text"),
        pytest.param("'quoted'", "'quoted'", id="quote-before-plain-text"),
        pytest.param("", "", id="empty"),
    ],
)
def test_formula_like_text_gains_one_quote_and_loses_it_again(text, written):
    assert neutralise(text) == written
    assert unneutralise(written) == text


def test_only_formula_like_text_looks_like_a_formula():
    assert looks_like_formula("=1+1")
    assert looks_like_formula("''=1")
    assert not looks_like_formula("1+1")


@given(st.text())
def test_any_text_survives_neutralising_and_restoring(text):
    written = neutralise(text)
    assert written[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unneutralise(written) == text
