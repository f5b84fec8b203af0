"""`named(name, widget)`: a widget with its object name, the name the style sheet and the tests find it by.

PySide6 accepts `named("Title", QLabel())`, but its type stubs list only each class's own
properties as keywords (not QObject's objectName), so a type checker rejects that spelling.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

Named = TypeVar("Named", bound=QObject)


def named(name: str, thing: Named) -> Named:
    """`thing`, with `name` as its object name."""
    thing.setObjectName(name)
    return thing
