"""Hostile content end to end: staff see every problem with its file and line; the patient sees nothing wrong.

One content folder holds the sample's good cards plus every card in tests/data/cards (copied in as
15-hostile-<name>.md, so they sit between the sample's cards) plus generated ones too big to keep in
the repository (a 1 MB card, a 5 MB front matter). `kiosk check` must list exactly the expected
lines, the real kiosk must show exactly the good cards, and `kiosk snapshot` must draw every screen.
Then the same for every broken kiosk.toml, and for files that break while a patient is reading.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, SAMPLE_CONTENT
from helpers.check_lines import without_sign_off
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from kiosk.cli import main
from kiosk.core.config import load_config
from kiosk.core.cards import load_card
from kiosk.core.front_matter import MAX_FRONT_MATTER_LINES

CARDS = DATA / "cards"
CONFIGS = DATA / "configs"
PNG = (CARDS / "binary-png.md").read_bytes()  # a real 2x2 PNG saved as a card
CLINIC = "Calliope Health Ketamine"
KIOSK_TOML = f"""# test config: one language, a full clinic, a PIN that is not the demo PIN
[clinic]
name = "{CLINIC}"
phone = "(301) 828-9513"
website = "https://calliope.health/"

[kiosk]
staff_pin = "scrypt$16384$8$1$00112233445566778899aabbccddeeff$f9e3f4915303b2269ab1d8c2017b630f2e7b8d557ec3264dd028464f3cdca09b"
languages = ["en"]

