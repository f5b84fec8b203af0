"""What the usage counts say, for staff: a summary of a date range, as a table and as CSV.

In a topic library, topics come first (how many visits opened each), then the cards within each
topic. Staff-facing names are looked up by key: a topic by its folder name, a card by
`card_key(topic, file name)` ("10-the-basics/10-what.md"; just the file name with one deck).

The table is for staff at the kiosk and shows every count. The CSV is made to leave the kiosk (a
USB stick, a spreadsheet, an email), so there a count of 1 to 4 is shown as "<5": in a small clinic
"two Spanish-speaking visits on Tuesday afternoon" can point at one person.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from kiosk.usage.core.hours import hours_of_days, local_date
from kiosk.usage.core.visits import CardCounts, dwell_quantile
from kiosk.usage.core.db import DayRow, UsageDb
from kiosk.usage.core.names import card_key

SMALL_COUNT = 5  # counts below this (and above 0) are suppressed in the CSV


@dataclass(frozen=True)
class CardSummary:
    card: str  # file name, the same in every language
    counts: CardCounts
    topic: str = ""  # its topic folder, in a topic library

    @property
    def key(self) -> str:
        return card_key(self.topic, self.card)

    @property
    def helpful_answers(self) -> int:
        return self.counts.helpful_yes + self.counts.helpful_no

    @property
    def helpful_share(self) -> float | None:
        return self.counts.helpful_yes / self.helpful_answers if self.helpful_answers else None


@dataclass(frozen=True)
class TopicSummary:
    topic: str  # folder name
    opened: int  # visits that opened it
    views: int  # card views within it


@dataclass(frozen=True)
class Summary:
    first: date
    last: date
    days: tuple[DayRow, ...]  # only days with visits, oldest first
    shares: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # facet → value → visits
    cards: tuple[CardSummary, ...] = ()  # most viewed first (in a library: by topic, most opened first)
    topics: tuple[TopicSummary, ...] = ()  # most opened first; () with one deck

    @property
    def visits(self) -> int:
        return sum(day.visits for day in self.days)

    @property
    def completed(self) -> int:
        return sum(day.completed for day in self.days)

    @property
    def idle_resets(self) -> int:
        return sum(day.idle_resets for day in self.days)

    @property
    def cards_per_visit(self) -> float:
        return sum(day.cards_viewed for day in self.days) / self.visits if self.visits else 0.0

    @property
    def helpful_yes(self) -> int:
        return sum(card.counts.helpful_yes for card in self.cards)

    @property
    def helpful_answers(self) -> int:
        return sum(card.helpful_answers for card in self.cards)

    def visits_per_day(self) -> list[tuple[date, int]]:
        """Every day of the range, days without visits included (for a chart)."""
        by_day = {day.day: day.visits for day in self.days}
        span = (self.last - self.first).days + 1
        days = [self.first + timedelta(days=n) for n in range(span)]
        return [(d, by_day.get(_day_key(d), 0)) for d in days]

    def least_viewed(self, n: int, known: Iterable[str] = ()) -> list[CardSummary]:
        """The `n` least viewed cards; cards in `known` (card keys) that nobody opened count as 0 views."""
        seen = {card.key for card in self.cards}
        unseen = [CardSummary(key.rpartition("/")[2], CardCounts(), key.rpartition("/")[0]) for key in known if key not in seen]
        return sorted([*unseen, *self.cards], key=lambda c: (c.counts.views, c.key))[:n]


def _day_key(d: date) -> int:
    return (d.year * 100 + d.month) * 100 + d.day


def _key_date(day: int) -> date:
    return date(day // 10000, day // 100 % 100, day % 100)


def summarize(db: UsageDb, first: date | None = None, last: date | None = None) -> Summary:
    """The counts between two dates, inclusive; open ends default to the first and last visit."""
    span = db.span()
    if span is None:
        today = date.today()
        return Summary(first or today, last or today, ())
    first = first or local_date(span[0])
    last = last or max(local_date(span[1]), first)
    low, high = hours_of_days(first, last)
    shares: dict[str, dict[str, int]] = {}
    for _day, facet, value, visits in db.shares(low, high):
        shares.setdefault(facet, {})[value] = visits
    per_card: dict[tuple[str, str], CardCounts] = {}
    for _day, topic, card, _language, counts in db.cards(low, high):
        per_card[(topic, card)] = per_card.get((topic, card), CardCounts()) + counts
    opened: dict[str, int] = {}
    for _day, topic, _language, visits in db.topics(low, high):
        opened[topic] = opened.get(topic, 0) + visits
    views: dict[str, int] = {}
    for (topic, _card), counts in per_card.items():
        views[topic] = views.get(topic, 0) + counts.views
    topics = sorted((TopicSummary(topic, opened.get(topic, 0), views.get(topic, 0)) for topic in opened.keys() | views.keys() if topic),
                    key=lambda t: (-t.opened, -t.views, t.topic))
    rank = {summary.topic: n for n, summary in enumerate(topics)}  # cards follow their topic
    cards = sorted((CardSummary(card, counts, topic) for (topic, card), counts in per_card.items()),
                   key=lambda c: (rank.get(c.topic, -1), -c.counts.views, c.card))
    return Summary(first, last, tuple(db.days(low, high)), shares, tuple(cards), tuple(topics))


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value == float("inf"):
        return "> 5 min"
    return f"{round(value)} s" if value < 90 else f"{value / 60:.1f} min"


def format_table(summary: Summary, *, title_of: Callable[[str], str] = lambda key: key,
                 language_name: Callable[[str], str] = lambda code: code) -> str:
    """The readable report `kiosk stats` prints; `title_of` names a topic (by folder) or a card (by key)."""
    s = summary
    out = [f"Usage counts {s.first.isoformat()} to {s.last.isoformat()}: anonymous hourly totals, nothing about any one person.", ""]
    if not s.visits:
        out.append("No visits in this period.")
        return "\n".join(out) + "\n"

    def share(facet: str, name: Callable[[str], str] = str) -> str:
        values = s.shares.get(facet, {})
        ordered = sorted(values.items(), key=lambda item: -item[1])
        return ", ".join(f"{name(value)} {percent(count, s.visits)}" for value, count in ordered) or "-"

    days_with_visits = len(s.days)
    rows = [
        ("Visits", f"{s.visits} ({s.visits / days_with_visits:.1f} a day on the {days_with_visits} "
                   f"day{'s' if days_with_visits != 1 else ''} with visits)"),
        ("Reached the contact screen", f"{s.completed} ({percent(s.completed, s.visits)})"),
        ("Ended by the idle reset", f"{s.idle_resets} ({percent(s.idle_resets, s.visits)})"),
        ("Cards per visit", f"{s.cards_per_visit:.1f} on average"),
        ("Languages", share("language", language_name)),
        ("Text size", share("text_size")),
        ("High contrast", percent(s.shares.get("contrast", {}).get("high", 0), s.visits)),
        ("Was this helpful?", f"{percent(s.helpful_yes, s.helpful_answers)} yes ({s.helpful_answers} answers)"
         if s.helpful_answers else "no answers"),
    ]
    width = max(len(name) for name, _ in rows)
    out += [f"{name:<{width}}  {value}" for name, value in rows]

    out += ["", "Visits per day"]
    most = max(day.visits for day in s.days)
    for day in s.days:
        d = _key_date(day.day)
        bar = "#" * max(1, round(30 * day.visits / most))
        out.append(f"  {d.strftime('%a')} {d.isoformat()}  {day.visits:>5}  {bar}")

    if s.topics:
        out += ["", "Topics, most opened first"]
        rows_t = [("topic", "opened", "of visits", "card views")]
        rows_t += [(title_of(t.topic), str(t.opened), percent(t.opened, s.visits), str(t.views)) for t in s.topics]
        out += _columns(rows_t)
    out += ["", "Cards within each topic, most viewed first" if s.topics else "Cards, most viewed first"]
    header = ("card", "views", "contact", "helpful", "median", "90%", "listened", "QR shown")
    table = [header]
    for card in s.cards:
        c = card.counts
        helpful = f"{percent(c.helpful_yes, card.helpful_answers)} of {card.helpful_answers}" if card.helpful_answers else "-"
        name = f"{title_of(card.topic)} › {title_of(card.key)}" if card.topic else title_of(card.key)
        table.append((name, str(c.views), percent(c.completions, c.views), helpful,
                      seconds(dwell_quantile(c.dwell, 0.5)), seconds(dwell_quantile(c.dwell, 0.9)),
                      str(c.listens), str(c.qr_shown)))
    out += _columns(table)
    return "\n".join(out) + "\n"


def _columns(table: Sequence[tuple[str, ...]]) -> list[str]:
    """Rows as aligned text columns: the first left-aligned, the numbers right-aligned."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return ["  " + "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)) for row in table]


