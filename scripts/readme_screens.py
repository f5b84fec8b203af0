"""Remake the README's pictures of what patients see that `kiosk snapshot` alone cannot draw: a
Spanish card, the largest text in high contrast, the text-size panel and the idle prompt, and from
the test deck in eight languages the language grid, an Arabic card (mirrored, both screen shapes), a
Chinese card and a page of the Arabic handout (that one needs poppler's pdftoppm).

    .venv/bin/python scripts/readme_screens.py [--content content] [--out docs/screens] [--size 1920x1080]

Every picture is the real kiosk laid out off screen (`kiosk.tools.snapshot.offscreen_kiosk`), as a
patient would see it after the taps it names. `kiosk snapshot` makes the rest of docs/screens/.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from kiosk.cli import main as kiosk_command  # noqa: E402
from kiosk.core.visit import Kind, Screen  # noqa: E402
from kiosk.tools.snapshot import offscreen_kiosk  # noqa: E402


def card_index(kiosk, slug: str) -> int:
    """The window's index of the card from file `slug`; in a topic library, with its topic opened."""
    state = kiosk.state
    if state.library:
        topic = next((t.name for t in state.topics if any(card.slug == slug for card in t.cards(kiosk.language))), None)
        if topic is None:
            raise SystemExit(f"no card {slug} in this content")
        kiosk.pages.open(topic)
        return kiosk.window.screens.index_of(Screen(Kind.CARD, slug, topic))
    index = kiosk.window.screens.index_of(Screen(Kind.CARD, slug))
    if index is None:
        raise SystemExit(f"no card {slug} in this content")
    return index


def save(kiosk, path: Path) -> None:
    for _ in range(3):  # layout, then the neighbours' idle work, then paint
        QCoreApplication.processEvents()
    kiosk.window.grab().save(str(path))
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--out", type=Path, default=Path("docs/screens"))
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--languages", type=Path, default=Path("tests/data/languages"), help="the test deck in eight languages")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    with offscreen_kiosk(args.content, size) as kiosk:
        window = kiosk.window
        kiosk.set_language("es")
        window.go_to(card_index(kiosk, "50-risks-and-limits.md"), animate=False)
        save(kiosk, args.out / "es-risks.png")
        kiosk.set_language("en")
        kiosk.set_text_size("largest")
        kiosk.set_high_contrast(True)
        window.go_to(card_index(kiosk, "40-a-treatment-session.md"), animate=False)
        save(kiosk, args.out / "contrast-largest-session.png")
        kiosk.set_text_size("normal")
        kiosk.set_high_contrast(False)
        kiosk.open_display_panel()
        save(kiosk, args.out / "display-panel.png")
        kiosk.display_panel.hide()
        kiosk.idle_overlay.start()  # the real countdown: 30 seconds
        save(kiosk, args.out / "idle-prompt.png")
        kiosk.idle_overlay.cancel()
    with offscreen_kiosk(args.languages, size) as kiosk:
        kiosk.window.visit_bar.picker.click()
        save(kiosk, args.out / "language-picker.png")
        kiosk.languages.picker.hide()
        for language, name in (("ar", "ar-card.png"), ("zh", "zh-card.png")):
            kiosk.set_language(language)
            kiosk.window.go_to(1, animate=False)
            save(kiosk, args.out / name)
    with offscreen_kiosk(args.languages, (size[1], size[0])) as kiosk:
        kiosk.set_language("ar")
        kiosk.window.go_to(1, animate=False)
        save(kiosk, args.out / "ar-card-portrait.png")
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "ar.pdf"
        kiosk_command(["handout", "--content", str(args.languages), "--language", "ar", "--paper", "a4", "--out", str(pdf)])
        subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf), str(args.out / "ar-handout")], check=True)
        print(args.out / "ar-handout.png")


if __name__ == "__main__":
    main()
