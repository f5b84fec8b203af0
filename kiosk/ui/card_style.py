"""How a card's text is laid out in Qt's rich text: sizes, colours, tables, callouts, the measure.

QTextDocument understands only a subset of CSS (Qt's "Supported HTML Subset"): tables take borders,
padding and background colours (with `border-collapse`), but a `<blockquote>` takes only a
background and margins. So a quote, the callout staff write as `> Questions? Call us.`, is laid
out as a one-cell table with a border, padding and a tint; tables span the text column, and long
words may break anywhere rather than push a table off the screen. The core's HTML stays plain
semantic HTML (what the fidelity test and the read-aloud see); only this module adapts it for Qt.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontMetricsF

from kiosk.ui.theme import Theme

# A comfortable measure for reading is 45-75 characters per line (Bringhurst; 66 the ideal). The
# column is MEASURE_CHARS sample characters wide; whole words wrap, so lines average a few less
# (about 68). The top of the range, because every line saved matters on a landscape screen, where
# patients rarely scroll: the sample deck has 11 "needs scrolling" warnings at 1920x1080 with this
# measure, 16 at 70, 4 with no measure at all (~110-character lines).
MEASURE_CHARS = 75
# Plain English, so the measure counts the characters of real text, spaces included, not of "M".
_SAMPLE = "Ketamine is a medicine. Ask your care team if it is right for you and what it costs."


def mix(colour: str, other: str, share: float) -> str:
    """`share` of `colour` over `other` (a tint of the accent on the page, for example)."""
    a, b = QColor(colour), QColor(other)
    pairs = ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    channels = (round(share * x + (1 - share) * y) for x, y in pairs)
    return "#{:02X}{:02X}{:02X}".format(*channels)


def tint(theme: Theme) -> str:
    """Background of table headers and callouts: the accent, faint, on the page colour."""
    return mix(theme.palette.accent, theme.palette.background, 0.16)


def rule(theme: Theme) -> str:
    """Colour of table cell borders: halfway between text and page, at least 3:1 against the page."""
    return mix(theme.palette.text, theme.palette.background, 0.55)


def document_css(theme: Theme) -> str:
    m, p = theme.metrics, theme.palette
    gap, item = m.px(20, scaled_text=True), m.px(12, scaled_text=True)
    line, thick = max(1, m.px(2)), max(2, m.px(4))
    pad = m.px(14, scaled_text=True)
    return (
        f"body {{ color: {p.text}; }}"
        f"p {{ margin-top: 0px; margin-bottom: {gap}px; line-height: 135%; }}"
        f"ul, ol {{ margin-top: 0px; margin-bottom: {gap}px; }}"
        f"li {{ margin-bottom: {item}px; }}"
        f"h1 {{ font-size: {m.px(46, scaled_text=True)}px; }}"
        f"h2 {{ font-size: {m.px(42, scaled_text=True)}px; }}"
        f"h3, h4, h5, h6 {{ font-size: {m.px(38, scaled_text=True)}px; }}"
        f"table {{ border-collapse: collapse; margin-top: {item}px; margin-bottom: {gap}px; }}"
        f"th {{ background-color: {tint(theme)}; color: {p.text}; font-weight: bold; text-align: left;"
        f" border: {line}px solid {p.accent}; padding: {pad}px; }}"
        f"td {{ border: {line}px solid {rule(theme)}; padding: {pad}px; vertical-align: top; }}"
        f"th p, td p {{ margin-bottom: 0px; }}"
        f"table.callout {{ margin-bottom: {gap}px; }}"
        f"td.callout {{ background-color: {tint(theme)}; border: {thick}px solid {p.accent};"
        f" padding: {m.px(24, scaled_text=True)}px; }}"
        f"td.callout p {{ margin-bottom: {item}px; }}"
    )


def qt_markup(html: str) -> str:
    """The card's HTML with the few attributes Qt needs: full-width tables, quotes as callouts.

    The HTML comes from kiosk.core.markdown, cleaned by nh3, so these tags never carry attributes
    and plain replacement is exact.
    """
    # 99.9%, not 100%: Qt rounds collapsed borders of several columns up by a pixel, which would
    # make the card scroll sideways by one pixel.
    return (
        html.replace("<table>", '<table width="99.9%" cellspacing="0">')
        .replace("<blockquote>", '<table class="callout" width="100%" cellspacing="0"><tr><td class="callout">')
        .replace("</blockquote>", "</td></tr></table>")
    )


def measure_px(theme: Theme, family: str) -> int:
    """Width of a line of MEASURE_CHARS characters of body text at the theme's text size."""
    font = QFont(family)
    font.setPixelSize(theme.metrics.body)
    metrics = QFontMetricsF(font)
    return round(metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE) * MEASURE_CHARS)


def list_indent_px(theme: Theme) -> int:
    """Indent per list level: room for a two-digit number and its dot at the body size."""
    return round(theme.metrics.body * 1.6)
