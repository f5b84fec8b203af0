"""Big pictures: the longest the screen thread stalls while cards with them are built, shown and reloaded.

    .venv/bin/python bench/pictures.py                 # 8000x8000 PNG and a 12-megapixel JPEG, offscreen
    .venv/bin/python bench/pictures.py --rounds 5      # steadier figures
    .venv/bin/python bench/pictures.py --xvfb          # in a real X window (Xvfb :97)

The real KioskApp (1920x1080, default 250 ms page animation) on a copy of the sample content with two
cards added: one whose header and text show an 8000x8000 PNG (64 megapixels, the most the kiosk
accepts), one with a 4000x3000 JPEG phone photo. A 5 ms timer on the screen thread records the gap
between its ticks; a gap over 33 ms is a dropped frame at 30 fps (and a touch that waits).

(a) Start-up: building the kiosk reads content synchronously, which walks every picture once (the
    PNG inflate); reported, no target (the screen is not up yet).
(b) Paging: from the welcome screen, Next (animated) through every card to the contact screen and
    back, each step as soon as the last settled; the pager builds each neighbour ahead and its
    pictures are decoded on the worker meanwhile. Longest gap from the first tap until every picture
    is decoded and painted. Target <= 33 ms. Each round starts from an empty picture cache.
(c) Reload: the big PNG saved again (new bytes, same size) while its card is on screen: the watcher
    reloads on its worker (the picture is walked again) and the view re-decodes it. Longest gap until
    the new picture is painted. Target <= 33 ms.
(d) For comparison, what the screen thread paid per picture before (QPixmap(path) then scaled on the
    screen thread, as kiosk/ui/card.py did): timed directly.
(e) Each picture decoded by the picture loader while the screen thread does nothing else: the
    longest gap is what the decode itself costs the screen. Target <= 33 ms. Then the same timer
    with nothing at all to do: the scheduling noise of the machine, for scale.
(b) and (c) also build and lay out card views on the screen thread (about 30 ms each on an idle
machine); (b) is run on the sample deck without the picture cards too, for scale.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c

FRAME_MS = 33.0


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=3, help="paging rounds (b) and reloads (c)")
    p.add_argument("--xvfb", action="store_true", help="run in a real X window under Xvfb (default offscreen)")
    p.add_argument("--display", default=":97")
    return p.parse_args()


def make_pictures(images: Path, salt: int = 0) -> None:
    """An 8000x8000 PNG that does not compress to nothing (coloured blocks) and a 12 MP photo-like JPEG."""
    import random

    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

    rng = random.Random(salt)
    big = QImage(8000, 8000, QImage.Format.Format_RGB32)
    big.fill(QColor("white"))
    painter = QPainter(big)
    for _ in range(3000):
        painter.fillRect(rng.randrange(8000), rng.randrange(8000), 200, 200, QColor(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    painter.end()
    big.save(str(images / "scan.png"))
    photo = QImage(4000, 3000, QImage.Format.Format_RGB32)
    painter = QPainter(photo)
    gradient = QLinearGradient(0, 0, 4000, 3000)
    gradient.setColorAt(0, QColor("darkgreen"))
    gradient.setColorAt(1, QColor("skyblue"))
    painter.fillRect(photo.rect(), gradient)
    for _ in range(4000):
        painter.setPen(QColor(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        painter.drawEllipse(rng.randrange(4000), rng.randrange(3000), 60, 40)
    painter.end()
    photo.save(str(images / "photo.jpg"), None, 90)


class GapMeter:
    """Records the longest gap between ticks of a 5 ms timer on the screen thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.longest * 1000

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def run_until(app, done, timeout_s: float = 30.0) -> bool:
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            return False
        app.processEvents()
        time.sleep(0.001)
    return True


def paging(app, window, meter: GapMeter, all_painted) -> float:
    """Next through every page and back, as a patient would; the longest gap until all is painted."""
    from kiosk.runtime import pictures

    pictures.shared_pictures()._cache.clear()  # each round decodes again
    window.go_to(0, animate=False)
    run_until(app, lambda: True)
    meter.start()
    for index in [*range(1, window.screens.count), *range(window.screens.count - 2, -1, -1)]:
        window.go_to(index, animate=True)
        run_until(app, lambda: not window.pager.is_animating(), 10)
        deadline = time.perf_counter() + 0.3
        run_until(app, lambda: time.perf_counter() > deadline)  # a patient reads for a moment
    run_until(app, all_painted)
    return meter.stop()


