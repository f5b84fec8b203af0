"""The clinic's crisis line at the end of cards with `crisis: true`: shown, read and printed alike."""

from __future__ import annotations

import pytest
from conftest import write_card

from kiosk.core.cards import load_card
from kiosk.core.crisis import crisis_markdown, with_crisis
from kiosk.core.media import PAPER
from kiosk.core.store import ContentStore

CONFIG = ('[clinic]\nname = "Clinic"\nphone = "555"\nwebsite = "https://example.org/"\n'
          'crisis = "Call or text 988 (24/7). In an *emergency*, call 911."\n\n'
          '[clinic.es]\ncrisis = "Llame al 988."\n\n[kiosk]\nlanguages = ["en", "es"]\n')


@pytest.fixture
def root(tmp_path):
    (tmp_path / "kiosk.toml").write_text(CONFIG, encoding="utf-8")
    for language in ("en", "es"):
        write_card(tmp_path, "10-a.md", "---\ntitle: A\ncrisis: true\n---\nText.\n\n[paper] On paper.\n", language)
        write_card(tmp_path, "20-b.md", "---\ntitle: B\n---\nText.\n", language)
    return tmp_path


def test_a_card_that_asks_for_it_ends_with_the_line_in_the_visits_language(root):
    state = ContentStore(root).reload()
    english, plain = state.cards("en")
    assert english.blocks[-1].text == "Need help now? Call or text 988 (24/7). In an *emergency*, call 911."
    assert english.blocks[-1].in_quote
    assert english.html.endswith("<blockquote>\n<p><strong>Need help now?</strong> Call or text 988 (24/7). In an *emergency*, call 911.</p>\n</blockquote>")
    assert english.blocks_for(PAPER)[-1] == english.blocks[-1] and "On paper." in english.html_for(PAPER)
    assert plain.blocks[-1].text == "Text."
    assert state.cards("es")[0].blocks[-1].text == "¿Necesita ayuda ahora? Llame al 988."


def test_no_crisis_line_in_kiosk_toml_adds_nothing(root):
    (root / "kiosk.toml").write_text(CONFIG.split("crisis")[0] + '\n[kiosk]\nlanguages = ["en", "es"]\n', encoding="utf-8")
    assert ContentStore(root).reload().cards("en")[0].blocks[-1].text == "Text."


def test_the_clinics_words_are_shown_as_typed_never_as_markdown():
    assert crisis_markdown("Need help now?", "# 988 *now* [link](x)") == r"> **Need help now?** \# 988 \*now\* \[link\]\(x\)"


@pytest.mark.parametrize(("value", "shown"), [("true", True), ("Yes", True), ("false", False), ("no", False)])
def test_crisis_is_yes_or_no(root, value, shown):
    result = load_card(write_card(root, "30-c.md", f"---\ntitle: C\ncrisis: {value}\n---\nText.\n"), root)
    assert result.problems == () and result.card.crisis is shown
    assert (with_crisis(result.card, "Help?", "Call.", root).blocks[-1].text == "Help? Call.") is shown


def test_a_crisis_value_that_is_not_yes_or_no_is_a_warning(root):
    result = load_card(write_card(root, "30-c.md", "---\ntitle: C\ncrisis: sometimes\n---\nText.\n"), root)
    assert [(p.line, p.message) for p in result.problems] == [(3, "'crisis' must be true or false (not 'sometimes'); it is taken as false")]
    assert result.card.crisis is False
