"""Reads a small staff-edited TOML file, or says in plain words (with the line) why it cannot be used.

Used for `kiosk.toml` and each topic's `topic.toml`: a regular file only, a size limit, UTF-8 (a BOM
is fine), and tomllib's complaint turned into a line number and a message without Python's wording
around it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.files import FileMissing, FileTooLarge, FileUnreadable, read_regular
from kiosk.core.problems import Problem, error
from kiosk.core.text_lines import TOML_END, TOML_LINE, bad_byte_line


@dataclass(frozen=True)
class TomlFile:
    """`data` is None when the file cannot be used; `problem` then says why."""

    data: dict[str, Any] | None
    text: str = ""
    problem: Problem | None = None
    missing: bool = False


def read_toml(path: Path, limit: int) -> TomlFile:
    try:
        raw = read_regular(path, limit)
    except FileMissing:
        return TomlFile(None, problem=error(path, 1, f"{path.name} is missing"), missing=True)
    except FileTooLarge as exc:
        return TomlFile(None, problem=error(path, 1, f"file is {exc.size} bytes; at most {limit} allowed"))
    except FileUnreadable as exc:
        return TomlFile(None, problem=error(path, 1, f"{path.name} {exc.reason}" if exc.reason.startswith("is ") else exc.reason))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return TomlFile(None, problem=error(path, bad_byte_line(raw, exc), "file is not UTF-8 text"))
    try:
        return TomlFile(tomllib.loads(text), text)
    except tomllib.TOMLDecodeError as exc:
        match = TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else max(1, len(text.rstrip("\n").split("\n")))
        message = TOML_END.sub("", TOML_LINE.sub("", str(exc))).strip()
        return TomlFile(None, text, error(path, line, f"not valid TOML: {message}"))
    except ValueError:  # tomllib lets Python's limit on huge integers through as a plain ValueError
        huge = re.search(r"\d{4000,}", text)
        line = text[: huge.start()].count("\n") + 1 if huge else 1
        return TomlFile(None, text, error(path, line, "not valid TOML: a number is far too long"))
    except RecursionError:
        return TomlFile(None, text, error(path, 1, "not valid TOML: values are nested too deeply"))
