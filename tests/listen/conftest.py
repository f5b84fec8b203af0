"""What the Listen tests share: fake speech-dispatchers on Unix sockets."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from collections.abc import Callable

import pytest
from helpers.fake_speechd import FakeSpeechd


@pytest.fixture
def speechd(monkeypatch) -> Iterator[Callable[..., FakeSpeechd]]:
    """make(mode, **options) -> a FakeSpeechd that speech helpers started from now on use.

    The sockets live in a short temporary folder: a Unix socket's path has a limit of about 100 bytes,
    which pytest's own tmp_path can pass.
    """
    with tempfile.TemporaryDirectory(prefix="kiosk-sd-") as folder:
        daemons: list[FakeSpeechd] = []

        def make(mode: str, **options: Any) -> FakeSpeechd:
            daemon = FakeSpeechd(Path(folder) / f"speechd{len(daemons)}.sock", mode, **options)
            daemons.append(daemon)
            monkeypatch.setenv("SPEECHD_ADDRESS", daemon.address)
            monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "speechd")
            return daemon

        yield make
        for daemon in daemons:
            daemon.close()
