import pytest

from assurance.pii import find_identifiers, redact


def _upn(digits: str) -> str:
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    total = sum(int(d) * w for d, w in zip(digits, range(2, 14), strict=True))
    return letters[total % 23] + digits


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mother's e-mail is jo.bloggs@example.org", "email address"),
        ("NHS number 943 476 5919 recorded", "NHS number"),
        ("Seen by Mrs Smith at school", "name"),
        ("DOB 12/03/2015", "date of birth"),
        ("born on 3 March 2015", "date of birth"),
        ("call 07700 900123 after six", "phone number"),
        ("landline 01429 266522", "phone number"),
        ("moved to TS24 8AB last year", "postcode"),
        ("lives at 12 Acacia Road", "street address"),
        (f"pupil {_upn('801200110012')} missing", "unique pupil number"),
    ],
)
def test_identifiers_are_found(text: str, kind: str) -> None:
    assert [i.kind for i in find_identifiers(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "ICPC within 15 working days in 2024-25 was 85%",
        "Audit of 12 cases on 2024-08-01 found chronologies missing",
        "Child A (aged 14) was not seen alone",
        "NHS number 943 476 5918 recorded",  # wrong check digit: not an NHS number
        "Strategy meetings held within 1 working day: 92 of 110",
    ],
)
def test_ordinary_safeguarding_text_is_not_flagged(text: str) -> None:
    assert find_identifiers(text) == []


def test_redaction_replaces_and_counts() -> None:
    text, count = redact("Contact jo@example.org or 07700 900123")
    assert count == 2
    assert "example.org" not in text and "07700" not in text
    assert "[redacted email address]" in text
