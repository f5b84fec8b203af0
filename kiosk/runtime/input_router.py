"""The kiosk's one application-wide event filter, and the order in which its handlers see input.

Several parts must see every touch before the widget under the finger does: the screen schedule (a
touch on a dark screen only wakes it), the lockdown (keys that would leave the kiosk), the staff
corner (the release that ends its long press), the idle countdown and the pager (drags and swipes).
Qt runs application event filters newest first, so with a filter each their order was the order the
parts happened to be built in. Here the order is written down once, in `Stage`: a handler that takes
an event (returns True) ends its way, and no later stage and no widget sees it.

A Python filter on the application is called for every event of every object, and each object it is
handed must first get a Python type: when it sees the insides of a rich-text widget being built (a
QLabel's or QTextBrowser's text document and layout, classes Python never names), PySide6 builds
Python types for about 180 Qt classes and their enums, ~15 ms. So `kiosk run` builds its screens
inside `routing_held()`, which installs the router once they are built; no input can arrive before
then, since no event loop runs while they are built. `kiosk snapshot` and the fit check, which take
no input, hold it for as long as their kiosk lives.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject


class Stage(IntEnum):
    """Who sees input first (lowest first)."""

    SCREEN_WAKE = 10  # a touch that wakes a dark screen does nothing else (ops: screen schedule)
    LOCKDOWN = 20  # keys that would leave the kiosk, context menus, closing the window (ops: lockdown)
    STAFF_CORNER = 30  # the release that ends the staff long press taps nothing (staff: corner)
    IDLE = 40  # input that got this far is a patient using the kiosk: the idle countdown restarts
    PAGER = 50  # a drag turns the page or scrolls the card, and the button under it never clicks


class InputHandler(Protocol):
    """One part that looks at input: `kinds` are the event types it wants; `handle` says whether it took the event."""

    @property
    def kinds(self) -> frozenset[QEvent.Type]: ...
    def handle(self, obj: QObject, event: QEvent) -> bool: ...


class InputRouter(QObject):
    """Installed once on the application; hands each event to the handlers that want its type, in stage order.

    Handlers are held weakly, as Qt holds event filters: one whose object is gone (a closed window's
    pager, a test's idle monitor) simply stops being asked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.installed = False
        self._entries: list[tuple[Stage, int, weakref.ref[InputHandler]]] = []
        self._added = 0
        self._by_kind: dict[QEvent.Type, tuple[weakref.ref[InputHandler], ...]] = {}

    def install(self) -> None:
        """Start routing: from now on the handlers see every input event of the application."""
        if not self.installed and (app := QCoreApplication.instance()) is not None:
            app.installEventFilter(self)
            self.installed = True

    def add(self, stage: Stage, handler: InputHandler) -> None:
        """`handler` sees input at `stage`; after any handler already at the same stage."""
        self.remove(handler)
        self._added += 1
        self._entries.append((stage, self._added, weakref.ref(handler)))
        self._rebuild()

    def remove(self, handler: InputHandler) -> None:
        self._entries = [entry for entry in self._entries if _alive(held := entry[2]()) and held is not handler]
        self._rebuild()

    def _rebuild(self) -> None:
        by_kind: dict[QEvent.Type, list[weakref.ref[InputHandler]]] = {}
        for _stage, _added, ref in sorted(self._entries, key=lambda e: e[:2]):
            handler = ref()
            for kind in handler.kinds if handler is not None else ():
                by_kind.setdefault(kind, []).append(ref)
        self._by_kind = {kind: tuple(refs) for kind, refs in by_kind.items()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        refs = self._by_kind.get(event.type())
        if refs is None:  # paints, timers, layouts: most events, and none of ours
            return False
        return _first_taker(refs, watched, event)


def _alive(handler: InputHandler | None) -> bool:
    """False once the handler is gone: collected, or its Qt object deleted with its window."""
    return handler is not None and (not isinstance(handler, QObject) or shiboken6.isValid(handler))


def _first_taker(refs: Iterable[weakref.ref[InputHandler]], watched: QObject, event: QEvent) -> bool:
    for ref in refs:  # a snapshot: a handler may add or remove others while it runs
        handler = ref()
        if handler is None or not _alive(handler):
            continue  # dropped at the next add or remove
        if handler.handle(watched, event):
            return True
    return False


_held = [0]  # routing_held() blocks open now


def input_router() -> InputRouter:
    """The application's router, made on first use (there must be a QCoreApplication) and installed
    then, or once no routing_held() block is open."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("input is routed inside a Qt application; create the QApplication first")
    router = app.findChild(InputRouter, "InputRouter")
    if router is None:
        router = InputRouter(app)
        router.setObjectName("InputRouter")
    if not _held[0]:
        router.install()
    return router


@contextmanager
def routing_held() -> Iterator[None]:
    """Build screens with the router made but not installed; it is installed when the block ends."""
    _held[0] += 1
    try:
        yield
    finally:
        _held[0] -= 1
    if not _held[0] and QCoreApplication.instance() is not None:
        input_router()
