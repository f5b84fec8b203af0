"""A network share that stops answering, played by a FUSE file system: content/ as clinics mount it.

When an SMB or NFS server stops answering, every stat, open, read or folder listing on the share
blocks inside the kernel: the calling thread cannot be interrupted, not even by SIGTERM. This
module reproduces that from the outside. Run as a program it is a small passthrough file system
(fusepy over libfuse 2) that shows a real folder at a mount point and, while a flag file exists,
answers no request at all: each one waits in the server, so the kiosk's call waits in the kernel
(state D), exactly as on a dead share. Removing the flag answers them all; so does the time written
in the flag coming.

`HungShare` (the `hung_share` fixture of the tests that use it) mounts it in a test's tmp folder and
always releases and unmounts it afterwards. The server also stops holding a request after
`MAX_HOLD_S`, and at the time written in the flag, so a test that fails while its own thread is stuck ends instead of hanging the run.

Needs /dev/fuse (tests skip without it), `fusermount` and libfuse 2 (Debian: `fuse`, `libfuse2`,
both in tests/debian-packages.txt) and fusepy (the test extras in pyproject.toml).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

MAX_HOLD_S = 30.0  # the longest one request is held: far longer than any test's hang, short of a stuck run
MOUNT_TIMEOUT_S = 20.0
PACKAGES = "apt-get install fuse libfuse2 (tests/debian-packages.txt) and pip install -e '.[test]' (fusepy)"


def missing() -> str | None:
    """Why a hung share cannot be made here, or None. No /dev/fuse (a container without it) is a skip;
    anything else missing is a failure naming the packages."""
    if not Path("/dev/fuse").exists():
        return "skip: no /dev/fuse on this machine (a container without FUSE): a hung share cannot be mounted"
    try:
        import fuse  # noqa: F401  (fusepy loads libfuse 2 when imported)
    except (ImportError, OSError) as exc:
        return f"fail: fusepy or libfuse 2 is missing ({exc}): {PACKAGES}"
    if shutil.which("fusermount") is None:
        return f"fail: fusermount is missing: {PACKAGES}"
    return None


class HungShare:
    """`folder` shown at `mount`; `hang()` and the share stops answering, `release()` and it answers again."""

    def __init__(self, folder: Path, mount: Path, flag: Path) -> None:
        self.folder, self.mount, self.flag = folder, mount, flag
        mount.mkdir(parents=True, exist_ok=True)
        self.flag.unlink(missing_ok=True)
        self.server = subprocess.Popen([sys.executable, __file__, str(folder), str(mount), str(flag)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + MOUNT_TIMEOUT_S
        while not os.path.ismount(mount):
            if self.server.poll() is not None:
                raise RuntimeError(f"the FUSE server ended: {self.server.communicate()[1].decode(errors='replace')}")
            if time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"{mount} was not mounted within {MOUNT_TIMEOUT_S} s")
            time.sleep(0.02)

    def hang(self, most_s: float = 20.0) -> None:
        """From now on every request to the share waits (those already answered are not taken back), for
        `most_s` at most: a test whose own thread is stuck on the share still ends, and fails."""
        self.flag.write_text(repr(time.time() + most_s), encoding="ascii")

    def release(self) -> None:
        self.flag.unlink(missing_ok=True)

    def close(self) -> None:
        """Release, unmount (lazily: a process still inside lets go when it is answered) and end the server."""
        self.release()
        subprocess.run(["fusermount", "-u", "-z", str(self.mount)], capture_output=True, check=False, timeout=30)
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait(timeout=10)
        if self.server.stderr is not None:
            self.server.stderr.close()


def _held(flag: str) -> bool:
    """True while the flag file exists and the time it holds (Unix time) has not come."""
    try:
        with open(flag, encoding="ascii") as file:
            until = float(file.read() or "inf")
    except (OSError, ValueError):
        return False
    return time.time() < until


class Passthrough:
    """`folder`'s files, each request held while the share is hung (mixed with fusepy's Operations by `serve`)."""

    def __init__(self, root: str, flag: str) -> None:
        self.root, self.flag = root, flag

    def __call__(self, op: str, path: str, *args: object) -> object:
        held = time.monotonic()
        while _held(self.flag) and time.monotonic() - held < MAX_HOLD_S:
            time.sleep(0.01)
        if not hasattr(self, op):
            raise OSError(errno.EFAULT, op)
        return getattr(self, op)(self.root + path, *args)  # an OSError's errno goes back to the caller

    def getattr(self, path: str, fh: int | None = None) -> dict[str, int]:
        info = os.lstat(path)
        return {key: getattr(info, key) for key in ("st_mode", "st_nlink", "st_size", "st_uid", "st_gid", "st_atime",
                                                     "st_mtime", "st_ctime")}

    def access(self, path: str, mode: int) -> None:
        if not os.access(path, mode):
            raise OSError(errno.EACCES, path)

    def readdir(self, path: str, fh: int) -> list[str]:
        return [".", "..", *os.listdir(path)]

    def readlink(self, path: str) -> str:
        return os.readlink(path)

    def open(self, path: str, flags: int) -> int:
        return os.open(path, flags)

    def create(self, path: str, mode: int, fi: object = None) -> int:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        return os.pread(fh, size, offset)

    def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
        return os.pwrite(fh, data, offset)

    def truncate(self, path: str, length: int, fh: int | None = None) -> None:
        os.truncate(path, length)

    def release(self, path: str, fh: int) -> None:
        os.close(fh)

    def unlink(self, path: str) -> None:
        os.unlink(path)

    def mkdir(self, path: str, mode: int) -> None:
        os.mkdir(path, mode)

    def rmdir(self, path: str) -> None:
        os.rmdir(path)

    def rename(self, old: str, new: str) -> None:
        os.rename(old, self.root + new)

    def chmod(self, path: str, mode: int) -> None:
        os.chmod(path, mode)

    def utimens(self, path: str, times: tuple[float, float] | None = None) -> None:
        os.utime(path, times)


def serve(folder: str, mount: str, flag: str) -> None:
    """The FUSE server, in the foreground until unmounted."""
    from fuse import FUSE, Operations

    class Served(Passthrough, Operations):  # type: ignore[misc]  # fusepy's defaults for the rest (opendir, xattrs...)
        pass

    # No attribute or name caching in the kernel: every stat reaches the server, as on a share whose
    # client checks with its server.
    FUSE(Served(folder, flag), mount, foreground=True, nothreads=False, attr_timeout=0, entry_timeout=0, negative_timeout=0)


if __name__ == "__main__":
    serve(*sys.argv[1:4])
