"""Markdown to Qt rich text: hostile HTML and links never survive; plain Markdown and local pictures do."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA
from helpers.pictures import png_bytes

from kiosk.core.cards import load_card
from kiosk.core.markdown import render_markdown

CARDS = DATA / "cards"


@pytest.fixture
def hostile_html(content: Path) -> str:
    target = content / "en" / "15-hostile.md"
    shutil.copy(CARDS / "hostile.md", target)
    result = load_card(target, content)
    assert result.card is not None
    return result.card.html


FORBIDDEN = ("script", "iframe", "onerror", "onclick", "onmouseover", "onload", "javascript", "href", "<a",
             "style=", "color:", "<svg", "<object", "alert", "evil.example")


def test_hostile_card_loses_everything_active(hostile_html):
    assert [word for word in FORBIDDEN if word in hostile_html.lower()] == []


def test_hostile_card_keeps_its_text_and_markdown(hostile_html):
    assert "<strong>bold</strong>" in hostile_html
    assert "<h2>Heading</h2>" in hostile_html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in hostile_html
    # Link text stays as plain text; the link itself is gone.
    assert "tap me and a link." in hostile_html
    assert "styled" in hostile_html
    assert "hover" in hostile_html


def test_entities_survive(tmp_path):
    html = render_markdown("AT&amp;T &amp; friends, 3 &lt; 4 & 5 &gt; 2.", tmp_path).html
    assert html == "<p>AT&amp;T &amp; friends, 3 &lt; 4 &amp; 5 &gt; 2.</p>"


def test_entities_alone_are_not_reported_as_raw_html(tmp_path):
    result = render_markdown("Salt &amp; pepper.", tmp_path)
    assert result.notes == []


def test_local_image_becomes_a_file_uri_inside_the_content_folder(content):
    picture = content / "images" / "room.png"
    picture.write_bytes(png_bytes(8, 6))
    result = render_markdown("The room:\n\n![The room](images/room.png)", content)
    assert result.notes == []
    assert [shown[:3] for shown in result.pictures] == [(str(picture.resolve()), 8, 6)]
    uri = picture.resolve().as_uri()
    assert uri.startswith("file://")
    assert f'<img alt="The room" src="{uri}">' in result.html


@pytest.mark.parametrize(
    ("src", "reason"),
    [
        ("images/missing.png", "the file does not exist"),
        ("../secret.png", "the file is outside the content folder"),
        ("file:///etc/passwd", "never ones from the internet"),
        ("//evil.example/x.png", "never ones from the internet"),
        ("images/notes.txt", "is not a picture type"),
    ],
)
def test_bad_body_images_are_dropped_with_a_warning(content, src, reason):
    (content / "images" / "notes.txt").write_text("x", encoding="utf-8")
    (content.parent / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = render_markdown(f"Intro.\n\n![pic]({src})\n", content)
    assert "<img" not in result.html
    [note] = result.notes
    assert (note.body_line, note.is_error) == (3, False)
    assert note.message.startswith(f"image '{src}' not shown")
    assert reason in note.message


def test_dropped_image_keeps_the_words_around_it_in_order(content):
    # Regression: the text after a removed image once jumped before earlier inline elements.
    target = content / "en" / "15-order.md"
    shutil.copy(CARDS / "image-tail.md", target)
    result = load_card(target, content)
    assert result.card is not None
    assert result.card.html == "<p>Take <strong>one</strong> pill  each day.</p>"


def test_body_problems_name_their_file_line_past_the_front_matter(content):
    # Lists at 3-space indents, a table cell, a two-line quote and a three-line paragraph: markdown-it's
    # source map puts each problem on the line staff typed it, counted from the top of the file.
    target = content / "en" / "15-lines.md"
    shutil.copy(DATA / "markdown" / "structure-lines.md", target)
    result = load_card(target, content)
    assert result.card is not None
    assert [(p.line, p.severity.value, p.message.split(":")[0]) for p in result.problems] == [
        (10, "warning", "raw HTML is not allowed on a card and was removed; use Markdown (also on line 19)"),
        (16, "warning", "image 'images/coin.png' not shown"),
        (23, "warning", "image 'images/missing.png' not shown"),
    ]


def test_inline_html_on_a_later_line_of_a_quote_names_that_line(tmp_path):
    result = render_markdown("Intro.\n\n> Questions?\n> Call <span>us</span>.\n", tmp_path)
    assert [(n.body_line, n.message) for n in result.notes] == [
        (4, "raw HTML is not allowed on a card and was removed; use Markdown"),
    ]
    assert "<blockquote>\n<p>Questions?\nCall us.</p>\n</blockquote>" in result.html


def test_three_space_nested_list_renders_nested(tmp_path):
    html = render_markdown("1. **Two weeks before**\n   - Ask your insurer.\n   - Plan a ride.\n2. Next\n", tmp_path).html
    assert html == (
        "<ol>\n<li><strong>Two weeks before</strong>\n<ul>\n<li>Ask your insurer.</li>\n<li>Plan a ride.</li>\n</ul>\n"
        "</li>\n<li>Next</li>\n</ol>"
    )


@pytest.mark.parametrize("indent", [2, 3, 4])
def test_sub_items_at_two_to_four_spaces_nest(tmp_path, indent):
    html = render_markdown(f"- one\n{' ' * indent}- inner\n- two\n", tmp_path).html
    assert html.count("<ul>") == 2
    assert "- inner" not in html


def test_tables_and_strikethrough_render(tmp_path):
    result = render_markdown("| What | Ask your insurer |\n|---|:-:|\n| Cost | ~~maybe~~ yes |\n", tmp_path)
    assert result.notes == []
    assert result.html == (
        "<table>\n<thead>\n<tr>\n<th>What</th>\n<th>Ask your insurer</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
        "<td>Cost</td>\n<td><s>maybe</s> yes</td>\n</tr>\n</tbody>\n</table>"
    )


def test_javascript_link_shows_its_words_not_markdown_punctuation(tmp_path):
    assert render_markdown("[tap me](javascript:alert(1)) now", tmp_path).html == "<p>tap me now</p>"


def test_single_line_list_nesting_past_the_limit_is_refused(tmp_path):
    result = render_markdown("Fine.\n\n" + "- " * 30 + "x\n", tmp_path)
    assert result.html == ""
    assert [(n.body_line, n.is_error) for n in result.notes] == [(3, True)]


def test_every_line_with_raw_html_is_named_in_one_warning(tmp_path):
    body = "".join(f"Line {n} <b>bold</b>.\n\n" for n in range(1, 9))
    [note] = render_markdown(body, tmp_path).notes
    assert (note.body_line, note.also_on) == (1, (3, 5, 7, 9, 11, 13, 15))
    assert note.message_at(5).endswith("use Markdown (also on lines 7, 9, 11, 13, 15 and 2 more)")
    [two] = render_markdown("<b>a</b>\n\n<div>\nx\n</div>\n", tmp_path).notes
    assert two.message_at(1).endswith("(also on lines 3 and 5)")
