"""Markdown engine: CPU time to render 500 sample-card bodies, and CommonMark fidelity, against targets.

The kiosk renders with markdown-it-py (kiosk/core/markdown.py). If Python-Markdown is installed
(`.venv/bin/pip install Markdown==3.11.3`, the engine the kiosk used before), the same figures are
printed for it, through the same safety steps (nh3 with the kiosk's allowed tags), for comparison.
Fidelity uses the reducer of tests/core/test_markdown_spec.py on the CommonMark spec corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import _common as c

sys.path.insert(0, str(c.TESTS))
sys.path.insert(0, str(c.TESTS / "core"))

from test_markdown_spec import CORPUS, RAW_HTML_SECTIONS, reduce  # noqa: E402

from kiosk.core.markdown import ALLOWED_TAGS, render_markdown  # noqa: E402


def bodies(count: int) -> list[str]:
    samples = []
    for language in ("en", "es"):
        for path in sorted((c.SAMPLE_CONTENT / language).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            samples.append(text.split("\n---\n", 1)[1] if "\n---\n" in text else text)
    return [samples[i % len(samples)] for i in range(count)]


def python_markdown():
    try:
        import markdown
        import nh3
        from markdown.extensions.sane_lists import SaneListExtension
    except ImportError:
        return None

    def render(body: str) -> str:
        html = markdown.Markdown(extensions=[SaneListExtension()], output_format="html").convert(body)
        return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"img": {"src", "alt"}}, url_schemes={"file"}, link_rel=None)

    return render


def bare_markdown_it():
    """markdown-it-py and nh3 alone: the engine-to-engine comparison, without the kiosk's checks."""
    import nh3
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

    def render(body: str) -> str:
        return nh3.clean(md.render(body), tags=ALLOWED_TAGS, attributes={"img": {"src", "alt"}}, url_schemes={"file"}, link_rel=None)

    return render


def timed(render, texts: list[str], repeat: int) -> float:
    """Median CPU seconds (this machine is shared: CPU time swings less than wall time)."""
    runs = []
    for _ in range(repeat):
        t0 = c.cpu_s()
        for text in texts:
            render(text)
        runs.append(c.cpu_s() - t0)
    return c.median(runs)


def fidelity(render) -> tuple[int, int]:
    examples = [e for e in json.loads(CORPUS.read_text(encoding="utf-8"))["examples"] if e["section"] not in RAW_HTML_SECTIONS]
    same = sum(reduce(render(e["markdown"])) == reduce(e["html"]) for e in examples)
    return same, len(examples)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cards", type=int, default=500)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    root = Path("/nonexistent-content")  # no picture resolves: nothing is read from disk
    kiosk = lambda body: render_markdown(body, root).html  # noqa: E731
    texts = bodies(args.cards)
    kiosk(texts[0])
    old = python_markdown()
    seconds_old = timed(old, texts, args.repeat) if old else None
    seconds = timed(kiosk, texts, args.repeat)
    seconds_bare = timed(bare_markdown_it(), texts, args.repeat)
    print(f"{args.cards} sample-card bodies, CPU time, median of {args.repeat} runs, Python {sys.version.split()[0]}")
    c.figure(f"kiosk renderer (markdown-it-py, guards, checks): {args.cards}", seconds * 1000, "ms",
             round(seconds_old * 1000) if seconds_old else 330, fmt=".0f")
    print(f"{'markdown-it-py + nh3 alone: the same bodies':<52} {seconds_bare * 1000:.0f} ms")
    if seconds_old:
        print(f"{'Python-Markdown + nh3 alone: the same bodies':<52} {seconds_old * 1000:.0f} ms     "
              f"({seconds_old / seconds_bare:.2f}x markdown-it-py alone, {seconds_old / seconds:.2f}x the kiosk renderer)")
    if CORPUS.is_file():
        same, total = fidelity(kiosk)
        c.figure("markdown-it-py: CommonMark examples shown as the spec", same / total * 100, "%", 99, higher_is_better=True)
        if old:
            same_old, _ = fidelity(old)
            print(f"{'Python-Markdown: the same':<52} {same_old / total * 100:.1f} %      ({same_old} of {total})")
    else:
        print(f"fidelity skipped: no corpus at {CORPUS}")


if __name__ == "__main__":
    main()
