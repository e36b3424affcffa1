"""Where the package's data lives: ontology, built-in rules and example packs.

They sit at the top of the repository (the design card's layout). ``pyproject.toml``
maps them into the package for an installed copy; an editable install or a source
checkout reads them where they stand, because setuptools' editable finder does not
follow nested package-dir mappings.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def _data_dir(checkout_relative: str, package: str) -> Path:
    in_checkout = _CHECKOUT_ROOT / checkout_relative
    if (_CHECKOUT_ROOT / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    return Path(str(files("assurance"))).joinpath(*package.split(".")[1:])


def ontology_dir() -> Path:
    return _data_dir("ontology", "assurance.ontology")


def catalogue_dir() -> Path:
    return ontology_dir() / "catalogues"


def builtin_rules_dir() -> Path:
    return _data_dir("rules", "assurance.rules")


def examples_dir() -> Path:
    return _data_dir("fixtures/packs", "assurance.examples")
