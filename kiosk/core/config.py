"""Loads `content/kiosk.toml`: the clinic's contact facts and the kiosk's settings.

Every field is checked on its own, so one bad value falls back to its default (with a problem naming
the line) while the rest of the file still counts. A file that is not valid TOML at all is reported
as unusable, and the running kiosk then keeps its last good configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_type_hints

from kiosk.core.text_lines import key_line
from kiosk.core.toml_file import read_toml
from kiosk.core.check_settings import CheckSettings
from kiosk.core.pin import FORMAT_HELP, check_pin_settings, legacy_hash_problem, pin_hash_problem
from kiosk.core.problems import Problem, error, warning
from kiosk.core.qr import url_problem
from kiosk.core.schedule import CLOCK_TIME, schedule_problem
from kiosk.core.settings import (
    LANGUAGE_CODE, Invalid, between, choice, declared, fallback_message, flag, optional_text, per_language, setting,
    text, text_list, whole,
)
from kiosk.core.tuning import IDLE_SECONDS, MIN_IDLE_SECONDS, TEXT_SIZES

Complain = Callable[..., None]

CONFIG_NAME = "kiosk.toml"
MAX_CONFIG_BYTES = 64 * 1024
_WEBSITE_HELP = "the clinic's website; also the contact screen's QR code (http/https, at most 200 characters)"
_CRISIS_HELP = (
    "where to get help now, for a patient who feels unsafe, such as \"Call or text 988\": first on the contact "
    "screen, at the end of cards with crisis: true, after a \"No\" to \"Was this page helpful?\", read aloud "
    "and on the handout's first page"
)


@dataclass(frozen=True)
class Clinic:
    """What the contact screen shows; empty text means 'not given'."""

    name: str = setting("", text(), "the clinic's name, on the contact screen", fallback="it is not shown")
    address: str = setting("", text(), "street address, on the contact screen", fallback="it is not shown")
    phone: str = setting("", text(), "phone number, on the contact screen", fallback="it is not shown")
    website: str = setting(
        "", text("a web address such as https://example.org/", url_problem), _WEBSITE_HELP,
        fallback="the contact screen shows no QR code",
    )
    crisis: str = setting("", text(), _CRISIS_HELP, fallback="no crisis line is shown")
    translations: tuple[tuple[str, Clinic], ...] = ()  # [clinic.<language>] tables, by language

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.address or self.phone or self.website or self.crisis)

    def for_language(self, language: str) -> Clinic:
        """The clinic in `language`: what [clinic.<language>] gives replaces the first language's text."""
        for code, other in self.translations:
            if code == language:
                given = {item.name: getattr(other, item.name) for item, _ in declared(Clinic) if getattr(other, item.name)}
                return replace(self, **given, translations=())
        return self


@dataclass(frozen=True)
class KioskSettings:
    idle_seconds: int = setting(
        IDLE_SECONDS, whole(MIN_IDLE_SECONDS), "seconds without a touch before the kiosk offers to start over"
    )
    languages: tuple[str, ...] = setting(
        ("en",), text_list('a list of folder names such as ["en", "es"]', lambda code: bool(LANGUAGE_CODE.fullmatch(code))),
        "folders under content/, one per language; the first is the default",
    )
    staff_pin: str | None = setting(
        None, optional_text(FORMAT_HELP, pin_hash_problem),
        "the staff PIN's salted scrypt hash, made with `kiosk pin`; leave out to disable staff exit",
        fallback="staff exit is disabled",
    )
    staff_pin_sha256: str | None = setting(
        None, optional_text("64 hex digits", legacy_hash_problem),
        "the old, unsalted form of staff_pin; still read, but `kiosk check` asks for a staff_pin instead",
        fallback="staff exit is disabled",
    )
    show_cursor: bool = setting(False, flag(), "show the mouse pointer (for kiosks used with a mouse)")
    text_size: str = setting("normal", choice(TEXT_SIZES), "the text size each visit starts with")
    high_contrast: bool = setting(False, flag(), "each visit starts in high contrast")

    @property
    def pin_hash(self) -> str | None:
        """What a typed PIN is checked against: staff_pin, or else the old staff_pin_sha256."""
        return self.staff_pin or self.staff_pin_sha256


