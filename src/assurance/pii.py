"""The personal-identifier guard for free text (Rochdale framework: no person is
identifiable in any output).

It finds NHS numbers (with a valid modulus-11 check digit), unique pupil numbers (with a
valid check letter), dates of birth, e-mail addresses, UK phone numbers, postcodes,
street addresses and titled names (``Mrs Smith``). Ingest refuses text carrying any of
them, with its location, unless the analyst asks for redaction, which replaces each
with ``[redacted <kind>]``.

The patterns lean towards catching: a false alarm costs an analyst a minute, a leak
costs a family far more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # the DfE's 23 check letters (no I, O, S)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?\s+\d{{4}})"
)

_PATTERNS: dict[str, re.Pattern[str]] = {
    "email address": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE),
    "NHS number": re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])"),
    "unique pupil number": re.compile(r"\b[A-Z]\d{11}[0-9A-Z]\b"),
    "date of birth": re.compile(
        rf"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?)\s*:?\s*{_DATE}", re.IGNORECASE
    ),
    "phone number": re.compile(
        r"(?<![\w])(?:\+44\s?\(?0?\)?\s?|0)(?:7\d{3}|1\d{2,4}|2\d|3\d{2}|8\d{2})[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"
    ),
    "postcode": re.compile(
        r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
    ),
    "street address": re.compile(
        r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
        r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Crescent|Grove|Terrace|Way|Court|Gardens|Place)\b"
    ),
    "name": re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?\b"),
}


def _nhs_check_digit_valid(digits: str) -> bool:
    weights = range(10, 1, -1)
    remainder = sum(int(d) * w for d, w in zip(digits[:9], weights, strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _upn_check_letter_valid(upn: str) -> bool:
    total = sum(int(d) * w for d, w in zip(upn[1:], range(2, 14), strict=False) if d.isdigit())
    return _UPN_LETTERS[total % 23] == upn[0]


_VALIDATORS: dict[str, Callable[[str], bool]] = {
    "NHS number": lambda text: _nhs_check_digit_valid(re.sub(r"\D", "", text)),
    "unique pupil number": _upn_check_letter_valid,
}

# A quick pre-filter: text with none of these characters cannot hold an identifier,
# which lets ingest skip most free text without running every pattern.
_MAY_HOLD_IDENTIFIER = re.compile(r"[\d@]|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\b")


@dataclass(frozen=True)
class Identifier:
    kind: str
    start: int
    end: int


def find_identifiers(text: str) -> list[Identifier]:
    """Every personal identifier in ``text``, in order of position."""
    if not text or not _MAY_HOLD_IDENTIFIER.search(text):
        return []
    found: list[Identifier] = []
    for kind, pattern in _PATTERNS.items():
        validator = _VALIDATORS.get(kind)
        for match in pattern.finditer(text):
            if validator is None or validator(match.group()):
                found.append(Identifier(kind, match.start(), match.end()))
    return _without_overlaps(found)


def _without_overlaps(found: list[Identifier]) -> list[Identifier]:
    kept: list[Identifier] = []
    for item in sorted(found, key=lambda i: (i.start, -(i.end - i.start))):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def redact(text: str) -> tuple[str, int]:
    """``text`` with every identifier replaced, and how many were replaced."""
    identifiers = find_identifiers(text)
    for item in reversed(identifiers):
        text = text[: item.start] + f"[redacted {item.kind}]" + text[item.end :]
    return text, len(identifiers)
