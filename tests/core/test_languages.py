"""What the kiosk knows from a language code: its own name, its direction, its Chinese-character forms."""

from __future__ import annotations

import pytest

from kiosk.core.coverage import undrawable
from kiosk.core.fonts import BODY_FAMILY, HAN_FONTS, font_families
from kiosk.core.languages import ENDONYMS, endonym, han_forms, in_reading_order, is_right_to_left


@pytest.mark.parametrize("code, name", [
    ("en", "English"), ("es", "Español"), ("zh", "中文"), ("ko", "한국어"), ("am", "አማርኛ"), ("ar", "العربية"),
    ("vi", "Tiếng Việt"), ("fr", "Français"), ("fa", "فارسی"), ("he", "עברית"), ("ur", "اردو"),
    ("zh-Hant", "繁體中文"), ("zh_TW", "繁體中文"), ("zh-CN", "简体中文"), ("pt-BR", "Português"), ("xx", None),
])
def test_each_language_is_named_in_itself(code, name):
    assert endonym(code) == name


@pytest.mark.parametrize("code", ["ar", "fa", "he", "ur", "ps", "yi", "ar-EG", "fa_AF"])
def test_right_to_left_languages(code):
    assert is_right_to_left(code)


@pytest.mark.parametrize("code", ["en", "es", "zh", "ko", "am", "vi", "fr", "xx", "ku"])
def test_left_to_right_languages(code):
    assert not is_right_to_left(code)


def test_chinese_character_forms_follow_the_language():
    assert han_forms("zh")[0] == han_forms("zh-CN")[0] == han_forms("en")[0] == "SC"
    assert han_forms("zh-Hant")[0] == han_forms("zh-TW")[0] == han_forms("zh-HK")[0] == "TC"
    assert han_forms("ko") == ("KR", "TC", "SC")


def test_cjk_text_starts_with_its_own_font_and_everything_else_with_noto_sans():
    assert font_families("zh")[:2] == (HAN_FONTS["SC"][1], BODY_FAMILY)
    assert font_families("zh-Hant")[:2] == (HAN_FONTS["TC"][1], BODY_FAMILY)
    assert font_families("ko")[:2] == (HAN_FONTS["KR"][1], BODY_FAMILY)
    assert font_families("ar")[0] == font_families("en")[0] == BODY_FAMILY
    assert font_families("ar") == font_families("es")  # switching between them restyles nothing
    assert font_families("en", ("Clinic Thai",))[-1] == "Clinic Thai"


def test_the_endonyms_of_the_scripts_the_kiosk_carries_are_drawable():
    carried = ["en", "es", "zh", "zh-hant", "ko", "am", "ar", "vi", "fr", "fa", "he", "ur", "ps", "ru", "uk", "el", "ti", "yi"]
    assert {code: undrawable(ENDONYMS[code]) for code in carried} == {code: [] for code in carried}


def test_a_line_reads_its_languages_way_whatever_its_first_word():
    assert in_reading_order("Wi-Fi في المكتبة", "ar") == "\u200fWi-Fi في المكتبة"
    assert in_reading_order("مرحبا", "ar") == "مرحبا"
    assert in_reading_order("12 chairs", "en") == "12 chairs"
    assert in_reading_order("مرحبا means hello", "en") == "\u200eمرحبا means hello"
    assert in_reading_order("123", "ar") == "123"  # no letters: nothing to decide
