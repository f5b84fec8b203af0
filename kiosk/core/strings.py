"""Interface text per language, read from `resources/i18n/<language>.toml` rather than from code."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from functools import cache

from kiosk.core.languages import endonym
from kiosk.core.paths import resource_path

REQUIRED_KEYS = (
    "language_name", "touch_to_start", "welcome_hint", "back", "next", "home", "page_of",
    "contact_title", "contact_address", "contact_phone", "contact_website", "contact_scan", "crisis_title",
    "care_team", "scroll_more", "idle_title", "idle_prompt", "idle_countdown", "idle_countdown_one", "idle_more_time", "attract_inside",
    "pin_title", "pin_prompt", "pin_wrong", "pin_locked", "pin_disabled", "pin_ok", "pin_clear", "cancel",
    "staff_title", "staff_folder", "staff_version", "staff_uptime", "staff_reload_time", "staff_problems",
    # the PIN pad's wait and check texts, the staff panel's attempts line
    "pin_wait_second", "pin_wait_seconds", "pin_wait_minute", "pin_wait_minutes", "pin_checking",
    "staff_pin_attempts", "staff_pin_attempt_one",
    "staff_no_problems", "staff_reviews", "staff_no_reviews", "staff_reload", "staff_exit", "staff_back", "card_qr", "display_button",
    "display_name", "display_title", "size_normal", "size_large", "size_largest", "contrast_standard",
    "contrast_high", "done", "language_switch",
    "speak_dot", "speak_slash", "speak_dash", "speak_underscore", "speak_plus",
    "helpful_question", "helpful_yes", "helpful_no", "helpful_thanks",
    "listen", "listen_pause", "listen_resume", "listen_stop", "volume_down", "volume_up", "volume_name", "volume_label",
    "staff_usage", "usage_title", "usage_private", "usage_off", "usage_problem", "usage_unreadable", "usage_days",
    "usage_totals", "usage_none", "usage_most", "usage_least", "usage_helpful_share", "usage_export",
    "usage_handout", "usage_choose", "usage_saved", "usage_save_failed",
    "handout_questions", "handout_scan_site", "handout_source", "handout_reviewed", "handout_approved", "handout_page",
    "handout_inside", "handout_notes",
    "topics_title", "topics_none", "topics_more", "topics_previous", "topics_home", "usage_topics", "staff_topics",
)
FALLBACK_LANGUAGE = "en"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Strings:
    language: str
    table: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.table.get(key) or english().table.get(key, key)

    def page_of(self, current: int, total: int) -> str:
        return self["page_of"].format(current=current, total=total)


@cache
def _load(language: str) -> dict[str, str]:
    """The language's interface text; {} (so English is shown) when its file is missing or broken,
    said once in the log (the result is cached), so IT can tell why a screen is in English."""
    path = resource_path(f"i18n/{language}.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("no interface text for '%s' (%s is missing): buttons and messages are shown in English", language, path)
        return {}
    except (OSError, ValueError) as exc:
        log.error("interface text for '%s' cannot be read (%s: %s): buttons and messages are shown in English", language, path, exc)
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)}


def english() -> Strings:
    return Strings(FALLBACK_LANGUAGE, _load(FALLBACK_LANGUAGE))


def strings_for(language: str) -> Strings:
    """Interface text for `language`; anything missing falls back to English."""
    return Strings(language, _load(language))


def language_name(language: str) -> str:
    """The language's name in itself, for its button: from its interface text, else the kiosk's table
    of names (kiosk.core.languages), else its code. Never the English fallback's "English"."""
    return _load(language).get("language_name") or endonym(language) or language


def has_interface_text(language: str) -> bool:
    """True when the kiosk ships interface text for `language` (a file with at least one entry)."""
    return bool(_load(language))


def missing_keys(language: str) -> list[str]:
    table = _load(language)
    return [key for key in REQUIRED_KEYS if not table.get(key)]
