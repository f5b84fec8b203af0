"""Finds translations older than the card they translate, so a patient never reads last year's facts in Spanish.

"Older" is the time each file last changed: its last commit when the content folder is in a git
repository (checkouts and copies give every file the same modification time, commits do not), and
its modification time otherwise, or when the file has changes not yet committed. `git` is optional:
without it, or outside a repository, modification times are used.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from kiosk.core.cards import card_files_if_any
from kiosk.core.problems import Problem, warning

# Saving a card and then its translation takes longer than this; copying or checking out a folder does not.
SAME_TIME_SECONDS = 60
_GIT_TIMEOUT_SECONDS = 10


def stale_translations(root: Path, languages: tuple[str, ...]) -> list[Problem]:
    """A warning for each card in a later language last changed before the first language's card."""
    if len(languages) < 2:
        return []
    first = languages[0]
    originals = {path.name: path for path in card_files_if_any(root / first)}
    translations = [path for language in languages[1:] for path in card_files_if_any(root / language) if path.name in originals]
    if not translations:
        return []
    times = changed_times([*originals.values(), *translations], root)
    problems = []
    for path in translations:
        original = originals[path.name]
        if original in times and path in times and times[original] - times[path] > SAME_TIME_SECONDS:
            problems.append(warning(path, 1, (
                f"may be out of date: {first}/{path.name} was changed after this translation "
                f"({_when(times[original])}; this file {_when(times[path])}); check it still says the same"
            )))
    return problems


def changed_times(paths: list[Path], root: Path) -> dict[Path, float]:
    """When each file last changed, in seconds since the epoch; files that cannot be read are left out."""
    committed = _git_times(root)
    times: dict[Path, float] = {}
    for path in paths:
        key = path.resolve()
        if key in committed:
            times[path] = committed[key]
            continue
        try:
            times[path] = path.stat().st_mtime
        except OSError:
            pass
    return times


def _git_times(root: Path) -> dict[Path, float]:
    """Last commit time of each file under `root` with no uncommitted changes; {} when git cannot say."""
    try:
        top = _git(root, "rev-parse", "--show-toplevel").strip()
        if not top:
            return {}
        log = _git(root, "log", "--format=commit %ct", "--name-only", "--no-renames", "--", ".")
        dirty = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return {}
    base = Path(top)
    changed = {(base / line[3:]).resolve() for line in dirty.splitlines() if len(line) > 3}
    times: dict[Path, float] = {}
    when = 0.0
    for line in log.splitlines():
        if line.startswith("commit "):
            when = float(line.split()[1])
        elif line:
            path = (base / line).resolve()
            if path not in changed:
                times.setdefault(path, when)  # the log is newest first
    return times


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
        capture_output=True, timeout=_GIT_TIMEOUT_SECONDS, check=False,
    )
    return done.stdout.decode("utf-8") if done.returncode == 0 else ""


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")
