"""Content is read on a worker thread and arrives on the GUI thread whole; requests never block or get lost."""

from __future__ import annotations

import threading

from conftest import write_card

from kiosk.core.store import ContentStore
from kiosk.runtime.loader import ContentLoader


class RecordingStore(ContentStore):
    """The real store, noting which thread each reload ran on."""

    def __init__(self, root) -> None:
        super().__init__(root)
        self.threads: list[int] = []
        self.gate: threading.Event | None = None

    def reload(self, *, first_only: bool = False):
        self.threads.append(threading.get_ident())
        if self.gate is not None:
            assert self.gate.wait(20)
        return super().reload(first_only=first_only)


def test_reload_runs_off_the_gui_thread_and_the_result_arrives_on_it(qtbot, content):
    store = RecordingStore(content)
    loader = ContentLoader(store)
    received: list[tuple[object, int]] = []
    loader.loaded.connect(lambda state: received.append((state, threading.get_ident())))
    with qtbot.waitSignal(loader.loaded, timeout=10_000):
        loader.request()
    [(state, thread)] = received
    assert thread == threading.get_ident()  # delivered on the GUI thread
    assert store.threads and store.threads[0] != threading.get_ident()  # read elsewhere
    assert [card.slug for card in state.cards("en")][:1] == ["05-key-points.md"]
    assert not loader.is_busy()


def test_request_during_a_reload_is_served_by_one_more_reload(qtbot, content):
    store = RecordingStore(content)
    store.gate = threading.Event()
    loader = ContentLoader(store)
    states = []
    loader.loaded.connect(states.append)
    loader.request()
    qtbot.waitUntil(lambda: len(store.threads) == 1)
    write_card(content, "15-new.md", "---\ntitle: Written during the reload\n---\nText.\n")
    loader.request()
    loader.request()  # several requests while busy: one more reload, not three
    assert loader.is_busy()
    store.gate.set()
    qtbot.waitUntil(lambda: len(states) == 2 and not loader.is_busy(), timeout=10_000)
    assert len(store.threads) == 2
    assert "15-new.md" in [card.slug for card in states[-1].cards("en")]
    assert states[0].generation < states[1].generation


def test_a_failing_reload_is_logged_and_reloading_goes_on(qtbot, content, caplog, monkeypatch):
    store = ContentStore(content)
    loader = ContentLoader(store)
    states = []
    loader.loaded.connect(states.append)
    real_reload = store.reload
    monkeypatch.setattr(store, "reload", lambda **_: 1 / 0)
    loader.request()
    qtbot.waitUntil(lambda: not loader.is_busy(), timeout=10_000)
    assert states == [] and "reading the content failed" in caplog.text
    monkeypatch.setattr(store, "reload", real_reload)
    with qtbot.waitSignal(loader.loaded, timeout=10_000):
        loader.request()
