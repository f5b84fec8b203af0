"""Loads topic cards from `content/<language>/*.md`: YAML front matter plus a Markdown body.

One loader serves `kiosk check`, `kiosk snapshot` and the running kiosk, so what staff see in a
check is exactly what the screen will do. Every problem names the file and line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from kiosk.core.text_lines import bad_byte_line
from kiosk.core.content_fonts import content_font_ranges
from kiosk.core.files import FileMissing, FileTooLarge, FileUnreadable, read_regular
from kiosk.core.front_matter import MAX_FRONT_MATTER_LINES, read_front_matter  # noqa: F401 (the limit is part of this module's contract)
from kiosk.core.governance import GOVERNANCE_KEYS, Governance, read_governance
from kiosk.core.governance import TEXT_KEYS as GOVERNANCE_TEXT_KEYS
from kiosk.core.header_values import flag, quoted, read_icon, read_qr, title_problems, unknown_keys
from kiosk.core.problems import Problem, error, note, warning
from kiosk.core.markdown import IMAGE_SUFFIXES, BodyNote, render_markdown, resolve_content_file, topic_of
from kiosk.core.media import PAPER, has_markers
from kiosk.core.narration import card_audio
from kiosk.core.picture_bytes import PictureRefused
from kiosk.core.picture_files import ShownPicture, shown_picture
from kiosk.core.reading import ReadingBlock
from kiosk.core.stray_files import stray_copy, stray_message



class CardSource(Protocol):
    """Where load_deck gets each card's result (core/card_cache.py keeps them between reloads)."""

    def load(self, path: Path, content_root: Path) -> CardResult: ...

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
    data, key_line = header.data, header.line_of
    fonts = content_font_ranges(content_root)  # what the clinic's own fonts add to the kiosk's
    problems = [*header.problems, *unknown_keys(path, data, KNOWN_KEYS, key_line), *title_problems(path, data, key_line, fonts)]
    icon = read_icon(path, data, key_line("icon"), problems)
    image, pictures = _header_picture(path, data, key_line("image"), content_root, topic, problems)
    qr, qr_label = read_qr(path, data, key_line, problems, fonts)
    audio, audio_problem = card_audio(content_root, data["audio"], topic) if "audio" in data else (None, "")
    if audio_problem:
        problems.append(warning(path, key_line("audio"), f"{audio_problem}; Listen reads the card with the voice instead"))
    crisis = flag(path, data, "crisis", key_line("crisis"), problems)
    governance, dated = read_governance(path, data, key_line)
    problems.extend(dated)

    body_start = header.body_index + 1  # 1-based line number of the first body line
    body = "\n".join(lines[header.body_index :])
    rendered = render_markdown(body, content_root, topic, fonts)
    problems.extend(_body_problems(path, header.body_index, body, rendered.notes))
    if any(p.is_error for p in problems):
        return CardResult(None, tuple(problems))
    paper = render_markdown(body, content_root, topic, fonts, medium=PAPER) if has_markers(body) else None
    card = Card(path.name, path, str(data["title"]).strip(), icon, image, rendered.html, qr, rendered.blocks,
                governance=governance, body=body, body_line=body_start, qr_label=qr_label, audio=audio,
                pictures=tuple(dict.fromkeys((*pictures, *rendered.pictures))),
                paper_html=paper.html if paper else None, paper_blocks=paper.blocks if paper else None, crisis=crisis)
    return CardResult(card, tuple(problems))


def _header_picture(path: Path, data: dict, line: int, content_root: Path, topic: Path | None,
                    problems: list[Problem]) -> tuple[Path | None, list[ShownPicture]]:
    """The `image:` picture above the card's text, checked by its bytes; one that cannot be shown is an error."""
    if "image" not in data:
        return None, []
    name = data["image"]
    if not isinstance(name, str):
        problems.append(error(path, line, "'image' must be a file name such as images/room.jpg"))
        return None, []
    image, reason = resolve_content_file(content_root, name.strip(), IMAGE_SUFFIXES, topic)
    try:
        pictures = [shown_picture(image)] if image is not None else []
    except PictureRefused as refused:
        image, reason, pictures = None, refused.reason, []
    if image is None:
        problems.append(error(path, line, f"image {quoted(name)} cannot be used: {reason}"))
    return image, pictures


def _body_problems(path: Path, body_index: int, body: str, notes: list[BodyNote]) -> list[Problem]:
    """The text under the header: none at all is an error (a header saved over a card: the last good
    version stays); each note from the Markdown renderer at its line in the file."""
    problems = []
    if not body.strip():
        problems.append(error(path, body_index, "the card has no text under its header: type what patients "
                                                 "should read below this --- line"))
    body_start = body_index + 1
    for body_note in notes:
        make = error if body_note.is_error else warning
        problems.append(make(path, body_start + body_note.body_line - 1, body_note.message_at(body_start)))
    return problems
