"""Shared fixtures: offscreen Qt, throwaway content folders built from real files, no real logs."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No speech engine unless a test asks for one (Qt's "mock" engine): the kiosk then hides Listen, as
# it does on a computer without speech, and no test depends on this machine's voices.
os.environ.setdefault("KIOSK_SPEECH_ENGINE", "none")

REPO = Path(__file__).resolve().parent.parent
SAMPLE_LIBRARY = REPO / "content"  # the shipped sample: a topic library (content/topics/NN-name/)


def _sample_as_one_deck() -> Path:
    """The shipped sample's cards as one deck (content/en/*.md, today's single-deck layout), made once
    per test process: what most tests poke at, add cards to and count screens of. The sample's own
    tests (tests/core/test_sample_content.py) and the library's use SAMPLE_LIBRARY."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-sample-deck-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    root = folder / "content"
    shutil.copytree(SAMPLE_LIBRARY, root, ignore=shutil.ignore_patterns("topics"))  # copy2: file times kept
    for topic in sorted(path for path in (SAMPLE_LIBRARY / "topics").iterdir() if path.is_dir()):
        for deck in sorted(path for path in topic.iterdir() if path.is_dir()):
            (root / deck.name).mkdir(exist_ok=True)
            for card in deck.glob("*.md"):
                shutil.copy2(card, root / deck.name / card.name)
    return root


SAMPLE_CONTENT = _sample_as_one_deck()
DATA = Path(__file__).resolve().parent / "data"
LIBRARY = DATA / "library"  # a topic library: three topics, one with a show window, one in English only


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--perf-table", metavar="FILE", help="with -m perf: also write the budgets' table (the README's) to FILE")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    from helpers.perf import report

    report(terminalreporter, config)


@pytest.fixture(autouse=True)
def _delete_leftover_widgets():
    """Process deleteLater() after every test: with no event loop between tests, widgets closed by
    qtbot would otherwise pile up, and every later test would restyle and filter events through them."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory, monkeypatch):
    """Usage counts (and anything else the kiosk keeps) go to a throwaway folder, never the real one."""
    monkeypatch.setenv("KIOSK_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the sample content, as one deck (SAMPLE_CONTENT), that a test may edit freely."""
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    return root


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A private copy of the test topic library that a test may edit freely."""
    root = tmp_path / "library"
    shutil.copytree(LIBRARY, root)
    return root


def write_card(root: Path, name: str, text: str, language: str = "en") -> Path:
    path = root / language / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def make_kiosk(qtbot):
    """Build the real kiosk on some content at a given window size, animations off, shown offscreen."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from kiosk.app import KioskApp
    from kiosk.core.tuning import Timing
    from kiosk.ui.theme import Metrics

    built: list[KioskApp] = []

    def make(
        root: Path = SAMPLE_CONTENT, size: tuple[int, int] = (1280, 800), animation_ms: int = 0, timing: Timing | None = None, **kwargs
    ) -> KioskApp:
        timing = timing or Timing(animation_ms=animation_ms)
        kiosk = KioskApp(root, Metrics.for_size(*size), timing=timing, **kwargs)
        built.append(kiosk)
        kiosk.window.resize(*size)
        kiosk.window.show()
        qtbot.waitExposed(kiosk.window)
        # The wait for idle counts from here, as from a patient's last touch. Counted from the constructor,
        # a short one (tests use 60 ms) could end while a loaded machine shows the window: on the welcome
        # screen that does nothing and waits for the next touch, which a test's go_to() never gives.
        kiosk.idle.start()
        return kiosk

    yield make
    for kiosk in built:
        if kiosk.listening is not None:
            kiosk.listening.shutdown()  # the speech engine's thread, if a test started one
        kiosk.window.close()
        kiosk.window.deleteLater()
        kiosk.deleteLater()
    # Without an event loop between tests, deleteLater alone would leave every window alive.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def hung_share(tmp_path: Path):
    """`mount(folder)`: `folder` behind a FUSE share (tests/helpers/hung_fs.py) whose `hang()` makes every
    request wait in the kernel, as a network share that stops answering; always released and unmounted."""
    from helpers.hung_fs import HungShare, missing

    why = missing()
    if why is not None and why.startswith("skip"):
        pytest.skip(why)
    if why is not None:
        pytest.fail(why)
    shares: list[HungShare] = []

    def mount(folder: Path) -> HungShare:
        share = HungShare(folder, tmp_path / f"share{len(shares)}", tmp_path / f"hang{len(shares)}")
        shares.append(share)
        return share

    yield mount
    for share in shares:
        share.close()
