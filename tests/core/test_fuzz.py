"""Fuzzing the three readers staff input goes through: a card file, its Markdown body, kiosk.toml.

Whatever bytes staff (or a crashed editor, or a copy from a USB stick) leave in the content folder,
the readers must answer with problems that name a real line, never raise, and never let anything
active into the HTML that Qt shows.

The examples are derandomized (the same ones on every run, so CI is never flaky) and nothing is
written to a Hypothesis database. To explore new examples locally, run with KIOSK_FUZZ_EXPLORE=1
(and raise KIOSK_FUZZ_EXAMPLES, e.g. 5000).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import DATA
from hypothesis import HealthCheck, configuration, given, settings
from hypothesis import strategies as st

from kiosk.core.config import Config, ConfigResult, load_config
from kiosk.core.tuning import MIN_IDLE_SECONDS
from kiosk.core.cards import CardResult, load_card
from kiosk.core.qr import url_problem
from kiosk.core.markdown import ALLOWED_TAGS, RenderResult, render_markdown

# Even without a database, Hypothesis caches Unicode tables and the constants of local modules in
# ./.hypothesis/ (the constants while pytest collects, hence here and not in a fixture). Keep the
# repository clean: a private directory, removed when the test run ends.
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="kiosk-hypothesis-")
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, True)
configuration.set_hypothesis_home_dir(_HYPOTHESIS_HOME)

PNG = (DATA / "cards" / "binary-png.md").read_bytes()  # a real 2x2 PNG, kept as a hostile card
EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "0")) or None


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=EXAMPLES or examples,
        deadline=2000,  # ms per example; a slow example is a finding, not noise
        database=None,  # never write into the repository
        derandomize=not os.environ.get("KIOSK_FUZZ_EXPLORE"),
        # Cards are built from many small draws; generation, not the kiosk, is what is slow here.
        suppress_health_check=[HealthCheck.too_slow],
    )


# --- strategies -------------------------------------------------------------------------------

WORDS = st.sampled_from([
    "ketamine", "Ask", "your", "care", "team", "x", "café", "名前", "AT&T", "&amp;", "&lt;", "&#0;", "&#x110000;",
    "\t", "  ", "\\", "*", "_", "**", "__", "`", "``", "~~", "|", "#", "!", "[", "]", "(", ")", "<", ">",
    "\u200b", "\u2028", "\x0c", "\x85", "\ufeff", "\x7f", "\U0001F600", "\u202e", "onclick=alert(1)", "javascript:x",
])
TAGS = st.sampled_from([
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<script", "</script>",
    '<iframe src="https://evil.example/"></iframe>', "<iframe/src=javascript:alert(1)>",
    '<img src="x.png" onerror="alert(1)">', "<img src=images/room.png onload=alert(1)>",
    '<img src="https://evil.example/p.png">', "<img src=//cdn.example.org/x.png>", "<IMG SRC=JaVaScRiPt:alert(1)>",
    '<a href="javascript:alert(1)">tap</a>', '<a href="https://evil.example/">link</a>', "<a href=x>",
    '<p style="color:red" onclick="alert(2)">styled</p>', '<span onmouseover="alert(3)">hover</span>',
    '<svg onload="alert(4)"><script>alert(5)</script></svg>', '<object data="x.swf"></object>', "<embed src=x>",
    "<div>", "</div>", "<b>bold</b>", "<br>", "<br/>", "<!-- comment -->", "<!--", "-->", "<![CDATA[x]]>",
    "<style>p{color:red}</style>", "<math><mi>x</mi></math>", "<form action=x><input></form>",
    '<base href="https://evil.example/">', "<meta http-equiv=refresh content=0;url=x>", "<link rel=stylesheet href=x>",
    "<details open ontoggle=alert(1)>", "<body onload=alert(1)>", "<x onclick=y>", "< script>", "<scr<script>ipt>",
    "&lt;script&gt;", "<?php echo 1 ?>", "<!DOCTYPE html>", "<textarea>", "<title>x</title>", "<template>x</template>",
])
URLS = st.sampled_from([
    "images/room.png", "images/room.PNG", "./images/room.png", "images/../images/room.png", "images/folder.png",
    "images/missing.png", "../outside.png", "../../etc/passwd", "/etc/room.png", "C:\\room.png", "\\\\server\\x.png",
    "https://example.org/a.png", "http://example.org/a.png", "//cdn.example.org/x.png", "file:///etc/passwd",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "ftp://x/y.png",
    "images/room.png?x=1", "images/room.png#x", "images%2Froom.png", "images/r%00om.png", "images/ro om.png",
    "<images/room.png>", "", " ", "images/room.png \"title\"", "mailto:a@b.c", "tel:123",
])
INLINE = st.one_of(
    WORDS,
    TAGS,
    st.builds(lambda alt, url: f"![{alt}]({url})", WORDS, URLS),
    st.builds(lambda text, url: f"[{text}]({url})", WORDS, URLS),
    st.builds(lambda url: f"<{url}>", URLS),
    st.builds(lambda w: f"**{w}**", WORDS),
    st.builds(lambda w: f"`{w}`", WORDS),
    st.builds(lambda name, url: f"[{name}]: {url}", WORDS, URLS),
    st.text(max_size=12),
)
PREFIX = st.one_of(
    st.just(""),
    st.builds(lambda n: ">" * n + " ", st.integers(1, 12)),
    st.builds(lambda n: "- " * n, st.integers(1, 12)),
    st.builds(lambda n: "* " * n, st.integers(1, 8)),
    st.builds(lambda n: "1. " * n, st.integers(1, 8)),
    st.builds(lambda n: " " * n, st.integers(1, 24)),
    st.builds(lambda n: "\t" * n, st.integers(1, 6)),
    st.builds(lambda n: "> - " * n, st.integers(1, 8)),
    st.sampled_from(["#", "## ", "###### ", "```", "~~~", "    ", "---", "***", "===", "| a | b |", ": ", "+ "]),
)
MD_LINE = st.builds(lambda prefix, parts: prefix + " ".join(parts), PREFIX, st.lists(INLINE, max_size=6))
MARKDOWN = st.builds("\n".join, st.lists(MD_LINE, max_size=30))

# Mostly printable: a control character stops YAML at once (that case has its own examples, in WORDS).
PRINTABLE = st.characters(exclude_categories=("Cs", "Cc"))
YAML_KEY = st.one_of(
    st.sampled_from(["title", "icon", "image", "qr", "titel", "Title", "title ", '"title"', "'icon'", "? title", "- title",
                     "<<", "&a title", "*a", "!!str title", "", "  title", "\ttitle", "null", "1", "true", "[title]"]),
    st.text(PRINTABLE, max_size=8),
)
YAML_VALUE = st.one_of(
    WORDS,
    URLS,
    st.sampled_from([
        "What is ketamine?", '"quoted"', "'single'", '"unterminated', "fa5s.capsules", "fa5s.no-such-icon", "fa5s.",
        "https://calliope.health/", "https://calliope health/", "~", "null", "yes", "no", "true", "0", "-1", "1.5",
        "0x1F", "0o17", "1e309", ".nan", "-.inf", "12:30:00", "2024-01-31", "[a, b]", "{a: 1}", "[", "{", "]",
        "&a anchored", "*a", "*undefined", "!!int 7", "!!binary aGVsbG8=", "!!set {a}", "!!python/object:os.system x",
        "|", ">", "|-", "- item", "? key", "2024-02-30", "key: value: more", "#comment", "%YAML 1.1", "@reserved", "`tick", "!",
        "\t", '"\\u0000"', '"\\x85"', '"\\uffff"', '"a\\nb"',
    ]),
    st.text(PRINTABLE, max_size=20),
)
YAML_LINE = st.one_of(
    st.builds(lambda indent, key, value: f"{indent}{key}: {value}", st.sampled_from(["", "", "", "  ", "\t", " "]), YAML_KEY, YAML_VALUE),
    st.builds(lambda value: f"  - {value}", YAML_VALUE),
    st.sampled_from(["", "#", "---", "...", "title", ":", "- ", "? ", "  ", "%TAG ! tag:x,2000:", "title: a\ttitle: b"]),
    st.text(PRINTABLE, max_size=20),
)
FRONT_MATTER = st.lists(YAML_LINE, max_size=12)
OPEN = st.sampled_from(["---"] * 8 + ["--- ", "---\t", "----", "...", "", "—", "+++"])
CLOSE = st.sampled_from(["---"] * 8 + ["...", "--- ", "", "----", "--", None])


@st.composite
def plausible_cards(draw) -> bytes:
    """A card as staff might save it: front matter fences, YAML-ish lines, a Markdown body, any line ending."""
    lines = [draw(OPEN)]
    if draw(st.integers(0, 9)):
        lines.append(f"title: {draw(st.one_of(st.just('What is ketamine?'), YAML_VALUE))}")
    lines += draw(FRONT_MATTER)
    close = draw(CLOSE)
    if close is not None:
        lines.append(close)
    lines.append(draw(MARKDOWN))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    mutation = draw(st.sampled_from(["none"] * 7 + ["truncate", "insert", "latin-1"]))
    if mutation == "truncate" and raw:  # a half-written file, possibly cut inside a UTF-8 sequence
        raw = raw[: draw(st.integers(0, len(raw) - 1))]
    elif mutation == "insert":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif mutation == "latin-1":
        raw = text.encode("latin-1", "replace")
    return raw


@st.composite
def well_formed_cards(draw) -> bytes:
    """Front matter that loads, so the Markdown body and the picture checks are what gets fuzzed."""
    lines = ["---", "title: " + draw(st.sampled_from(["What is ketamine?", "Café ✓", '"<script>x</script>"', "1"]))]
    if draw(st.booleans()):
        lines.append(f"icon: {draw(st.sampled_from(['fa5s.capsules', 'fa5s.nope', 'x']))}")
    if draw(st.booleans()):
        lines.append(f"image: {draw(st.sampled_from(['images/room.png', 'images/folder.png', 'https://example.org/a.png']))}")
    if draw(st.booleans()):
        lines.append(f"qr: {draw(st.sampled_from(['https://calliope.health/', 'javascript:alert(1)', 'x']))}")
    lines += ["---", draw(MARKDOWN)]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + newline.join(lines).encode("utf-8", "surrogatepass")


ANY_CARD = st.one_of(
    well_formed_cards(),
    well_formed_cards(),
    plausible_cards(),
    plausible_cards(),
    plausible_cards(),
    st.binary(max_size=2000),
    st.builds(lambda t: t.encode("utf-8", "surrogatepass"), st.text(max_size=500)),
    st.builds(lambda t: b"---\ntitle: x\n---\n" + t.encode("utf-8", "surrogatepass"), st.text(max_size=500)),
    st.just(PNG),
)

TOML_KEY = st.one_of(
    st.sampled_from(["name", "address", "phone", "website", "idle_seconds", "languages", "staff_pin", "staff_pin_sha256",
                     "show_cursor", "text_size", "high_contrast", "title", "subtitle", '"name"', "'phone'", "a.b",
                     "clinic.name", "kiosk", "", "1", "true", "idle secs"]),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=8),
)
TOML_VALUE = st.one_of(
    st.sampled_from([
        '"Calliope Health Ketamine"', '"(301) 828-9513"', '"https://calliope.health/"', '"ftp://x.org/"',
        '"https://calliope health/"', '"https://calliope/"', '"' + "https://x.org/" + "a" * 250 + '"', '""', "''",
        '"""multi\nline"""', "'''raw'''", '"unterminated', "'unterminated", '"\\u0000"', '"\\uD800"', '"\\x41"',
        "90", "5", "0", "-1", "90.5", "1e9", "inf", "nan", "0x5A", "0o17", "0b101", "1_000", "1__0", "01",
        "true", "false", "True", "yes", '["en"]', '["en", "es"]', '["en", "en"]', "[]", '["English"]', "[1, 2]",
        '["en"', "[[[[", "{a = 1}", "{", "1979-05-27", "1979-13-45", "07:32:00", "1979-05-27T07:32:00Z",
        '"a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972"', '"2468"', '"normal"', '"huge"',
    ]),
    st.builds(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"', st.text(max_size=20)),
    st.integers(-(10**20), 10**20).map(str),
    st.text(max_size=15),
)
TOML_LINE = st.one_of(
    st.builds(lambda k, v: f"{k} = {v}", TOML_KEY, TOML_VALUE),
    st.builds(lambda k, v: f"{k}={v}", TOML_KEY, TOML_VALUE),
    st.builds(lambda name: f"[{name}]", st.sampled_from(["clinic", "kiosk", "welcome", "welcome.es", "clinic.hours",
                                                         "printer", "kiosk.extra", "", "[kiosk]", " clinic ", '"clinic"'])),
    st.builds(lambda name: f"[[{name}]]", st.sampled_from(["clinic", "kiosk", "x"])),
    st.sampled_from(["", "# comment", "#", "   ", "\t", "[", "]", "=", "= 1", "a =", '"', "'''", '"""']),
    st.text(max_size=20),
)


