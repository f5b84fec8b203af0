"""The parse cache in the state folder: a restart with unchanged content parses no card, and nothing
in the file is used that the content folder no longer says.

Each `ContentStore` here is a kiosk starting: it reads the file at its first reload and hands what it
parsed to the file's writer thread after a complete one (`finish_writing` waits for that).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT

import kiosk.core.crisis as crisis
import kiosk.core.parse_cache as parse_cache
import kiosk.core.pin as pin
from kiosk import __version__
from kiosk.core.parse_cache import CACHE_FILE
from kiosk.core.store import ContentStore

SAMPLE_CARDS = sum(1 for _ in SAMPLE_CONTENT.glob("*/*.md"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "state" / CACHE_FILE


def start(content: Path, cache: Path) -> tuple[ContentStore, object]:
    """A kiosk starting on `content`: its store, and everything it read."""
    store = ContentStore(content, cache_file=cache)
    state = store.reload()
    assert store.finish_writing(30), "the parse cache was not written within 30 s"
    return store, state


def everything(state) -> tuple:
    return state.config, state.topics, state.problems


def test_a_restart_with_unchanged_content_parses_no_card_and_shows_the_same(content, cache):
    first, before = start(content, cache)
    assert first.cache.parsed == SAMPLE_CARDS and cache.is_file()
    again, after = start(content, cache)
    assert (again.cache.parsed, again.cache.reused) == (0, SAMPLE_CARDS)
    assert everything(after) == everything(before)
    assert everything(after) == everything(ContentStore(content).reload()), "the same as a kiosk without the file"


def test_a_card_rewritten_with_the_same_size_time_and_inode_is_parsed_again(content, cache):
    """File identity alone would trust it; the SHA-256 of the bytes read now does not."""
    path = content / "en" / "10-what-is-ketamine.md"
    path.write_text("---\ntitle: AAAA\n---\nText.\n", encoding="utf-8")
    start(content, cache)
    info = os.stat(path)
    with open(path, "r+b") as file:  # in place: same inode
        file.write(b"---\ntitle: BBBB")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns, os.stat(path).st_ino) == (info.st_size, info.st_mtime_ns, info.st_ino)
    store, state = start(content, cache)
    assert store.cache.parsed == 1
    assert [card.title for card in state.cards("en") if card.slug == path.name] == ["BBBB"]


def test_a_card_saved_again_is_parsed_again_and_only_it(content, cache):
    start(content, cache)
    path = content / "es" / "30-how-it-is-different.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nUna línea nueva.\n", encoding="utf-8")
    store, state = start(content, cache)
    assert (store.cache.parsed, store.cache.reused) == (1, SAMPLE_CARDS - 1)
    assert any("Una línea nueva." in card.html for card in state.cards("es"))


@pytest.mark.parametrize("added", ["images/new.png", "audio/new.wav", "fonts/New.ttf"])
def test_a_picture_recording_or_font_added_between_runs_means_every_card_is_parsed_again(content, cache, added):
    """A card's result depends on them (a picture named but missing, characters a font lacks)."""
    start(content, cache)
    (content / added).parent.mkdir(exist_ok=True)
    (content / added).write_bytes(b"\x89PNG\r\n\x1a\n")
    store, _ = start(content, cache)
    assert store.cache.parsed == SAMPLE_CARDS


def test_another_content_folder_parses_its_own_cards(content, cache, tmp_path):
    start(content, cache)
    other = tmp_path / "other"
    other.symlink_to(content, target_is_directory=True)  # even the same files under another name
    store, _ = start(other, cache)
    assert store.cache.parsed == SAMPLE_CARDS


def damaged(text: str) -> str:
    """One character of the middle of the file changed, its length kept."""
    middle = len(text) * 2 // 3
    return text[:middle] + ("x" if text[middle] != "x" else "y") + text[middle + 1 :]


def another_version(text: str) -> str:
    header, payload = text.split("\n", 1)
    return json.dumps({**json.loads(header), "kiosk": "0.0.1"}) + "\n" + payload


def checksummed(payload: str) -> str:
    """A file this kiosk's checks accept up to its payload's shape: only a foreign writer could make it."""
    header = {"format": parse_cache.FORMAT, "kiosk": __version__, "code": parse_cache.code_fingerprint(),
              "sha256": hashlib.sha256(payload.encode()).hexdigest()}
    return json.dumps(header) + "\n" + payload


