"""`kiosk snapshot`: each screen rendered to PNG exactly as the kiosk shows it, for staff previews."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.topics import named, unknown_topic
from kiosk.runtime.input_router import routing_held
from kiosk.runtime.pictures import shared_pictures
from kiosk.runtime.qt_messages import harmless_qt_messages_dropped
from kiosk.ui.theme import Metrics

SNAPSHOT_ENGINE_WAIT_MS = 5000  # how long `kiosk snapshot --listen` waits for the speech engine to answer
SNAPSHOT_WRITE_S = 5.0  # how long it waits for the parse cache to be written before it ends

if TYPE_CHECKING:
    from kiosk.app import KioskApp

_app: list[QApplication] = []  # the one QApplication, kept referenced between kiosks


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        _app.append(QApplication(sys.argv[:1]))  # fails loudly if a QCoreApplication came first
        app = _app[-1]
    return app


@contextmanager
def offscreen_kiosk(root: Path, size: tuple[int, int], **options: Any) -> Iterator[KioskApp]:
    """The real kiosk on `root`, laid out and shown at `size` with no animations, torn down after use.

    Shared by `kiosk snapshot` and the fit check of `kiosk check`, so each sees the screens exactly
    as the running kiosk draws them. `options` go to KioskApp; speech stays off (no Listen bar, no
    engine) unless the caller starts it.
    """
    from kiosk.app import KioskApp
    from kiosk.core.tuning import Timing

    _application()
    # Callers report problems in check's format; keep the kiosk's log from saying them again
    # (with no logging set up, Python would print each warning to stderr a second time).
    quiet = logging.NullHandler()
    logger = logging.getLogger("kiosk")
    logger.addHandler(quiet)
    width, height = size
    with routing_held():  # pictures and measurements take no input: no router watches every event here
        kiosk = KioskApp(root, Metrics.for_size(width, height), timing=Timing(animation_ms=0, first_read_ms=None), **{"speech": False, **options})
        window = kiosk.window
        try:
            window.resize(width, height)
            window.show()
            window.setFocus()
            yield kiosk
        finally:
            logger.removeHandler(quiet)
            if kiosk.listening is not None:  # `--listen`: its engine ends with the kiosk
                kiosk.listening.shutdown()
            window.close()
            window.deleteLater()
            kiosk.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def render_snapshots(root: Path, out: Path, size: tuple[int, int], only: int | None = None, topic: str | None = None, *,
                     listen: bool = False, on_saved: Callable[[Path], object] = lambda path: None) -> list[Path]:
    """Each screen to `out/NN-name.png`; in a topic library the welcome screen, the grid
    (`01-topics.png`, then `01-topics-2.png` for each further page of it), and each topic on the
    grid into `out/<topic-folder>/NN-name.png`. `topic`: that topic's screens only; `only`: one
    screen (0 = welcome; in a library 1 = the grid, or with `topic` its Nth screen). With `listen`,
    the Listen bar as this computer shows it. Each picture is handed to `on_saved` as soon as it is written."""
    with harmless_qt_messages_dropped():
        return _render(root, out, size, only, topic, listen, on_saved)


def _render(root: Path, out: Path, size: tuple[int, int], only: int | None, topic: str | None, listen: bool,
            on_saved: Callable[[Path], object]) -> list[Path]:
    from kiosk.core.parse_cache import CACHE_FILE
    from kiosk.core.state import state_dir

    # The kiosk's parse cache: a snapshot of content the kiosk (or an earlier snapshot) has read parses nothing again.
    with offscreen_kiosk(root, size, parse_cache=state_dir() / CACHE_FILE) as kiosk:
        if listen:
            # Listen shows where this computer can speak; an engine that has not answered by then
            # (a stuck speech-dispatcher) is left behind, as the kiosk would hide Listen too.
            kiosk.attach_listen()
            assert kiosk.listening is not None
            kiosk.listening.speaker.wait_until_answered(SNAPSHOT_ENGINE_WAIT_MS)  # starts the engine
        assert kiosk.state is not None
        if kiosk.state.library:
            out.mkdir(parents=True, exist_ok=True)
            written = _render_library(kiosk, out, size, only, topic, on_saved)
        elif topic is not None:
            raise ValueError("this content folder has one deck (content/en/ …), not topics: leave out --topic")
        else:
            written = _render_screens(kiosk, out, size, range(kiosk.window.screens.count), only, 0, on_saved)
        for problem in kiosk.complete().problems:  # the other languages too, read once the pictures are out
            print(problem.format(), file=sys.stderr)
        kiosk.store.finish_writing(SNAPSHOT_WRITE_S)
        return written


def _render_library(kiosk: KioskApp, out: Path, size: tuple[int, int], only: int | None, topic: str | None,
                    on_saved: Callable[[Path], object]) -> list[Path]:
    written: list[Path] = []
    shown = [tile.name for tile in kiosk.grid.tiles]
    if topic is None:
        if only is not None and only not in (0, 1):
            raise ValueError(f"there is no screen {only}; screens are 0 (welcome) and 1 (topics); use --topic for a topic's screens")
        written += _render_screens(kiosk, out, size, range(2), only, 0, on_saved)
        for page in range(1, kiosk.grid.page_count):
            if only in (None, 1):
                kiosk.grid.show_page(page)
                written.append(_shoot(kiosk, 1, out / f"01-topics-{page + 1}.png", size, on_saved))
        kiosk.grid.reset()
        if only is not None:
            return written
    else:
        name = topic_named(kiosk, topic)
        if name not in shown:
            raise ValueError(f"topic {name} is not on the grid now, so patients do not see it ({_why_off(kiosk, name)}); "
                             "kiosk preview shows it")
        shown = [name]
    for name in shown:
        kiosk.pages.open(name)
        screens = kiosk.window.screens
        written += _render_screens(kiosk, out / name, size, range(screens.deck_start, screens.count), only if topic else None,
                                   screens.deck_start - 1, on_saved)
        kiosk.window.go_home()
    return written


def topic_named(kiosk: KioskApp, wanted: str) -> str:
    """The topic folder `wanted` names: its folder name, or that name without its number ("the-basics")."""
    assert kiosk.state is not None
    names = [topic.name for topic in kiosk.state.topics]
    name = named(names, wanted)
    if name is None:
        raise ValueError(unknown_topic(names, wanted))
    return name


def _why_off(kiosk: KioskApp, name: str) -> str:
    assert kiosk.state is not None
    topic = kiosk.state.topic(name)
    return topic.off_reason(kiosk.language, kiosk.now()) or "" if topic is not None else "its topic.toml cannot be used"


def _render_screens(kiosk: KioskApp, out: Path, size: tuple[int, int], indexes: range, only: int | None, offset: int,
                    on_saved: Callable[[Path], object]) -> list[Path]:
    """Screens `indexes` of the window to `out/NN-name.png`, NN counted from `offset` (`only`: just NN)."""
    screens = kiosk.window.screens
    if only is not None and only + offset not in indexes:
        first, last = indexes.start - offset, indexes.stop - 1 - offset
        raise ValueError(f"there is no screen {only}; screens are {first} to {last}")
    out.mkdir(parents=True, exist_ok=True)
    return [_shoot(kiosk, index, out / f"{index - offset:02d}-{screens.at(index).name}.png", size, on_saved)
            for index in indexes if only is None or index - offset == only]


def _shoot(kiosk: KioskApp, index: int, path: Path, size: tuple[int, int], on_saved: Callable[[Path], object]) -> Path:
    window = kiosk.window
    window.go_to(index, animate=False)
    QApplication.processEvents()
    shared_pictures().wait()  # the pictures are decoded on a worker: picture them, not their room
    QApplication.processEvents()
    image = window.grab()
    shot = image.deviceIndependentSize().toSize()
    if (shot.width(), shot.height()) != size:  # never a PNG of some other size, silently
        raise ValueError(f"screen {index} came out {shot.width()}x{shot.height()}, not {size[0]}x{size[1]}")
    image.save(str(path))
    on_saved(path)
    return path
