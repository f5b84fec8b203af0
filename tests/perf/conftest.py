"""What the budgets share: the table they fill, fresh-process settings, the CommonMark deck, a fake speech daemon.

Every module here is marked `perf`: the suite leaves them out (pyproject.toml addopts), `pytest -m
perf` runs them. Run them alone, not beside the suite: they are the only load they should measure.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.corpus import COMMONMARK_SPEC
from helpers.decks import commonmark_deck
from helpers.fake_speechd import FakeSpeechd
from helpers.perf import Budgets, budgets_of

CORPUS = COMMONMARK_SPEC


@pytest.fixture(scope="session")
def budgets(pytestconfig: pytest.Config) -> Budgets:
    return budgets_of(pytestconfig)


@pytest.fixture(scope="session")
def fresh_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """For a kiosk in a fresh process: offscreen, bytecode compiled once and kept (as on a kiosk that
    has started before), no speech unless a test says so, its own state and log folders."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(tmp_path_factory.mktemp("pycache")),
           "KIOSK_STATE_DIR": str(tmp_path_factory.mktemp("state")), "KIOSK_LOG_DIR": str(tmp_path_factory.mktemp("log")),
           "KIOSK_SPEECH_ENGINE": "none"}
    for name in ("PYTHONDONTWRITEBYTECODE", "DISPLAY", "WAYLAND_DISPLAY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        env.pop(name, None)
    return env


@pytest.fixture
def speechd() -> Iterator[Callable[[str], FakeSpeechd]]:
    """make(mode) -> a fake speech-dispatcher ("works", "silent", ...) on a short Unix socket path."""
    with tempfile.TemporaryDirectory(prefix="kiosk-sd-") as folder:
        daemons: list[FakeSpeechd] = []

        def make(mode: str) -> FakeSpeechd:
            daemons.append(FakeSpeechd(Path(folder) / f"speechd{len(daemons)}.sock", mode))
            return daemons[-1]

        yield make
        for daemon in daemons:
            daemon.close()


@pytest.fixture(scope="session")
def commonmark_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 655 examples of the CommonMark spec, one card each (issue 17's `kiosk check` figure)."""
    return commonmark_deck(CORPUS, tmp_path_factory.mktemp("commonmark") / "content")
