"""`kiosk handout`: the deck as a printable PDF, from the same content the kiosk shows."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path


def run_handout(root: Path, language: str | None, paper: str | None, out: Path, topic: str | None = None) -> int:
    """0: written; 1: the file cannot be written; 2: the content, language or topic cannot be used.

    `topic`: one topic of a library (its folder name, with or without the number); default: every topic."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not root.is_dir():
        print(f"{root}: error: not a content folder", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from kiosk.handout.core import build_handout
    from kiosk.core.store import ContentStore
    from kiosk.core.topics import named
    from kiosk.handout.runtime import default_paper, write_pdf
    from kiosk.runtime.font_registry import use_content_fonts
    from kiosk.ui.theme import load_fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (fonts and QPdfWriter need one)
    load_fonts()
    state = ContentStore(root).reload()
    use_content_fonts(state.fonts)  # a clinic's fonts in content/fonts/, as the kiosk uses them
    for problem in state.problems:
        if problem.is_error:
            print(problem.format(), file=sys.stderr)
    try:
        if topic is not None and not state.library:
            raise ValueError("this content folder has one deck (content/en/ …), not topics: leave out --topic")
        name = (named([t.name for t in state.topics], topic) or topic) if topic is not None else None
        handout = build_handout(state, language or state.config.kiosk.languages[0], date.today(), name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        notes: list[str] = []
        pages = write_pdf(handout, out, paper=paper or default_paper(), notes=notes)
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in notes:
        print(f"note: {line}", file=sys.stderr)
    topics = f"{len(handout.topics)} topics, " if handout.topics else ""
    print(f"{out}: {pages} pages, {topics}{len(handout.cards)} cards, {len(handout.questions)} questions ({handout.language})")
    return 0
