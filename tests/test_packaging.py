"""The installed package carries every module and data folder the engine needs."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _configured_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_library_package_is_listed_for_installation() -> None:
    source = ROOT / "src"
    found = {
        ".".join(path.parent.relative_to(source).parts) for path in source.rglob("__init__.py")
    }
    assert found - _configured_packages() == set()


def test_data_folders_are_mapped_into_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    assert mapping["assurance.ontology"] == "ontology"
    assert mapping["assurance.rules"] == "rules"
    assert mapping["assurance.examples"] == "fixtures/packs"
    assert mapping["assurance_cli"] == "cli"
