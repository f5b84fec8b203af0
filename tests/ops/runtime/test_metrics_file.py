"""MetricsFile: kiosk.prom replaced whole, readable by the monitoring agent, never a reason for the kiosk to stop."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import stat
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT
from prometheus_client.parser import text_string_to_metric_families

from kiosk.ops.core.content_version import content_digest
from kiosk.ops.core.metrics import Facts
from kiosk.ops.runtime.metrics_file import MetricsFile


def read(path: Path) -> dict[str, float]:
    """{name{labels}: value} of the file, parsed by prometheus_client."""
    return {
        sample.name + (str(sorted(sample.labels.items())) if sample.labels else ""): sample.value
        for family in text_string_to_metric_families(path.read_text(encoding="utf-8")) for sample in family.samples
    }


@pytest.fixture
def file(tmp_path: Path, qtbot):
    facts = Facts(version="0.1.0", started=1_790_000_000.0, ready=True)
    metrics = MetricsFile(tmp_path / "metrics" / "kiosk.prom", lambda: facts, interval_ms=60_000)
    yield metrics
    metrics.stopped()


def test_start_writes_the_file_readable_by_the_agent_whatever_the_umask(file: MetricsFile) -> None:
    previous = os.umask(0o077)  # the units' UMask
    try:
        file.start()
        assert file.flush(5)
    finally:
        os.umask(previous)
    assert read(file.path)["kiosk_up"] == 1 and read(file.path)["kiosk_ready"] == 1
    assert stat.S_IMODE(file.path.stat().st_mode) == 0o644
    assert [p.name for p in file.path.parent.iterdir()] == ["kiosk.prom"], "no temporary file left beside it"


def test_changes_in_one_turn_of_the_loop_are_one_write(file: MetricsFile, qtbot) -> None:
    file.start()
    assert file.flush(5)
    before = file.writes
    for _ in range(5):
        file.changed()
    qtbot.waitUntil(lambda: file.writes == before + 1)
    qtbot.wait(20)
    assert file.writes == before + 1


def test_the_content_digest_is_made_off_the_gui_thread_then_written(file: MetricsFile, qtbot, tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    file.start()
    assert file.flush(5)
    assert read(file.path)["kiosk_content_info" + str(sorted({"commit": "", "digest": ""}.items()))] == 1
    file.content_changed(root)
    expected = content_digest(root)
    key = "kiosk_content_info" + str(sorted({"commit": "", "digest": expected}.items()))
    qtbot.waitUntil(lambda: key in read(file.path), timeout=10_000)


def test_a_clean_stop_writes_kiosk_up_0(file: MetricsFile) -> None:
    file.start()
    file.stopped()
    assert read(file.path)["kiosk_up"] == 0 and read(file.path)["kiosk_ready"] == 0
    file.content_changed(SAMPLE_CONTENT)  # after the stop: nothing happens, nothing breaks


def test_a_file_that_cannot_be_written_is_said_once_and_the_kiosk_goes_on(tmp_path: Path, qtbot, caplog) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    metrics = MetricsFile(blocker / "kiosk.prom", lambda: Facts(version="0.1.0", started=1.0))
    with caplog.at_level(logging.WARNING, logger="kiosk.ops.runtime.metrics_file"):
        metrics.start()
        metrics.write()
        assert metrics.flush(5)
        metrics.write()
        assert metrics.flush(5)
    warnings = [r for r in caplog.records if "cannot write the metrics file" in r.getMessage()]
    assert len(warnings) == 1 and metrics.writes == 0
    metrics.stopped()


def test_writing_opens_no_socket(file: MetricsFile, monkeypatch) -> None:
    """Textfile only: no HTTP server, no push gateway, nothing on the network."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the metrics opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    file.start()
    assert file.flush(5)
    assert read(file.path)["kiosk_up"] == 1
