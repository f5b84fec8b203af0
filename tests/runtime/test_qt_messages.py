"""Snapshot's stderr holds content problems and real Qt trouble, not the offscreen plugin's chatter."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO, SAMPLE_CONTENT
from PySide6.QtCore import qWarning

from kiosk.runtime.qt_messages import harmless_qt_messages_dropped


def test_only_the_harmless_message_is_dropped():
    said: list[str] = []
    with harmless_qt_messages_dropped(said.append):
        qWarning("This plugin does not support propagateSizeHints()")
        qWarning("QFont::setPointSize: Point size <= 0 (0), must be greater than 0")
    assert said == ["QFont::setPointSize: Point size <= 0 (0), must be greater than 0"]


def test_snapshot_prints_no_plugin_chatter(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "snapshot", "--content", str(SAMPLE_CONTENT), "--out", str(tmp_path), "--screen", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "propagateSizeHints" not in result.stderr