@st.composite
def toml_files(draw) -> bytes:
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = newline.join(draw(st.lists(TOML_LINE, max_size=25))) + draw(st.sampled_from(["", newline]))
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    mutation = draw(st.sampled_from(["none", "none", "none", "truncate", "insert"]))
    if mutation == "truncate" and raw:
        raw = raw[: draw(st.integers(0, len(raw) - 1))]
    elif mutation == "insert":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return raw


ANY_TOML = st.one_of(toml_files(), st.binary(max_size=1000), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))


# --- properties -------------------------------------------------------------------------------

def line_count(raw: bytes) -> int:
    """Lines as an editor counts them (CRLF, LF and lone CR end a line), plus an empty last line after a final newline."""
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def assert_problems_name_real_lines(problems, path: Path, raw: bytes) -> None:
    last = line_count(raw)
    for problem in problems:
        assert problem.path == path, problem
        assert 1 <= problem.line <= last, (problem, f"the file has {last} lines")
        assert isinstance(problem.message, str) and problem.message.strip(), problem


_TAG = re.compile(r"<[^>]*>")
_EVENT_ATTRIBUTE = re.compile(r"\son\w+=", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\s([^\s=/>]+)="([^"]*)"')
_WORDS_ATTRIBUTE = re.compile(r'\s(alt|title|lang)="[^"]*"')
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")


