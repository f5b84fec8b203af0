"""The CommonMark spec's examples, kept in the repository so the tests that need them never skip:
tests/data/commonmark/ (CC BY-SA 4.0, attributed in its README.md)."""

from __future__ import annotations

from pathlib import Path

# Every example: its Markdown, the spec's expected HTML, its section (the fidelity test and the perf decks).
COMMONMARK_SPEC = Path(__file__).resolve().parents[1] / "data" / "commonmark" / "commonmark-spec.json"
