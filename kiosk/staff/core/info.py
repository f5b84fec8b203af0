"""What the staff panel shows: plain facts about the running kiosk, gathered when staff open it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.core.governance import review_list
from kiosk.core.store import ContentState
from kiosk.core.visit import uptime_text


@dataclass(frozen=True)
class StaffInfo:
    content_folder: str
    version: str
    uptime: str
    last_reload: str
    problems: tuple[str, ...]  # the same lines `kiosk check` prints
    reviews: tuple[str, ...] = ()  # cards due for review within 30 days or overdue, soonest first
    pin_attempts: str = ""  # "N wrong PIN attempts since <date>", filled in by the staff access
    topics: tuple[str, ...] = ()  # a topic library's topics: when each is shown, and whether it is now


def staff_info(state: ContentState, today: date, now: datetime, *, version: str, uptime_s: float, last_reload: str,
               notes: tuple[str, ...] = ()) -> StaffInfo:
    """The panel's facts for `state` as of `today` and `now`; `notes` are the features' own lines (Listen's)."""
    from kiosk.core.check import lint_state  # staff come rarely: the checks stay off the start-up path

    return StaffInfo(
        content_folder=str(state.root.absolute()),  # resolve() would stat every part of a share that may not answer
        version=version,
        uptime=uptime_text(uptime_s),
        last_reload=last_reload,
        problems=tuple(problem.format() for problem in lint_state(state, today, now)) + notes,
        reviews=tuple(review_list(state.all_cards(), state.root, today)),
        topics=topic_lines(state, now),
    )


def topic_lines(state: ContentState, now: datetime) -> tuple[str, ...]:
    """"10-the-basics: The basics; shown always; on now", one per topic of a library, in grid order."""
    if not state.library:
        return ()
    languages = state.config.kiosk.languages
    lines = []
    for topic in state.topics:
        reason = topic.info.window.hidden_reason(now)
        status = "on now" if reason is None else f"off now ({reason})"
        missing = [language for language in languages if not topic.cards(language)]
        without = f"; no cards in {', '.join(missing)}" if missing else ""
        lines.append(f"{topic.name}: {topic.title(languages[0])}; shown {topic.info.window.describe()}; {status}{without}")
    return tuple(lines)
