"""Reloads keep the last good version of whatever staff break, and follow cards being added or removed."""

from __future__ import annotations

import shutil

from conftest import DATA, write_card

from kiosk.core.store import ContentStore

CARDS = DATA / "cards"
CONFIGS = DATA / "configs"
SAMPLE_SLUGS = [
    "10-what-is-ketamine.md", "20-how-it-may-help.md", "30-how-it-is-different.md",
    "40-a-treatment-session.md", "50-possible-benefits.md", "60-risks-and-side-effects.md",
    "70-is-it-right-for-me.md",
]


def slugs(state, language: str = "en") -> list[str]:
    return [card.slug for card in state.cards(language)]


def errors(state) -> list[tuple[str, int, str]]:
    return [(p.path.name, p.line, p.message) for p in state.problems if p.is_error]


def test_first_load_shows_every_sample_card_without_errors(content):
    state = ContentStore(content).reload()
    assert slugs(state) == SAMPLE_SLUGS
    assert errors(state) == []
    assert state.config.clinic.name == "Calliope Health Ketamine"
    assert state.cards("xx") == ()


def test_broken_card_keeps_its_last_good_version(content):
    store = ContentStore(content)
    before = store.reload()
    good = before.cards("en")[1]
    assert good.slug == "20-how-it-may-help.md"
    shutil.copy(CARDS / "yaml-error.md", content / "en" / good.slug)
    after = store.reload()
    assert slugs(after) == SAMPLE_SLUGS
    assert after.cards("en")[1] is good
    assert errors(after) == [(good.slug, 4, "front matter is not valid YAML: mapping values are not allowed here")]
    # Still broken on the next reload: still the same last good card.
    assert store.reload().cards("en")[1] is good


def test_broken_kiosk_toml_keeps_the_last_good_config(content):
    store = ContentStore(content)
    good = store.reload().config
    assert good.clinic.phone == "(301) 828-9513"
    shutil.copy(CONFIGS / "syntax-error.toml", content / "kiosk.toml")
    state = store.reload()
    assert state.config == good
    assert errors(state) == [("kiosk.toml", 11, "not valid TOML: Unclosed array")]
    assert slugs(state) == SAMPLE_SLUGS


def test_broken_card_at_first_load_is_left_out(content):
    shutil.copy(CARDS / "no-front-matter.md", content / "en" / "15-broken.md")
    state = ContentStore(content).reload()
    assert slugs(state) == SAMPLE_SLUGS
    assert [(name, line) for name, line, _ in errors(state)] == [("15-broken.md", 1)]


def test_deleted_card_disappears_and_new_card_appears_in_file_name_order(content):
    store = ContentStore(content)
    store.reload()
    (content / "en" / "30-how-it-is-different.md").unlink()
    write_card(content, "25-new.md", "---\ntitle: New card\n---\nNew text.\n")
    state = store.reload()
    expected = [s for s in SAMPLE_SLUGS if s != "30-how-it-is-different.md"] + ["25-new.md"]
    assert slugs(state) == sorted(expected)
    assert slugs(state)[2] == "25-new.md"
    assert state.cards("en")[2].title == "New card"
    assert errors(state) == []


def test_fixed_card_replaces_its_last_good_version(content):
    store = ContentStore(content)
    store.reload()
    path = content / "en" / "10-what-is-ketamine.md"
    original = path.read_text(encoding="utf-8")
    path.write_text("garbage without front matter\n", encoding="utf-8")
    store.reload()
    path.write_text(original.replace("title: What is ketamine?", "title: What is ketamine, really?"), encoding="utf-8")
    state = store.reload()
    assert state.cards("en")[0].title == "What is ketamine, really?"
    assert errors(state) == []
