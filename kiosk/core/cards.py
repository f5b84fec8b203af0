"""Loads topic cards from `content/<language>/*.md`: YAML front matter plus a Markdown body.

One loader serves `kiosk check`, `kiosk snapshot` and the running kiosk, so what staff see in a
check is exactly what the screen will do. Every problem names the file and line.
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from kiosk.core.text_lines import bad_byte_line
from kiosk.core.content_fonts import content_font_ranges
from kiosk.core.coverage import undrawable, undrawable_message
from kiosk.core.files import FileMissing, FileTooLarge, FileUnreadable, read_regular
from kiosk.core.front_matter import MAX_FRONT_MATTER_LINES, read_front_matter  # noqa: F401 (the limit is part of this module's contract)
from kiosk.core.hidden_text import hidden_text_problems
from kiosk.core.governance import GOVERNANCE_KEYS, Governance, read_governance
from kiosk.core.governance import TEXT_KEYS as GOVERNANCE_TEXT_KEYS
from kiosk.core.header_values import flag, quoted, read_qr_label
from kiosk.core.icons import icon_exists
from kiosk.core.problems import Problem, error, note, warning
from kiosk.core.qr import url_problem
from kiosk.core.markdown import IMAGE_SUFFIXES, render_markdown, resolve_content_file, topic_of
from kiosk.core.media import PAPER, has_markers
from kiosk.core.narration import card_audio
from kiosk.core.picture_bytes import PictureRefused
from kiosk.core.picture_files import ShownPicture, shown_picture
from kiosk.core.reading import ReadingBlock
from kiosk.core.stray_files import stray_copy, stray_message



class CardSource(Protocol):
    """Where load_deck gets each card's result (core/card_cache.py keeps them between reloads)."""

    def load(self, path: Path, content_root: Path) -> CardResult: ...

MAX_TITLE_CHARS = 200
MAX_CARD_BYTES = 256 * 1024
KNOWN_KEYS = ("title", "icon", "image", "qr", "qr_label", "audio", "crisis", *GOVERNANCE_KEYS)
# Keys whose whole line is text: a colon or a leading '[' inside is part of it, as staff meant.
TEXT_KEYS = ("title", "qr_label", *GOVERNANCE_TEXT_KEYS)


@dataclass(frozen=True)
class Card:
    """One topic card, ready to show. `slug` (the file name) identifies it across reloads and languages."""

    slug: str
    path: Path
    title: str
    icon: str | None
    image: Path | None
    html: str
    qr: str | None = None
    blocks: tuple[ReadingBlock, ...] = ()  # the body in reading order (kiosk.core.reading)
    governance: Governance = field(default_factory=Governance)
    body: str = ""  # the Markdown below the header, for the plain-language and fit checks
    body_line: int = 1  # file line of the body's first line
    qr_label: str | None = None  # what the take-home QR opens, in the card's words; None: the interface default
    audio: Path | None = None  # staff-recorded narration (WAV) Listen plays instead of the voice
    # The header picture and each picture in the text, checked by their bytes: views make room
    # for them at once and draw them when decoded off the screen thread.
    pictures: tuple[ShownPicture, ...] = ()
    # The body as the printed handout has it (kiosk.core.media: lines for paper only); None: as on screen.
    paper_html: str | None = None
    paper_blocks: tuple[ReadingBlock, ...] | None = None
    crisis: bool = False  # `crisis: true`: ends with the clinic's crisis line (kiosk.core.crisis)

    def picture(self, path: Path | str) -> ShownPicture | None:
        """One of the card's pictures, with its size."""
        return next((shown for shown in self.pictures if shown.path == str(path)), None)

    def html_for(self, medium: str) -> str:
        return self.paper_html if medium == PAPER and self.paper_html is not None else self.html

    def blocks_for(self, medium: str) -> tuple[ReadingBlock, ...]:
        return self.paper_blocks if medium == PAPER and self.paper_blocks is not None else self.blocks


@dataclass(frozen=True)
class CardResult:
    """`card` is None when an error keeps the card off the screen."""

    card: Card | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Deck:
    cards: tuple[Card, ...]
    problems: tuple[Problem, ...]
    # File names of cards that exist but could not be loaded, so a reload can keep their last good version.
    broken: frozenset[str] = frozenset()
    missing: str | None = None  # why the folder gave no deck at all (missing, unreadable, no cards)


def is_markdown_file(path: Path) -> bool:
    """Files ending in .md, less editor swap, backup and lock files (which start with . ~ # _)."""
    name = path.name
    return name.endswith(".md") and not name.startswith((".", "~", "#", "_"))


