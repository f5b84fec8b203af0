"""Card loading: what staff can break in a card file, and the exact file and line each problem names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, write_card
from helpers.pictures import png_bytes

from kiosk.core.cards import MAX_CARD_BYTES, card_files, load_card, load_deck

CARDS = DATA / "cards"


def place(content: Path, name: str, as_name: str | None = None) -> Path:
    """Copy a data card into the content folder's en/ folder, as staff would save it."""
    target = content / "en" / (as_name or f"15-{name}")
    shutil.copy(CARDS / name, target)
    return target


def load(content: Path, name: str):
    return load_card(place(content, name), content)


def summary(result) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity.value, p.message) for p in result.problems]


def test_bom_and_crlf_are_accepted(content):
    raw = (CARDS / "bom-crlf.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n")
    result = load(content, "bom-crlf.md")
    assert result.problems == ()
    assert result.card is not None
    assert result.card.title == "Saved on Windows"
    assert result.card.icon == "fa5s.capsules"
    assert "\r" not in result.card.html
    assert "<strong>Ask your care team:</strong>" in result.card.html


@pytest.mark.parametrize(
    ("name", "line", "message_start"),
    [
        ("no-front-matter.md", 1, "no front matter"),
        ("unclosed-front-matter.md", 3, "the header is not closed: type a line with only --- after 'icon: fa5s.capsules'"),
        # The opening '---' is line 1, so the bad 'image:' line is line 4.
        ("yaml-error.md", 4, "front matter is not valid YAML: mapping values are not allowed here"),
        ("list-front-matter.md", 2, "front matter must be 'key: value' lines"),
        ("no-title.md", 1, "front matter has no 'title'"),
        ("empty-title.md", 3, "'title' is empty"),
        ("image-missing.md", 3, "image 'images/no-such-room.png' cannot be used: the file does not exist"),
        ("image-outside.md", 4, "image '../outside.png' cannot be used: the file is outside the content folder"),
        ("image-absolute.md", 3, "image '/etc/room.png' cannot be used: use a path inside the content folder"),
        ("not-utf8.md", 5, "file is not UTF-8 text"),
        ("binary.md", 1, "file is not text (it contains binary data)"),
        ("empty.md", 1, "file is empty"),
        ("whitespace.md", 1, "file is empty"),
    ],
)
def test_card_errors_leave_the_card_out_and_name_the_line(content, name, line, message_start):
    result = load(content, name)
    assert result.card is None
    errors = [(p.line, p.message) for p in result.problems if p.is_error]
    assert len(errors) == 1, summary(result)
    assert errors[0][0] == line
    assert errors[0][1].startswith(message_start)
    assert all(p.path == content / "en" / f"15-{name}" for p in result.problems)


def test_not_utf8_after_a_bom_names_the_line_of_the_bad_byte(content):
    # UnicodeDecodeError.start counts from after a BOM (3 bytes); the reported line must not be one too low.
    result = load(content, "bom-not-utf8.md")
    assert result.card is None
    assert summary(result) == [(5, "error", "file is not UTF-8 text; save it as UTF-8")]


def test_titel_typo_warns_with_a_suggestion_and_the_card_still_shows(content):
    result = load(content, "titel-typo.md")
    assert result.card is not None
    assert result.card.title == "Risks"
    assert summary(result) == [
        (3, "warning", "unknown front matter key 'titel' (did you mean 'title'?); it is ignored"),
    ]


def test_unknown_icon_warns_and_falls_back_to_no_icon(content):
    result = load(content, "unknown-icon.md")
    assert result.card is not None
    assert result.card.icon is None
    [(line, severity, message)] = summary(result)
    assert (line, severity) == (3, "warning")
    assert message.startswith("unknown icon 'fa5s.not-a-real-icon-name'")


def test_known_icon_is_kept(content):
    result = load(content, "known-icon.md")
    assert result.problems == ()
    assert result.card.icon == "fa5s.exclamation-triangle"


def test_existing_image_inside_content_is_used(content):
    (content / "images" / "room.png").write_bytes(png_bytes(40, 30))
    result = load(content, "image-ok.md")
    assert result.problems == ()
    assert result.card.image == (content / "images" / "room.png").resolve()
    assert result.card.picture(result.card.image)[1:3] == (40, 30)


def test_raw_html_warns_on_its_file_line_and_the_card_still_shows(content):
    result = load(content, "raw-html.md")
    assert result.card is not None
    # Body line 5 ("Third <b>bold</b> paragraph.") is file line 8: three front-matter lines come first.
    assert summary(result) == [(8, "warning", "raw HTML is not allowed on a card and was removed; use Markdown (also on line 10)")]
    assert "<b>" not in result.card.html
    assert "<div" not in result.card.html
    assert "bold" in result.card.html
    assert "A box" in result.card.html


def test_remote_body_image_warns_and_is_not_in_the_html(content):
    result = load(content, "remote-image.md")
    assert result.card is not None
    [(line, severity, message)] = summary(result)
    assert (line, severity) == (6, "warning")
    assert message.startswith("image 'https://evil.example/pixel.png' not shown")
    assert "evil.example" not in result.card.html
    assert "<img" not in result.card.html
    assert "Last paragraph." in result.card.html


