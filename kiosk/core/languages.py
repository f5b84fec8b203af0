"""What the kiosk knows about a language from its code alone: its own name, its writing direction,
and which Chinese-character forms its readers expect.

A language folder is named with its code (`ar`, `zh-Hant`, `pt-BR`). The picker shows every
language in itself ("العربية", "中文"), so a patient finds their own without reading English; these
names are facts, not translations, and are safe to ship for languages whose interface text is not
(README: "Languages and scripts"). Interface text may name the language too (`language_name` in
resources/i18n/<code>.toml); when it does, that name wins.
"""

from __future__ import annotations

import unicodedata

# The language's name in itself, as written on a button by itself (capitalised where the script has
# capitals). Region and script variants come first where they differ from the base language.
ENDONYMS: dict[str, str] = {
    "zh-hans": "简体中文", "zh-cn": "简体中文", "zh-sg": "简体中文",
    "zh-hant": "繁體中文", "zh-tw": "繁體中文", "zh-hk": "繁體中文", "zh-mo": "繁體中文",
    "en": "English", "es": "Español", "zh": "中文", "ko": "한국어", "am": "አማርኛ", "ar": "العربية",
    "vi": "Tiếng Việt", "fr": "Français", "fa": "فارسی", "he": "עברית", "ur": "اردو", "ru": "Русский",
    "pt": "Português", "ht": "Kreyòl ayisyen", "tl": "Tagalog", "fil": "Filipino", "ja": "日本語",
    "hi": "हिन्दी", "bn": "বাংলা", "pa": "ਪੰਜਾਬੀ", "gu": "ગુજરાતી", "ta": "தமிழ்", "te": "తెలుగు",
    "ne": "नेपाली", "my": "မြန်မာ", "th": "ไทย", "km": "ខ្មែរ", "lo": "ລາວ", "ps": "پښتو", "prs": "دری",
    "ti": "ትግርኛ", "so": "Soomaali", "sw": "Kiswahili", "om": "Afaan Oromoo", "yo": "Yorùbá",
    "de": "Deutsch", "it": "Italiano", "pl": "Polski", "uk": "Українська", "el": "Ελληνικά",
    "hy": "Հայերեն", "ka": "ქართული", "tr": "Türkçe", "yi": "ייִדיש", "hmn": "Hmoob", "nv": "Diné bizaad",
}
# Languages written right to left: the kiosk mirrors its layout for them.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "prs", "sd", "ug", "ckb", "dv", "syr"})
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})


def _parts(code: str) -> list[str]:
    return code.replace("_", "-").lower().split("-")


def base(code: str) -> str:
    """`zh` for `zh-Hant`, `pt` for `pt_BR`."""
    return _parts(code)[0]


def endonym(code: str) -> str | None:
    """The language's own name, or None when the kiosk does not know it."""
    parts = _parts(code)
    return ENDONYMS.get("-".join(parts[:2])) or ENDONYMS.get(parts[0])


def is_right_to_left(code: str) -> bool:
    """Written right to left: by its code, or (a code the kiosk does not know) by its own name."""
    parts = _parts(code)
    if parts[0] in RIGHT_TO_LEFT or "arab" in parts or "hebr" in parts:
        return True
    name = endonym(code) or ""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in name[:1])


def _first_strong_is_rtl(text: str) -> bool | None:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None


def in_reading_order(text: str, code: str) -> str:
    """`text` as a line of language `code`: a right-to-left line whose first word is Latin ("Wi-Fi في
    المكتبة") would otherwise be laid out left to right, as Unicode's bidi rules take a line's
    direction from its first strong letter. An invisible right-to-left mark (U+200F) in front, or a
    left-to-right one (U+200E) for the opposite case, makes the line read the language's way."""
    rtl = is_right_to_left(code)
    first = _first_strong_is_rtl(text)
    if first is None or first == rtl:
        return text
    return ("\u200f" if rtl else "\u200e") + text


def uses_chinese_characters(code: str) -> bool:
    """Chinese, Japanese and Korean: text whose own font comes first (kiosk.core.fonts)."""
    return base(code) in ("zh", "yue", "ja", "ko")


def han_forms(code: str) -> tuple[str, ...]:
    """Which Chinese-character fonts to try first, best first: "SC" (simplified), "TC" (traditional),
    "KR" (Korean). The same code point is drawn differently in each; readers notice the wrong one."""
    parts = _parts(code)
    if parts[0] == "ko":
        return ("KR", "TC", "SC")
    if parts[0] in ("zh", "yue") and (_TRADITIONAL & set(parts[1:]) or parts[0] == "yue"):
        return ("TC", "SC", "KR")
    if parts[0] == "ja":
        return ("TC", "SC", "KR")  # closer to Japanese forms than simplified; no Japanese font is bundled
    return ("SC", "TC", "KR")
