"""The speech engine on a thread of its own, so a stuck engine can never freeze the screen.

speech-dispatcher is a separate program; when its audio output fails it can stop answering, and
libspeechd's calls then block forever (seen on a machine without a sound server). Every engine call
therefore runs here, queued from the kiosk's thread by signals, and every report goes back by
signal. Each utterance carries an id, so a late report about an old sentence is never taken for
news about the current one.
"""

from __future__ import annotations

import atexit
import logging

from PySide6.QtCore import QLocale, QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)
_THREADS: set[QThread] = set()  # unparented: a QThread destroyed while running aborts the program
STOP_WAIT_MS = 2000


class EngineWorker(QObject):
    """Owns the QTextToSpeech engine; lives on the speech thread."""

    opened = Signal(str, str, list)  # engine name ('' when it failed), why it failed, locale names
    reported = Signal(int, str)  # utterance id, state: speaking, paused, ready or error
    word = Signal(int, str)  # utterance id, the word the engine says now (engines that report words)

    def __init__(self) -> None:
        super().__init__()
        self.engine = None
        self.current = 0

    @Slot(str)
    def open(self, name: str) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        engine = QTextToSpeech(name, self)
        if engine.state() == QTextToSpeech.State.Error:
            self.opened.emit("", engine.errorString() or "it did not start", [])
            engine.deleteLater()
            return
        self.engine = engine
        engine.stateChanged.connect(self._on_state)
        engine.errorOccurred.connect(lambda _reason, message: log.error("speech engine error: %s", message))
        engine.sayingWord.connect(lambda text, _id, _start, _length: self.word.emit(self.current, text))
        self.opened.emit(engine.engine(), "", [locale.name() for locale in engine.availableLocales()])

    @Slot(int, str)
    def say(self, utterance: int, text: str) -> None:
        if self.engine is not None:
            self.current = utterance
            self.engine.say(text)

    @Slot(str)
    def set_locale(self, name: str) -> None:
        if self.engine is not None and self.engine.locale().name() != name:
            self.engine.setLocale(QLocale(name))

    @Slot(float)
    def set_volume(self, volume: float) -> None:
        if self.engine is not None:
            self.engine.setVolume(volume)

    @Slot(float)
    def set_rate(self, rate: float) -> None:
        if self.engine is not None:
            self.engine.setRate(rate)

    @Slot()
    def pause(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.engine is not None and self.engine.state() == QTextToSpeech.State.Speaking:
            self.engine.pause(QTextToSpeech.BoundaryHint.Immediate)

    @Slot()
    def resume(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.engine is not None and self.engine.state() == QTextToSpeech.State.Paused:
            self.engine.resume()

    @Slot()
    def stop(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.engine is not None and self.engine.state() in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Paused):
            self.engine.stop(QTextToSpeech.BoundaryHint.Immediate)

    def _on_state(self, state) -> None:
        self.reported.emit(self.current, state.name.lower())


def start_thread(worker: QObject) -> QThread:
    thread = QThread()
    thread.setObjectName("speech")
    worker.moveToThread(thread)
    _THREADS.add(thread)
    thread.start()
    return thread


def stop_thread(thread: QThread) -> None:
    """Quit the speech thread; one stuck inside the engine is terminated, as the program is leaving."""
    if thread not in _THREADS:
        return
    _THREADS.discard(thread)
    thread.quit()
    if not thread.wait(STOP_WAIT_MS):
        log.error("the speech engine did not stop within %s ms; its thread is terminated", STOP_WAIT_MS)
        thread.terminate()
        thread.wait(STOP_WAIT_MS)


@atexit.register
def _stop_all() -> None:
    for thread in list(_THREADS):
        stop_thread(thread)