def test_deeply_nested_list_is_an_error_not_a_crash(content):
    result = load(content, "deep-list.md")
    assert result.card is None
    assert summary(result) == [
        (4, "error", "text is nested too deeply to show safely (too many levels of lists or quotes)"),
    ]


def test_deeply_nested_quote_never_raises_and_output_stays_bounded(content):
    path = place(content, "deep-quote.md")
    result = load_card(path, content)
    if result.card is None:
        assert [p.message for p in result.problems] == [
            "text is nested too deeply to show safely (too many levels of lists or quotes)"
        ]
    else:
        assert result.problems == ()
        assert "x" in result.card.html
        assert len(result.card.html) < 20 * path.stat().st_size


def test_file_over_the_size_limit_is_refused(content):
    body = "Plain text line for padding.\n" * (MAX_CARD_BYTES // 29 + 10)
    path = write_card(content, "15-huge.md", "---\ntitle: Huge\n---\n" + body)
    assert path.stat().st_size > MAX_CARD_BYTES
    result = load_card(path, content)
    assert result.card is None
    [(line, severity, message)] = summary(result)
    assert (line, severity) == (1, "error")
    assert f"at most {MAX_CARD_BYTES // 1024} KB" in message


def test_editor_temp_files_are_not_cards_and_order_is_by_file_name(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    for name in ("20-b.md", ".#20-b.md", "20-b.md~", ".20-b.md.swp", "#20-b.md#", "10-a.md", "notes.txt", "9-c.md"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "30-folder.md").mkdir()
    assert [p.name for p in card_files(folder)] == ["10-a.md", "20-b.md", "9-c.md"]


def test_deck_keeps_file_name_order_and_reports_broken_cards(content):
    place(content, "no-title.md", "15-broken.md")
    place(content, "known-icon.md", "05-first.md")
    deck = load_deck(content, "en")
    names = [card.slug for card in deck.cards]
    assert names[0] == "05-first.md"
    assert names == sorted(names)
    assert "15-broken.md" not in names
    assert deck.broken == frozenset({"15-broken.md"})
    assert [(p.path.name, p.line) for p in deck.problems if p.is_error] == [("15-broken.md", 1)]


def test_empty_language_folder_is_an_error(content):
    (content / "fr").mkdir()
    (content / "fr" / ".#draft.md").write_text("x", encoding="utf-8")
    deck = load_deck(content, "fr")
    assert deck.cards == ()
    [problem] = deck.problems
    assert (problem.path, problem.line, problem.is_error) == (content / "fr", 1, True)
    assert problem.message == "language 'fr': folder fr/ has no cards; add Markdown files such as 10-welcome.md"
    assert deck.missing == problem.message


def test_missing_language_folder_is_an_error(content):
    deck = load_deck(content, "de")
    assert deck.cards == ()
    [problem] = deck.problems
    assert (problem.path, problem.line, problem.is_error) == (content / "de", 1, True)
    assert problem.message == "language 'de' has no folder de/ in the content folder: add it with cards, or remove 'de' from languages (the folders with cards there: en/, es/)"
    assert deck.missing == problem.message


def test_qr_label_says_what_the_take_home_code_opens(content):
    path = write_card(content, "15-qr.md", "---\ntitle: Handout\nqr: https://calliope.health/handout\nqr_label: '  Scan for the   handout '\n---\nText.\n")
    result = load_card(path, content)
    assert result.problems == ()
    assert result.card.qr_label == "Scan for the handout"
    colon = write_card(content, "16-qr.md", "---\ntitle: Map\nqr: https://calliope.health/\nqr_label: Scan: our map\n---\nText.\n")
    assert load_card(colon, content).card.qr_label == "Scan: our map"  # a colon inside is part of the text


@pytest.mark.parametrize(
    ("header", "line", "message"),
    [
        ("qr: https://calliope.health/\nqr_label: " + "x" * 81, 4,
         "'qr_label' is 81 characters; at most 80 fit under the QR code; showing the default caption"),
        ("qr: https://calliope.health/\nqr_label:\n  - a\n  - b", 4,
         "'qr_label' must be text, such as 'Scan to visit our website'; showing the default caption"),
        ("qr_label: Scan me", 3, "qr_label without qr: there is no QR code to label; it is ignored"),
    ],
)
def test_bad_qr_label_is_a_warning_on_its_line_and_falls_back(content, header, line, message):
    path = write_card(content, "15-qr.md", f"---\ntitle: Handout\n{header}\n---\nText.\n")
    result = load_card(path, content)
    assert summary(result) == [(line, "warning", message)]
    assert result.card is not None and result.card.qr_label is None


def test_no_qr_label_leaves_the_interface_default(content):
    path = write_card(content, "15-qr.md", "---\ntitle: Handout\nqr: https://calliope.health/\n---\nText.\n")
    assert load_card(path, content).card.qr_label is None
