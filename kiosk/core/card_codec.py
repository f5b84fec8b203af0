"""Parsed cards as JSON, for the parse cache in the state folder (kiosk.core.parse_cache).

JSON and not pickle: reading a pickle runs whatever code its writer put in it, and the cache is a
file on disk like any other. Each value is written with its kind, and read back only as one of the
kinds below; anything else (a damaged or foreign file that still passed the file's checks) raises
ValueError, and the card is parsed from its file instead.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.core.card_data import Callout, Card, CardResult
from kiosk.core.governance import Governance
from kiosk.core.picture_files import ShownPicture
from kiosk.core.problems import Problem, Severity
from kiosk.core.reading import ReadingBlock

# What a CardResult holds, by name, with its fields in the order its constructor takes them.
_KINDS: dict[str, tuple[type, tuple[str, ...]]] = {
    cls.__name__: (cls, tuple(field.name for field in dataclasses.fields(cls))) for cls in (CardResult, Card, ReadingBlock, Governance, Problem)
}
_KINDS["ShownPicture"] = (ShownPicture, ShownPicture._fields)


def encode(value: CardResult | Callout) -> Any:
    """A parsed card or a rendered callout as JSON-ready lists, dicts and plain values."""
    return _encode(value)


def decode_result(data: Any) -> CardResult:
    """What encode_result wrote, or ValueError."""
    try:
        result = _decode(data)
    except (TypeError, KeyError, RecursionError) as exc:  # a field of the wrong kind for its class
        raise ValueError(f"not a parsed card ({exc})") from exc
    if not isinstance(result, CardResult):
        raise ValueError("not a parsed card")
    return result


def decode_callout(data: Any) -> Callout:
    """What encode wrote for a callout, or ValueError."""
    try:
        callout = _decode(data)
    except (TypeError, KeyError, RecursionError) as exc:
        raise ValueError(f"not a callout ({exc})") from exc
    match callout:
        case (str() as html, tuple() as blocks) if all(isinstance(block, ReadingBlock) for block in blocks):
            return html, blocks
    raise ValueError("not a callout")


def _encode(value: Any) -> Any:
    if isinstance(value, Severity):  # before str: a Severity is a str too
        return {"s": value.value}
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Path):
        return {"p": str(value)}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    kind = _KINDS.get(type(value).__name__)
    if kind is not None and type(value) is kind[0]:  # before tuple: a ShownPicture is a tuple too
        return {"c": type(value).__name__, "f": [_encode(getattr(value, name)) for name in kind[1]]}
    if isinstance(value, tuple):
        return {"t": [_encode(item) for item in value]}
    raise TypeError(f"a parsed card does not hold {type(value).__name__}")


def _decode(data: Any) -> Any:
    if data is None or isinstance(data, (bool, int, str)):
        return data
    if not isinstance(data, dict):
        raise ValueError(f"unexpected {type(data).__name__}")
    if data.keys() == {"c", "f"}:
        kind = _KINDS.get(data["c"]) if isinstance(data["c"], str) else None
        if kind is None or not isinstance(data["f"], list) or len(data["f"]) != len(kind[1]):
            raise ValueError(f"unexpected class {data['c']!r}")
        return kind[0](*(_decode(item) for item in data["f"]))
    if len(data) == 1:
        ((tag, inner),) = data.items()
        if tag == "t" and isinstance(inner, list):
            return tuple(_decode(item) for item in inner)
        if isinstance(inner, str):
            if tag == "p":
                return Path(inner)
            if tag == "d":
                return date.fromisoformat(inner)
            if tag == "s":
                return Severity(inner)
    raise ValueError(f"unexpected value {str(data)[:60]}")
