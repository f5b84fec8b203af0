"""Parses a card's text: the YAML front matter (PyYAML, through kiosk.core.front_matter) and the
Markdown body (markdown-it-py, through kiosk.core.markdown), each problem with its file line.

The heavy part of loading a card, kept in its own module so it loads with the first card that is
really parsed: a restart whose cards all come from the parse cache (kiosk.core.parse_cache) never
imports either library.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.core.card_data import Card, CardResult
from kiosk.core.content_files import IMAGE_SUFFIXES, resolve_content_file, topic_of
from kiosk.core.content_fonts import content_font_ranges
from kiosk.core.front_matter import read_front_matter
from kiosk.core.governance import GOVERNANCE_KEYS, read_governance
from kiosk.core.governance import TEXT_KEYS as GOVERNANCE_TEXT_KEYS
from kiosk.core.header_values import flag, quoted, read_icon, read_qr, title_problems, unknown_keys
from kiosk.core.markdown import BodyNote, render_markdown
from kiosk.core.media import PAPER, has_markers
from kiosk.core.narration import card_audio
from kiosk.core.picture_bytes import PictureRefused
from kiosk.core.picture_files import ShownPicture, shown_picture
from kiosk.core.problems import Problem, error, warning

KNOWN_KEYS = ("title", "icon", "image", "qr", "qr_label", "audio", "crisis", *GOVERNANCE_KEYS)
# Keys whose whole line is text: a colon or a leading '[' inside is part of it, as staff meant.
TEXT_KEYS = ("title", "qr_label", *GOVERNANCE_TEXT_KEYS)


def parse_card_text(path: Path, text: str, content_root: Path) -> CardResult:
    """A card from its text (newlines already made \\n), with every problem found on the way."""
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