@pytest.mark.parametrize(("make", "said"), [
    (lambda text: text[: len(text) // 2], "checksum"),  # cut short: a power cut, a full disk
    (damaged, "checksum"),  # one word changed
    (lambda text: "", "Expecting value"),
    (lambda text: "\x00\x01 not json at all", "Expecting value"),
    (lambda text: "[" * 100_000, "recursion"),  # nested past what Python's JSON reader can follow
    (lambda text: checksummed('{"folder": 1, "cards": {}, "callouts": {}, "demo_pin": {}}'), "no content folder"),
    (lambda text: checksummed('{"folder": ["a", "b", "c"], "cards": {"x": {"id": "no", "sha256": 1}}, "callouts": {},'
                              ' "demo_pin": {}}'), "unexpected entry"),
], ids=["cut short", "changed", "empty", "not JSON", "too deep", "foreign layout", "foreign entry"])
def test_a_damaged_or_foreign_file_is_ignored_with_a_log_line_and_written_again(content, cache, caplog, make, said):
    start(content, cache)
    cache.write_text(make(cache.read_text(encoding="utf-8")), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="kiosk"):
        store, state = start(content, cache)
    assert store.cache.parsed == SAMPLE_CARDS
    assert everything(state) == everything(ContentStore(content).reload())
    [line] = [record for record in caplog.records if "parse cache" in record.getMessage()]
    assert line.levelno == logging.WARNING and said in line.getMessage() and str(cache) in line.getMessage()
    assert start(content, cache)[0].cache.parsed == 0, "it was written again"


def test_a_file_from_another_version_is_not_used_and_is_replaced(content, cache, caplog):
    start(content, cache)
    cache.write_text(another_version(cache.read_text(encoding="utf-8")), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="kiosk"):
        store, _ = start(content, cache)
    assert store.cache.parsed == SAMPLE_CARDS
    assert any("another version" in record.getMessage() for record in caplog.records)
    assert start(content, cache)[0].cache.parsed == 0


def test_a_card_entry_that_does_not_decode_is_parsed_instead(content, cache):
    start(content, cache)
    header, payload = cache.read_text(encoding="utf-8").split("\n", 1)
    data = json.loads(payload)
    first = next(iter(data["cards"]))
    data["cards"][first]["result"] = {"c": "Card", "f": [1, 2]}
    cache.write_text(checksummed(json.dumps(data)), encoding="utf-8")
    store, state = start(content, cache)
    assert (store.cache.parsed, store.cache.reused) == (1, SAMPLE_CARDS - 1)
    assert everything(state) == everything(ContentStore(content).reload())


def test_the_file_is_written_whole_on_a_thread_of_its_own(content, cache, monkeypatch):
    writes: list[tuple[str, Path]] = []
    real = parse_cache.write_atomically

    def recorded(path: Path, text: str) -> None:
        writes.append((threading.current_thread().name, path))
        real(path, text)

    monkeypatch.setattr(parse_cache, "write_atomically", recorded)
    start(content, cache)
    assert writes == [("parse-cache-writer", cache)]
    assert [path.name for path in cache.parent.iterdir()] == [CACHE_FILE], "no temporary file left beside it"
    start(content, cache)
    assert len(writes) == 1, "nothing parsed: nothing written"


def test_a_state_folder_that_cannot_be_written_costs_one_log_line_and_nothing_else(content, tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the state folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        store, _ = start(content, blocked / CACHE_FILE)
        (content / "en" / "99-new.md").write_text("---\ntitle: New\n---\nText.\n", encoding="utf-8")
        state = store.reload()  # parsed something: the file is tried again
        assert store.finish_writing(30)
    assert everything(state) == everything(ContentStore(content).reload())
    complaints = [record.getMessage() for record in caplog.records if "parse cache" in record.getMessage()]
    assert len(complaints) == 1 and "cannot write" in complaints[0], complaints


def test_it_keeps_to_its_size_limit(content, cache, monkeypatch):
    monkeypatch.setattr(parse_cache, "MAX_PARSE_CACHE_BYTES", 20_000)
    start(content, cache)
    assert 0 < cache.stat().st_size <= 20_000
    store, _ = start(content, cache)
    assert store.cache.reused > 0 and store.cache.parsed > 0, "the cards that fit are kept, the others parsed"


def test_a_file_larger_than_any_it_writes_is_not_read(content, cache, caplog):
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b" " * (parse_cache.MAX_PARSE_CACHE_BYTES + 8192))
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        store, _ = start(content, cache)
    assert store.cache.parsed == SAMPLE_CARDS
    assert any("more than this kiosk ever writes" in record.getMessage() for record in caplog.records)


def test_the_demo_pin_check_and_the_crisis_callout_are_remembered_across_restarts(content, cache, monkeypatch):
    """scrypt (~50 ms) and markdown-it-py are not needed again while kiosk.toml and the cards are the same."""
    monkeypatch.setattr(pin, "_demo_verdicts", {})
    _, before = start(content, cache)
    assert any("demo PIN" in problem.message for problem in before.problems)
    monkeypatch.setattr(pin, "_demo_verdicts", {})  # a new process

    def refused(*_args: object) -> None:
        raise AssertionError("worked out again")

    monkeypatch.setattr(pin, "pin_matches", refused)
    monkeypatch.setattr(crisis, "render_callout", refused)
    monkeypatch.setattr("kiosk.core.card_cache.render_callout", refused)
    _, after = start(content, cache)
    assert everything(after) == everything(before)


def test_a_different_pin_hash_is_checked_again(content, cache, monkeypatch):
    from kiosk.core.pin import hash_pin

    monkeypatch.setattr(pin, "_demo_verdicts", {})
    start(content, cache)
    toml = content / "kiosk.toml"
    lines = [line for line in toml.read_text(encoding="utf-8").splitlines() if not line.startswith("staff_pin")]
    toml.write_text("\n".join(lines).replace("[kiosk]", f'[kiosk]\nstaff_pin = "{hash_pin("2580", n=16)}"', 1) + "\n", encoding="utf-8")
    monkeypatch.setattr(pin, "_demo_verdicts", {})
    _, state = start(content, cache)
    assert any("demo PIN" in problem.message for problem in state.problems)
