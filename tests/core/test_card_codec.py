"""Parsed cards to JSON and back for the parse cache: nothing lost, nothing but a parsed card read back."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, LIBRARY, SAMPLE_CONTENT

from kiosk.core.card_codec import decode_callout, decode_result, encode
from kiosk.core.cards import load_card
from kiosk.core.crisis import render_callout


def every_card_file():
    for root in (SAMPLE_CONTENT, LIBRARY):
        yield from ((root, path) for path in sorted(root.rglob("*.md")))
    yield from ((DATA / "cards", path) for path in sorted((DATA / "cards").glob("*.md")))


def test_every_card_and_every_problem_comes_back_the_same():
    """The sample, the test library and the hostile cards: cards with pictures, recordings, dates,
    paper-only lines, and results that are only problems."""
    results = [load_card(path, root) for root, path in every_card_file()]
    assert len(results) > 50 and any(result.card is None for result in results) and any(result.card for result in results)
    for result in results:
        assert decode_result(json.loads(json.dumps(encode(result)))) == result


def test_a_callout_comes_back_the_same():
    callout = render_callout(r"> **Need help now?** Call 988\.", SAMPLE_CONTENT)
    assert decode_callout(json.loads(json.dumps(encode(callout)))) == callout


@pytest.mark.parametrize("data", [
    None, 3, "text", [], {}, {"c": "Card", "f": []}, {"c": "Popen", "f": ["rm -rf /"]}, {"c": "CardResult", "f": [None]},
    {"c": "CardResult", "f": [None, {"t": [{"c": "Problem", "f": [{"p": "x"}, 1, {"s": "fatal"}, "m"]}]}]},
    {"t": [1, 2]}, {"d": "not a date"}, {"p": 5}, {"x": "y"},
], ids=repr)
def test_anything_else_is_refused(data):
    with pytest.raises(ValueError):
        decode_result(data)


def test_nesting_too_deep_to_follow_is_refused_too():
    deep: object = None
    for _ in range(100_000):
        deep = {"t": [deep]}
    with pytest.raises(ValueError):
        decode_result(deep)


def test_a_callout_must_be_html_and_reading_blocks():
    with pytest.raises(ValueError):
        decode_callout({"t": ["<p>x</p>", {"t": ["not a block"]}]})