def assert_html_is_inert(html: str, content_root: Path) -> None:
    """Nothing active survives. nh3 escapes every '<' of text, so each '<' left is a real tag; the attribute
    checks look inside tags only, as text such as 'onclick=' or 'javascript:' is harmless words on a card."""
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered
    for tag in _TAG.findall(html):
        name = _TAG_NAME.match(tag)
        assert name is not None and name.group(1).lower() in ALLOWED_TAGS, tag
        attributes = _ATTRIBUTE.findall(tag)
        # nh3 keeps its generic attributes 'title' and 'lang' on every tag: words, nothing that runs or loads.
        assert {key for key, _ in attributes} <= {"title", "lang"} | ({"src", "alt"} if name.group(1) == "img" else set()), tag
        active = _WORDS_ATTRIBUTE.sub("", tag).lower()  # alt and title text are words, never followed
        assert "javascript:" not in active, tag
        assert "href=" not in active, tag
        assert not _EVENT_ATTRIBUTE.search(active), tag
        for key, value in attributes:
            if key == "src":
                assert value == (content_root / "images" / "room.png").resolve().as_uri(), tag


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    """A content folder with a real picture, a folder that looks like one, and a picture just outside it."""
    parent = tmp_path_factory.mktemp("fuzz")
    root = parent / "content"
    (root / "en").mkdir(parents=True)
    (root / "images" / "folder.png").mkdir(parents=True)
    (root / "images" / "room.png").write_bytes(PNG)
    (parent / "outside.png").write_bytes(PNG)
    yield root
    shutil.rmtree(parent, ignore_errors=True)


