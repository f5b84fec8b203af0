"""A topic library: topics in folder order, each keeping its last good topic.toml and cards on its own."""

from __future__ import annotations

import shutil
from datetime import datetime

from conftest import SAMPLE_CONTENT
from helpers.pictures import png_bytes

from kiosk.core.check import lint
from kiosk.core.store import ContentStore
from kiosk.core.topics import on_grid, topic_folders

MONDAY_9 = datetime(2026, 5, 4, 9, 0)
MONDAY_14 = datetime(2026, 5, 4, 14, 0)


def names(topics) -> list[str]:
    return [topic.name for topic in topics]


def found(state) -> list[tuple[str, str, int]]:
    return [(p.path.relative_to(state.root).as_posix(), p.severity.value, p.line) for p in state.problems if p.severity.value != "warning"]


def test_a_library_reads_every_topic_in_folder_order(library):
    state = ContentStore(library).reload()
    assert state.library and state.decks == {} and state.cards("en") == ()
    assert names(state.topics) == ["10-first", "20-mornings", "30-english-only"]
    first = state.topic("10-first")
    assert [card.slug for card in first.cards("es")] == ["10-what.md", "20-how.md"]
    assert first.title("es") == "Lo básico" and first.title("en") == "The basics"
    assert state.config.kiosk.languages == ("en", "es")
    assert found(state) == [("topics/30-english-only/es", "note", 1)]


def test_the_grid_leaves_out_topics_outside_their_window_or_without_the_language(library):
    topics = ContentStore(library).reload().topics
    assert names(on_grid(topics, "en", MONDAY_9)) == ["10-first", "20-mornings", "30-english-only"]
    assert names(on_grid(topics, "es", MONDAY_9)) == ["10-first", "20-mornings"]
    assert names(on_grid(topics, "en", MONDAY_14)) == ["10-first", "30-english-only"]
    assert names(on_grid(topics, "es", MONDAY_14, every=True)) == ["10-first", "20-mornings"]


def test_a_topic_whose_cards_are_all_hidden_today_leaves_the_grid(library):
    card = library / "topics/30-english-only/en/10-costs.md"
    card.write_text(card.read_text().replace("title:", "show_until: 2026-01-01\ntitle:"))
    topics = ContentStore(library).reload().topics
    assert names(on_grid(topics, "en", MONDAY_9)) == ["10-first", "20-mornings"]


def test_a_broken_topic_toml_keeps_its_last_good_version_and_the_others_are_untouched(library):
    store = ContentStore(library)
    before = store.reload()
    (library / "topics/10-first/topic.toml").write_text('title = "Half\n')
    (library / "topics/30-english-only/en/10-costs.md").write_text("---\ntitle: Costs now\n---\nAsk us.\n")
    after = store.reload()
    assert after.topic("10-first").info == before.topic("10-first").info
    assert after.topic("10-first").cards("en") == before.topic("10-first").cards("en")
    assert after.topic("30-english-only").cards("en")[0].title == "Costs now"
    assert ("topics/10-first/topic.toml", "error", 1) in found(after)


def test_a_new_topic_with_a_broken_file_is_left_out_but_its_cards_are_checked(library):
    folder = library / "topics/40-new"
    (folder / "en").mkdir(parents=True)
    (folder / "topic.toml").write_text('summary = "no title yet"\n')
    (folder / "en/10-x.md").write_text("---\ntitel: x\n---\nBody\n")
    state = ContentStore(library).reload()
    assert names(state.topics) == ["10-first", "20-mornings", "30-english-only"]
    assert ("topics/40-new/topic.toml", "error", 1) in found(state)
    assert ("topics/40-new/en/10-x.md", "error", 1) in found(state)


def test_hidden_and_editor_folders_are_not_topics(library):
    for name in (".git", "_drafts", "~old"):
        (library / "topics" / name).mkdir()
    (library / "topics/notes.txt").write_text("not a topic")
    assert [path.name for path in topic_folders(library)] == ["10-first", "20-mornings", "30-english-only"]


def test_both_layouts_at_once_is_an_error_naming_the_folder_and_the_topics_win(library):
    shutil.copytree(SAMPLE_CONTENT / "en", library / "en")
    state = ContentStore(library).reload()
    assert state.library and names(state.topics)[0] == "10-first"
    errors = [p for p in state.problems if p.is_error]
    assert [(p.path, p.line) for p in errors] == [(library / "en", 1)]
    assert "has topics/ and also cards in en/ at the top" in errors[0].message


