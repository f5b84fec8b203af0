"""Decks made for measuring: many cards from the sample ones, and the CommonMark spec's examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

SAMPLE_LIBRARY = Path(__file__).resolve().parents[2] / "content"  # the shipped sample: a topic library
CONFIG = '[clinic]\nname = "Test clinic"\nphone = "(301) 828-9513"\n\n[kiosk]\nlanguages = ["en"]\n'


def generated_deck(folder: Path, count: int, name: str = "") -> Path:
    """`count` cards made from the sample ones, each with its own title, in one language (`en`)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLE_LIBRARY.glob("topics/*/en/*.md"))]
    root = folder / (name or f"deck-{count}")
    (root / "en").mkdir(parents=True)
    (root / "kiosk.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(SAMPLE_LIBRARY / "images", root / "images")
    width = len(str(count * 10))
    for number in range(count):
        text = texts[number % len(texts)].replace("title: ", f"title: {number + 1}. ", 1)
        (root / "en" / f"{(number + 1) * 10:0{width}d}-card.md").write_text(text, encoding="utf-8")
    return root


def commonmark_deck(corpus: Path, root: Path) -> Path:
    """Every example of the CommonMark spec (`corpus`: tests/data/commonmark/commonmark-spec.json) as one card."""
    examples = json.loads(corpus.read_text(encoding="utf-8"))["examples"]
    (root / "en").mkdir(parents=True)
    (root / "kiosk.toml").write_text(CONFIG, encoding="utf-8")
    for example in examples:
        number = example["example"]
        (root / "en" / f"{number:03d}-example.md").write_text(f"---\ntitle: Example {number}\n---\n{example['markdown']}", encoding="utf-8")
    return root
