"""Loads `content/kiosk.toml`: the clinic's contact facts and the kiosk's settings.

Every field is checked on its own, so one bad value falls back to its default (with a problem naming
the line) while the rest of the file still counts. A file that is not valid TOML at all is reported
as unusable, and the running kiosk then keeps its last good configuration.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.pin import DEMO_PIN, hash_pin
from kiosk.core.problems import Problem, error, warning
from kiosk.core.qr import url_problem

CONFIG_NAME = "kiosk.toml"
MAX_CONFIG_BYTES = 64 * 1024
MIN_IDLE_SECONDS = 10
TEXT_SIZES = ("normal", "large", "largest")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


@dataclass(frozen=True)
class Clinic:
    """What the contact screen shows; empty text means 'not given'."""

    name: str = ""
    address: str = ""
    phone: str = ""
    website: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.address or self.phone or self.website)


@dataclass(frozen=True)
class KioskSettings:
    idle_seconds: int = 90
    languages: tuple[str, ...] = ("en",)
    staff_pin_sha256: str | None = None
    show_cursor: bool = False
    text_size: str = "normal"  # what each visit starts with; patients change it with "Aa"
    high_contrast: bool = False


@dataclass(frozen=True)
class Welcome:
    """The welcome screen's headline, so a clinic can say what its kiosk is about.

    `[welcome]` holds the first language's text; `[welcome.es]` and the like hold the others.
    """

    title: str = "Patient information"
    subtitle: str = ""
    translations: tuple[tuple[str, str, str], ...] = ()  # (language, title, subtitle)

    def for_language(self, language: str) -> tuple[str, str]:
        for code, title, subtitle in self.translations:
            if code == language:
                return title or self.title, subtitle
        return self.title, self.subtitle


@dataclass(frozen=True)
class Config:
    clinic: Clinic = field(default_factory=Clinic)
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    welcome: Welcome = field(default_factory=Welcome)


@dataclass(frozen=True)
class ConfigResult:
    """`usable` is False when the file could not be read as TOML at all."""

    config: Config
    problems: tuple[Problem, ...]
    usable: bool


_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_END = re.compile(r"\(at end of document\)")
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "clinic": ("name", "address", "phone", "website"),
    "kiosk": ("idle_seconds", "languages", "staff_pin_sha256", "show_cursor", "text_size", "high_contrast"),
    "welcome": ("title", "subtitle"),
}


def bad_byte_line(raw: bytes, exc: UnicodeDecodeError) -> int:
    """Line of the first byte that is not UTF-8 (the decoder counts from after a BOM)."""
    offset = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    return raw[: exc.start + offset].count(b"\n") + 1


def key_line(text: str, section: str, key: str | None = None) -> int:
    """Line number of `[section]` or of `key` inside it; 1 when it cannot be found.

    A dotted header such as `[clinic.hours]` counts as the line of key `hours` in `[clinic]`.
    """
    current = ""
    header = re.compile(r"\s*\[\s*([^\]\s]+)\s*\]")
    for number, line in enumerate(text.split("\n"), start=1):
        match = header.match(line)
        if match:
            current = match.group(1).strip("\"'")
            if key is None and current == section:
                return number
            if key is not None and current == f"{section}.{key}":
                return number
            continue
        if key is not None and current == section and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return 1


def load_config(path: Path) -> ConfigResult:
    """Read `path`; a missing file gives the defaults and a warning."""
    if not path.exists():
        return ConfigResult(Config(), (warning(path, 1, "no kiosk.toml; using default settings and no contact screen"),), True)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return ConfigResult(Config(), (error(path, 1, f"cannot read file: {exc.strerror}"),), False)
    if len(raw) > MAX_CONFIG_BYTES:
        return ConfigResult(Config(), (error(path, 1, f"file is {len(raw)} bytes; at most {MAX_CONFIG_BYTES} allowed"),), False)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ConfigResult(Config(), (error(path, bad_byte_line(raw, exc), "file is not UTF-8 text"),), False)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else max(1, len(text.rstrip("\n").split("\n")))
        message = _TOML_END.sub("", _TOML_LINE.sub("", str(exc))).strip()
        return ConfigResult(Config(), (error(path, line, f"not valid TOML: {message}"),), False)
    except ValueError:  # tomllib lets Python's limit on huge integers through as a plain ValueError
        huge = re.search(r"\d{4000,}", text)
        line = text[: huge.start()].count("\n") + 1 if huge else 1
        return ConfigResult(Config(), (error(path, line, "not valid TOML: a number is far too long"),), False)
    except RecursionError:
        return ConfigResult(Config(), (error(path, 1, "not valid TOML: values are nested too deeply"),), False)
    return _parse(path, text, data)


def _parse(path: Path, text: str, data: dict) -> ConfigResult:
    problems: list[Problem] = []

    def complain(section: str, key: str | None, message: str, *, is_error: bool = True) -> None:
        make = error if is_error else warning
        problems.append(make(path, key_line(text, section, key), message))

    for section, value in data.items():
        if section not in KNOWN_KEYS:
            complain(section, None, f"unknown section [{section}] (expected one of {', '.join(KNOWN_KEYS)})", is_error=False)
        elif not isinstance(value, dict):
            complain(section, None, f"'{section}' must be a section written [{section}]")
        else:
            for key, item in value.items():
                if section == "welcome" and isinstance(item, dict) and LANGUAGE_CODE.fullmatch(key):
                    continue
                if key not in KNOWN_KEYS[section]:
                    complain(section, key, f"unknown key '{key}' in [{section}]", is_error=False)

    def section(name: str) -> dict:
        value = data.get(name, {})
        return value if isinstance(value, dict) else {}

    def text_value(sec: str, key: str, default: str = "") -> str:
        value = section(sec).get(key, default)
        if isinstance(value, str):
            return value.strip()
        complain(sec, key, f"'{key}' must be text in quotes")
        return default

    clinic_data = section("clinic")
    website = text_value("clinic", "website")
    if website and (reason := url_problem(website)):
        complain("clinic", "website", f"website {reason}; the contact screen shows no QR code")
        website = ""
    clinic = Clinic(
        name=text_value("clinic", "name"),
        address=text_value("clinic", "address"),
        phone=text_value("clinic", "phone"),
        website=website,
    )
    if "clinic" not in data:
        complain("clinic", None, "no [clinic] section; the contact screen is left out", is_error=False)
    else:
        for key in ("name", "phone", "website"):
            if key not in clinic_data:
                complain("clinic", None, f"[clinic] has no '{key}'", is_error=False)

    settings = section("kiosk")
    defaults = KioskSettings()
    idle = settings.get("idle_seconds", defaults.idle_seconds)
    if isinstance(idle, bool) or not isinstance(idle, int) or idle < MIN_IDLE_SECONDS:
        complain("kiosk", "idle_seconds", f"idle_seconds must be a whole number of at least {MIN_IDLE_SECONDS}; using {defaults.idle_seconds}")
        idle = defaults.idle_seconds

    languages = settings.get("languages", list(defaults.languages))
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(code, str) and LANGUAGE_CODE.fullmatch(code) for code in languages)
    ):
        complain("kiosk", "languages", 'languages must be a list of folder names such as ["en", "es"]; using ["en"]')
        languages = list(defaults.languages)
    elif len(set(languages)) != len(languages):
        complain("kiosk", "languages", "languages lists the same folder twice", is_error=False)
        languages = list(dict.fromkeys(languages))

    pin_hash = settings.get("staff_pin_sha256")
    if pin_hash is not None and (not isinstance(pin_hash, str) or not SHA256_HEX.fullmatch(pin_hash.lower())):
        complain("kiosk", "staff_pin_sha256", "staff_pin_sha256 must be 64 hex digits (make it with `kiosk pin`); staff exit is disabled")
        pin_hash = None

    if pin_hash is None:
        complain("kiosk", None, "no staff_pin_sha256: staff exit is disabled (make one with `kiosk pin`)", is_error=False)
    elif pin_hash.lower() == hash_pin(DEMO_PIN):
        complain("kiosk", "staff_pin_sha256", f"staff PIN is the demo PIN {DEMO_PIN}: change it before deploying (`kiosk pin`)", is_error=False)

    show_cursor = settings.get("show_cursor", defaults.show_cursor)
    if not isinstance(show_cursor, bool):
        complain("kiosk", "show_cursor", "show_cursor must be true or false")
        show_cursor = defaults.show_cursor

    text_size = settings.get("text_size", defaults.text_size)
    if text_size not in TEXT_SIZES:
        complain("kiosk", "text_size", f"text_size must be one of {', '.join(TEXT_SIZES)}; using normal")
        text_size = defaults.text_size

    high_contrast = settings.get("high_contrast", defaults.high_contrast)
    if not isinstance(high_contrast, bool):
        complain("kiosk", "high_contrast", "high_contrast must be true or false")
        high_contrast = defaults.high_contrast

    welcome_defaults = Welcome()
    translations = []
    for code, table in section("welcome").items():
        if isinstance(table, dict) and LANGUAGE_CODE.fullmatch(code):
            title = table.get("title", "")
            subtitle = table.get("subtitle", "")
            if not isinstance(title, str) or not isinstance(subtitle, str):
                complain("welcome", code, f"[welcome.{code}] title and subtitle must be text in quotes")
                continue
            translations.append((code, title.strip(), subtitle.strip()))
    welcome = Welcome(
        title=text_value("welcome", "title", welcome_defaults.title) or welcome_defaults.title,
        subtitle=text_value("welcome", "subtitle", welcome_defaults.subtitle),
        translations=tuple(translations),
    )
    config = Config(
        clinic=clinic,
        kiosk=KioskSettings(
            idle_seconds=idle,
            languages=tuple(languages),
            staff_pin_sha256=pin_hash.lower() if isinstance(pin_hash, str) else None,
            show_cursor=show_cursor,
            text_size=text_size,
            high_contrast=high_contrast,
        ),
        welcome=welcome,
    )
    return ConfigResult(config, tuple(problems), True)
