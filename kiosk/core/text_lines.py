"""Which line of a staff-edited file a problem is on: every message for staff names file and line."""

from __future__ import annotations

import codecs
import re

TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
TOML_END = re.compile(r"\(at end of document\)")


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
