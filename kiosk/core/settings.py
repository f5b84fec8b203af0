"""How a `kiosk.toml` setting is declared: once, with its type, default, rule and help.

Each setting is a field of a frozen section dataclass in `kiosk.core.config`, declared with
`setting(default, kind, help)`. Everything else is derived from that one declaration: which keys
and sections exist (so typos are reported), how a value is checked, the message and fallback when
it is wrong, and the settings table in the README (a test keeps the two in step).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import Field, dataclass, field, fields, is_dataclass
from typing import Any

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9_]{2,8})?")


class Invalid(ValueError):
    """A value that breaks its setting's rule; `reason` reads after the key ("must be …")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Kind:
    """What a setting accepts: `rule` says it in words, `parse` turns TOML into the value or raises Invalid."""

    rule: str
    parse: Callable[[Any], Any]
    show: Callable[[Any], str] = lambda value: toml_value(value)


@dataclass(frozen=True)
class Setting:
    kind: Kind
    help: str
    fallback: str = ""  # what happens when the value is wrong; default: "using <default>"


def setting(default: Any, kind: Kind, help: str, *, fallback: str = "") -> Any:
    """A section field that is a kiosk.toml setting (use as the field's default)."""
    meta = {"setting": Setting(kind, help, fallback)}
    if isinstance(default, (list, dict, set)):
        raise TypeError("settings hold immutable defaults (use a tuple)")
    return field(default=default, metadata=meta)


def declared(section_cls: type) -> Iterator[tuple[Field[Any], Setting]]:
    """The fields of a section that are settings, in declaration order."""
    for item in fields(section_cls):
        spec = item.metadata.get("setting")
        if isinstance(spec, Setting):
            yield item, spec


def toml_value(value: Any) -> str:
    """A value written as staff would write it in kiosk.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple) and all(isinstance(item, tuple) and len(item) == 2 for item in value):
        return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value) + " }" if value else "{}"
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if value is None:
        return "(not set)"
    return str(value)


def fallback_message(key: str, spec: Setting, default: Any, reason: str) -> str:
    return f"{key} {reason}; {spec.fallback or 'using ' + spec.kind.show(default)}"


# --- kinds ---------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid("must be text in quotes")
    return value.strip()


def text(rule: str = "text in quotes", check: Callable[[str], str | None] | None = None) -> Kind:
    """Text; `check` returns a reason ("must …") for text that is not acceptable."""

    def parse(value: Any) -> str:
        result = _text(value)
        if check is not None and result and (reason := check(result)):
            raise Invalid(reason)
        return result

    return Kind(rule, parse)


def optional_text(rule: str, check: Callable[[str], str | None]) -> Kind:
    """Text that may be left out (None); an empty string counts as left out."""

    def parse(value: Any) -> str | None:
        result = _text(value)
        if result and (reason := check(result)):
            raise Invalid(reason)
        return result or None

    return Kind(rule, parse)


def whole(minimum: int) -> Kind:
    rule = f"a whole number of at least {minimum}"

    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise Invalid(f"must be {rule}")
        return value

    return Kind(rule, parse)


def between(minimum: int, maximum: int) -> Kind:
    rule = f"a whole number from {minimum} to {maximum}"

    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            raise Invalid(f"must be {rule}")
        return value

    return Kind(rule, parse)


def flag() -> Kind:
    def parse(value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid("must be true or false")
        return value

    return Kind("true or false", parse)


def choice(options: Sequence[str]) -> Kind:
    rule = f"one of {', '.join(options)}"

    def parse(value: Any) -> str:
        if value not in options:
            raise Invalid(f"must be {rule}")
        return str(value)

    return Kind(rule, parse)


def text_list(rule: str, item: Callable[[str], bool], *, empty_ok: bool = False) -> Kind:
    """A TOML array of text; repeated entries are dropped (keeping the first)."""

    def parse(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or (not value and not empty_ok) or not all(
            isinstance(entry, str) and item(entry) for entry in value
        ):
            raise Invalid(f"must be {rule}")
        return tuple(dict.fromkeys(value))

    return Kind(rule, parse)


def per_language(rule: str = "text for each language, such as es = \"…\"") -> Kind:
    """A table of language code → text, written `key.es = "…"`; kept as sorted (code, text) pairs."""

    def parse(value: Any) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, dict) or not all(
            isinstance(code, str) and LANGUAGE_CODE.fullmatch(code) and isinstance(entry, str)
            for code, entry in value.items()
        ):
            raise Invalid(f"must be {rule}")
        return tuple(sorted((code, entry.strip()) for code, entry in value.items()))

    return Kind(rule, parse)


# --- the README's table --------------------------------------------------------------------------


def settings_table(sections: Sequence[tuple[str, type]]) -> str:
    """The Markdown table of every setting, as the README shows it."""
    rows = ["| setting | default | accepts | what it does |", "|---|---|---|---|"]
    for name, section_cls in sections:
        assert is_dataclass(section_cls)
        for item, spec in declared(section_cls):
            default = spec.kind.show(item.default).replace("|", "\\|")
            rule = spec.kind.rule.replace("|", "\\|")
            rows.append(f"| `[{name}] {item.name}` | `{default}` | {rule} | {spec.help} |")
    return "\n".join(rows)
