"""Finds the computer's speech engine and a voice for each language, or says plainly why there is none.

Speech is offline: QtTextToSpeech drives the operating system's own engine (speech-dispatcher with
espeak-ng on Linux, the built-in voices on Windows); nothing is fetched. IT picks another engine with
the environment variable KIOSK_SPEECH_ENGINE (a Qt engine name such as "speechd" or "sapi"; "none"
switches speech off), because the engine belongs to the machine, not to the content folder that
clinics copy between kiosks.

The choice is made inside the speech helper process (listen/runtime/speech_host.py): QtTextToSpeech
and its engine never load in the kiosk's own process. The kiosk itself only asks `switched_off()`
(no helper is started then) and matches voices with `find_locale()`.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QLocale

ENGINE_ENV = "KIOSK_SPEECH_ENGINE"
# Qt's engines in the order the kiosk prefers them, per platform. Qt's "mock" engine (tests only) is
# never chosen by itself: a kiosk that says nothing must say so instead of pretending.
PREFERRED_ENGINES = {"linux": ("speechd", "flite"), "win32": ("winrt", "sapi"), "darwin": ("darwin",)}
# The speechd plugin links libspeechd; Qt only logs a bare "Error loading plug-in" when it is missing.
ENGINE_LIBRARIES = {"speechd": ("speechd", "speech-dispatcher is not installed (Debian: apt-get install speech-dispatcher espeak-ng)")}


@dataclass(frozen=True)
class EngineChoice:
    """`name` is the Qt engine to open, or None with `reason` saying why there is none."""

    name: str | None
    reason: str = ""


def switched_off(environ: Mapping[str, str] = os.environ) -> str:
    """Why IT switched speech off on this computer, or '' (then an engine is looked for)."""
    if environ.get(ENGINE_ENV, "").strip().lower() == "none":
        return f"speech is switched off on this computer ({ENGINE_ENV}=none)"
    return ""


def choose_engine(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> EngineChoice:
    if reason := switched_off(environ):
        return EngineChoice(None, reason)
    wanted = environ.get(ENGINE_ENV, "").strip()
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:  # PySide6-Addons missing, or a library it links (libpulse0)
        return EngineChoice(None, f"Qt's speech module cannot be loaded ({exc})")

    installed = QTextToSpeech.availableEngines()
    if wanted:
        if wanted not in installed:
            return EngineChoice(None, f"speech engine '{wanted}' ({ENGINE_ENV}) is not installed; installed: {', '.join(installed) or 'none'}")
        return _loadable(wanted)
    key = next((prefix for prefix in PREFERRED_ENGINES if platform.startswith(prefix)), "")
    for name in PREFERRED_ENGINES.get(key, ()):
        if name in installed:
            return _loadable(name)
    return EngineChoice(None, "this computer has no speech engine Qt can use")


def _loadable(name: str) -> EngineChoice:
    library, reason = ENGINE_LIBRARIES.get(name, (None, ""))
    if library and ctypes.util.find_library(library) is None:
        return EngineChoice(None, reason)
    return EngineChoice(name)


def find_locale(locales: list[str], wanted: str) -> tuple[str | None, str]:
    """The engine's locale named `wanted` ("es_419", "es-419"), or for a bare language ("es") its first.

    No near match is taken silently: "es_MX" where the engine only has es_419 and es_ES is a miss,
    and the reason lists what the engine has for that language, so staff can pick one.
    """
    target = QLocale(wanted.replace("-", "_"))
    for name in locales:
        if name == target.name() or name == wanted.replace("-", "_"):
            return name, ""
    same_language = sorted(name for name in locales if QLocale(name).language() == target.language())
    if "_" not in wanted and "-" not in wanted and same_language and target.language() != QLocale.Language.C:
        return same_language[0], ""
    if same_language:
        return None, f"no voice '{wanted}' (this engine has {', '.join(same_language)})"
    return None, f"no voice '{wanted}' (this engine has no {QLocale.languageToString(target.language())} voice)"