@dataclass(frozen=True)
class Welcome:
    """The welcome screen's headline, so a clinic can say what its kiosk is about.

    `[welcome]` holds the first language's text; `[welcome.es]` and the like hold the others.
    """

    title: str = setting("Patient information", text(), "the welcome screen's headline")
    subtitle: str = setting("", text(), "the line under the headline")
    translations: tuple[tuple[str, Welcome], ...] = ()  # [welcome.<language>] tables, by language

    def for_language(self, language: str) -> tuple[str, str]:
        for code, other in self.translations:
            if code == language:
                return other.title or self.title, other.subtitle
        return self.title, self.subtitle


@dataclass(frozen=True)
class Stats:
    """The anonymous usage counts (hourly totals only; see `kiosk stats`)."""

    enabled: bool = setting(True, flag(), "count visits anonymously, per hour; false switches counting off")
    ask_helpful: bool = setting(True, flag(), 'show the one-tap "Was this helpful?" on each card')
    keep_days: int = setting(730, whole(1), "days of counts kept; older hours are deleted")

    @property
    def shows_helpful(self) -> bool:
        """The question is asked only while its answers are counted."""
        return self.enabled and self.ask_helpful


# Voices for the languages a clinic is most likely to have. Locale names as speech engines list them:
# speech-dispatcher has es_419 (Latin American Spanish) and es_ES, but no es_MX.
DEFAULT_VOICES: tuple[tuple[str, str], ...] = (("en", "en_US"), ("es", "es_419"))
# voice.am = "none": Listen is off in that language (a voice too poor to help); staff recordings still play.
NO_VOICE = "none"


@dataclass(frozen=True)
class Speech:
    """Listen: reading each screen aloud. Which voice speaks each language, how loud and how fast."""

    voice: tuple[tuple[str, str], ...] = setting(
        DEFAULT_VOICES, per_language('a voice locale per language, such as voice.es = "es_419"'),
        "the voice (locale) for each language, written voice.es = \"es_419\"; languages not given use "
        "en_US, es_419, or the language code itself; \"none\" switches Listen off in that language (staff recordings still play)",
    )
    volume: int = setting(70, between(10, 100), "the volume each visit starts with, in percent of the engine's")
    rate: int = setting(-10, between(-50, 50), "speaking speed in percent; below 0 is slower than the engine's usual")

    def voice_for(self, language: str) -> str:
        """The locale configured for `language`, else the built-in default, else the code itself."""
        return dict(self.voice).get(language) or dict(DEFAULT_VOICES).get(language) or language


@dataclass(frozen=True)
class DisplaySchedule:
    """[display]: the screen's hours; left out, the screen is always on."""

    off: str | None = setting(None, CLOCK_TIME, "the time the screen goes dark each day (a touch wakes it)", fallback="the screen stays on")
    on: str | None = setting(None, CLOCK_TIME, "the time the screen comes back on each day", fallback="the screen stays on")


@dataclass(frozen=True)
class Config:
    """kiosk.toml: each field is a section, named as in the file."""

    clinic: Clinic = field(default_factory=Clinic)
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    welcome: Welcome = field(default_factory=Welcome)
    stats: Stats = field(default_factory=Stats)
    speech: Speech = field(default_factory=Speech)
    check: CheckSettings = field(default_factory=CheckSettings)
    display: DisplaySchedule = field(default_factory=DisplaySchedule)


# Sections whose [section.<language>] tables repeat the section's settings for one language.
PER_LANGUAGE_SECTIONS = frozenset({"welcome", "clinic"})


def sections() -> list[tuple[str, type]]:
    """(name, section class) of every kiosk.toml section, in the order the README lists them."""
    hints = get_type_hints(Config)
    return [(item.name, hints[item.name]) for item in fields(Config)]


