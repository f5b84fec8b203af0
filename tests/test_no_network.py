"""The kiosk never touches the network, whatever addresses staff put in a card.

Remote pictures in every spelling (Markdown, raw HTML, protocol-relative, front matter) and links are
refused while loading, and Qt never gets a chance to fetch them: no socket call is made in-process,
and Qt's network module is never loaded (checked in a fresh interpreter, so no other test can have
loaded it first).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_CONTENT

from kiosk.cli import main

KIOSK_TOML = """[clinic]
name = "Calliope Health Ketamine"
phone = "(301) 828-9513"
website = "https://calliope.health/"

[kiosk]
staff_pin = "scrypt$16384$8$1$00112233445566778899aabbccddeeff$f9e3f4915303b2269ab1d8c2017b630f2e7b8d557ec3264dd028464f3cdca09b"
languages = ["en"]
"""
# Shown (remote pictures are only warnings), with a take-home QR code: drawn locally, never fetched.
REMOTE_BODY = """---
title: Pictures from elsewhere
qr: https://calliope.health/take-home
---
![remote](https://example.org/a.png)

<img src="http://example.org/b.png"> and <IMG SRC="https://example.org/c.png">

![protocol-relative](//cdn.example.org/x.png) and ![ftp](ftp://example.org/y.png)

[a link](https://example.org/page), <https://example.org/auto>, <a href="http://example.org/">html link</a>.

[ref]: https://example.org/ref.png
![reference][ref]

<iframe src="https://example.org/frame"></iframe>
<link rel="stylesheet" href="https://example.org/style.css">
<video src="https://example.org/v.mp4" poster="https://example.org/poster.png"></video>
<style>@import url(https://example.org/x.css); p { background: url(https://example.org/bg.png) }</style>
<p style="background-image: url(https://example.org/style.png)">styled</p>

Last paragraph.
"""
# Left out (a front-matter picture must be a file in the content folder), still read by every command.
REMOTE_FRONT = """---
title: A remote front picture
image: https://example.org/front.png
---
Body text.
"""
PROTOCOL_RELATIVE_FRONT = """---
title: A protocol-relative front picture
image: //cdn.example.org/front.png
---
Body text.
"""


@pytest.fixture
def remote_content(tmp_path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    (root / "kiosk.toml").write_text(KIOSK_TOML, encoding="utf-8")
    (root / "en" / "15-remote-body.md").write_text(REMOTE_BODY, encoding="utf-8")
    (root / "en" / "16-remote-front.md").write_text(REMOTE_FRONT, encoding="utf-8")
    (root / "en" / "17-protocol-relative-front.md").write_text(PROTOCOL_RELATIVE_FRONT, encoding="utf-8")
    return root


@pytest.fixture
def network_calls(monkeypatch) -> list[str]:
    """Every way Python code reaches the network records the call and fails."""
    calls: list[str] = []

    def refuse(name: str):
        def call(*args, **kwargs):
            calls.append(f"{name}{args!r:.200}")
            raise OSError(f"test_no_network: {name} is not allowed")

        return call

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("socket.gethostbyname"))
    return calls




def test_the_guard_itself_catches_a_connection(network_calls):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443), timeout=0.01)
    assert network_calls and network_calls[0].startswith("socket.create_connection")


def test_kiosk_check_and_snapshot_make_no_network_request(
    remote_content, network_calls, make_kiosk, tmp_path, capsys
):
    qt_network_before = "PySide6.QtNetwork" in sys.modules
    kiosk = make_kiosk(remote_content)
    slugs = list(kiosk.views)
    assert "15-remote-body.md" in slugs
    assert "16-remote-front.md" not in slugs and "17-protocol-relative-front.md" not in slugs
    for index in range(kiosk.window.pager.count()):
        kiosk.window.go_to(index, animate=False)
        assert not kiosk.window.grab().isNull()
    html = kiosk.views["15-remote-body.md"].card.html
    # An autolink's address may stay as words on the card; no tag may carry any address.
    assert [tag for tag in re.findall(r"<[^>]*>", html) if "example.org" in tag or "href" in tag or "src" in tag] == []
    assert "<img" not in html
    assert "Last paragraph." in html

    assert main(["check", str(remote_content)]) == 1
    out = capsys.readouterr().out.splitlines()
    front = remote_content / "en" / "16-remote-front.md"
    assert f"{front}:3: error: image 'https://example.org/front.png' cannot be used: only pictures stored in the content folder are shown, never ones from the internet" in out
    assert main(["snapshot", "--content", str(remote_content), "--out", str(tmp_path / "shots"), "--size", "1280x800"]) == 0

    assert network_calls == []
    if not qt_network_before:  # otherwise some other test loaded it; the fresh-process test below decides
        assert "PySide6.QtNetwork" not in sys.modules


# Runs in a fresh interpreter: builds the kiosk, shows and paints every page, runs check and snapshot,
# then says whether Qt's network module (Python or native library) was ever loaded, and by whom.
PROBE = r"""
import importlib.abc, json, os, socket, sys, traceback
from pathlib import Path

importers = []

class Spy(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtNetwork":
            importers.append("".join(traceback.format_stack(limit=15)))
        return None

sys.meta_path.insert(0, Spy())
calls = []
def refuse(name):
    def call(*args, **kwargs):
        calls.append(name)
        raise OSError(name)
    return call
socket.socket.connect = refuse("connect")
socket.socket.connect_ex = refuse("connect_ex")
socket.create_connection = refuse("create_connection")
socket.getaddrinfo = refuse("getaddrinfo")

from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.app import KioskApp
from kiosk.core.tuning import Timing
from kiosk.cli import main
from kiosk.ui.theme import Metrics

root, out = Path(sys.argv[1]), Path(sys.argv[2])
kiosk = KioskApp(root, Metrics(800), timing=Timing(animation_ms=0))
kiosk.window.resize(1280, 800)
kiosk.window.show()
app.processEvents()
for index in range(kiosk.window.pager.count()):
    kiosk.window.go_to(index, animate=False)
    app.processEvents()
    kiosk.window.grab()
codes = [main(["check", str(root)]), main(["snapshot", "--content", str(root), "--out", str(out)])]
maps = Path("/proc/self/maps")
native = any("Qt6Network" in line for line in maps.read_text().splitlines()) if maps.exists() else None
print("PROBE-RESULT " + json.dumps({
    "module": "PySide6.QtNetwork" in sys.modules, "native": native, "importers": importers,
    "calls": calls, "codes": codes, "pages": kiosk.window.pager.count(),
}))
"""


def test_qt_network_is_never_loaded_in_a_fresh_process(remote_content, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(remote_content), str(tmp_path / "shots")],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    [line] = [line for line in done.stdout.splitlines() if line.startswith("PROBE-RESULT ")]
    result = json.loads(line.removeprefix("PROBE-RESULT "))
    assert result["codes"] == [1, 0]
    sample_cards = len(list((SAMPLE_CONTENT / "en").glob("*.md")))
    assert result["pages"] == 1 + sample_cards + 1 + 1  # welcome, the sample cards, the remote-body card, contact
    assert result["calls"] == []
    assert result["module"] is False, "PySide6.QtNetwork was imported:\n" + "\n".join(result["importers"])
    assert result["native"] in (False, None), "libQt6Network was loaded into the kiosk process"
