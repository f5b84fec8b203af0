"""`kiosk stats`: the anonymous usage counts as a table for staff, or as a CSV with small counts hidden."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from kiosk.core.state import state_dir
from kiosk.usage.core.db import UsageDb, UsageDbError, default_db_path
from kiosk.usage.core.names import card_titles, topic_titles
from kiosk.usage.core.report import format_csv, format_table, summarize


def names(content_root: Path) -> dict[str, str]:
    """Topic folder or card key → its title in the kiosk's first language (other languages fill gaps)."""
    from kiosk.core.store import ContentStore

    if not content_root.is_dir():
        return {}
    state = ContentStore(content_root).reload()
    return {**topic_titles(state), **card_titles(state)}


def run_stats(since: date | None, until: date | None, csv_file: Path | None, content_root: Path) -> int:
    """0: printed or written; 1: there are no counts to read, or the file cannot be written."""
    if since and until and since > until:
        print("error: --since is after --until", file=sys.stderr)
        return 2
    path = default_db_path(state_dir())
    try:
        db = UsageDb.open_existing(path)
    except UsageDbError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        titles = names(content_root)
        summary = summarize(db, since, until)
        if csv_file is None:
            from kiosk.core.strings import strings_for

            sys.stdout.write(format_table(
                summary,
                title_of=lambda key: titles.get(key, key),
                language_name=lambda code: strings_for(code).table.get("language_name", code),
            ))
            return 0
        text = format_csv(db, summary.first, summary.last, title_of=lambda key: titles.get(key, ""))
    finally:
        db.close()
    try:
        csv_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write {csv_file}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"{csv_file}: {text.count(chr(10)) - 1} rows, {summary.first.isoformat()} to {summary.last.isoformat()}; counts of 1 to 4 shown as <5")
    return 0

