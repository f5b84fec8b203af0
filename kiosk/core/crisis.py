"""Where to get help now: the clinic's crisis line, added as a callout to the cards that ask for it.

A mental-health waiting room needs one answer on screen for a patient who feels unsafe right now.
The clinic writes it once, per language, in kiosk.toml (`[clinic] crisis = …`, `[clinic.es]
crisis = …`); a card with `crisis: true` in its header ends with it in a highlighted box, on the
screen, read aloud and in the handout, so a changed number is changed everywhere at once. The
contact screen shows it too (kiosk.ui.contact).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from kiosk.core.card_data import Callout, Card
from kiosk.core.config import Clinic
from kiosk.core.reading import ReadingBlock
from kiosk.core.strings import strings_for

RenderCallout = Callable[[str, Path], Callout]

_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def crisis_markdown(title: str, text: str) -> str:
    """The callout as Markdown: a quote whose bold title says what it is for; the clinic's words as typed."""
    return f"> **{_escaped(title)}** {_escaped(text)}"


def _escaped(text: str) -> str:
    """Plain text that Markdown shows as typed (CommonMark lets any ASCII punctuation be escaped)."""
    return " ".join(_MARKDOWN_SIGNS.sub(r"\\\1", part) for part in text.split())


def render_callout(markdown: str, content_root: Path) -> Callout:
    """The callout as the card renderer makes it (loaded only now: the parse cache keeps callouts too,
    so a restart with unchanged content and settings never loads markdown-it-py)."""
    from kiosk.core.markdown import render_markdown

    rendered = render_markdown(markdown, content_root)
    return rendered.html, rendered.blocks


def with_crisis(card: Card, title: str, text: str, content_root: Path, render: RenderCallout = render_callout) -> Card:
    """`card` ending with the crisis callout when its header asks for it and the clinic gave a text."""
    if not card.crisis or not text.strip():
        return card
    callout_html, callout_blocks = render(crisis_markdown(title, text), content_root)
    last_line = card.body.count("\n") + 1  # problems about the callout point at the card's end
    blocks = tuple(replace(block, line=last_line) for block in callout_blocks)

    def added(html: str | None, own: tuple[ReadingBlock, ...] | None) -> tuple[str | None, tuple[ReadingBlock, ...] | None]:
        return (None, None) if html is None or own is None else (f"{html}\n{callout_html}", own + blocks)

    paper_html, paper_blocks = added(card.paper_html, card.paper_blocks)
    return replace(card, html=f"{card.html}\n{callout_html}", blocks=card.blocks + blocks,
                   paper_html=paper_html, paper_blocks=paper_blocks)


def deck_with_crisis(cards: tuple[Card, ...], clinic: Clinic, language: str, content_root: Path,
                     render: RenderCallout = render_callout) -> tuple[Card, ...]:
    """The cards of one language, those with `crisis: true` ending with the clinic's crisis line."""
    text = clinic.for_language(language).crisis
    if not text or not any(card.crisis for card in cards):
        return cards
    title = strings_for(language)["crisis_title"]
    return tuple(with_crisis(card, title, text, content_root, render) for card in cards)
