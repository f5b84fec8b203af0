"""Sizes and colours derived from the screen, applied once to the whole application as a style sheet.

Type is sized from the screen's shorter side (body text about 3% of it): the height of a landscape
screen, the width of a portrait one, so a floor-standing 1080x1920 kiosk reads like a 1920x1080 one
and nothing is sized past the width. Touch targets stay at least about 9 mm. Layouts that need more
room than a narrow screen has wrap or stack instead (kiosk/ui/flow.py); they never push past it.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template
from typing import Protocol

from PySide6.QtWidgets import QApplication

from kiosk.core.fonts import BODY_FAMILY
from kiosk.core.paths import read_resource
from kiosk.core.tuning import TEXT_SCALES
from kiosk.runtime.font_registry import load_bundled_fonts

REFERENCE_SIDE = 1080  # sizes below are written for a 1920x1080 screen
SMALLEST_SIDE = 480  # below this (800x480 is the smallest kiosk panel we know) sizes stop shrinking


@dataclass(frozen=True)
class Palette:
    background: str = "#FAF7F2"
    bar: str = "#FFFFFF"
    text: str = "#1B1B1B"
    muted: str = "#454545"
    accent: str = "#0B5C6B"
    on_accent: str = "#FFFFFF"
    button: str = "#FFFFFF"
    pressed: str = "#083F4A"
    border: str = "#D6D0C4"
    focus_ring: str = "#B3400A"
    dot_off: str = "#8A8A8A"
    reading: str = "#FFEDB0"  # behind the block Listen is reading (text on it: 14:1)


NORMAL = Palette()
# At least WCAG AAA (7:1) for every pair, for patients who see low contrast poorly.
HIGH_CONTRAST = Palette(
    background="#000000",
    bar="#000000",
    text="#FFFFFF",
    muted="#FFFFFF",
    accent="#FFE14D",
    on_accent="#000000",
    button="#000000",
    pressed="#FFFFFF",
    border="#FFFFFF",
    focus_ring="#5CD6FF",
    dot_off="#BDBDBD",
    reading="#4D3F00",  # white on it: 10:1
)


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for a screen whose shorter side is `side` px, at one text size.

    Only the shorter side sets sizes; how much fits across is each layout's business (they wrap or
    stack), so two screens with the same shorter side share one set of sizes and one style sheet.
    """

    side: int
    text_scale: float = 1.0

    @classmethod
    def for_size(cls, width: int, height: int, text_scale: float = 1.0) -> Metrics:
        return cls(min(width, height), text_scale)

    @property
    def unit(self) -> float:
        return max(self.side, SMALLEST_SIDE) / REFERENCE_SIDE

    def with_text_scale(self, text_scale: float) -> Metrics:
        return Metrics(self.side, text_scale)

    def px(self, size_at_1080: float, *, scaled_text: bool = False) -> int:
        factor = self.text_scale if scaled_text else 1.0
        return max(1, round(size_at_1080 * self.unit * factor))

    @property
    def body(self) -> int:
        return self.px(34, scaled_text=True)

    @property
    def small(self) -> int:
        return self.px(28, scaled_text=True)

    @property
    def title(self) -> int:
        return self.px(54, scaled_text=True)

    @property
    def hero(self) -> int:
        return self.px(72, scaled_text=True)

    @property
    def target(self) -> int:
        """Touch target height: ~9 mm on a 24" 1080p panel is 80 px; a little more is kinder."""
        return self.px(96)

    @property
    def margin(self) -> int:
        return self.px(64)

    @property
    def icon(self) -> int:
        return self.px(72, scaled_text=True)

    @property
    def qr(self) -> int:
        return self.px(460)


@dataclass(frozen=True)
class Theme:
    """What the kiosk looks like right now: sizes for this screen and text size, and the colours."""

    metrics: Metrics
    palette: Palette = NORMAL
    # The style sheet's font-family list: the body font, then its fallbacks in the order the visit's
    # language wants them (kiosk.core.fonts.font_families). Only the body font: Qt's substitutions.
    families: tuple[str, ...] = (BODY_FAMILY,)

    @classmethod
    def for_screen(cls, side: int, text_size: str = "normal", high_contrast: bool = False) -> Theme:
        """For a screen whose shorter side is `side` px (its height, when landscape)."""
        return cls.for_visit(Metrics(side), text_size, high_contrast)

    @classmethod
    def for_visit(cls, screen: Metrics, text_size: str = "normal", high_contrast: bool = False,
                  families: tuple[str, ...] = (BODY_FAMILY,)) -> Theme:
        """The screen's sizes at the text size and colours a patient chose, fonts for their language."""
        metrics = screen.with_text_scale(TEXT_SCALES.get(text_size, 1.0))
        return cls(metrics, HIGH_CONTRAST if high_contrast else NORMAL, families)


class Themed(Protocol):
    """A widget that follows the theme: the kiosk hands it the new one when the look changes."""

    def set_theme(self, theme: Theme) -> None: ...


def load_fonts() -> None:
    """Register the bundled fonts once. The emoji, symbol and script fonts become the body font's
    fallbacks (and Noto Emoji the emoji font), so a character they have is drawn by them: the same on
    every kiosk, never by whatever the machine has, never as an empty box (kiosk.core.coverage)."""
    load_bundled_fonts()


def style_sheet(metrics: Metrics, palette: Palette = NORMAL, families: tuple[str, ...] = (BODY_FAMILY,)) -> str:
    values: dict[str, object] = {name: getattr(palette, name) for name in Palette.__dataclass_fields__}
    values.update(
        families=", ".join('"' + family.replace('"', "") + '"' for family in families),
        body=metrics.body, small=metrics.small, title=metrics.title, hero=metrics.hero, tile=metrics.px(44, scaled_text=True),
        target=metrics.target, target_wide=metrics.px(180), target_narrow=metrics.px(40),
        radius=metrics.px(16), pad=metrics.px(28), pad2=metrics.px(64),
        line=max(1, metrics.px(2)), focus=max(2, metrics.px(5)), pad_key=metrics.px(12),
        hero_plain=metrics.px(72), title_plain=metrics.px(54), tile_plain=metrics.px(44), body_plain=metrics.px(34), small_plain=metrics.px(28),
        **{f"size_{name}": round(metrics.px(34) * scale) for name, scale in TEXT_SCALES.items()},
    )
    return Template(read_resource("styles/kiosk.qss")).substitute(values)


def apply_theme(app: QApplication, theme: Theme) -> None:
    sheet = style_sheet(theme.metrics, theme.palette, theme.families)
    if app.styleSheet() != sheet:  # a new window size with the same sizes restyles nothing
        app.setStyleSheet(sheet)
