import pytest

from assurance.vocabulary import ENUMERATIONS, normalise, theme_vocabulary


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Neglect", "neglect"),
        ("NEGLECT", "neglect"),
        ("neglect", "neglect"),
        ("DA", "domestic-abuse"),
        ("domestic violence", "domestic-abuse"),
        ("County Lines", "child-criminal-exploitation"),
        ("CSE", "child-sexual-exploitation"),
        ("front door", "front-door"),
        ("Thresholds and the front door", "front-door"),
        ("self_harm", "self-harm"),
        ("LADO", "lado"),
    ],
)
def test_themes_match_any_label_case_insensitively(text: str, theme: str) -> None:
    assert theme_vocabulary().resolve(text) == theme


def test_unknown_theme_suggests_the_nearest() -> None:
    themes = theme_vocabulary()
    assert themes.resolve("Neglekt") is None
    assert themes.suggest("Neglekt") == "Neglect"


def test_broader_themes_come_nearest_first() -> None:
    assert theme_vocabulary().ancestors("child-sexual-exploitation") == [
        "exploitation",
        "complex-safeguarding",
    ]


def test_enumerations_accept_the_spellings_people_use() -> None:
    assert ENUMERATIONS["grade"].resolve("Requires Improvement") == "requires_improvement"
    assert ENUMERATIONS["s11_rating"].resolve("Amber") == "partially_met"
    assert ENUMERATIONS["voice_of"].resolve("Parent/Carer") == "parent_carer"
    assert ENUMERATIONS["grade"].suggest("god") == "good"


def test_normalise_folds_separators() -> None:
    assert normalise(" Young-Person ") == normalise("young_person") == "young_person"
