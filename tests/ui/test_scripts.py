"""Every script the kiosk carries is drawn by the kiosk's own fonts, with no empty box, at both
screen shapes: Chinese, Korean, Amharic (Ethiopic), Arabic and Vietnamese cards of the test deck
(tests/data/languages), and a clinic's own font from content/fonts/ for a script it does not carry.

Glyph runs are read back from Qt's text layout: each names the font it was drawn with, and glyph 0
is the empty box. This machine may have other fonts installed; a run drawn by one of them fails too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA
from helpers.fonts import glyph_runs, glyph_sources, make_font

from kiosk.core.check import lint
from kiosk.core.fonts import BODY_FAMILY, HAN_FONTS, SCRIPT_FONTS, SYMBOL_FONTS

LANGUAGES = DATA / "languages"
BUNDLED = {BODY_FAMILY} | {family for _file, family in (*SYMBOL_FONTS, *SCRIPT_FONTS, *HAN_FONTS.values())}
SIZES = [(1920, 1080), (1080, 1920)]


def every_page(kiosk):
    for index in range(kiosk.window.pager.count()):
        kiosk.window.go_to(index, animate=False)
        yield kiosk.window.pager.current_page()


@pytest.mark.parametrize("size", SIZES, ids=["landscape", "portrait"])
@pytest.mark.parametrize("language, script_family", [
    ("zh", "Noto Sans CJK SC Subset"), ("ko", "Noto Sans CJK KR Subset"), ("am", "Noto Sans Ethiopic"),
    ("ar", "Noto Sans Arabic"), ("vi", BODY_FAMILY),
])
def test_cards_are_drawn_by_the_bundled_fonts_with_no_empty_box(make_kiosk, language, script_family, size):
    kiosk = make_kiosk(LANGUAGES, size=size)
    kiosk.set_language(language)
    used: set[str] = set()
    for page in every_page(kiosk):
        families, boxes = glyph_sources(page)
        assert boxes == [], f"{language}: empty boxes in {boxes}"
        used |= families
    assert script_family in used
    assert used <= BUNDLED, f"drawn with fonts the kiosk does not ship: {used - BUNDLED}"


def test_check_finds_no_missing_glyph_in_the_test_decks():
    problems = [p for p in lint(LANGUAGES) if "cannot be shown" in p.message or "no font" in p.message]
    assert problems == []


@pytest.mark.parametrize("language, family", [("zh", "SC"), ("zh-Hant", "TC"), ("ko", "TC"), ("en", "SC"), ("zh-TW", "TC")])
def test_chinese_characters_take_the_forms_the_language_expects(make_kiosk, tmp_path, language, family):
    """直 is drawn differently in Simplified and Traditional Chinese (Korean Hanja follow the
    Traditional forms); Hangul only the Korean font has. One process, one font cache: the order the
    cases run in is the order a kiosk switching languages meets them."""
    content = tmp_path / "content"
    (content / language).mkdir(parents=True)
    (content / "kiosk.toml").write_text(f'[kiosk]\nlanguages = ["{language}"]\n[check]\nscreens = []\n', encoding="utf-8")
    (content / language / "10-a.md").write_text("---\ntitle: 直\n---\n直 한\n", encoding="utf-8")
    kiosk = make_kiosk(content)
    kiosk.window.go_to(1, animate=False)
    title = kiosk.window.pager.current_page().title
    assert [f for f, _glyphs in glyph_runs("直", title.font())] == [HAN_FONTS[family][1]]
    assert [f for f, _glyphs in glyph_runs("한", title.font())] == [HAN_FONTS["KR"][1]]


def thai_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(LANGUAGES, content)
    (content / "th").mkdir()
    for name, title in (("10-hello.md", "สวัสดี"), ("20-day.md", "น้ำ")):
        (content / "th" / name).write_text(f"---\ntitle: {title}\n---\n{title}\n", encoding="utf-8")
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    (content / "kiosk.toml").write_text(toml.replace('"fr"]', '"fr", "th"]'), encoding="utf-8")
    return content


def test_a_clinic_font_in_content_fonts_draws_a_script_the_kiosk_lacks(make_kiosk, qtbot, tmp_path):
    content = thai_content(tmp_path)
    warned = [p for p in lint(content) if "Thai letters" in p.message]
    assert len(warned) == 1 and warned[0].path.name == "kiosk.toml" and "language 'th' (ไทย)" in warned[0].message
    kiosk = make_kiosk(content)
    kiosk.set_language("th")
    kiosk.window.go_to(1, animate=False)
    families, boxes = glyph_sources(kiosk.window.pager.current_page())
    assert boxes or not families <= BUNDLED  # empty boxes, or whatever this machine happens to have

    make_font(content / "fonts" / "test-thai.ttf", "สวัสดีน้ำไทย", family="Kiosk Test Thai")
    assert [p for p in lint(content) if "cannot be shown" in p.message or "no font" in p.message] == []
    with qtbot.waitSignal(kiosk.reloaded, timeout=10_000):
        kiosk.loader.request()
    families, boxes = glyph_sources(kiosk.window.pager.current_page())
    assert boxes == [] and "Kiosk Test Thai" in families

    (content / "fonts" / "test-thai.ttf").unlink()
    with qtbot.waitSignal(kiosk.reloaded, timeout=10_000):
        kiosk.loader.request()
    assert "Kiosk Test Thai" not in glyph_sources(kiosk.window.pager.current_page())[0]


def test_a_file_in_content_fonts_that_is_not_a_font_is_named_and_left_out(make_kiosk, tmp_path):
    content = thai_content(tmp_path)
    (content / "fonts").mkdir()
    (content / "fonts" / "picture.ttf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (content / "fonts" / "OFL.txt").write_text("licence text beside the fonts is fine", encoding="utf-8")
    problems = [p for p in lint(content) if p.path.parent.name == "fonts"]
    assert [(p.path.name, p.line, p.severity.value) for p in problems] == [("picture.ttf", 1, "warning")]
    assert "not a font the kiosk can use" in problems[0].message
    kiosk = make_kiosk(content)
    assert kiosk.state is not None and kiosk.state.fonts == ()
