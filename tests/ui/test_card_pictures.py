"""Big pictures are decoded off the screen thread, scaled to the size shown, and never by sniffing."""

from __future__ import annotations

import threading

from conftest import write_card
from helpers.pictures import SVG_BOMB, png_bytes
from PySide6.QtGui import QImageReader

from kiosk.core.cards import load_card
from kiosk.core.strings import english
from kiosk.runtime import pictures
from kiosk.runtime.pictures import ALLOCATION_LIMIT_MB, PictureLoader
from kiosk.ui.card import CardView
from kiosk.ui.theme import Metrics, Theme

CARD = "---\ntitle: The room\nimage: images/{name}\n---\nThis is where you sit.\n\n![The room](images/{name})\n\nAfter the picture.\n"


def card_view(qtbot, content, name: str, data: bytes, loader: PictureLoader) -> CardView:
    (content / "images" / name).write_bytes(data)
    card = load_card(write_card(content, "15-room.md", CARD.format(name=name)), content).card
    assert card is not None
    view = CardView(Theme(Metrics(1080)), english(), pictures=loader)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.set_card(card, content)
    return view


def test_a_big_picture_is_decoded_on_a_worker_and_its_room_is_kept_until_then(qtbot, content, monkeypatch):
    threads: list[threading.Thread] = []
    real_decode = pictures.decode

    def recording_decode(path, size):
        threads.append(threading.current_thread())
        return real_decode(path, size)

    monkeypatch.setattr(pictures, "decode", recording_decode)
    loader = PictureLoader()
    with qtbot.waitSignal(loader.ready, timeout=20_000):
        view = card_view(qtbot, content, "scan.png", png_bytes(4000, 3000), loader)
        room = view.picture.size()
        assert view.picture.pixmap().isNull()  # not decoded yet: the card is on screen without it
        assert (room.width(), room.height()) == (432, 324)  # 30% of 1080 tall, the picture's shape
        text_height = view.body.document().size().height()
    qtbot.waitUntil(lambda: not view.picture.pixmap().isNull() and not loader.is_pending(), timeout=20_000)
    assert view.picture.pixmap().size() == room
    assert view.body.document().size().height() == text_height  # the text did not move when it came
    assert threads and all(thread is not threading.main_thread() for thread in threads)


def test_a_decoded_picture_is_reused_without_decoding_again(qtbot, content):
    loader = PictureLoader()
    view = card_view(qtbot, content, "room.png", png_bytes(800, 600), loader)
    qtbot.waitUntil(lambda: not loader.is_pending() and not view.picture.pixmap().isNull(), timeout=20_000)
    picture = view.card.picture(view.card.image)
    box = view._picture_box()
    assert loader.image(picture, box) is not None and not loader.is_pending()


def test_an_svg_swapped_in_after_the_card_was_read_is_never_handed_to_qt(qtbot, content):
    loader = PictureLoader()
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "room.png").write_bytes(png_bytes(300, 200))
    card = load_card(write_card(content, "15-room.md", CARD.format(name="room.png")), content).card
    assert card is not None
    (content / "images" / "room.png").write_bytes(SVG_BOMB)  # a sync replaced it since
    view = CardView(Theme(Metrics(1080)), english(), pictures=loader)
    qtbot.addWidget(view)
    with qtbot.waitSignal(loader.ready, timeout=20_000):
        view.set_card(card, content)
    qtbot.waitUntil(lambda: not loader.is_pending(), timeout=20_000)
    assert view.picture.pixmap().isNull() and view.picture.isHidden()  # its room goes; the card still reads


def test_qt_may_not_allocate_more_than_the_largest_accepted_picture_needs():
    PictureLoader()
    assert QImageReader.allocationLimit() == ALLOCATION_LIMIT_MB


def test_a_snapshot_pictures_the_decoded_picture_not_its_empty_room(tmp_path):
    from PySide6.QtGui import QColor, QImage

    from kiosk.tools.snapshot import render_snapshots

    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    (root / "kiosk.toml").write_text('[kiosk]\nlanguages = ["en"]\n', encoding="utf-8")
    (root / "images" / "room.png").write_bytes(png_bytes(6000, 4000, (200, 30, 160)))
    write_card(root, "10-room.md", "---\ntitle: The room\nimage: images/room.png\n---\nThis is where you sit.\n")
    [shot] = render_snapshots(root, tmp_path / "out", (1280, 800), only=1)
    image = QImage(str(shot))
    magenta = sum(image.pixelColor(x, y) == QColor(200, 30, 160) for x in range(0, 1280, 8) for y in range(0, 800, 8))
    assert magenta > 200  # the picture (about 360x240 px) is on the PNG, though it takes a while to decode
