"""Finds the kiosk's own files (styles, fonts) and the sample content, in a checkout or a frozen build.

In a PyInstaller build `resources/` is unpacked inside the bundle, while `content/` sits beside the
executable so staff can edit it without a rebuild.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path, PurePosixPath


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _source_root() -> Path:
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return _source_root() / "resources"


def resource_path(relative: str) -> Path:
    """Path of a bundled resource; absolute paths and `..` are refused."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise ValueError(f"not a resource name: {relative!r}")
    return resources_dir().joinpath(*pure.parts)


def read_resource(relative: str) -> str:
    return resource_path(relative).read_text(encoding="utf-8")


def icon_fonts_dir() -> Path:
    """qtawesome's bundled icon fonts, found without importing qtawesome (see kiosk.ui.glyphs)."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("qtawesome is not installed")
    return Path(spec.origin).parent / "fonts"


def default_content_dir() -> Path:
    """`content/` beside the executable in a build, or the checkout's sample content."""
    if is_frozen():
        return Path(sys.executable).resolve().parent / "content"
    return _source_root() / "content"


def state_dir() -> Path:
    """Where the kiosk keeps what it writes besides logs (usage counts): `KIOSK_STATE_DIR`, or the
    platform's state folder (`~/.local/state/kiosk` on Linux, `%LOCALAPPDATA%\\kiosk` on Windows)."""
    import os

    import platformdirs

    if configured := os.environ.get("KIOSK_STATE_DIR"):
        return Path(configured)
    return Path(platformdirs.user_state_dir("kiosk", appauthor=False))
