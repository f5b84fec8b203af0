"""`kiosk snapshot`: one PNG per screen at the requested size, as the kiosk shows it."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
from conftest import LIBRARY, REPO, SAMPLE_CONTENT
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.cli import main

EXPECTED = [
    "00-welcome.png", "01-key-points.png", "02-what-is-ketamine.png", "03-how-it-is-different.png",
    "04-a-treatment-session.png", "05-how-it-may-feel.png", "06-risks-and-limits.png",
    "07-possible-benefits.png", "08-is-it-right-for-me.png", "09-questions-to-ask.png", "10-contact.png",
]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_snapshot_renders_every_screen_at_the_size(qapp, tmp_path, size, capsys):
    out = tmp_path / "shots"
    assert main(["snapshot", "--content", str(SAMPLE_CONTENT), "--out", str(out), "--size", f"{size[0]}x{size[1]}"]) == 0
    assert sorted(p.name for p in out.iterdir()) == EXPECTED
    for name in EXPECTED:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == size
    said = capsys.readouterr()
    assert said.out.splitlines() == [str(out / name) for name in EXPECTED], "each picture named as it is written"
    assert [line for line in said.err.splitlines() if "demo PIN" not in line] == []
    assert gc.isenabled(), "the collector paused for the start-up runs again"


@pytest.mark.parametrize("size", [(1280, 1024), (800, 480)])
def test_snapshot_of_one_screen_is_exactly_the_size_asked_for(qapp, tmp_path, size):
    out = tmp_path / "one"
    args = ["snapshot", "--content", str(SAMPLE_CONTENT), "--out", str(out), "--screen", "10", "--size", f"{size[0]}x{size[1]}"]
    assert main(args) == 0
    assert [p.name for p in out.iterdir()] == ["10-contact.png"]
    image = QImage(str(out / "10-contact.png"))
    assert (image.width(), image.height()) == size


def test_snapshot_of_a_screen_that_does_not_exist(qapp, tmp_path, capsys):
    assert main(["snapshot", "--content", str(SAMPLE_CONTENT), "--out", str(tmp_path), "--screen", "42"]) == 2
    assert "no screen 42" in capsys.readouterr().err


def test_snapshot_leaves_out_broken_cards_and_reports_them(qapp, content, tmp_path, capsys):
    (content / "en" / "45-how-it-may-feel.md").write_text("no front matter here\n", encoding="utf-8")
    out = tmp_path / "shots"
    assert main(["snapshot", "--content", str(content), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == len(EXPECTED) - 1 and not any("how-it-may-feel" in n for n in names)
    assert "45-how-it-may-feel.md:1: error: no front matter" in capsys.readouterr().err


def test_snapshot_shows_the_listen_bar_only_when_asked_and_the_engine_answers(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")  # Qt's mock engine answers at once, with English voices
    plain, listen = tmp_path / "plain", tmp_path / "listen"
    for out, extra in ((plain, []), (listen, ["--listen"])):
        assert main(["snapshot", "--content", str(SAMPLE_CONTENT), "--out", str(out), "--screen", "1", *extra]) == 0
    with_bar, without = QImage(str(listen / "01-key-points.png")), QImage(str(plain / "01-key-points.png"))
    top = (0, 0, with_bar.width(), with_bar.height() // 8)  # the window's top row, where Listen sits
    assert with_bar.copy(*top) != without.copy(*top)


def test_snapshot_of_a_missing_folder_exits_2(qapp, tmp_path):
    assert main(["snapshot", "--content", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2


def test_bad_size_is_refused(qapp, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["snapshot", "--out", str(tmp_path), "--size", "big"])
    assert exit_info.value.code == 2


def test_python_dash_m_kiosk_snapshot_in_a_fresh_process(tmp_path):
    out = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "snapshot", "--out", str(out), "--screen", "0", "--size", "1280x800"],
        cwd=REPO, capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert (out / "00-welcome.png").is_file()


def test_a_picture_of_another_size_is_refused_not_written(qapp, tmp_path, monkeypatch, capsys):
    """Were the window ever to come out bigger than asked (as 1080x1920 once gave 2409x1920), say so."""
    from kiosk.ui.window import KioskWindow

    real_resize = KioskWindow.resize
    monkeypatch.setattr(KioskWindow, "resize", lambda self, w, h: real_resize(self, w + 1, h))
    out = tmp_path / "shots"
    assert main(["snapshot", "--content", str(SAMPLE_CONTENT), "--out", str(out), "--size", "1280x800", "--screen", "0"]) == 2
    assert "came out 1281x800, not 1280x800" in capsys.readouterr().err
    assert not list(out.glob("*.png"))


def test_a_library_snapshot_is_the_welcome_the_grid_then_each_topic_in_its_folder(qapp, library, tmp_path, capsys):
    mornings = library / "topics/20-mornings/topic.toml"  # shown always, so the real clock does not decide
    mornings.write_text("\n".join(line for line in mornings.read_text().split("\n") if not line.startswith(("days", "hours"))))
    (library / "topics/30-english-only/topic.toml").write_text('title = "Paying"\nshow_until = 2001-01-01\n')
    out = tmp_path / "shots"
    assert main(["snapshot", "--content", str(library), "--out", str(out), "--size", "1280x800"]) == 0
    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.png"))
    assert written == [  # 30-english-only is off the grid, as on the kiosk
        "00-welcome.png", "01-topics.png", "10-first/01-what.png", "10-first/02-how.png", "10-first/03-contact.png",
        "20-mornings/01-bring.png", "20-mornings/02-contact.png",
    ]
    assert all(QImage(str(out / name)).size() == QSize(1280, 800) for name in written)


def test_a_library_snapshot_of_one_topic_or_one_of_its_screens(qapp, tmp_path, capsys):
    out = tmp_path / "shots"
    assert main(["snapshot", "--content", str(LIBRARY), "--out", str(out), "--size", "1280x800", "--topic", "first"]) == 0
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*.png")) == [
        "10-first/01-what.png", "10-first/02-how.png", "10-first/03-contact.png"]
    only = tmp_path / "only"
    assert main(["snapshot", "--content", str(LIBRARY), "--out", str(only), "--size", "1280x800", "--topic", "10-first", "--screen", "3"]) == 0
    assert [path.relative_to(only).as_posix() for path in only.rglob("*.png")] == ["10-first/03-contact.png"]
    assert main(["snapshot", "--content", str(LIBRARY), "--out", str(only), "--topic", "nope"]) == 2
    assert "there is no topic nope; the topics are 10-first, 20-mornings, 30-english-only" in capsys.readouterr().err
    assert main(["snapshot", "--content", str(SAMPLE_CONTENT), "--out", str(only), "--topic", "first"]) == 2
    assert "not topics: leave out --topic" in capsys.readouterr().err
