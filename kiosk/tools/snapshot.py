"""`kiosk snapshot`: each screen rendered to PNG exactly as the kiosk shows it, for staff previews."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk.runtime.pictures import shared_pictures
from kiosk.runtime.qt_messages import harmless_qt_messages_dropped
from kiosk.ui.theme import Metrics

SNAPSHOT_ENGINE_WAIT_MS = 5000  # how long `kiosk snapshot --listen` waits for the speech engine to answer

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
    kiosk = KioskApp(root, Metrics.for_size(width, height), timing=Timing(animation_ms=0), **{"speech": False, **options})
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


def render_snapshots(root: Path, out: Path, size: tuple[int, int], only: int | None = None, *, listen: bool = False) -> list[Path]:
    """Each screen (or screen `only`) as `out/NN-name.png`; with `listen`, the Listen bar as this computer shows it."""
    with harmless_qt_messages_dropped():
        return _render(root, out, size, only, listen)


def _render(root: Path, out: Path, size: tuple[int, int], only: int | None, listen: bool) -> list[Path]:
    with offscreen_kiosk(root, size) as kiosk:
        if listen:
            # Listen shows where this computer can speak; an engine that has not answered by then
            # (a stuck speech-dispatcher) is left behind, as the kiosk would hide Listen too.
            kiosk.attach_listen()
            assert kiosk.listening is not None
            kiosk.listening.speaker.wait_until_answered(SNAPSHOT_ENGINE_WAIT_MS)  # starts the engine
        window = kiosk.window
        names = [screen.name for screen in window.screens.all()]
        if only is not None and not 0 <= only < len(names):
            raise ValueError(f"there is no screen {only}; screens are 0 to {len(names) - 1}")
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for index, name in enumerate(names):
            if only is not None and index != only:
                continue
            window.go_to(index, animate=False)
            QApplication.processEvents()
            shared_pictures().wait()  # the pictures are decoded on a worker: picture them, not their room
            QApplication.processEvents()
            path = out / f"{index:02d}-{name}.png"
            image = window.grab()
            shot = image.deviceIndependentSize().toSize()
            if (shot.width(), shot.height()) != size:  # never a PNG of some other size, silently
                raise ValueError(f"screen {index} came out {shot.width()}x{shot.height()}, not {size[0]}x{size[1]}")
            image.save(str(path))
            written.append(path)
        for problem in kiosk.complete().problems:  # the other languages too, read once the pictures are out
            print(problem.format(), file=sys.stderr)
        return written