def is_card_file(path: Path) -> bool:
    """Card files end in .md; editor files and copies left by sync tools (core/stray_files.py) are not cards."""
    return is_markdown_file(path) and stray_copy(path.name) is None


def card_files(folder: Path) -> list[Path]:
    """Card-named entries of `folder` in file-name order: files, and FIFOs, devices or sockets (which
    loading reports as errors instead of opening); folders are not cards."""
    return _listing(folder)[0]


def _listing(folder: Path) -> tuple[list[Path], list[Path]]:
    """The card files of `folder` and the copies sync tools left beside them, each in file-name order."""
    with os.scandir(folder) as entries:
        found = [Path(entry.path) for entry in entries if is_markdown_file(Path(entry.name)) and not _is_folder(entry)]
    found.sort(key=lambda p: p.name)
    return [path for path in found if stray_copy(path.name) is None], [path for path in found if stray_copy(path.name)]


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _language_folders(parent: Path) -> str:
    """The folders beside a missing one that hold cards, said for staff: they may have meant one of them."""
    try:
        found = sorted(entry.name for entry in os.scandir(parent) if not entry.name.startswith(".") and _is_folder(entry) and card_files_if_any(Path(entry.path)))
    except OSError:
        found = []
    if not found:
        return "no folder there has cards yet"
    return f"the folder{'s' if len(found) > 1 else ''} with cards there: {', '.join(f'{name}/' for name in found)}"


def card_files_if_any(folder: Path) -> list[Path]:
    """The card files of `folder`; none when it is missing or cannot be read (loading reports that)."""
    try:
        return card_files(folder) if folder.is_dir() else []
    except OSError:
        return []


def load_deck(content_root: Path, language: str, *, blame: tuple[Path, int] | None = None, cache: CardSource | None = None,
              folder: Path | None = None) -> Deck:
    """The cards of one language, from `<folder>/<language>/` (`folder`: a topic's, else the content
    folder). A folder that is missing, unreadable or has no cards gives a Deck whose `missing` says so,
    with an error at `blame` (kiosk.toml's `languages` line) or else at the folder."""
    folder = (folder or content_root) / language
    where = blame or (folder, 1)

    def gone(reason: str) -> Deck:
        return Deck((), (error(where[0], where[1], reason),), missing=reason)

    try:
        info = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        return gone(f"language '{language}' has no folder {language}/ in the content folder: add it with cards, or remove "
                    f"'{language}' from languages ({_language_folders(folder.parent)})")
    except OSError as exc:
        return gone(f"language '{language}': folder {language}/ cannot be read ({exc.strerror})")
    if not stat.S_ISDIR(info.st_mode):
        return gone(f"language '{language}': {language} in the content folder is not a folder")
    try:
        files, strays = _listing(folder)
    except OSError as exc:
        return gone(f"language '{language}': folder {language}/ cannot be read ({exc.strerror})")
    left_out = [note(path, 1, stray_message(path.name)) for path in strays]
    if not files:
        empty = gone(f"language '{language}': folder {language}/ has no cards; add Markdown files such as 10-welcome.md")
        return replace(empty, problems=(*empty.problems, *left_out))
    cards: list[Card] = []
    problems: list[Problem] = list(left_out)
    broken: set[str] = set()
    for path in files:
        result = cache.load(path, content_root) if cache is not None else load_card(path, content_root)
        problems.extend(result.problems)
        if result.card is None:
            broken.add(path.name)
        else:
            cards.append(result.card)
    return Deck(tuple(cards), tuple(problems), frozenset(broken))


def load_card(path: Path, content_root: Path) -> CardResult:
    try:
        raw = read_regular(path, MAX_CARD_BYTES)
    except FileTooLarge as exc:
        return CardResult(None, (error(path, 1, f"file is {exc.size // 1024} KB; a card may be at most {MAX_CARD_BYTES // 1024} KB"),))
    except FileMissing:
        return CardResult(None, (error(path, 1, "the file vanished while it was read"),))
    except FileUnreadable as exc:
        return CardResult(None, (error(path, 1, f"{path.name} {exc.reason}" if exc.reason.startswith("is ") else exc.reason),))
    return parse_card_bytes(path, raw, content_root)


