"""Speech for the command line: `kiosk check --voices` and `kiosk speak --say`.

Both ask the computer's own engine, exactly as the running kiosk would, so what `kiosk check` says
about voices is true of the machine it runs on (the kiosk itself, when IT runs it there).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from kiosk.core.config import CONFIG_NAME, Config
from kiosk.core.text_lines import key_line
from kiosk.core.problems import Problem, warning
from kiosk.listen.core.spoken import ScreenSpeech
from kiosk.listen.runtime.speaker import Speaker
from kiosk.listen.runtime.engine_choice import switched_off

SAY_LIMIT_MS = 10 * 60 * 1000  # a screen takes a minute or two; this only stops a stuck engine


def _application() -> QCoreApplication:
    return QCoreApplication.instance() or QCoreApplication(sys.argv[:1])


def voice_problems(root: Path, config: Config) -> list[Problem]:
    """A warning for each language of kiosk.toml that has no voice here (Listen is hidden in it).

    Nothing is said when IT switched speech off on purpose (KIOSK_SPEECH_ENGINE=none).
    """
    if switched_off():
        return []
    path = root / CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    _application()
    speaker = Speaker(config.speech)
    try:
        speaker.wait_until_answered()
        if not speaker.engine_name:
            return [warning(path, 1, f"Listen is hidden on this computer: {speaker.engine_reason}")]
        problems = []
        for language in config.kiosk.languages:
            if reason := speaker.unavailable_reason(language):
                reason = reason.removeprefix(f"{language}: ")
                message = f"Listen is hidden in '{language}' on this computer: {reason}; set [speech] voice.{language} to one it has"
                problems.append(warning(path, _voice_line(text, language), message))
        return problems
    finally:
        speaker.shutdown()


def _voice_line(text: str, language: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"\s*voice\.{re.escape(language)}\s*=", line):
            return number
    return key_line(text, "speech") if "[speech]" in text else key_line(text, "kiosk", "languages")


def say_and_wait(speech: ScreenSpeech, config: Config) -> int:
    """Speak `speech` through the kiosk's engine and return when it is done: 0, or 1 if it cannot."""
    _application()
    speaker = Speaker(config.speech)
    try:
        speaker.wait_until_answered()
        if reason := speaker.unavailable_reason(speech.language):
            print(f"error: cannot speak: {reason}", file=sys.stderr)
            return 1
        loop = QEventLoop()
        speaker.finished.connect(loop.quit)
        QTimer.singleShot(SAY_LIMIT_MS, loop.quit)
        if not speaker.speak(speech):
            print("error: the speech engine refused the text", file=sys.stderr)
            return 1
        loop.exec()
        if not speaker.engine_name:  # the engine stopped answering while it spoke
            print(f"error: speaking stopped: {speaker.engine_reason}", file=sys.stderr)
            return 1
        return 0
    finally:
        speaker.shutdown()
