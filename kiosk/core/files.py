"""Reads the files staff control without ever blocking: regular files only, never more than a limit.

Anything named like a card or `kiosk.toml` can be something other than a file. A FIFO blocks
`open()` until a writer comes (forever, on a kiosk), a device such as /dev/zero never ends, and a
socket cannot be read at all; any of them would freeze the screen, `kiosk check` and the SIGTERM
that should end it. So a file's kind is checked with stat() before it is opened, it is opened with
O_NONBLOCK (a FIFO swapped in between the check and the open then opens at once instead of
waiting), checked again on the open descriptor, and read only up to its limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 64 * 1024


class FileUnreadable(Exception):
    """A file that cannot be read; `reason` says why in words for staff ("is a named pipe …")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FileMissing(FileUnreadable):
    """Nothing exists under that name (or a folder on the way to it is missing)."""


class FileTooLarge(FileUnreadable):
    def __init__(self, size: int) -> None:
        super().__init__(f"file is {size} bytes")
        self.size = size


def kind_problem(mode: int) -> str | None:
    """Why something with this st_mode is not a regular file a kiosk may read, or None when it is one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file; it is never opened"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file; it is never opened"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file; it is never opened"
    return "is not a regular file; it is never opened"


def is_regular_file(path: Path | str) -> bool:
    """True for a regular file (or a link to one); never opens anything, never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes, or FileUnreadable saying why not.

    Bounded twice: by the size stat() reports and by the bytes really read, so a file that grows
    while it is read (or a size that lies) still stops at `limit` + 1 bytes.
    """
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise FileMissing("there is no such file") from None
    except (OSError, ValueError) as exc:
        raise FileUnreadable(f"cannot read file: {_why(exc)}") from None
    if reason := kind_problem(info.st_mode):
        raise FileUnreadable(reason)
    if info.st_size > limit:
        raise FileTooLarge(info.st_size)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise FileMissing("there is no such file") from None
    except OSError as exc:
        raise FileUnreadable(f"cannot read file: {_why(exc)}") from None
    try:
        if reason := kind_problem(os.fstat(fd).st_mode):  # replaced between stat() and open()
            raise FileUnreadable(reason)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise FileUnreadable(f"cannot read file: {_why(exc)}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileTooLarge(total)
    return b"".join(chunks)


def _why(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__