def parse_card_bytes(path: Path, raw: bytes, content_root: Path) -> CardResult:
    """A card from the bytes of its file."""
    if b"\x00" in raw:
        return CardResult(None, (error(path, 1, "file is not text (it contains binary data)"),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return CardResult(None, (error(path, bad_byte_line(raw, exc), "file is not UTF-8 text; save it as UTF-8"),))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return CardResult(None, (error(path, 1, "file is empty"),))
    return _parse_card(path, text, content_root)


def _parse_card(path: Path, text: str, content_root: Path) -> CardResult:
    lines = text.split("\n")
    topic = topic_of(path, content_root)  # pictures and recordings are looked for in the topic first
    header = read_front_matter(path, lines, KNOWN_KEYS, TEXT_KEYS)
    if header.data is None:
        return CardResult(None, header.problems)
    data = header.data
    key_line = header.line_of

    problems: list[Problem] = list(header.problems)
    fonts = content_font_ranges(content_root)  # what the clinic's own fonts add to the kiosk's
    for key in data:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(KNOWN_KEYS)})"
            problems.append(warning(path, key_line(key), f"unknown front matter key {quoted(key)}{hint}; it is ignored"))

    title = data.get("title")
    if "title" not in data:
        problems.append(error(path, 1, "front matter has no 'title'"))
    elif title is None or (isinstance(title, str) and not title.strip()):
        problems.append(error(path, key_line("title"), "'title' is empty"))
    elif not isinstance(title, str):
        problems.append(error(path, key_line("title"), "'title' must be text"))
    elif len(title.strip()) > MAX_TITLE_CHARS:
        problems.append(error(path, key_line("title"), f"'title' is {len(title.strip())} characters; at most {MAX_TITLE_CHARS} fit on the screen"))
    elif chars := undrawable(title, fonts):
        problems.append(warning(path, key_line("title"), f"title: {undrawable_message(chars)}"))
    if isinstance(title, str):
        problems.extend(warning(path, key_line("title"), f"title: {message}") for message in hidden_text_problems(title))

    icon = data.get("icon") or None  # an empty icon is no icon
    if icon is not None and not (isinstance(icon, str) and icon_exists(icon)):
        problems.append(warning(path, key_line("icon"), f"unknown icon {quoted(icon)}; showing the default icon (names look like fa5s.capsules)"))
        icon = None

    image: Path | None = None
    pictures: list[ShownPicture] = []
    if "image" in data:
        name = data["image"]
        if not isinstance(name, str):
            problems.append(error(path, key_line("image"), "'image' must be a file name such as images/room.jpg"))
        else:
            image, reason = resolve_content_file(content_root, name.strip(), IMAGE_SUFFIXES, topic)
            try:
                if image is not None:
                    pictures.append(shown_picture(image))
            except PictureRefused as refused:
                image, reason = None, refused.reason
            if image is None:
                problems.append(error(path, key_line("image"), f"image {quoted(name)} cannot be used: {reason}"))

    qr = data.get("qr")
    if qr is not None and (qr_reason := url_problem(qr)):
        problems.append(warning(path, key_line("qr"), f"qr {qr_reason}; no QR code is shown on this card"))
        qr = None
    qr_label = read_qr_label(path, data, key_line("qr_label"), problems, fonts) if qr is not None else None
    if "qr_label" in data and "qr" not in data:
        problems.append(warning(path, key_line("qr_label"), "qr_label without qr: there is no QR code to label; it is ignored"))

    audio, audio_problem = card_audio(content_root, data["audio"], topic) if "audio" in data else (None, "")
    if audio_problem:
        problems.append(warning(path, key_line("audio"), f"{audio_problem}; Listen reads the card with the voice instead"))

    crisis = flag(path, data, "crisis", key_line("crisis"), problems)
    governance, dated = read_governance(path, data, key_line)
    problems.extend(dated)

    body_start = header.body_index + 1  # 1-based line number of the first body line
    body = "\n".join(lines[header.body_index :])
    if not body.strip():  # a header saved over a card, with its text lost: keep the last good version
        problems.append(error(path, header.body_index, "the card has no text under its header: type what patients "
                                                        "should read below this --- line"))
    rendered = render_markdown(body, content_root, topic, fonts)
    for body_note in rendered.notes:
        make = error if body_note.is_error else warning
        problems.append(make(path, body_start + body_note.body_line - 1, body_note.message_at(body_start)))

    if any(p.is_error for p in problems):
        return CardResult(None, tuple(problems))
    paper = render_markdown(body, content_root, topic, fonts, medium=PAPER) if has_markers(body) else None
    card = Card(path.name, path, str(title).strip(), icon, image, rendered.html, qr, rendered.blocks,
                governance=governance, body=body, body_line=body_start, qr_label=qr_label, audio=audio,
                pictures=tuple(dict.fromkeys((*pictures, *rendered.pictures))),
                paper_html=paper.html if paper else None, paper_blocks=paper.blocks if paper else None, crisis=crisis)
    return CardResult(card, tuple(problems))