@dataclass(frozen=True)
class ConfigResult:
    """`usable` is False when the file could not be read as TOML at all."""

    config: Config
    problems: tuple[Problem, ...]
    usable: bool
    text: str = ""  # the file as read, so problems found elsewhere can name its lines


def load_config(path: Path) -> ConfigResult:
    """Read `path`. Missing, unreadable or not a regular file is an error: the file is unusable, so a
    running kiosk keeps its last good settings (a sync or `git checkout` removes it for a moment)."""
    file = read_toml(path, MAX_CONFIG_BYTES)
    if file.data is None:
        assert file.problem is not None
        problem = file.problem
        if file.missing:
            problem = error(path, 1, "kiosk.toml is missing; the kiosk keeps its last good settings (or, at start-up, the defaults with no contact screen)")
        return ConfigResult(Config(), (problem,), False)
    text, data = file.text, file.data
    result = _parse(path, text, data)
    return ConfigResult(result.config, result.problems, result.usable, text)


def _parse(path: Path, source: str, data: dict[str, Any]) -> ConfigResult:
    problems: list[Problem] = []

    def complain(section: str, key: str | None, message: str, *, is_error: bool = True) -> None:
        problems.append((error if is_error else warning)(path, key_line(source, section, key), message))

    known = dict(sections())
    parsed: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known:
            complain(name, None, f"unknown section [{name}] (expected one of {', '.join(known)})", is_error=False)
        elif not isinstance(value, dict):
            complain(name, None, f"'{name}' must be a section written [{name}]")
    for name, section_cls in known.items():
        table = data.get(name, {})
        parsed[name] = _parse_section(name, section_cls, table if isinstance(table, dict) else {}, complain)

    if "clinic" not in data:
        complain("clinic", None, "no [clinic] section; the contact screen is left out", is_error=False)
    else:
        for key in ("name", "phone", "website"):
            if key not in data["clinic"]:
                complain("clinic", None, f"[clinic] has no '{key}'", is_error=False)
    settings = data.get("kiosk", {})
    languages = settings.get("languages") if isinstance(settings, dict) else None
    if isinstance(languages, list) and len(set(map(str, languages))) != len(languages):
        complain("kiosk", "languages", "languages lists the same folder twice", is_error=False)
    if reason := schedule_problem(parsed["display"].off, parsed["display"].on):
        complain("display", None, reason, is_error=False)
        parsed["display"] = DisplaySchedule()
    kiosk = parsed["kiosk"]
    pins = check_pin_settings(kiosk.staff_pin, kiosk.staff_pin_sha256, settings if isinstance(settings, dict) else {}, complain)
    parsed["kiosk"] = replace(kiosk, staff_pin=pins[0], staff_pin_sha256=pins[1])
    return ConfigResult(Config(**parsed), tuple(sorted(problems, key=lambda problem: problem.line)), True)


def _parse_section(name: str, section_cls: type, table: dict[str, Any], complain: Complain) -> Any:
    """One section from its TOML table, each setting checked on its own against its declaration."""
    specs = dict((item.name, (item, spec)) for item, spec in declared(section_cls))
    values: dict[str, Any] = {}
    translations = []
    for key, value in table.items():
        if name in PER_LANGUAGE_SECTIONS and isinstance(value, dict) and LANGUAGE_CODE.fullmatch(key):
            if all(isinstance(entry, str) for entry in value.values()):
                translations.append((key, _parse_section(f"{name}.{key}", section_cls, value, complain)))
            else:
                complain(name, key, f"[{name}.{key}] values must be text in quotes")
            continue
        if key not in specs:
            complain(name, key, f"unknown key '{key}' in [{name}]", is_error=False)
            continue
        item, spec = specs[key]
        try:
            values[key] = spec.kind.parse(value)
        except Invalid as exc:
            complain(name, key, fallback_message(key, spec, item.default, exc.reason))
    if name == "welcome" and not values.get("title", "x"):
        values.pop("title")  # an empty headline keeps the default one
    if translations:
        values["translations"] = tuple(translations)
    return section_cls(**values)
