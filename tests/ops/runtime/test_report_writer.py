"""The report files are written off the screen's thread: a disk that stops answering holds only the writer."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from PySide6.QtCore import QElapsedTimer

from kiosk.ops.runtime.report_writer import ReportWriter
from kiosk.ops.runtime.status_file import StatusFile


def test_only_the_newest_text_waits_while_a_write_is_stuck(tmp_path: Path) -> None:
    writer = ReportWriter()
    began, release = threading.Event(), threading.Event()
    written: list[str] = []
    writer.submit(tmp_path / "a", lambda: (began.set(), release.wait(10), written.append("first")))
    assert began.wait(10)
    for number in range(100):
        writer.submit(tmp_path / "a", lambda number=number: written.append(f"later {number}"))
    assert not writer.wait(0.2)  # the first is stuck: nothing else is written meanwhile
    release.set()
    assert writer.wait(10)
    assert written == ["first", "later 99"]


def test_a_status_file_on_a_disk_that_does_not_answer_never_holds_the_screen(tmp_path: Path, qtbot, monkeypatch) -> None:
    # fsync is where a busy or failing SD card keeps a writer waiting; here it waits until the test says so.
    stuck = threading.Event()
    release = threading.Event()
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        stuck.set()
        release.wait(30)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    status = StatusFile(tmp_path, "1", lambda: (0, 0, ""))
    try:
        clock = QElapsedTimer()
        clock.start()
        for _ in range(20):  # a minute's write, then changes: each returns at once
            status.write()
        assert stuck.wait(10)
        status.write()
        assert clock.elapsed() < 1_000, f"20 writes held the screen's thread {clock.elapsed()} ms"
        assert not (tmp_path / "status.json").exists()
    finally:
        release.set()
    assert status.flush(10)
    assert json.loads((tmp_path / "status.json").read_text(encoding="utf-8"))["running"] is True
