"""A topic card: readable sizes, safe rich text, pictures only from the content folder."""

from __future__ import annotations


import pytest
from conftest import SAMPLE_CONTENT
from helpers.colours import contrast
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from kiosk.core.cards import load_card
from kiosk.core.strings import english
from kiosk.runtime.pictures import shared_pictures
from kiosk.ui.card import CardBody, CardView
from kiosk.ui.theme import NORMAL, Metrics, Theme


@pytest.mark.parametrize(
    ("fg", "bg"),
    [("text", "background"), ("muted", "background"), ("accent", "background"), ("on_accent", "accent"),
     ("accent", "button"), ("text", "bar"), ("on_accent", "pressed")],
)
def test_colours_meet_wcag_aa(fg, bg):
    assert contrast(getattr(NORMAL, fg), getattr(NORMAL, bg)) >= 4.5


@pytest.mark.parametrize("height", [1080, 800, 2160])
def test_sizes_scale_with_the_screen(height):
    metrics = Metrics(height)
    assert metrics.body >= 0.03 * height
    assert metrics.target >= 80 * height / 1080
    assert metrics.qr >= 400 * height / 1080


def test_card_view_shows_title_icon_and_body(qtbot):
    card = load_card(SAMPLE_CONTENT / "en" / "10-what-is-ketamine.md", SAMPLE_CONTENT).card
    view = CardView.from_card(card, SAMPLE_CONTENT, Theme(Metrics(1080)), english())
    qtbot.addWidget(view)
    assert view.title.text() == "What is ketamine?"
    assert not view.icon.pixmap().isNull()
    assert "ketamine" in view.body.toPlainText().lower()
    assert view.care.text() == "This does not replace your care team's advice."


def test_rendered_body_text_is_at_least_3_percent_of_screen_height(make_kiosk):
    kiosk = make_kiosk(size=(1920, 1080))
    kiosk.window.go_to(1)
    body = kiosk.window.pager.current_page().body
    assert body.font().pixelSize() >= 32
    assert kiosk.window.navbar.next.height() >= 80


def test_the_card_texts_viewport_shows_through_with_an_arrow_in_both_palettes(make_kiosk):
    """CardBody leaves its viewport alone (asking for it costs start-up ~14 ms): the style sheet must
    turn off its fill, and Qt must give it the arrow cursor, as the kiosk used to set them itself."""
    kiosk = make_kiosk(size=(1920, 1080))
    kiosk.window.go_to(1)
    viewport = kiosk.window.pager.current_page().body.viewport()
    for high_contrast in (False, True, False):
        kiosk.set_high_contrast(high_contrast)
        assert not viewport.autoFillBackground()
        assert viewport.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_body_never_loads_images_from_outside_content(qtbot, tmp_path):
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    outside = tmp_path / "secret.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(outside))
    body = CardBody(shared_pictures())
    qtbot.addWidget(body)
    body.content_root = root
    kind = QTextDocument.ResourceType.ImageResource.value
    # Only the card's own, checked pictures are ever read; anything else is an empty 1x1 picture
    # (never None: Qt would then open the file itself and sniff its bytes).
    for url in (QUrl.fromLocalFile(str(outside)), QUrl("https://example.org/x.png"),
                QUrl.fromLocalFile(str(root / "images" / ".." / ".." / "secret.png"))):
        blank = body.loadResource(kind, url)
        assert isinstance(blank, QImage) and blank.size().width() == 1 and blank.pixelColor(0, 0).alpha() == 0


def test_links_never_open(qtbot):
    body = CardBody(shared_pictures())
    qtbot.addWidget(body)
    assert not body.openLinks() and not body.openExternalLinks()


def test_card_picture_from_front_matter_is_shown(qtbot, content):
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    (content / "images").mkdir(exist_ok=True)
    image.save(str(content / "images" / "room.png"))
    path = content / "en" / "10-what-is-ketamine.md"
    path.write_text(path.read_text(encoding="utf-8").replace("icon:", "image: images/room.png\nicon:", 1), encoding="utf-8")
    card = load_card(path, content).card
    assert card is not None and card.image == (content / "images" / "room.png").resolve()
    view = CardView.from_card(card, content, Theme(Metrics(1080)), english())
    qtbot.addWidget(view)
    assert not view.picture.isHidden()
    qtbot.waitUntil(lambda: not view.picture.pixmap().isNull())  # decoded on a worker thread
    assert view.picture.pixmap().height() == 300


def test_qr_caption_is_the_cards_label_or_the_interface_default(qtbot, content):
    from kiosk.core.strings import strings_for

    path = content / "en" / "10-what-is-ketamine.md"
    path.write_text(path.read_text(encoding="utf-8").replace("icon:", "qr: https://calliope.health/\nqr_label: Scan for our map\nicon:", 1), encoding="utf-8")
    view = CardView.from_card(load_card(path, content).card, content, Theme(Metrics(1080)), english())
    qtbot.addWidget(view)
    assert view.qr_caption.text() == "Scan for our map"
    view.set_strings(strings_for("es"))  # a language switch keeps the card's own words
    assert view.qr_caption.text() == "Scan for our map"
    path.write_text(path.read_text(encoding="utf-8").replace("qr_label: Scan for our map\n", ""), encoding="utf-8")
    view.set_card(load_card(path, content).card, content)
    assert view.qr_caption.text() == strings_for("es")["card_qr"]



def test_no_scroll_hint_when_only_the_last_margin_is_below(qtbot):
    """"Drag up to read more" only while more than half a line is below, not for a paragraph's margin."""
    card = load_card(SAMPLE_CONTENT / "en" / "10-what-is-ketamine.md", SAMPLE_CONTENT).card
    view = CardView.from_card(card, SAMPLE_CONTENT, Theme(Metrics(1080)), english())
    qtbot.addWidget(view)
    view.resize(1920, 1000)
    view.show()
    bar = view.body.verticalScrollBar()
    line = view.body.fontMetrics().lineSpacing()
    bar.setRange(0, line // 3)  # a bottom margin's worth
    assert not view.scroll_hint.isVisible()
    bar.setRange(0, 3 * line)  # three lines below
    assert view.scroll_hint.isVisible()
    bar.setValue(bar.maximum())
    assert not view.scroll_hint.isVisible()