def main() -> None:
    args = parse()
    xvfb = c.start_xvfb(args.display) if args.xvfb else None
    if not args.xvfb:
        c.use_offscreen()
    try:
        bench(args)
    finally:
        c.stop(xvfb)


def bench(args: argparse.Namespace) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QApplication

    from kiosk.runtime import pictures
    from kiosk.ui.card import CardView

    c.header("pictures: frame gaps with an 8000x8000 PNG and a 12 MP JPEG")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    c.quiet_qt_logs()
    tmp, root = c.private_content()
    images = root / "images"
    make_pictures(images)
    for name, picture in (("12-scan.md", "scan.png"), ("14-photo.md", "photo.jpg")):
        (root / "en" / name).write_text(f"---\ntitle: A picture\nimage: images/{picture}\n---\nText above.\n\n"
                                        f"![The picture](images/{picture})\n\nText below.\n", encoding="utf-8")
    print(f"scan.png {(images / 'scan.png').stat().st_size / 2**20:.1f} MB, photo.jpg {(images / 'photo.jpg').stat().st_size / 2**20:.1f} MB")

    started = time.perf_counter()
    app, kiosk = c.make_kiosk(root, watch=True)
    print(f"(a) start-up with both pictures walked once: {(time.perf_counter() - started) * 1000:.0f} ms (no target)")
    window = kiosk.window
    meter = GapMeter()

    def all_painted() -> bool:
        views = [view for view in kiosk.views.built() if isinstance(view, CardView) and view.card and view.card.pictures]
        return not pictures.shared_pictures().is_pending() and all(not view.picture.pixmap().isNull() for view in views)

    gaps_b = [paging(app, window, meter, all_painted) for _ in range(args.rounds)]
    c.figure("(b) longest gap while paging (worst round)", max(gaps_b), "ms", FRAME_MS)
    print(f"    rounds: {', '.join(f'{gap:.0f}' for gap in gaps_b)} ms")
    _, plain_root = c.private_content()
    _, plain = c.make_kiosk(plain_root)
    gaps_plain = [paging(app, plain.window, meter, lambda: True) for _ in range(args.rounds)]
    print(f"    the same paging on the sample deck without pictures, for scale: worst {max(gaps_plain):.0f} ms "
          f"(rounds: {', '.join(f'{gap:.0f}' for gap in gaps_plain)} ms)")
    plain.window.close()

    scan_index = next(i for i, screen in enumerate(window.screens.all()) if screen.slug == "12-scan.md")
    window.go_to(scan_index, animate=False)
    run_until(app, all_painted)
    gaps_c: list[float] = []
    for round_ in range(args.rounds):
        view = window.pager.current_page()
        before = view.picture.pixmap().cacheKey()
        make_pictures(images, salt=round_ + 1)
        meter.start()
        ok = run_until(app, lambda: isinstance(window.pager.current_page(), CardView)
                       and not window.pager.current_page().picture.pixmap().isNull()
                       and window.pager.current_page().picture.pixmap().cacheKey() != before and not pictures.shared_pictures().is_pending(), 60)
        gaps_c.append(meter.stop())
        if not ok:
            print("    the new picture did not show within 60 s")
    c.figure("(c) longest gap while a saved picture reloads", max(gaps_c), "ms", FRAME_MS)

    from PySide6.QtCore import QSize

    from kiosk.core.picture_files import shown_picture

    loader = pictures.PictureLoader()
    for name in ("scan.png", "photo.jpg"):
        picture = shown_picture(images / name)
        gaps_e = []
        for round_ in range(args.rounds):
            meter.start()
            loader.image(picture, QSize(1000 + round_, 1000))  # a size not decoded yet
            run_until(app, lambda: not loader.is_pending(), 60)
            gaps_e.append(meter.stop())
        c.figure(f"(e) longest gap while {name} decodes, nothing else", max(gaps_e), "ms", FRAME_MS)
    meter.start()
    deadline = time.perf_counter() + 2
    run_until(app, lambda: time.perf_counter() > deadline)
    print(f"    the same timer over 2 s with nothing to do, for scale (other jobs on the machine): {meter.stop():.0f} ms")
    for name in ("scan.png", "photo.jpg"):
        started = time.perf_counter()
        QPixmap(str(images / name)).scaled(1000, 324, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        print(f"(d) before: {name} decoded and scaled on the screen thread: {(time.perf_counter() - started) * 1000:.0f} ms")
    kiosk.watcher.stop()
    window.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
