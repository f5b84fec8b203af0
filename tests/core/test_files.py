"""Only regular files are opened, and never read past their limit: nothing staff name can block the kiosk."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from helpers.hang import within_deadline

from kiosk.core.files import FileMissing, FileTooLarge, FileUnreadable, is_regular_file, read_regular


def test_regular_file_is_read(tmp_path):
    path = tmp_path / "card.md"
    path.write_bytes(b"---\ntitle: A\n---\n")
    assert read_regular(path, 100) == b"---\ntitle: A\n---\n"
    assert is_regular_file(path)


def test_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 10)
    assert read_regular(path, 10) == b"x" * 10
    with pytest.raises(FileTooLarge) as caught:
        read_regular(path, 9)
    assert caught.value.size == 10


def test_missing_file(tmp_path):
    with pytest.raises(FileMissing):
        read_regular(tmp_path / "nothing", 10)
    with pytest.raises(FileMissing):
        read_regular(tmp_path / "no-folder" / "nothing", 10)
    assert not is_regular_file(tmp_path / "nothing")


def test_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    with pytest.raises(FileUnreadable) as caught:
        within_deadline(lambda: read_regular(fifo, 100), fifos=(fifo,))
    assert caught.value.reason == "is a named pipe (FIFO), not a regular file; it is never opened"
    assert not is_regular_file(fifo)


def test_device_is_refused():
    # /dev/zero would never end and /dev/null would read as an empty file.
    for device in ("/dev/zero", "/dev/null"):
        with pytest.raises(FileUnreadable) as caught:
            read_regular(Path(device), 100)
        assert caught.value.reason == "is a device, not a regular file; it is never opened"


def test_socket_is_refused(tmp_path):
    path = tmp_path / "s.md"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(os.fspath(path))
        with pytest.raises(FileUnreadable) as caught:
            read_regular(path, 100)
        assert caught.value.reason == "is a socket, not a regular file; it is never opened"
    finally:
        server.close()


def test_folder_is_refused(tmp_path):
    with pytest.raises(FileUnreadable) as caught:
        read_regular(tmp_path, 100)
    assert caught.value.reason == "is a folder, not a file"


def test_file_swapped_for_a_fifo_after_the_check_opens_at_once(tmp_path, monkeypatch):
    """The race stat() cannot close: O_NONBLOCK makes the open return, and fstat refuses it."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    real_stat = os.stat

    class Regular:  # what stat() said a moment before the FIFO took the file's place
        st_mode = 0o100644
        st_size = 0

    monkeypatch.setattr(os, "stat", lambda path, *a, **k: Regular() if Path(path) == fifo else real_stat(path, *a, **k))
    with pytest.raises(FileUnreadable) as caught:
        within_deadline(lambda: read_regular(fifo, 100), fifos=(fifo,))
    assert "named pipe" in caught.value.reason