[check]
screens = []  # whether cards fit on screen is tested in tests/test_fit.py
"""
UNICODE_NAME = "15-hostile-ünïcødé-名前.md"  # Chinese characters in the name; Thai in the card
MEGABYTE = 1024 * 1024
FULL_HD = (1920, 1080)


def symlinks_work(tmp: Path) -> bool:
    try:
        os.symlink(tmp / "target", tmp / "link")
    except (OSError, NotImplementedError):
        return False
    (tmp / "link").unlink()
    return True


def sample_cards() -> list[tuple[str, str]]:
    """(file name, title) of the sample's English cards, read from the files, not through the loader."""
    cards = []
    for path in sorted((SAMPLE_CONTENT / "en").glob("*.md")):
        match = re.search(r"^title:\s*(.+?)\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert match, path
        cards.append((path.name, match.group(1).strip("\"'")))
    return cards


def hostile_name(card: Path) -> str:
    return UNICODE_NAME if card.name == "unicode-name.md" else f"15-hostile-{card.name}"


def use_test_config(root: Path) -> Path:
    (root / "en").mkdir(parents=True, exist_ok=True)
    (root / "kiosk.toml").write_text(KIOSK_TOML, encoding="utf-8")
    return root


def build_hostile_content(parent: Path, *, with_symlink: bool) -> Path:
    root = parent / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    use_test_config(root)
    en = root / "en"
    for card in sorted(CARDS.iterdir()):
        if card.name == "image-symlink.md" and not with_symlink:
            continue
        shutil.copy(card, en / hostile_name(card))
    images = root / "images"
    images.mkdir(exist_ok=True)
    (images / "room.png").write_bytes(PNG)  # image-ok.md's picture
    (images / "folder.png").mkdir()  # image-dir.md: a folder where the picture should be
    if with_symlink:  # image-symlink.md: a picture that is a link to a file outside content/
        (parent / "outside.png").write_bytes(PNG)
        os.symlink(parent / "outside.png", images / "elsewhere.png")
    # Too big to keep in the repository, so made here: exactly 1 MB of card, exactly 5 MB of front matter.
    head = "---\ntitle: A megabyte\n---\n"
    (en / "15-hostile-big-1mb.md").write_text(head + "x" * (MEGABYTE - len(head) - 1) + "\n", encoding="utf-8")
    head, tail = "---\ntitle: Five megabytes\n", "---\nBody.\n"
    line = "key: " + "y" * 94 + "\n"
    filler = line * ((5 * MEGABYTE - len(head) - len(tail)) // len(line))
    front = head + filler + "z" * (5 * MEGABYTE - len(head) - len(tail) - len(filler) - 1) + "\n"
    (en / "15-hostile-big-yaml-5mb.md").write_text(front + tail, encoding="utf-8")
    assert (en / "15-hostile-big-1mb.md").stat().st_size == MEGABYTE
    assert (en / "15-hostile-big-yaml-5mb.md").stat().st_size == 5 * MEGABYTE
    return root


# Every data card, so a new one cannot slip in without its expected lines here.
DATA_CARDS = {
    "billion-laughs.md", "binary-png.md", "binary.md", "bom-crlf.md", "bom-not-utf8.md", "deep-list-10000.md",
    "deep-list.md", "deep-quote-10000.md", "deep-quote.md", "empty-title.md", "empty.md", "half-written-utf8.md",
    "half-written.md", "hostile.md", "image-absolute.md", "image-dir.md", "image-missing.md", "image-ok.md",
    "image-outside.md", "image-symlink.md", "image-tail.md", "known-icon.md", "list-front-matter.md",
    "no-front-matter.md", "no-title.md", "not-utf8.md", "raw-html.md", "remote-image.md", "titel-typo.md",
    "unclosed-front-matter.md", "unicode-name.md", "unknown-icon.md", "valid-fr.md", "whitespace.md", "yaml-error.md",
}
UNKNOWN_KEY = ("warning: unknown front matter key '{}' (known keys: title, icon, image, qr, qr_label, audio, crisis, reviewed, "
               "review_by, show_from, show_until, approved, source, approved_by); it is ignored")
NESTED_MESSAGE = "text is nested too deeply to show safely (too many levels of lists or quotes)"
NESTED = f"error: {NESTED_MESSAGE}"
REMOTE = "only pictures stored in the content folder are shown, never ones from the internet"
# `kiosk check content`, in the order it prints them: file name order, then line order within a card's checks.
EXPECTED_CHECK: list[tuple[str, int, str]] = [
    ("15-hostile-big-1mb.md", 1, "error: file is 1024 KB; a card may be at most 256 KB"),
    ("15-hostile-big-yaml-5mb.md", 1, "error: file is 5120 KB; a card may be at most 256 KB"),
    *[("15-hostile-billion-laughs.md", line, UNKNOWN_KEY.format(key)) for line, key in enumerate("abcdefghi", start=2)],
    # A title is text: `*i` is read as the two characters, with a warning, not as the alias (qr's still is).
    ("15-hostile-billion-laughs.md", 11, 'warning: the title starts with \'*\', which the header would read as a copy of another value '
     '(a YAML alias); it is read as the text "*i". If that is what you meant, put it in quotes to say so: title: "*i"'),
    ("15-hostile-billion-laughs.md", 12, "warning: qr must be a web address such as https://example.org/; no QR code is shown on this card"),
    ("15-hostile-binary-png.md", 1, "error: file is not text (it contains binary data)"),
    ("15-hostile-binary.md", 1, "error: file is not text (it contains binary data)"),
    ("15-hostile-bom-not-utf8.md", 5, "error: file is not UTF-8 text; save it as UTF-8"),
    ("15-hostile-deep-list-10000.md", 4, NESTED),
    ("15-hostile-deep-list.md", 4, NESTED),
    ("15-hostile-deep-quote-10000.md", 4, NESTED),  # see test_quotes_nested_too_deep_to_read_are_a_problem
    ("15-hostile-deep-quote.md", 4, NESTED),
    ("15-hostile-empty-title.md", 3, "error: 'title' is empty"),
    ("15-hostile-empty.md", 1, "error: file is empty"),
    ("15-hostile-half-written-utf8.md", 4, "error: file is not UTF-8 text; save it as UTF-8"),
    ("15-hostile-half-written.md", 2, "error: the header is not closed: type a line with only --- after 'title: What is ket'"),
    ("15-hostile-hostile.md", 6, "warning: raw HTML is not allowed on a card and was removed; use Markdown (also on lines 8, 10, 12, 14, 16 and 2 more)"),
    ("15-hostile-image-absolute.md", 3, "error: image '/etc/room.png' cannot be used: use a path inside the content folder, such as images/room.jpg"),
    ("15-hostile-image-dir.md", 4, "error: image 'images/folder.png' cannot be used: that is a folder, not a picture"),
    ("15-hostile-image-missing.md", 3, "error: image 'images/no-such-room.png' cannot be used: the file does not exist"),
    ("15-hostile-image-outside.md", 4, "error: image '../outside.png' cannot be used: the file is outside the content folder"),
    ("15-hostile-image-symlink.md", 3, "error: image 'images/elsewhere.png' cannot be used: the file is outside the content folder"),
    ("15-hostile-image-tail.md", 4, f"warning: image 'https://evil.example/pill.png' not shown: {REMOTE}"),
    ("15-hostile-list-front-matter.md", 2, "error: front matter must be 'key: value' lines, such as 'title: What is ketamine?'"),
    ("15-hostile-no-front-matter.md", 1, "error: no front matter: the file must start with a line '---', then 'title: ...', then '---'"),
    ("15-hostile-no-title.md", 1, "error: front matter has no 'title'"),
    ("15-hostile-not-utf8.md", 5, "error: file is not UTF-8 text; save it as UTF-8"),
    ("15-hostile-raw-html.md", 8, "warning: raw HTML is not allowed on a card and was removed; use Markdown (also on line 10)"),
    ("15-hostile-remote-image.md", 6, f"warning: image 'https://evil.example/pixel.png' not shown: {REMOTE}"),
    ("15-hostile-titel-typo.md", 3, "warning: unknown front matter key 'titel' (did you mean 'title'?); it is ignored"),
    ("15-hostile-unclosed-front-matter.md", 3, "error: the header is not closed: type a line with only --- after 'icon: fa5s.capsules'"),
    ("15-hostile-unknown-icon.md", 3, "warning: unknown icon 'fa5s.not-a-real-icon-name'; showing the default icon (names look like fa5s.capsules)"),
    ("15-hostile-whitespace.md", 1, "error: file is empty"),
    ("15-hostile-yaml-error.md", 4, "error: front matter is not valid YAML: mapping values are not allowed here"),
    # The kiosk bundles no Thai font: staff are told, the card still shows.
    *[(UNICODE_NAME, line, f"warning: {where}characters U+0E22 'ย', U+0E32 'า' cannot be shown by the kiosk's fonts "
       "(patients would see an empty box); remove or replace it, or add a font that has it to content/fonts/")
      for line, where in ((2, "title: "), (4, ""))],
]
# The hostile cards that must still reach the patient (warnings only), with the title the screen shows.
EXPECTED_HOSTILE_SHOWN = [
    ("15-hostile-billion-laughs.md", "*i"),
    ("15-hostile-bom-crlf.md", "Saved on Windows"),
    ("15-hostile-hostile.md", "Hostile"),
    ("15-hostile-image-ok.md", "The room"),
    ("15-hostile-image-tail.md", "Order"),
    ("15-hostile-known-icon.md", "Risks"),
    ("15-hostile-raw-html.md", "Sessions"),
    ("15-hostile-remote-image.md", "Sessions"),
    ("15-hostile-titel-typo.md", "Risks"),
    ("15-hostile-unknown-icon.md", "Risks"),
    ("15-hostile-valid-fr.md", "Qu'est-ce que la kétamine ?"),
    (UNICODE_NAME, "Médicament et café ✓ ยา"),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, bool]:
    """(content folder, whether it has the symlinked picture); built once, only read by the tests."""
    parent = tmp_path_factory.mktemp("hostile")
    with_symlink = symlinks_work(tmp_path_factory.mktemp("symlink-probe"))
    return build_hostile_content(parent, with_symlink=with_symlink), with_symlink




def expected_check_lines(with_symlink: bool) -> list[str]:
    return [
        f"{Path('content', 'en', name)}:{line}: {rest}"
        for name, line, rest in EXPECTED_CHECK
        if with_symlink or name != "15-hostile-image-symlink.md"
    ]


def expected_shown() -> list[tuple[str, str]]:
    return sorted(sample_cards() + EXPECTED_HOSTILE_SHOWN)


def test_every_data_card_has_its_expectations():
    assert {p.name for p in CARDS.iterdir()} == DATA_CARDS, "a data card was added or removed: update EXPECTED_* here"


def test_check_lists_every_problem_with_file_and_line(hostile, monkeypatch, capsys):
    root, with_symlink = hostile
    monkeypatch.chdir(root.parent)
    assert main(["check", "content"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert without_sign_off(captured.out.splitlines()) == expected_check_lines(with_symlink)


def test_kiosk_shows_exactly_the_good_cards_and_every_screen_paints(hostile, make_kiosk):
    root, _ = hostile
    kiosk = make_kiosk(root, size=(1280, 800))  # a small kiosk screen, twenty cards
    pages = kiosk.window.pager.pages()
    assert pages[0] is kiosk.welcome
    assert pages[-1] is kiosk.contact
    shown = [(page.card.slug, page.title.text()) for page in pages[1:-1]]
    assert shown == expected_shown()
    # Sample cards and hostile ones interleave by file name: …, 10-…, then every 15-hostile-…, then 20-….
    first_hostile = next(i for i, (slug, _) in enumerate(shown) if slug.startswith("15-hostile-"))
    assert shown[first_hostile - 1][0].startswith("10-") and shown[-1][0] > "20-"
    for index in range(len(pages)):
        kiosk.window.go_to(index, animate=False)
        assert kiosk.window.current_index() == index
        assert not kiosk.window.grab().isNull()
        assert kiosk.window.width() == 1280  # nothing pushes the window wider than the screen


def test_snapshot_draws_every_screen(hostile, tmp_path, capsys):
    root, with_symlink = hostile
    out = tmp_path / "shots"
    assert main(["snapshot", "--content", str(root), "--out", str(out)]) == 0  # the default size: full HD
    captured = capsys.readouterr()
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 1 + len(expected_shown()) + 1
    assert names[0] == "00-welcome.png" and names[-1] == f"{len(names) - 1:02d}-contact.png"
    for name in names:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == FULL_HD, name
    # The snapshot reports the same problems as `kiosk check`, with the path it was given.
    reported = captured.err.splitlines()
    for name, line, rest in EXPECTED_CHECK:
        if with_symlink or name != "15-hostile-image-symlink.md":
            assert f"{root / 'en' / name}:{line}: {rest}" in reported


def test_symlinked_picture_outside_the_content_folder_is_refused(tmp_path):
    if not symlinks_work(tmp_path):
        pytest.skip("this system cannot make symbolic links")
    root = build_hostile_content(tmp_path, with_symlink=True)
    result = load_card(root / "en" / "15-hostile-image-symlink.md", root)
    assert result.card is None
    assert [(p.line, p.message) for p in result.problems] == [
        (3, "image 'images/elsewhere.png' cannot be used: the file is outside the content folder"),
    ]


# --- broken kiosk.toml at start-up ---------------------------------------------------------------

# For each data config: (contact screen shown, QR code shown, line of the kiosk.toml error or None).
# Clinic facts always come from the same [clinic] lines, so a shown contact screen names the clinic.
CONFIG_CONTACT = {
    "bad-languages.toml": (True, True, 10),
    "bad-pin.toml": (True, True, 9),
    "binary.toml": (False, False, 1),  # not TOML at all: safe defaults, no clinic, so no contact screen
    "bom-not-utf8.toml": (False, False, 3),
    "deep-nesting.toml": (False, False, 1),
    "dotted-table.toml": (True, True, None),
    "empty-languages.toml": (True, True, 10),
    "good-pin.toml": (True, True, None),
    "legacy-pin.toml": (True, True, None),
    "half-written.toml": (False, False, 5),
    "idle-float.toml": (True, True, 10),
    "idle-too-small.toml": (True, True, 10),
    "idle-wrong-type.toml": (True, True, 10),
    "not-utf8.toml": (False, False, 3),
    "syntax-error.toml": (False, False, 11),
    "two-languages.toml": (True, True, 10),  # languages = ["en", "fr"] with no fr/ folder: blamed on that line
    "unknown-section-key.toml": (True, True, None),
    "unterminated-eof.toml": (False, False, 3),
    "website-ftp.toml": (True, False, 5),  # a bad website: contact screen without the QR code
    "website-long.toml": (True, False, 5),
    "website-nodot.toml": (True, False, 5),
    "website-spaces.toml": (True, False, 5),
    "one-megabyte.toml": (False, False, 1),  # made by the test: good-pin.toml padded to 1 MB
}


def test_every_data_config_has_its_expectations():
    assert {p.name for p in CONFIGS.iterdir()} | {"one-megabyte.toml"} == set(CONFIG_CONTACT), "add the new config to CONFIG_CONTACT"


def visible_texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if not label.isHidden() and label.text()]


@pytest.mark.parametrize("name", sorted(CONFIG_CONTACT))
def test_kiosk_starts_with_a_broken_config_and_shows_every_good_card(content, make_kiosk, name):
    if name == "one-megabyte.toml":
        good = (CONFIGS / "good-pin.toml").read_text(encoding="utf-8")
        (content / "kiosk.toml").write_text(good + "# padding\n" * (MEGABYTE // 10), encoding="utf-8")
    else:
        shutil.copy(CONFIGS / name, content / "kiosk.toml")
    expect_contact, expect_qr, error_line = CONFIG_CONTACT[name]
    kiosk = make_kiosk(content)
    pages = kiosk.window.pager.pages()
    assert pages[0] is kiosk.welcome
    cards = [page for page in pages if page is not kiosk.welcome and page is not kiosk.contact]
    assert [(page.card.slug, page.title.text()) for page in cards] == sample_cards()
    assert (kiosk.contact in pages) == expect_contact
    if expect_contact:
        assert pages[-1] is kiosk.contact
    config_errors = [p.line for p in kiosk.state.problems if p.path.name == "kiosk.toml" and p.is_error]
    assert config_errors == ([] if error_line is None else [error_line])
    if expect_contact:
        assert kiosk.contact.name.text() == CLINIC
        assert CLINIC in visible_texts(kiosk.contact)
        assert "(301) 828-9513" in visible_texts(kiosk.contact)
        assert kiosk.contact.qr.isHidden() is not expect_qr
        kiosk.window.go_to(len(pages) - 1, animate=False)
        assert not kiosk.window.grab().isNull()


# --- files that break while a patient is reading -------------------------------------------------

GARBAGE = {
    "binary": PNG,
    "half-written": b"---\ntitle: How it is diff",
    "not-utf8": b"---\ntitle: Caf\xe9\n---\nText.\n",
    "bad-yaml": b"---\ntitle: x\nimage: rooms: big\n---\nText.\n",
    "too-deep": b"---\ntitle: Deep\n---\n" + b"- " * 10000 + b"x\n",
}


@pytest.fixture
def visit(content, make_kiosk):
    """The kiosk on the sample cards, the patient on card 3."""
    use_test_config(content)
    kiosk = make_kiosk(content)
    kiosk.window.go_to(3, animate=False)
    assert kiosk.window.current_index() == 3
    return kiosk


def current(kiosk) -> tuple[str, str]:
    page = kiosk.window.pager.current_page()
    return page.card.slug, page.title.text()


@pytest.mark.parametrize("garbage", sorted(GARBAGE))
def test_card_broken_mid_visit_keeps_its_last_good_version_until_fixed(visit, garbage):
    kiosk = visit
    slug, title = current(kiosk)
    assert slug == sample_cards()[2][0]
    path = kiosk.store.root / "en" / slug
    good = path.read_text(encoding="utf-8")
    path.write_bytes(GARBAGE[garbage])
    kiosk.reload()
    assert kiosk.window.current_index() == 3
    assert current(kiosk) == (slug, title)
    assert [p.path for p in kiosk.state.problems if p.is_error] == [path]
    assert len(kiosk.views) == len(sample_cards())

    path.write_text(re.sub(r"(?m)^title:.*$", "title: Fixed title", good) + "\nA new last line.\n", encoding="utf-8")
    kiosk.reload()
    assert kiosk.window.current_index() == 3
    assert current(kiosk) == (slug, "Fixed title")
    assert "A new last line." in kiosk.window.pager.current_page().body.toPlainText()
    assert [p for p in kiosk.state.problems if p.is_error] == []


@pytest.mark.parametrize(("start", "lands_on"), [(3, 3), (len(sample_cards()), len(sample_cards()) - 1)])
def test_deleting_the_card_on_screen_lands_on_the_nearest_card(visit, start, lands_on):
    kiosk = visit
    kiosk.window.go_to(start, animate=False)
    deleted, _ = current(kiosk)
    cards = sample_cards()
    (kiosk.store.root / "en" / deleted).unlink()
    kiosk.reload()
    remaining = [card for card in cards if card[0] != deleted]
    # The next card by file name, or the previous one when the last card went away.
    assert kiosk.window.current_index() == lands_on
    assert current(kiosk) == remaining[lands_on - 1]
    assert [card.slug for card in kiosk.state.cards("en")] == [slug for slug, _ in remaining]


def test_kiosk_toml_broken_mid_visit_keeps_the_clinic_facts(visit):
    kiosk = visit
    last = kiosk.window.pager.count() - 1
    kiosk.window.go_to(last, animate=False)
    assert kiosk.window.pager.current_page() is kiosk.contact
    before = visible_texts(kiosk.contact)
    assert CLINIC in before and not kiosk.contact.qr.isHidden()
    shutil.copy(CONFIGS / "syntax-error.toml", kiosk.store.root / "kiosk.toml")
    kiosk.reload()
    assert kiosk.window.current_index() == last
    assert kiosk.window.pager.current_page() is kiosk.contact
    assert visible_texts(kiosk.contact) == before
    assert not kiosk.contact.qr.isHidden()
    assert [(p.path.name, p.line, p.message) for p in kiosk.state.problems if p.is_error] == [
        ("kiosk.toml", 11, "not valid TOML: Unclosed array"),
    ]


def test_a_problem_is_logged_once_not_on_every_reload(visit, caplog, monkeypatch):
    # setup_logging() stops the "kiosk" logger propagating; caplog listens at the root.
    monkeypatch.setattr(logging.getLogger("kiosk"), "propagate", True)
    caplog.set_level(logging.WARNING, logger="kiosk")
    kiosk = visit
    slug, _ = current(kiosk)
    path = kiosk.store.root / "en" / slug
    path.write_bytes(GARBAGE["bad-yaml"])
    for _ in range(3):
        kiosk.reload()
    records = [r for r in caplog.records if slug in r.getMessage()]
    assert [(r.levelno, r.getMessage()) for r in records] == [
        (logging.ERROR, f"{path}:3: error: front matter is not valid YAML: mapping values are not allowed here"),
    ]


# --- regressions: inputs that crashed the kiosk or misled staff until fixed -----------------------

@pytest.mark.parametrize(("size", "count"), [((1280, 800), 20), (FULL_HD, 30)])
def test_many_cards_keep_the_window_on_screen_and_next_reachable(tmp_path, make_kiosk, size, count):
    # Was: one fixed-width PageDot per page (kiosk/ui/navbar.py) made the navbar's minimum width grow with
    # the deck: from 16 cards at 1280x800 (about 21 at 1920x1080) the window was forced wider than the
    # screen, and full screen the Next button was off its right edge.
    root = use_test_config(tmp_path / "content")
    for number in range(count):
        card_at(root, f"---\ntitle: Topic {number + 1}\n---\nText.\n", f"{number + 10:03d}-topic.md")
    kiosk = make_kiosk(root, size=size)
    kiosk.window.go_to(1, animate=False)
    next_button = kiosk.window.navbar.next
    assert next_button.isVisible()
    assert kiosk.window.width() == size[0]
    assert next_button.mapTo(kiosk.window, next_button.rect().topRight()).x() < size[0]


def card_at(root: Path, text: str | bytes, name: str = "15-bug.md") -> Path:
    path = root / "en" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("front", "title", "warning_line"),
    [
        ("title: 2024-13-45", "2024-13-45", None),  # looks like a date, is a title
        ("title: Ok\nicon: !!int seven", "Ok", 3),
        ("title: Ok\nqr: !!float big", "Ok", 3),
        ("title: Ok\nimage: !!timestamp 2020-02-30", None, 3),  # no such picture: an error
        ("title: Ok\nqr: !!timestamp soon", "Ok", 3),
        ("title: Ok\nicon: !!bool maybe", "Ok", 3),
        ("title: Ok\nicon: !!int", "Ok", None),  # an empty icon is no icon
        ("title: " + "1" * 5000, None, 2),  # far too long for a title: an error
    ],
    ids=["bad-date", "int-tag", "float-tag", "timestamp-tag", "timestamp-word", "bool-tag", "empty-int", "5000-digits"],
)
def test_front_matter_values_are_read_as_text_never_converted(content, front, title, warning_line):
    # PyYAML's SafeLoader raised ValueError, KeyError, IndexError or AttributeError on values like these
    # (dates that are no dates, explicit tags, 5000-digit numbers) and load_card let them escape. Front
    # matter holds only text, so it is now read with BaseLoader: every value is text, and odd ones are
    # ordinary problems on their own line.
    path = card_at(content, f"---\n{front}\n---\nBody.\n")
    result = load_card(path, content)
    assert (result.card.title if result.card else None) == title
    assert [p.line for p in result.problems] == ([warning_line] if warning_line else [])
    assert all(len(p.message) < 300 for p in result.problems)


def test_kiosk_starts_and_check_is_clean_when_a_title_looks_like_a_bad_date(content, make_kiosk, monkeypatch, capsys):
    use_test_config(content)
    card_at(content, "---\ntitle: 2024-13-45\n---\nBody.\n")
    monkeypatch.chdir(content.parent)
    assert main(["check", "content"]) == 0
    assert without_sign_off(capsys.readouterr().out.splitlines()) == []
    kiosk = make_kiosk(content)
    assert "15-bug.md" in kiosk.views
    assert kiosk.views["15-bug.md"].title.text() == "2024-13-45"


def test_a_5000_digit_number_in_kiosk_toml_is_a_problem_not_a_crash(content, make_kiosk):
    # Was: tomllib raises a plain ValueError (not TOMLDecodeError) for an integer longer than Python's
    # 4300-digit limit; load_config let it escape, and the kiosk could not start.
    path = content / "kiosk.toml"
    path.write_text(KIOSK_TOML.replace('languages = ["en"]', "idle_seconds = " + "9" * 5000), encoding="utf-8")
    number_line = KIOSK_TOML.splitlines().index('languages = ["en"]') + 1
    result = load_config(path)
    assert result.usable is False
    [problem] = result.problems
    assert (problem.line, problem.is_error) == (number_line, True)
    assert problem.message.startswith("not valid TOML")
    kiosk = make_kiosk(content)
    assert [slug for slug in kiosk.views] == [slug for slug, _ in sample_cards()]


def symlink_loop(root: Path) -> None:
    loop = root / "images" / "loop.png"
    try:
        os.symlink(loop, loop)
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")


IMAGE_NAMES = {
    "nul": '"images/room\\0.png"',  # YAML "\0" is a NUL character
    "too-long": "images/" + "a" * 5000 + ".png",
    "symlink-loop": "images/loop.png",
}


@pytest.mark.parametrize("kind", sorted(IMAGE_NAMES))
def test_front_matter_image_names_the_os_refuses_are_problems_not_crashes(content, kind):
    # Was: Path.resolve()/is_file() raise ValueError (NUL in the name), OSError ENAMETOOLONG or RuntimeError
    # (symlink loop, Python 3.11), and resolve_content_file let them escape from `image:`.
    if kind == "symlink-loop":
        symlink_loop(content)
    path = card_at(content, f"---\ntitle: The room\nimage: {IMAGE_NAMES[kind]}\n---\nBody.\n")
    result = load_card(path, content)
    assert result.card is None
    [problem] = result.problems
    assert (problem.line, problem.is_error) == (3, True)
    assert problem.message.startswith("image '")
    assert len(problem.message) < 300


@pytest.mark.parametrize("kind", ["nul", "too-long", "symlink-loop"])
def test_body_image_names_the_os_refuses_warn_on_their_line_and_the_card_shows(content, kind):
    # Was, same cause: in the body it became "text could not be rendered (ValueError)" on body line 1, and
    # the whole card was left out for one bad picture (a missing picture is only a warning).
    if kind == "symlink-loop":
        symlink_loop(content)
    src = {"nul": "images/room%00.png", "too-long": "images/" + "a" * 5000 + ".png", "symlink-loop": "images/loop.png"}[kind]
    path = card_at(content, f"---\ntitle: The room\n---\nFirst line.\n\n![room]({src})\n")
    result = load_card(path, content)
    assert result.card is not None
    [problem] = result.problems
    assert (problem.line, problem.is_error) == (6, False)
    assert "First line." in result.card.html


def billion_laughs(levels: int) -> list[str]:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh"[: levels - 1], "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return lines


def test_an_alias_bomb_in_icon_gives_a_short_problem(content):
    # Was: the unknown-icon warning formatted the value with f"'{icon}'"; with YAML aliases that value is a
    # list of lists and str() expands every alias. Six levels made a 3.8 MB message; billion-laughs.md's
    # nine levels would have needed about 3 GB (the kiosk would hang or die).
    lines = billion_laughs(6)
    path = card_at(content, "---\ntitle: Laughs\n" + "\n".join(lines) + "\nicon: *f\n---\nBody.\n")
    result = load_card(path, content)
    assert result.card is not None
    icon = [p for p in result.problems if p.line == 2 + len(lines) + 1]
    assert len(icon) == 1 and not icon[0].is_error
    longest = max(len(p.message) for p in result.problems)
    assert longest < 300, f"a problem message of {longest} characters"


def test_every_problem_is_one_line(content, monkeypatch, capsys):
    # Was: keys and icon names were echoed raw, so a quoted "\n" in them split one problem over two lines
    # of `kiosk check` (and of the log), and the second line named no file.
    use_test_config(content)
    card_at(content, '---\ntitle: Ok\n"note\\nsecond": 1\nicon: "fa5s.x\\rY"\n---\nBody.\n')
    monkeypatch.chdir(content.parent)
    assert main(["check", "content"]) == 0
    lines = without_sign_off(capsys.readouterr().out.splitlines())
    assert len(lines) == 2
    assert all(line.startswith(f"{Path('content', 'en', '15-bug.md')}:") for line in lines), lines


def test_a_control_character_in_front_matter_names_its_line(content):
    # Was: PyYAML's ReaderError has no problem_mark, so a pasted control character (ESC here) was reported
    # as "front matter is not valid YAML: cannot be read" on line 1.
    path = card_at(content, "---\ntitle: Ok\nicon: fa5s.capsules\x1b\n---\nBody.\n")
    result = load_card(path, content)
    assert result.card is None
    [problem] = result.problems
    assert (problem.line, problem.is_error) == (3, True)
    assert "cannot be read" not in problem.message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c"])
def test_unusual_line_separators_do_not_shift_line_numbers(content, separator):
    # Was: str.splitlines() in _line_of and the raw-HTML note also splits at these characters, but editors
    # (and the loader's own line count) do not, so later problems named a line too far down.
    path = card_at(content, f"---\ntitle: Ok\n---\nOne{separator}two{separator}three.\n\n![x](images/missing.png)\n\n<b>raw</b>\n")
    result = load_card(path, content)
    assert result.card is not None
    assert [(p.line, p.message.split(":")[0]) for p in result.problems] == [
        (6, "image 'images/missing.png' not shown"),
        (8, "raw HTML is not allowed on a card and was removed; use Markdown"),
    ]


def test_unusual_line_separators_in_kiosk_toml_do_not_shift_line_numbers(tmp_path):
    # Was: the same str.splitlines() in text_lines.key_line moved every line after such a comment by one.
    path = tmp_path / "kiosk.toml"
    path.write_text(KIOSK_TOML.replace("# test config", "# test\u2028config").replace('phone = "(301) 828-9513"', "phone = 301"), encoding="utf-8")
    result = load_config(path)
    phone_line = KIOSK_TOML.splitlines().index('phone = "(301) 828-9513"') + 1
    assert [(p.line, p.message) for p in result.problems if p.is_error] == [(phone_line, "phone must be text in quotes; it is not shown")]


@pytest.mark.parametrize("name", ["deep-quote.md", "deep-quote-10000.md"])
def test_quotes_nested_too_deep_to_read_are_a_problem(content, name):
    # Was: Python-Markdown stops nesting quotes near the recursion limit without raising (blockprocessors.py,
    # nearing_recursion_limit), so about 300 nested <blockquote>s reached Qt: the patient saw a blank card
    # with stray '>' down its right edge, and staff were told nothing. Nested lists failed loudly
    # (RecursionError); quotes must too. Even 16 levels leave one letter per line at 1280x800.
    path = content / "en" / f"15-{name}"
    shutil.copy(CARDS / name, path)
    result = load_card(path, content)
    assert [(p.line, p.is_error, p.message) for p in result.problems] == [(4, True, NESTED_MESSAGE)]
    assert result.card is None


def test_a_few_levels_of_quotes_and_lists_still_show(content):
    path = card_at(content, "---\ntitle: Nested\n---\n> - one\n>   - two\n>     > three\n")
    result = load_card(path, content)
    assert result.problems == ()
    assert result.card is not None and "three" in result.card.html


def test_a_closed_front_matter_longer_than_the_limit_is_not_called_unclosed(content):
    # Was: the closing '---' is looked for only in the first MAX_FRONT_MATTER_LINES lines, so a long front
    # matter that *is* closed was reported as "front matter is not closed: add a line '---'": staff looked
    # for a missing line that is there.
    notes = "".join(f"note{number}: x\n" for number in range(MAX_FRONT_MATTER_LINES + 20))
    path = card_at(content, "---\ntitle: Long\n" + notes + "---\nBody.\n")
    result = load_card(path, content)
    assert result.card is None
    [problem] = result.problems
    assert problem.is_error
    assert "not closed" not in problem.message and str(MAX_FRONT_MATTER_LINES) in problem.message
