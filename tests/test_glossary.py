"""The glossary gives one label per term and language, and names an unknown key."""

import pytest

from stockrights.glossary import GLOSSARY, Lang, label


def test_every_term_has_both_languages() -> None:
    """No term is missing its Japanese or English label."""
    for key, term in GLOSSARY.items():
        assert term.ja.strip(), key
        assert term.en.strip(), key


def test_label_by_language() -> None:
    """The same key gives the Japanese and English label the securities report uses."""
    assert label("volatility", "ja") == "株価変動性"
    assert label("volatility", Lang.EN) == "Share price volatility"


def test_unknown_key_is_named() -> None:
    """An unknown key is an error that names it, not a blank label."""
    with pytest.raises(KeyError, match="no glossary term 'sigma'"):
        label("sigma", "ja")
