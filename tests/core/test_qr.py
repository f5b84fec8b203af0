"""QR payloads: only web addresses a phone can scan from a metre away, drawn with a full quiet zone."""

from __future__ import annotations

import pytest
import segno

from kiosk.core.qr import MAX_URL_LENGTH, QUIET_ZONE, qr_matrix, url_problem


@pytest.mark.parametrize("url", ["https://calliope.health/", "http://example.org/page?x=1#top", "https://a.b"])
def test_good_urls_have_no_problem(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "must be a web address"),
        (None, "must be a web address"),
        (42, "must be a web address"),
        ("ftp://calliope.health/", "must start with https:// or http://"),
        ("javascript:alert(1)", "must start with https:// or http://"),
        ("https://localhost/", "has no site name"),
        ("https://calliope .health/", "must not contain spaces"),
        (" https://calliope.health/", "must not contain spaces"),
        ("https://[::1/", "is not a valid web address"),
        ("https://calliope.health/" + "a" * MAX_URL_LENGTH, f"at most {MAX_URL_LENGTH} stay scannable"),
    ],
)
def test_bad_urls_say_why(url, reason):
    problem = url_problem(url)
    assert problem is not None
    assert reason in problem


def test_url_of_exactly_the_maximum_length_is_allowed():
    url = "https://calliope.health/"
    url += "a" * (MAX_URL_LENGTH - len(url))
    assert len(url) == MAX_URL_LENGTH
    assert url_problem(url) is None


def test_matrix_is_square_with_a_light_quiet_zone_on_every_side():
    url = "https://calliope.health/"
    matrix = qr_matrix(url)
    code = segno.make_qr(url, error="m", boost_error=True)
    assert code.error in ("M", "Q", "H")
    assert matrix.size == code.symbol_size(scale=1, border=QUIET_ZONE)[0] == 33
    assert all(len(row) == matrix.size for row in matrix.rows)
    edge = range(QUIET_ZONE)
    far = range(matrix.size - QUIET_ZONE, matrix.size)
    for r, row in enumerate(matrix.rows):
        for c, dark in enumerate(row):
            if r in edge or r in far or c in edge or c in far:
                assert dark is False, (r, c)
    # Just inside the quiet zone: the top edge of the top-left finder pattern, seven dark modules.
    assert matrix.rows[QUIET_ZONE][QUIET_ZONE:QUIET_ZONE + 7] == (True,) * 7
    assert matrix.rows[QUIET_ZONE][QUIET_ZONE + 7] is False


def test_matrix_matches_what_segno_encodes():
    url = "https://calliope.health/"
    code = segno.make_qr(url, error="m", boost_error=True)
    expected = tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE))
    assert qr_matrix(url).rows == expected
    assert qr_matrix("https://example.org/").rows != expected