def test_today_s_layout_is_one_topic_with_no_name(content):
    state = ContentStore(content).reload()
    assert not state.library and names(state.topics) == [""]
    assert state.topics[0].decks is state.decks and state.topics[0].folder == content


def test_pictures_resolve_in_the_topic_first_then_the_shared_folder_never_outside(library, tmp_path):
    png = png_bytes(4, 3)
    (library / "images").mkdir()
    (library / "images/shared.png").write_bytes(png)
    (library / "images/both.png").write_bytes(png)
    own = library / "topics/10-first/images"
    own.mkdir()
    (own / "both.png").write_bytes(png)
    (tmp_path / "outside.png").write_bytes(png)
    card = library / "topics/10-first/en/30-pictures.md"
    card.write_text("---\ntitle: Pictures\nimage: images/both.png\n---\n![a](images/shared.png)\n\n![b](../../../../outside.png)\n"
                    "\n![c](../20-mornings/en/10-bring.md)\n")
    state = ContentStore(library).reload()
    shown = state.topic("10-first").cards("en")[2]
    assert shown.image == (own / "both.png").resolve()
    assert (library / "images/shared.png").resolve().as_uri() in shown.html
    assert "outside.png" not in shown.html
    about = [p.message for p in state.problems if p.path == card]
    assert any("outside the content folder" in message for message in about)


def test_check_notes_topics_off_the_grid_now_and_missing_translations(library):
    (library / "topics/30-english-only/es").mkdir()
    (library / "topics/30-english-only/es/10-costs.md").write_text("---\ntitle: Lo que cuesta\n---\nPregunte en la recepción.\n")
    problems = [(p.path.relative_to(library).as_posix(), p.line, p.severity.value, p.message) for p in lint(library, now=MONDAY_14)]
    assert ("topics/20-mornings/topic.toml", 5, "note",
            "shown 08:00-12:00 only: patients do not see this topic now (Mon 2026-05-04 14:00)") in problems
    assert ("topics/30-english-only/topic.toml", 1, "warning",
            "no [es] table with the title and summary in Español: patients reading 'es' see 'Paying for care' on the tile") in problems
    assert not [p for p in problems if p[2] == "error"]
    assert not [p for p in lint(library, now=MONDAY_9) if "08:00-12:00" in p.message]


def test_a_topic_folder_copied_to_another_clinic_brings_its_pictures(library, tmp_path):
    """deploy/sync.md: sharing a topic is copying one folder."""
    png = png_bytes(4, 3)
    topic = library / "topics/10-first"
    (topic / "images").mkdir()
    (topic / "images/room.png").write_bytes(png)
    card = topic / "en/30-room.md"
    card.write_text("---\ntitle: The room\nimage: images/room.png\n---\n![The room](images/room.png)\n\nAsk us about it.\n")
    other = tmp_path / "other-clinic"
    (other / "topics").mkdir(parents=True)
    shutil.copy(library / "kiosk.toml", other / "kiosk.toml")
    shutil.copytree(topic, other / "topics/25-the-basics")
    state = ContentStore(other).reload()
    shown = state.topic("25-the-basics").cards("en")[2]
    assert shown.image == (other / "topics/25-the-basics/images/room.png").resolve()
    assert [p for p in lint(other, now=MONDAY_9) if p.is_error] == []


def test_a_language_no_topic_has_is_an_error_on_the_languages_line(library):
    toml = library / "kiosk.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('languages = ["en", "es"]', 'languages = ["en", "es", "fr"]'), encoding="utf-8")
    line = toml.read_text(encoding="utf-8").splitlines().index('languages = ["en", "es", "fr"]') + 1
    state = ContentStore(library).reload()
    assert state.config.kiosk.languages == ("en", "es")  # not offered to patients
    errors = [(p.path.name, p.line, p.message) for p in state.problems if p.severity.value == "error"]
    assert errors == [("kiosk.toml", line, "language 'fr': no topic has cards in it (no topics/*/fr/ folder with cards), so patients "
                                           "are not offered it; add its cards to a topic or remove 'fr' from languages")]


def test_with_no_language_any_topic_has_check_says_the_grid_is_empty(library):
    toml = library / "kiosk.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('languages = ["en", "es"]', 'languages = ["fr"]'), encoding="utf-8")
    errors = [p.message for p in lint(library) if p.severity.value == "error"]
    assert len(errors) == 1 and errors[0].endswith("(no language is left: the grid is empty)")