@fuzz_settings(800)
@given(raw=ANY_CARD)
def test_load_card_never_raises_and_names_real_lines(fuzz_root, raw):
    path = fuzz_root / "en" / "15-fuzz.md"
    path.write_bytes(raw)
    result = load_card(path, fuzz_root)
    assert isinstance(result, CardResult)
    assert_problems_name_real_lines(result.problems, path, raw)
    errors = [p for p in result.problems if p.is_error]
    if result.card is None:
        assert errors, "a card left out must say why"
    else:
        assert errors == [], "a card with an error must not be shown"
        assert result.card.title.strip()
        assert_html_is_inert(result.card.html, fuzz_root)


@fuzz_settings(600)
@given(body=st.one_of(MARKDOWN, st.text(max_size=400)))
def test_render_markdown_never_raises_and_never_lets_anything_active_through(fuzz_root, body):
    result = render_markdown(body, fuzz_root)
    assert isinstance(result, RenderResult)
    lines = len(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"))  # as the card loader counts them
    for note in result.notes:
        assert 1 <= note.body_line <= lines, (note, f"the body has {lines} lines")
        assert note.message.strip()
    if any(note.is_error for note in result.notes):
        assert result.html == ""
    assert_html_is_inert(result.html, fuzz_root)


@fuzz_settings(900)
@given(raw=ANY_TOML)
def test_load_config_never_raises_and_falls_back_to_safe_values(fuzz_root, raw):
    path = fuzz_root / "kiosk.toml"
    path.write_bytes(raw)
    result = load_config(path)
    assert isinstance(result, ConfigResult)
    assert_problems_name_real_lines(result.problems, path, raw)
    if not result.usable:
        assert [p.is_error for p in result.problems] == [True]
        assert result.config == Config()
    config = result.config
    assert isinstance(config.kiosk.idle_seconds, int) and config.kiosk.idle_seconds >= MIN_IDLE_SECONDS
    assert config.kiosk.languages and all(isinstance(code, str) and code for code in config.kiosk.languages)
    assert len(set(config.kiosk.languages)) == len(config.kiosk.languages)
    assert all(isinstance(getattr(config.clinic, key), str) for key in ("name", "address", "phone", "website"))
    assert config.clinic.website == "" or url_problem(config.clinic.website) is None
    assert isinstance(config.kiosk.show_cursor, bool)
