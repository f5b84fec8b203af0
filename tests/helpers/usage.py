"""A counted visit, as the usage tests build them."""

from __future__ import annotations

from kiosk.usage.core.visits import DWELL_BUCKETS, CardCounts, VisitCounts


def visit(hour: int = 2026113009, *, cards=(("10-a.md", "en"),), completed=False, idle=False,
          languages=("en",), text_size="normal", contrast=False, topics=()) -> VisitCounts:
    """`cards`: (file, language) of the one deck, or (topic, file, language) in a topic library."""
    dwell = tuple(1 if i == 2 else 0 for i in range(DWELL_BUCKETS))
    return VisitCounts(hour, completed, idle, languages, text_size, contrast, tuple(
        (*(("",) if len(card) == 2 else ()), *card, CardCounts(views=1, completions=int(completed), helpful_yes=1, dwell=dwell))
        for card in cards), tuple(topics))
