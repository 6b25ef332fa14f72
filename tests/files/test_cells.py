"""What a tracker's cells hold, read the same way by the text and the tabular parsers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.files.parsers.cells import (
    ParsedRecommendation,
    cell_html,
    cell_text,
    split_assignees,
    split_recommendations,
)


def test_cell_text_keeps_words_apart_across_block_tags_and_closes_up_ordinals():
    assert cell_text("<p>Noted</p><p>on 24 th October</p>") == "Noted on 24th October"


def test_recommendations_keep_their_numbers_and_the_words_before_the_list():
    assert split_recommendations("Cabinet to: 1) Do A. 2) Do B.") == (
        ParsedRecommendation("1", "Do A.", "Cabinet to:"),
        ParsedRecommendation("2", "Do B.", "Cabinet to:"),
    )
    assert split_recommendations("Noted.") == (ParsedRecommendation("", "Noted.", ""),)
    assert split_recommendations("") == ()


def test_assignees_split_on_slashes_commas_and_and_between_names():
    assert split_assignees("Dawn Calvert / O&S Officers; Sima Khiroya and Lucy Smith") == (
        "Dawn Calvert",
        "O&S Officers",
        "Sima Khiroya",
        "Lucy Smith",
    )


@pytest.mark.parametrize(
    ("fragments", "html"),
    [
        pytest.param(["<p>The report was</p>", "<p>noted.</p>"], "<p>The report was noted.</p>",
                     id="sentence-cut-by-a-page-break"),
        pytest.param(["<p>Noted.</p>", "<p>Agreed.</p>"], "<p>Noted.</p><p>Agreed.</p>",
                     id="two-paragraphs"),
        pytest.param(["<script>x</script><p>Kept</p>"], "<p>Kept</p>", id="script-removed"),
    ],
)  # fmt: skip
def test_cell_html_rejoins_what_a_page_break_cut(fragments, html):
    assert cell_html(fragments) == html


@given(st.lists(st.text(max_size=200), max_size=4))
def test_any_fragments_give_html_without_scripts(fragments):
    assert "<script" not in cell_html(fragments).lower()


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_plain_cells_read_without_the_html_parser_read_as_with_it(text):
    """Most spreadsheet cells hold no markup and are read without parsing them as HTML; the
    text must be what the parser would have made of it."""
    from scrutineer.core.sanitise import plain_text
    from scrutineer.files.parsers.cells import ORDINAL

    text = text.replace("<", "")
    assert cell_text(text) == ORDINAL.sub(r"\1\2", plain_text(text))
