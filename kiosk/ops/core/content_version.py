"""Which content a kiosk shows, as IT compares it across a fleet: a digest of its files, and its git commit.

The digest covers what the kiosk reads (every file under the content folder whose name, and whose
folders' names, do not start with a dot: not `.git`, `.stversions` or a sync tool's temporary
files), by relative path and bytes, so two kiosks showing the same content report the same digest
whatever their file dates. It reads every byte, so it is made off the GUI thread (the metrics
writer runs it on a worker thread after each reload).

The commit is read from the checkout's own files (`.git/HEAD`, the ref it names, `packed-refs`),
never by running git: the kiosk starts no program for its metrics. A fleet release built by
deploy/fleet/kiosk_content_pull.py is not a checkout; it names its sources' tags and commits in
`.kiosk-release.json`, which is read instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

RELEASE_FILE = ".kiosk-release.json"  # written by deploy/fleet/kiosk_content_pull.py (same name there)
DIGEST_CHARS = 16
_CHUNK = 1 << 20
_SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


@dataclass(frozen=True)
class ContentVersion:
    """Which content is on screen, the same on every kiosk that shows the same files."""

    digest: str = ""  # sha256 of the content files' names and bytes (16 hex digits); "" until computed
    commit: str = ""  # the git commit checked out, when the content folder is a checkout
    sources: tuple[tuple[str, str, str], ...] = ()  # (source, tag, commit) of a fleet release


def content_version(root: Path) -> ContentVersion:
    return ContentVersion(digest=content_digest(root), commit=checkout_commit(root), sources=release_sources(root))


def content_digest(root: Path) -> str:
    """sha256 over each visible file's relative path and bytes, in path order; "" when the folder cannot be read."""
    digest = hashlib.sha256()
    files: list[tuple[str, str]] = []
    try:
        for folder, folders, names in os.walk(root):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in names:
                if not name.startswith("."):
                    path = os.path.join(folder, name)
                    files.append((Path(os.path.relpath(path, root)).as_posix(), path))
    except OSError:
        return ""
    if not files and not root.is_dir():
        return ""
    for relative, path in sorted(files):
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        try:
            with open(path, "rb") as file:
                while chunk := file.read(_CHUNK):
                    digest.update(chunk)
        except OSError:
            digest.update(b"\0unreadable")  # still a version: the same unreadable file gives the same digest
        digest.update(b"\0")
    return digest.hexdigest()[:DIGEST_CHARS]


def checkout_commit(root: Path) -> str:
    """The commit checked out in the repository holding `root`, or "" when it is not in one."""
    for folder in [root, *root.absolute().parents]:
        dot_git = folder / ".git"
        try:
            if dot_git.is_file():  # a worktree or submodule: "gitdir: PATH"
                text = dot_git.read_text(encoding="utf-8").strip()
                return _head(Path(folder, text.removeprefix("gitdir:").strip())) if text.startswith("gitdir:") else ""
            if dot_git.is_dir():
                return _head(dot_git)
        except (OSError, UnicodeDecodeError):
            return ""
    return ""


def _head(git_dir: Path) -> str:
    head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    if _SHA.fullmatch(head):
        return head  # detached, as a CI or a deploy tool leaves it
    if not head.startswith("ref: "):
        return ""
    ref = head.removeprefix("ref: ").strip()
    common = git_dir
    if (git_dir / "commondir").is_file():  # a worktree keeps its refs in the main repository
        common = (git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()).resolve()
    for base in (git_dir, common):
        loose = base / ref
        if loose.is_file():
            value = loose.read_text(encoding="utf-8").strip()
            return value if _SHA.fullmatch(value) else ""
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8").splitlines():
            value, _, name = line.partition(" ")
            if name == ref and _SHA.fullmatch(value):
                return value
    return ""  # a branch with no commit yet


def release_sources(root: Path) -> tuple[tuple[str, str, str], ...]:
    """(source, tag, commit) for each repository of a fleet release; () for any other folder."""
    try:
        record = json.loads((root / RELEASE_FILE).read_text(encoding="utf-8"))
        return tuple((str(s["name"]), str(s["tag"]), str(s["commit"])) for s in record["sources"])
    except (OSError, ValueError, TypeError, KeyError):
        return ()
