"""`kiosk check`'s warning about too much bold: when everything stands out, nothing does.

Health-literacy guidance (PEMAT item 12, CDC's Clear Communication Index) asks for a few visual
cues on the key points, not many. A card with more than `[check] max_bold` bold phrases (default
3) gets a warning at the first phrase past the limit, naming how many there are.
"""

from __future__ import annotations

from kiosk.core.body_checks import inline_lines
from kiosk.core.cards import Card
from kiosk.core.check_settings import CheckSettings
from kiosk.core.markdown import parse
from kiosk.core.problems import Problem, warning


def bold_lines(body: str) -> list[int]:
    """The 1-based body line of each bold phrase (`**...**` or `__...__`), in order."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    try:
        tokens = parse("\n".join(lines))
    except Exception:  # noqa: BLE001 (the card loader has already reported a body it cannot read)
        return []
    return [line + 1 for token in tokens if token.type == "inline"
            for child, line, _ in inline_lines(token, lines) if child.type == "strong_open"]


def bold_problems(cards: tuple[Card, ...], settings: CheckSettings) -> list[Problem]:
    """One warning per card with more bold phrases than `settings.max_bold`."""
    problems = []
    limit = settings.max_bold
    for card in cards:
        found = bold_lines(card.body)
        if len(found) > limit:
            problems.append(warning(card.path, card.body_line + found[limit] - 1, (
                f"{len(found)} bold phrases on this card: with more than {limit}, none stands out; keep bold "
                f"for the few things a patient must not miss (bold phrase {limit + 1} is on this line)"
            )))
    return problems