# --- CSV ---------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "date", "topic", "card", "title", "language", "visits", "opened", "completed", "idle_resets", "large_text", "largest_text",
    "high_contrast", "views", "completions", "helpful_yes", "helpful_no", "listened", "qr_shown",
    "median_seconds", "p90_seconds",
)
ALL = "(all)"
HIDDEN = "hidden"  # a count of 5 or more hidden so that a "<5" beside it cannot be worked out


def suppress(count: int) -> str:
    return f"<{SMALL_COUNT}" if 0 < count < SMALL_COUNT else str(count)


def _language_cells(counts: dict[str, int]) -> dict[str, str]:
    """Suppressed language counts of one day. When exactly one is hidden, the next smallest is too,
    or the day's total minus the others would give it away."""
    cells = {language: suppress(n) for language, n in counts.items()}
    hidden = [language for language, n in counts.items() if 0 < n < SMALL_COUNT]
    if len(hidden) == 1:
        others = sorted((n, language) for language, n in counts.items() if n >= SMALL_COUNT)
        if others:
            cells[others[0][1]] = HIDDEN
    return cells


def format_csv(db: UsageDb, first: date, last: date, *, title_of: Callable[[str], str] = lambda key: "") -> str:
    """One row per day, per day and language, per day, topic and language (a library's topics opened),
    and per day, card and language; small counts hidden. `title_of` as for format_table."""
    low, high = hours_of_days(first, last)
    shares: dict[int, dict[str, dict[str, int]]] = {}
    for day, facet, value, visits in db.shares(low, high, by_day=True):
        shares.setdefault(day, {}).setdefault(facet, {})[value] = visits
    cards: dict[int, list[tuple[str, str, str, CardCounts]]] = {}
    for day, topic, card, language, counts in db.cards(low, high, by_day=True):
        cards.setdefault(day, []).append((topic, card, language, counts))
    topics: dict[int, list[tuple[str, str, int]]] = {}
    for day, topic, language, opened in db.topics(low, high, by_day=True):
        topics.setdefault(day, []).append((topic, language, opened))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in db.days(low, high):
        day_shares = shares.get(row.day, {})
        sizes = day_shares.get("text_size", {})
        when = _key_date(row.day).isoformat()
        writer.writerow(_row(
            date=when, card=ALL, language=ALL, visits=suppress(row.visits), completed=suppress(row.completed),
            idle_resets=suppress(row.idle_resets), large_text=suppress(sizes.get("large", 0)),
            largest_text=suppress(sizes.get("largest", 0)),
            high_contrast=suppress(day_shares.get("contrast", {}).get("high", 0)),
        ))
        for language, cell in sorted(_language_cells(day_shares.get("language", {})).items()):
            writer.writerow(_row(date=when, card=ALL, language=language, visits=cell))
        for topic, language, opened in topics.get(row.day, []):
            writer.writerow(_row(date=when, topic=topic, card=ALL, title=title_of(topic), language=language, opened=suppress(opened)))
        for topic, card, language, c in cards.get(row.day, []):
            small = c.views < SMALL_COUNT
            writer.writerow(_row(
                date=when, topic=topic, card=card, title=title_of(card_key(topic, card)), language=language, views=suppress(c.views),
                completions=suppress(c.completions), helpful_yes=suppress(c.helpful_yes),
                helpful_no=suppress(c.helpful_no), listened=suppress(c.listens), qr_shown=suppress(c.qr_shown),
                median_seconds="" if small else _csv_seconds(dwell_quantile(c.dwell, 0.5)),
                p90_seconds="" if small else _csv_seconds(dwell_quantile(c.dwell, 0.9)),
            ))
    return buffer.getvalue()


def _csv_seconds(value: float | None) -> str:
    if value is None:
        return ""
    return ">300" if value == float("inf") else str(round(value))


def _row(**cells: str) -> list[str]:
    return [defused(cells.get(column, "")) for column in CSV_COLUMNS]


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: one starting like a formula (a card titled
    "=HYPERLINK(...)" or "-1 dose") gets a leading apostrophe, as OWASP advises for CSV injection."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
