"""The kiosk's state folder: what it must remember across restarts (PIN lockout, status, usage counts).

Content is read-only to the kiosk and the log folder may be full or gone; the state folder is the
one place the kiosk writes files it reads back. `KIOSK_STATE_DIR` moves it (the systemd units point
it at /var/lib/kiosk); otherwise it is platformdirs' user state folder. Files are replaced whole
(written beside, then renamed), so a crash or power cut mid-write leaves the old file or the new
one, never half of one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

STATE_DIR_ENV = "KIOSK_STATE_DIR"


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if configured := env.get(STATE_DIR_ENV):
        return Path(configured)
    import platformdirs  # ~10 ms, and the kiosk's systemd units set KIOSK_STATE_DIR

    return Path(platformdirs.user_state_dir("kiosk", appauthor=False))


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) in one step; raises OSError like any write."""
    import tempfile  # with random and shutil, ~2 ms a start-up need not pay before its first write

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
