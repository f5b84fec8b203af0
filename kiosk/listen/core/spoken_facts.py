"""The clinic's contact facts in a form a listener can write down.

A speech engine reads "(301) 828-9513" as "three hundred one, eight hundred twenty-eight ..." and a
website as "h t t p s colon slash slash". A listener needs the phone number digit by digit in its
groups, the website as the words they would type, and an address without abbreviations.
"""

from __future__ import annotations

import re
from functools import partial
from urllib.parse import urlsplit

from kiosk.core.strings import Strings

_DIGIT_GROUPS = re.compile(r"\d+")
# Street words as US addresses abbreviate them (USPS Publication 28), and compass points.
_STREET_WORDS = {
    "Ave": "Avenue", "Av": "Avenue", "St": "Street", "Rd": "Road", "Blvd": "Boulevard", "Dr": "Drive",
    "Ln": "Lane", "Ct": "Court", "Pl": "Place", "Pkwy": "Parkway", "Hwy": "Highway", "Sq": "Square",
    "Ste": "Suite", "Apt": "Apartment", "Bldg": "Building", "Fl": "Floor", "Rm": "Room", "Cir": "Circle",
    "Ter": "Terrace", "Trl": "Trail", "Way": "Way", "Expy": "Expressway", "Fwy": "Freeway",
    "N": "North", "S": "South", "E": "East", "W": "West",
    "NE": "Northeast", "NW": "Northwest", "SE": "Southeast", "SW": "Southwest",
}
_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "D C", "FL": "Florida",
    "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri",
    "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio",
    "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "PR": "Puerto Rico",
}
_WORD = re.compile(r"[A-Za-z]+\.?")
_ZIP = re.compile(r"\b(\d{5})(?:-(\d{4}))?\b")


def spell_digits(digits: str) -> str:
    return " ".join(digits)


def spoken_phone(phone: str, strings: Strings) -> str:
    """'(301) 828-9513' → '3 0 1, 8 2 8, 9 5 1 3': each digit, with a pause between the groups."""
    groups = [spell_digits(group) for group in _DIGIT_GROUPS.findall(phone)]
    if not groups:
        return phone
    spoken = ", ".join(groups)
    return f"{strings['speak_plus']} {spoken}" if phone.strip().startswith("+") else spoken


def spoken_website(url: str, strings: Strings) -> str:
    """'https://calliope.health/' → 'calliope dot health': what a patient would type, in words."""
    parts = urlsplit(url.strip())
    host = parts.netloc.rsplit("@", 1)[-1].split(":", 1)[0] if parts.netloc else parts.path.split("/", 1)[0]
    path = parts.path if parts.netloc else (parts.path.split("/", 1)[1] if "/" in parts.path else "")
    if host.lower().startswith("www."):
        host = host[4:]
    words = [_spoken_name(label, strings) for label in host.split(".") if label]
    spoken = f" {strings['speak_dot']} ".join(words)
    segments = [segment for segment in path.split("/") if segment]
    for segment in segments:
        spoken += f" {strings['speak_slash']} {_spoken_name(segment, strings)}"
    return spoken or url


def _spoken_name(label: str, strings: Strings) -> str:
    """A part of a web address: words stay words; dashes, dots and digits are said."""
    label = label.replace("-", f" {strings['speak_dash']} ").replace("_", f" {strings['speak_underscore']} ")
    label = label.replace(".", f" {strings['speak_dot']} ")
    return re.sub(r"\d+", lambda m: f" {spell_digits(m.group())} ", label).strip().replace("  ", " ")


def spoken_address(address: str) -> str:
    """Abbreviations written out and the ZIP code digit by digit, so nothing is read as a word."""
    text = _ZIP.sub(lambda m: spell_digits(m.group(1)) + (f", {spell_digits(m.group(2))}" if m.group(2) else ""), address)
    pieces = text.split(",")
    out = []
    for index, piece in enumerate(pieces):
        # A state code only counts after the street: "MD" is Maryland, but not in "MD Clinic Way".
        out.append(_WORD.sub(partial(_address_word_match, states=index > 0), piece))
    return ",".join(out)


def _address_word_match(match: re.Match[str], *, states: bool) -> str:
    return _address_word(match.group(), states)


def _address_word(word: str, states: bool) -> str:
    bare = word.rstrip(".")
    if states and bare in _STATES:
        return _STATES[bare]
    if bare in _STREET_WORDS and bare[:1].isupper():
        return _STREET_WORDS[bare]
    return word
