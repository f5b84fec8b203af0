"""Reloads keep the last good version of whatever staff break, and follow cards being added or removed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import DATA, SAMPLE_CONTENT, write_card
from helpers.hang import within_deadline

from kiosk.core.store import ContentStore

CARDS = DATA / "cards"
CONFIGS = DATA / "configs"
# Every card file of the sample deck, in file-name order (the deck itself is checked in test_sample_content).
SAMPLE_SLUGS = sorted(path.name for path in (SAMPLE_CONTENT / "en").glob("*.md"))


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
    assert good.slug == SAMPLE_SLUGS[1]
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
    new = slugs(state).index("25-new.md")
    assert slugs(state)[new - 1] < "25-new.md" < slugs(state)[new + 1]
    assert state.cards("en")[new].title == "New card"
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
    assert state.cards("en")[slugs(state).index("10-what-is-ketamine.md")].title == "What is ketamine, really?"
    assert errors(state) == []


# --- disappearances: errors, and the last good version stays ------------------------------------



def set_languages(content, value: str) -> None:
    path = content / "kiosk.toml"
    text = path.read_text(encoding="utf-8")
    assert 'languages = ["en", "es"]' in text
    path.write_text(text.replace('languages = ["en", "es"]', f"languages = {value}"), encoding="utf-8")


def languages_line(content) -> int:
    lines = (content / "kiosk.toml").read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if line.startswith("languages = "))


def test_vanished_language_folder_is_an_error_and_keeps_the_last_good_deck(content):
    store = ContentStore(content)
    before = store.reload()
    shutil.move(content / "en", content.parent / "en-away")  # a sync tool or git checkout, for a moment
    during = store.reload()
    assert during.cards("en") == before.cards("en")
    assert during.config.kiosk.languages == ("en", "es")
    assert errors(during) == [("kiosk.toml", languages_line(content), "language 'en' has no folder en/ in the content folder: add it with cards, or remove 'en' from languages (the folder with cards there: es/)")]
    shutil.move(content.parent / "en-away", content / "en")
    assert errors(store.reload()) == []


def test_language_folder_suddenly_without_cards_keeps_the_last_good_deck(content):
    store = ContentStore(content)
    before = store.reload()
    for card in (content / "es").glob("*.md"):
        card.unlink()
    during = store.reload()
    assert during.cards("es") == before.cards("es") and during.cards("es")
    assert errors(during) == [("kiosk.toml", languages_line(content), "language 'es': folder es/ has no cards; add Markdown files such as 10-welcome.md")]


def test_unreadable_language_folder_keeps_the_last_good_deck(content, monkeypatch):
    store = ContentStore(content)
    before = store.reload()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == content / "en":
            raise PermissionError(13, "Permission denied")  # chmod 000 cannot stop root, who runs CI
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    during = store.reload()
    assert during.cards("en") == before.cards("en")
    assert errors(during) == [("kiosk.toml", languages_line(content), "language 'en': folder en/ cannot be read (Permission denied)")]


def test_vanished_kiosk_toml_is_an_error_and_keeps_the_last_good_settings(content):
    store = ContentStore(content)
    good = store.reload().config
    (content / "kiosk.toml").unlink()
    state = store.reload()
    assert state.config == good
    assert [(name, line) for name, line, _ in errors(state)] == [("kiosk.toml", 1)]
    assert slugs(state, "es") == SAMPLE_SLUGS


def test_fifo_as_kiosk_toml_is_an_error_and_never_blocks(content):
    store = ContentStore(content)
    good = store.reload().config
    (content / "kiosk.toml").unlink()
    os.mkfifo(content / "kiosk.toml")
    state = within_deadline(store.reload, fifos=(content / "kiosk.toml",))
    assert state.config == good
    assert errors(state) == [("kiosk.toml", 1, "kiosk.toml is a named pipe (FIFO), not a regular file; it is never opened")]


def test_fifo_as_a_card_is_an_error_and_never_blocks(content):
    store = ContentStore(content)
    store.reload()
    fifo = content / "en" / "15-pipe.md"
    os.mkfifo(fifo)
    state = within_deadline(store.reload, fifos=(fifo,))
    assert slugs(state) == SAMPLE_SLUGS
    assert errors(state) == [("15-pipe.md", 1, "15-pipe.md is a named pipe (FIFO), not a regular file; it is never opened")]


def test_language_without_a_folder_is_blamed_on_the_languages_line_and_skipped_at_start_up(content):
    set_languages(content, '["fr", "en"]')
    state = ContentStore(content).reload()
    assert state.config.kiosk.languages == ("en",)  # nothing to show in French: English is the default
    assert slugs(state) == SAMPLE_SLUGS
    assert errors(state) == [("kiosk.toml", languages_line(content), "language 'fr' has no folder fr/ in the content folder: add it with cards, or remove 'fr' from languages (the folders with cards there: en/, es/)")]


def test_only_language_without_a_folder_stays_configured_with_nothing_to_show(content):
    set_languages(content, '["fr"]')
    state = ContentStore(content).reload()
    assert state.config.kiosk.languages == ("fr",)
    assert state.cards("fr") == ()
    assert [(name, line) for name, line, _ in errors(state)] == [("kiosk.toml", languages_line(content))]
    # A fresh start shows welcome and contact only: the message says which folders staff may have meant.
    assert errors(state)[0][2].endswith("or remove 'fr' from languages (the folders with cards there: en/, es/)")


def test_first_only_reads_the_first_language_and_lists_the_others_as_pending(content):
    store = ContentStore(content)
    first = store.reload(first_only=True)
    assert slugs(first) == SAMPLE_SLUGS and first.cards("es") == ()
    assert first.pending == {"es"} and first.config.kiosk.languages == ("en", "es")
    full = store.reload()
    assert full.pending == frozenset() and slugs(full, "es") == SAMPLE_SLUGS


# --- the parse cache --------------------------------------------------------------------------


def test_saving_one_card_parses_only_that_card_again(content):
    store = ContentStore(content)
    store.reload()
    parsed = store.cache.parsed
    assert parsed == 2 * len(SAMPLE_SLUGS)
    assert store.reload().cards("en") and store.cache.parsed == parsed  # nothing changed: nothing parsed
    path = content / "es" / "30-how-it-is-different.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nUna línea nueva.\n", encoding="utf-8")
    state = store.reload()
    assert store.cache.parsed == parsed + 1
    assert "Una línea nueva." in state.cards("es")[slugs(state, "es").index(path.name)].html


def test_a_rewrite_keeping_size_and_file_time_is_still_seen(content):
    """Coarse file times (FAT: 2 s) can hide a second write; recent files are compared byte for byte."""
    store = ContentStore(content)
    path = content / "en" / "10-what-is-ketamine.md"
    path.write_text("---\ntitle: AAAA\n---\nText.\n", encoding="utf-8")
    store.reload()
    info = os.stat(path)
    path.write_text("---\ntitle: BBBB\n---\nText.\n", encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert os.stat(path).st_size == info.st_size
    state = store.reload()
    assert state.cards("en")[slugs(state).index(path.name)].title == "BBBB"


def test_a_changed_picture_parses_every_card_again(content):
    store = ContentStore(content)
    store.reload()
    parsed = store.cache.parsed
    (content / "images" / "new.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    store.reload()
    assert store.cache.parsed == parsed + 2 * len(SAMPLE_SLUGS)


def test_a_recording_a_card_names_arriving_parses_the_card_again(content):
    """`audio:` naming a file not there yet is a warning; once it arrives, the card plays it."""
    path = write_card(content, "15-spoken.md", "---\ntitle: Spoken\naudio: audio/spoken.wav\n---\nText.\n")
    store = ContentStore(content)
    before = store.reload()
    assert any(problem.path == path and "audio" in problem.message for problem in before.problems)
    (content / "audio").mkdir()
    shutil.copy(DATA / "audio" / "tone.wav", content / "audio" / "spoken.wav")
    after = store.reload()
    assert [card.audio for card in after.cards("en") if card.slug == path.name] == [content / "audio" / "spoken.wav"]


def test_a_picture_in_a_linked_folder_is_watched_too(content, tmp_path):
    """content/images may be a link to a shared folder: a picture changed there is seen like any other."""
    shared = tmp_path / "shared"
    shutil.move(content / "images", shared)
    (content / "images").symlink_to(shared, target_is_directory=True)
    (content / "loop").symlink_to(content, target_is_directory=True)  # a link back up the tree is walked once
    store = ContentStore(content)
    store.reload()
    parsed = store.cache.parsed
    (shared / "new.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    store.reload()
    assert store.cache.parsed == parsed + 2 * len(SAMPLE_SLUGS)


def test_first_only_still_reports_a_language_folder_that_is_missing(content):
    set_languages(content, '["en", "fr"]')
    state = ContentStore(content).reload(first_only=True)
    assert state.pending == frozenset() and state.config.kiosk.languages == ("en",)
    assert [(name, line) for name, line, _ in errors(state)] == [("kiosk.toml", languages_line(content))]
