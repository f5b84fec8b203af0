"""Files a card names (pictures, recordings), found only inside the content folder.

Kept apart from the Markdown renderer so that what only needs these (the card cache, the watcher,
recordings) does not load markdown-it-py with them.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

TOPICS_FOLDER = "topics"  # content/topics/: a library of topics (kiosk/core/topics.py)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}
AUDIO_SUFFIXES = {".wav", ".ogg"}  # staff recordings a card may name (kiosk.core.narration says which play)


def topic_of(card_path: Path, content_root: Path) -> Path | None:
    """The topic folder a card belongs to (`content/topics/NAME/` for `.../NAME/en/card.md`), or None
    in today's layout, where cards sit in `content/en/`."""
    topic = card_path.parent.parent
    return topic if topic.parent == content_root / TOPICS_FOLDER else None


def resolve_content_file(content_root: Path, name: str, suffixes: set[str], topic: Path | None = None) -> tuple[Path | None, str]:
    """Resolve a staff-written relative path inside `content_root`, or say why it is refused.

    With a `topic` folder the name is looked for inside that topic first (so a copied topic folder
    brings its own pictures), then in the shared content folder; never outside either."""
    if not name:
        return None, "no file name given"
    parts = urlsplit(name)
    if parts.scheme or parts.netloc or name.startswith("//"):
        return None, "only pictures stored in the content folder are shown, never ones from the internet"
    if Path(name).is_absolute() or name.startswith(("/", "\\")):
        return None, "use a path inside the content folder, such as images/room.jpg"
    if topic is not None:
        found, _reason = _inside(topic, name, suffixes)
        if found is not None:
            return found, ""
    return _inside(content_root, name, suffixes)


def _inside(folder: Path, name: str, suffixes: set[str]) -> tuple[Path | None, str]:
    try:
        root = folder.resolve()
        candidate = (root / name).resolve()
        if not candidate.is_relative_to(root):
            return None, "the file is outside the content folder"
        if candidate.suffix.lower() not in suffixes:
            return None, f"'{candidate.suffix[:20] or name[:40]}' is not a picture type the kiosk shows ({', '.join(sorted(suffixes))})"
        if candidate.is_dir():
            return None, "that is a folder, not a picture"
        if not candidate.is_file():
            return None, "the file does not exist"
    except (ValueError, OSError, RuntimeError):  # a NUL in the name, a name too long, a symlink loop
        return None, "the system cannot open a file by that name"
    return candidate, ""
