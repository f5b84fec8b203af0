"""The one door to the kiosk's own files (styles, fonts, interface text) and the sample content.

Three layouts, one answer:
- an installed wheel carries them inside the package, as `kiosk/resources/` and
  `kiosk/sample_content/` (pyproject.toml maps the checkout's top-level folders there);
- a source checkout (and an editable install of it) uses the top-level `resources/` and `content/`;
- a PyInstaller build unpacks `resources/` inside the bundle, while `content/` sits beside the
  executable so staff can edit it without a rebuild.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path, PurePosixPath


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _source_root() -> Path:
    return Path(__file__).resolve().parents[2]


def _packaged(installed: str, checkout: str) -> Path:
    """`kiosk/<installed>` in an installed wheel, else `<checkout>` at the top of the source tree.

    The package is a folder on disk in both (never a zip), so it is found from this file's own path:
    importlib.resources would cost every start-up ~10 ms of imports for the same answer."""
    packaged = Path(__file__).resolve().parents[1] / installed
    return packaged if packaged.is_dir() else _source_root() / checkout


@cache  # asked for every font and style at start-up; each answer costs a realpath() and a stat()
def resources_dir() -> Path:
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return _packaged("resources", "resources")


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
    """`content/` beside the executable in a build, else the sample content that came with the kiosk."""
    if is_frozen():
        return Path(sys.executable).resolve().parent / "content"
    return _packaged("sample_content", "content")

