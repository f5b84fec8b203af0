"""`kiosk preview [DIR]`: a window for staff that follows the card file saved last.

It shows that card exactly as patients see it (the real kiosk, laid out off screen at the chosen
screen shape and text size, then pictured; in a topic library inside its topic, opened as a tap on
its tile opens it) beside the card's problems: those `kiosk check` lists for the file, plus whether
it needs scrolling at this size. Cards and topics outside their show dates are shown too; `topic`
follows one topic's cards only. A save is on screen within a few hundred milliseconds: the content watcher settles
for `debounce_ms`, then one reload and one picture.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskApp
from kiosk.core.cards import card_files_if_any
from kiosk.core.check import lint_state
from kiosk.core.strings import strings_for
from kiosk.core.topics import named, relative_name, topic_folders
from kiosk.core.tuning import Timing
from kiosk.core.visit import Kind, Screen
from kiosk.runtime.pictures import shared_pictures
from kiosk.tools.fit import first_line_below_the_fold
from kiosk.runtime.watcher import content_watcher
from kiosk.ui.card import CardView
from kiosk.tools.preview_window import PreviewWindow
from kiosk.ui.theme import Metrics

DEBOUNCE_MS = 100
NEVER_MS = 2_000_000_000  # the preview's kiosk never goes idle (an idle reset would undo the chosen text size)
PICTURE_WAIT_MS = 5000  # the longest a preview waits for its pictures (an 8000x8000 PNG takes about 1 s)


class Preview(QObject):
    updated = Signal()  # the window now shows the file saved last

    def __init__(self, root: Path, *, shape: str = "1920x1080", text_size: str = "normal",
                 debounce_ms: int = DEBOUNCE_MS, topic: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.topic = topic
        self.shape = shape
        self.text_size = text_size
        self.path: Path | None = None
        self.window = PreviewWindow(strings_for("en"))
        self.window.shape_requested.connect(self.set_shape)
        self.window.text_size_requested.connect(self.set_text_size)
        self.kiosk = self._build_kiosk()
        self.watcher = content_watcher(root, debounce_ms=debounce_ms, parent=self)
        self.watcher.changed.connect(self.refresh)
        self.watcher.start()
        self.refresh()

    def _build_kiosk(self) -> KioskApp:
        width, height = (int(side) for side in self.shape.split("x"))
        kiosk = KioskApp(self.root, Metrics.for_size(width, height), timing=Timing(animation_ms=0, first_read_ms=None, idle_ms=NEVER_MS),
                         every_card=True, speech=False)  # a picture of the card: never the speech engine
        kiosk.window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # pictured, never shown
        kiosk.window.resize(width, height)
        kiosk.window.show()
        return kiosk

    def set_shape(self, shape: str) -> None:
        if shape == self.shape:
            return
        self.shape = shape
        old, self.kiosk = self.kiosk, self._build_kiosk()
        _dispose(old)
        self.refresh()

    def set_text_size(self, text_size: str) -> None:
        self.text_size = text_size
        self.refresh()

    def newest_card(self) -> Path | None:
        """The card file saved last, in any of the configured languages (and any topic, or `topic`)."""
        assert self.kiosk.state is not None
        folders = topic_folders(self.root)
        if self.topic is not None:
            folders = [folder for folder in folders if folder.name == named([f.name for f in folders], self.topic)]
        folders = folders or [self.root]
        files = [path for folder in folders for language in self.kiosk.state.config.kiosk.languages
                 for path in card_files_if_any(folder / language)]
        stamps = {}
        for path in files:
            try:
                stamps[path] = path.stat().st_mtime_ns
            except OSError:
                continue
        return max(stamps, key=lambda path: (stamps[path], path.name), default=None)

    def refresh(self) -> None:
        kiosk = self.kiosk
        kiosk.reload()
        state = kiosk.complete()
        self.path = path = self.newest_card()
        self.window.set_choices(self.shape, self.text_size)
        if path is None:
            self.window.show_card(f"{self.root}: no cards yet", QPixmap(), [])
            self.updated.emit()
            return
        name = relative_name(path, self.root)
        problems = [f"line {p.line}: {p.severity.value}: {p.message}" for p in lint_state(state) if p.path == path]
        kiosk.set_language(path.parent.name)
        kiosk.set_text_size(self.text_size)
        topic = path.parent.parent.name if state.library else ""
        if topic:
            kiosk.pages.open(topic)
        index = kiosk.window.screens.index_of(Screen(Kind.CARD, path.name, topic))
        if index is None:
            problems.append("patients do not see this card: fix the errors above and save")
            self.window.show_card(name, QPixmap(), problems)
            self.updated.emit()
            return
        kiosk.window.go_to(index, animate=False)
        QApplication.processEvents()
        shared_pictures().wait(PICTURE_WAIT_MS)  # decoded on a worker: picture them, not their empty room
        view = kiosk.views[path.name]
        if isinstance(view, CardView) and view.card is not None and view.body.verticalScrollBar().maximum() > 0:
            line = first_line_below_the_fold(view, self.root)
            problems.append(f"line {line}: needs scrolling at this screen and text size: patients drag up to read from here on")
        title = view.card.title if isinstance(view, CardView) and view.card else path.name
        self.window.show_card(f"{name}: {title}", kiosk.window.grab(), problems)
        self.updated.emit()

    def close(self) -> None:
        self.watcher.stop()
        _dispose(self.kiosk)
        self.window.close()
        self.window.deleteLater()


def _dispose(kiosk: KioskApp) -> None:
    kiosk.window.close()
    kiosk.window.deleteLater()
    kiosk.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_preview(root: Path, topic: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    logging.getLogger("kiosk").addHandler(logging.NullHandler())  # problems are in the window, not on stderr
    preview = Preview(root, topic=topic)
    preview.window.resize(1500, 900)
    preview.window.show()
    try:
        return app.exec()
    finally:
        preview.close()
