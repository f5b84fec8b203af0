"""The kiosk must notice every kind of edit staff make in content/ while it runs, once per burst of writes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer

from kiosk.core.store import ContentStore
from kiosk.runtime.watcher import ContentWatcher
from kiosk.runtime.watcher_qt import QtContentWatcher

TIMEOUT_MS = 3000
QUIET_MS = 300  # long enough for a second, unwanted `changed` (debounce is 50 ms) to show up
HUNG_MS = 1500  # how long the share stops answering: a held screen thread stands apart from a loaded machine's pauses

CARD = "---\ntitle: {title}\n---\nSome text.\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "en").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "kiosk.toml").write_text('[clinic]\nname = "Clinic"\n', encoding="utf-8")
    (root / "en" / "10-a.md").write_text(CARD.format(title="A"), encoding="utf-8")
    (root / "en" / "20-b.md").write_text(CARD.format(title="B"), encoding="utf-8")
    return root


@pytest.fixture(params=[ContentWatcher, QtContentWatcher], ids=["linux", "qt"])
def kind(request) -> type[ContentWatcher | QtContentWatcher]:
    """Linux's watcher (its own thread, inotify) and Qt's (the screen thread; Windows and macOS): the same behaviour."""
    return request.param


@pytest.fixture
def watcher(qtbot, root: Path, kind) -> Iterator[ContentWatcher]:
    # qtbot first: QFileSystemWatcher needs a running application's event dispatcher for its inotify socket.
    watcher = kind(root, debounce_ms=50, rescan_ms=50)
    watcher.start()
    yield watcher
    watcher.stop()


@pytest.fixture
def emissions(watcher: ContentWatcher) -> list[None]:
    seen: list[None] = []
    watcher.changed.connect(lambda: seen.append(None))
    return seen


def rescanning(watcher: ContentWatcher) -> bool:
    return "rescan" in watcher.running_timers()


def edit_in_place(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def test_watches_root_its_folders_and_their_files_with_no_timer_running(watcher: ContentWatcher, root: Path) -> None:
    # The folder holding content/ is watched only to notice content/ itself being moved or replaced.
    expected = [root.parent, root, root / "en", root / "images", root / "kiosk.toml", root / "en" / "10-a.md", root / "en" / "20-b.md"]
    assert sorted(map(str, expected)) == watcher.watched_paths()
    assert watcher.running_timers() == []


def test_card_created(qtbot, watcher: ContentWatcher, root: Path) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (root / "en" / "30-c.md").write_text(CARD.format(title="C"), encoding="utf-8")
    assert str(root / "en" / "30-c.md") in watcher.watched_paths()


def test_card_deleted(qtbot, watcher: ContentWatcher, root: Path) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (root / "en" / "20-b.md").unlink()
    assert str(root / "en" / "20-b.md") not in watcher.watched_paths()


@pytest.mark.parametrize("name", ["en/10-a.md", "kiosk.toml"])
def test_file_modified_in_place(qtbot, watcher: ContentWatcher, root: Path, name: str) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        edit_in_place(root / name, "\n")


def test_edit_after_atomic_rename_save_is_still_seen(qtbot, watcher: ContentWatcher, root: Path) -> None:
    card = root / "en" / "10-a.md"
    temporary = card.with_name("10-a.md.tmp")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        temporary.write_text(CARD.format(title="A, saved by an editor"), encoding="utf-8")
        os.replace(temporary, card)
    # The watch on the old file died with it; only a re-armed watch on the new file sees this edit.
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        edit_in_place(card, "More text.\n")


def test_burst_of_writes_gives_one_signal(qtbot, root: Path, kind) -> None:
    # Its own watcher with a longer debounce: the burst's writes are a millisecond apart, but a loaded
    # machine can pause the test for 50 ms between two of them, which would rightly end the burst.
    burst_debounce_ms = 400
    watcher = kind(root, debounce_ms=burst_debounce_ms, rescan_ms=50)
    watcher.start()
    emissions: list[None] = []
    watcher.changed.connect(lambda: emissions.append(None))
    card = root / "en" / "10-a.md"
    try:
        with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
            for n in range(20):
                card.write_text(CARD.format(title=f"A{n}"), encoding="utf-8")
                # Deliver each write's event now, so every one of them restarts the debounce.
                QCoreApplication.processEvents()
        qtbot.wait(burst_debounce_ms + QUIET_MS)
        assert len(emissions) == 1
    finally:
        watcher.stop()


def test_language_folder_deleted_and_created_again(qtbot, watcher: ContentWatcher, root: Path) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        shutil.rmtree(root / "en")
    assert not [path for path in watcher.watched_paths() if path.startswith(str(root / "en"))]
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (root / "en").mkdir()
        (root / "en" / "10-a.md").write_text(CARD.format(title="A again"), encoding="utf-8")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        edit_in_place(root / "en" / "10-a.md", "More text.\n")


def test_new_language_folder(qtbot, watcher: ContentWatcher, root: Path) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (root / "es").mkdir()
        (root / "es" / "10-a.md").write_text(CARD.format(title="Hola"), encoding="utf-8")
    assert {str(root / "es"), str(root / "es" / "10-a.md")} <= set(watcher.watched_paths())
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        edit_in_place(root / "es" / "10-a.md", "Más texto.\n")


def test_picture_added_to_images_and_to_a_folder_inside_it(qtbot, watcher: ContentWatcher, root: Path) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (root / "images" / "room.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (root / "images" / "rooms").mkdir()
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (root / "images" / "rooms" / "waiting.jpg").write_bytes(b"\xff\xd8\xff")
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (root / "images" / "rooms" / "waiting.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    assert {str(root / "images" / "room.png"), str(root / "images" / "rooms" / "waiting.jpg")} <= set(watcher.watched_paths())


@pytest.mark.parametrize("folder", ["en", "."])
def test_folder_moved_aside_and_replaced_by_a_copy(
    qtbot, watcher: ContentWatcher, emissions: list[None], root: Path, tmp_path: Path, folder: str
) -> None:
    # Restoring a backup this way leaves the old files watched under the names the new files now have.
    target = root / folder
    aside = tmp_path / "aside"
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        os.rename(target, aside)
        shutil.copytree(aside, target)
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        edit_in_place(root / "en" / "10-a.md", "More text.\n")
    edit_in_place(aside / (root / "en" / "10-a.md").relative_to(target), "Not shown.\n")
    qtbot.wait(QUIET_MS)
    assert len(emissions) == 2


def test_content_folder_removed_and_put_back(qtbot, watcher: ContentWatcher, root: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup"
    shutil.copytree(root, backup)
    watched_before = watcher.watched_paths()
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        shutil.rmtree(root)
    assert rescanning(watcher)
    assert watcher.watched_paths() == [str(root.parent)]
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        shutil.copytree(backup, root)
    assert not rescanning(watcher)
    assert watcher.watched_paths() == watched_before
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        edit_in_place(root / "en" / "20-b.md", "More text.\n")


def test_content_folder_and_its_parent_missing_at_start(qtbot, root: Path, tmp_path: Path, kind) -> None:
    # With no parent folder to watch either, only the rescan timer can notice the content arriving.
    missing = tmp_path / "share" / "content"
    watcher = kind(missing, debounce_ms=50, rescan_ms=50)
    watcher.start()
    try:
        assert rescanning(watcher)
        with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
            shutil.copytree(root, missing)
        assert not rescanning(watcher)
        assert str(missing / "en" / "10-a.md") in watcher.watched_paths()
    finally:
        watcher.stop()


def test_reading_the_content_does_not_count_as_a_change(qtbot, watcher: ContentWatcher, emissions: list[None], root: Path) -> None:
    # The kiosk reloads on `changed`; if reading fired it again, the kiosk would reload forever.
    ContentStore(root).reload()
    qtbot.wait(QUIET_MS)
    assert emissions == []


def test_no_signals_after_stop(qtbot, watcher: ContentWatcher, emissions: list[None], root: Path) -> None:
    watcher.stop()
    assert watcher.watched_paths() == []
    edit_in_place(root / "en" / "10-a.md", "More text.\n")
    (root / "en" / "30-c.md").write_text(CARD.format(title="C"), encoding="utf-8")
    shutil.rmtree(root)
    qtbot.wait(QUIET_MS)
    assert emissions == []
    assert watcher.running_timers() == []


def test_a_topic_toml_edited_in_place_is_seen(qtbot, watcher: ContentWatcher, root: Path) -> None:
    topic = root / "topics" / "10-basics"
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        (topic / "en").mkdir(parents=True)
        (topic / "topic.toml").write_text('title = "Basics"\n', encoding="utf-8")
    qtbot.waitUntil(lambda: str(topic / "topic.toml") in watcher.watched_paths(), timeout=TIMEOUT_MS)
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
        edit_in_place(topic / "topic.toml", 'summary = "What it is"\n')


def test_a_share_that_stops_answering_holds_the_watchers_thread_not_the_screen(qtbot, root: Path, tmp_path: Path, hung_share) -> None:
    # content/ is a link in a local folder to the share, as a deploy tool switches releases: re-linking it
    # is an event in a local folder, so the test can make one while the share hangs.
    share = hung_share(root)
    (tmp_path / "local").mkdir()
    link = tmp_path / "local" / "content"
    link.symlink_to(share.mount)
    watcher = ContentWatcher(link, debounce_ms=50, rescan_ms=50)
    assert watcher.start()
    ticks, clock = [], QElapsedTimer()
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    try:
        assert str(link / "en" / "10-a.md") in watcher.watched_paths()
        share.hang()
        clock.start()
        timer.start()
        (tmp_path / "local" / "new").symlink_to(share.mount)
        os.replace(tmp_path / "local" / "new", link)  # re-arming now stats the share, which does not answer
        qtbot.wait(HUNG_MS)
        assert watcher.running_timers() == ["debounce"]  # the watcher's thread is inside the share
        timer.stop()
        # A screen thread held by the share would show one gap as long as the hang and almost no ticks.
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        assert len(ticks) >= HUNG_MS / 10 / 10 and max(gaps) < HUNG_MS / 2, (len(ticks), max(gaps))
        with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):
            share.release()
        with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT_MS):  # watching goes on, on the share's files
            edit_in_place(link / "en" / "10-a.md", "More text.\n")
    finally:
        timer.stop()
        share.release()
        watcher.stop()
