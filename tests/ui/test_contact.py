"""The contact screen: clinic facts and a QR code a phone can read from a real grab of the screen."""

from __future__ import annotations

from helpers.qr import decode

from kiosk.ui.contact import ContactScreen


def show_contact(make_kiosk, size=(1920, 1080), root=None):
    kiosk = make_kiosk(size=size) if root is None else make_kiosk(root, size=size)
    window = kiosk.window
    window.go_to(window.pager.count() - 1)
    assert isinstance(window.pager.current_page(), ContactScreen)
    return kiosk


def test_contact_screen_shows_the_clinic_facts(make_kiosk):
    kiosk = show_contact(make_kiosk)
    contact = kiosk.contact
    assert contact.name.text() == "Calliope Health Ketamine"
    texts = [value.text().replace("\u200b", "") for _label, value in contact._labels.values()]
    assert texts == [
        "4300 Montgomery Ave Suite 304, Bethesda, MD 20814, United States",
        "(301) 828-9513",
        "https://calliope.health/",
    ]
    assert contact.scan.text() == "Scan with your phone camera to visit our website"


def test_qr_decoded_from_a_screen_grab_is_the_website(make_kiosk):
    kiosk = show_contact(make_kiosk)
    assert decode(kiosk.window.grab().toImage()) == ["https://calliope.health/"]


def test_qr_is_large_enough_to_scan_from_a_metre(make_kiosk):
    kiosk = show_contact(make_kiosk)
    assert kiosk.contact.qr.width() >= 400
    kiosk_small = show_contact(make_kiosk, size=(1280, 800))
    assert decode(kiosk_small.window.grab().toImage()) == ["https://calliope.health/"]


def test_qr_follows_the_configured_website(make_kiosk, content):
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    (content / "kiosk.toml").write_text(toml.replace("https://calliope.health/", "https://example.org/visit"), encoding="utf-8")
    kiosk = show_contact(make_kiosk, root=content)
    assert decode(kiosk.window.grab().toImage()) == ["https://example.org/visit"]


def test_invalid_website_hides_qr_but_keeps_the_other_facts(make_kiosk, content):
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    (content / "kiosk.toml").write_text(toml.replace("https://calliope.health/", "calliope dot health"), encoding="utf-8")
    kiosk = show_contact(make_kiosk, root=content)
    assert not kiosk.contact.qr.isVisible()
    assert kiosk.contact.name.text() == "Calliope Health Ketamine"
    assert decode(kiosk.window.grab().toImage()) == []


def test_the_crisis_line_comes_first_in_the_visits_language(make_kiosk):
    """Beside the heading on a landscape screen, under it in portrait; never dropped for room."""
    for size in ((1920, 1080), (1080, 1920), (1280, 1024)):
        kiosk = show_contact(make_kiosk, size=size)
        crisis = kiosk.contact.crisis
        assert crisis.isVisible() and "Need help now?" in crisis.text() and "988" in crisis.text() and "911" in crisis.text()
        assert crisis.geometry().bottom() < kiosk.contact.name.geometry().top()
        assert crisis.geometry().bottom() <= kiosk.contact.height()
        beside = crisis.geometry().top() < kiosk.contact.heading.geometry().bottom()
        assert beside == (size[0] > size[1])
        kiosk.set_language("es")
        assert "¿Necesita ayuda ahora?" in crisis.text() and "marque 2 para español" in crisis.text()


def test_no_crisis_line_configured_shows_no_box(make_kiosk, content):
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    (content / "kiosk.toml").write_text("\n".join(line for line in toml.splitlines() if not line.startswith("crisis")), encoding="utf-8")
    kiosk = show_contact(make_kiosk, root=content)
    assert not kiosk.contact.crisis.isVisible()
