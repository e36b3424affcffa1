"""One statistic, one indicator: what EES and LAIT both publish becomes one series, by the
``same_as`` declarations of the LAIT mapping, whichever file is imported first."""

from __future__ import annotations

import re
import shlex
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance.importers import ImportProblemsError, import_ees, import_lait, shipped_mappings
from assurance.importers.ees import _observations, _Wanted, read_ees
from assurance.importers.lait import _observations as lait_observations
from assurance.importers.lait import read_lait
from assurance.importers.mapping import detect_mapping, load_mapping, publications
from assurance_cli.main import cli

from .conftest import DFE, EES_FILES, LAIT, REFERRALS, read_rows, rewrite_csv, series

README = Path(__file__).resolve().parents[2] / "README.md"
#: Fewer points in common than this and two series agreeing is no evidence of a copy.
MIN_COMMON = 3


def duplicated_series(pack: Path) -> list[tuple[str, str]]:
    """Pairs of indicators whose published values agree for every area and period both
    have (at least MIN_COMMON of them): one statistic counted twice."""
    values: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for row in read_rows(pack / "indicators.csv"):
        if row["value"]:
            values[row["indicator"]][(row["area"], row["period"])] = row["value"]
    pairs = []
    for a, b in combinations(sorted(values), 2):
        common = values[a].keys() & values[b].keys()
        if len(common) >= MIN_COMMON and all(values[a][k] == values[b][k] for k in common):
            pairs.append((a, b))
    return pairs


def readme_imports() -> list[list[str]]:
    """The `assure import` commands of the README's published-statistics section, in order,
    as argument lists (continuation lines joined)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Published statistics"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.DOTALL)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [shlex.split(line)[1:] for line in lines if line.startswith("assure import ")]


def _localised(args: list[str], root: Path) -> list[str]:
    """A README command with its file names found in fixtures/dfe and its pack in root."""
    out = []
    for arg in args:
        if arg.endswith(".csv"):
            found = sorted(DFE.glob(arg))
            assert len(found) == 1, f"{arg} names {len(found)} files in fixtures/dfe"
            arg = str(found[0])
        elif arg.startswith("packs/"):
            arg = str(root / arg)
        out.append(arg)
    return out


@pytest.fixture(scope="module")
def readme_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("readme")
    runner = CliRunner()
    for args in readme_imports():
        result = runner.invoke(cli, _localised(args, root))
        assert result.exit_code == 0, (args, result.output)
    return {pack.name: pack for pack in sorted((root / "packs").iterdir())}


def test_the_readme_imports_hartlepool_and_rochdale_from_both_sources() -> None:
    commands = readme_imports()
    assert [(c[1], c[c.index("--area") + 1]) for c in commands] == [
        ("ees", "Hartlepool"), ("lait", "Hartlepool"), ("ees", "Rochdale"),
        ("lait", "Rochdale")]
    rochdale_tables = {Path(a).name for a in _localised(commands[2], Path()) if a.endswith(".csv")}
    assert rochdale_tables == {p.name for p in EES_FILES}  # every table with a Rochdale row


@pytest.mark.parametrize("area", ["hartlepool", "rochdale"])
def test_the_readme_path_gives_no_duplicated_series(readme_packs: dict[str, Path],
                                                    area: str) -> None:
    assert duplicated_series(readme_packs[area]) == []


@pytest.mark.parametrize(("area", "merged"), [("hartlepool", 3), ("rochdale", 15)])
def test_the_shared_statistics_name_both_files(readme_packs: dict[str, Path], area: str,
                                               merged: int) -> None:
    # the issue counted 3 identical pairs for Hartlepool and 15 for Rochdale
    catalogue = read_rows(readme_packs[area] / "catalogue.csv")
    both = [r for r in catalogue if ".csv, column" in r["ref"] and ".csv, item" in r["ref"]]
    assert len(both) == merged
    assert all(r["indicator"].startswith("dfe-") and r["note"] for r in both)
    aliases = {s.id for s in shipped_mappings()["lait"].indicators if s.same_as}
    assert not aliases & {r["indicator"] for r in catalogue}  # no lait-referrals beside them


def test_the_detector_finds_a_copied_series(tmp_path: Path) -> None:
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path)
    path = tmp_path / "indicators.csv"
    rows = path.read_text().splitlines()
    copies = [r.replace("dfe-referrals,", "copy-referrals,", 1) for r in rows
              if r.startswith("dfe-referrals,")]
    path.write_text("\n".join([*rows, *copies]) + "\n")
    assert duplicated_series(tmp_path) == [("copy-referrals", "dfe-referrals")]


def _tables(pack: Path) -> dict[str, list[tuple[str, ...]]]:
    """Each file's rows, in any order (an import adds its new rows at the end)."""
    return {name: sorted(tuple(r.values()) for r in read_rows(pack / name))
            for name in ("catalogue.csv", "indicators.csv", "benchmarks.csv")}


def test_either_order_of_import_gives_the_same_pack(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "rochdale", tmp_path / "b" / "rochdale"
    import_ees(EES_FILES, area="Rochdale", into=first)
    lait = import_lait(LAIT, area="Rochdale", into=first)
    import_lait(LAIT, area="Rochdale", into=second)
    import_ees(EES_FILES, area="Rochdale", into=second)
    assert _tables(first) == _tables(second)
    assert (first / "pack.yaml").read_bytes() == (second / "pack.yaml").read_bytes()
    assert len(lait.shared) == 15 and all(s.in_pack for s in lait.shared)


def test_where_the_two_disagree_ees_s_figure_stands(tmp_path: Path) -> None:
    def revise(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
        for cells in rows:
            if cells[:3] == ["ReReferral", "2025", "805"]:
                cells[4] = "30.1"  # EES says 26.5
        return header, rows

    header = LAIT.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[:5] == ["short_desc", "years", "la_number", "la_and_regions",
                                     "value"]
    revised = rewrite_csv(LAIT, tmp_path / LAIT.name, revise)
    ees_first, lait_first = tmp_path / "a", tmp_path / "b"
    import_ees([REFERRALS], area="Hartlepool", into=ees_first)
    result = import_lait(revised, area="Hartlepool", into=ees_first, items=["ReReferral"])
    import_lait(revised, area="Hartlepool", into=lait_first, items=["ReReferral"])
    assert series(lait_first, "dfe-rereferral-rate")["2024-25"] == "30.1"  # LAIT alone
    import_ees([REFERRALS], area="Hartlepool", into=lait_first)
    for pack in (ees_first, lait_first):
        assert series(pack, "dfe-rereferral-rate")["2024-25"] == "26.5"
    change = {c.file: c for c in result.changes}["indicators.csv"]
    assert (change.skipped, change.unchanged, change.replaced) == (1, 9, 0)


def test_a_lait_only_pack_takes_lait_s_revisions(tmp_path: Path) -> None:
    import_lait(LAIT, area="Hartlepool", into=tmp_path, items=["ReReferral"])

    def revise(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
        for cells in rows:
            if cells[:3] == ["ReReferral", "2025", "805"]:
                cells[4] = "26.7"
        return header, rows

    revised = rewrite_csv(LAIT, tmp_path / "revised.csv", revise)
    result = import_lait(revised, area="Hartlepool", into=tmp_path, items=["ReReferral"])
    assert {c.file: c for c in result.changes}["indicators.csv"].replaced == 1
    assert series(tmp_path, "dfe-rereferral-rate")["2024-25"] == "26.7"


def test_the_catalogue_describes_a_shared_statistic_as_ees_does(tmp_path: Path) -> None:
    import_lait(LAIT, area="Rochdale", into=tmp_path, items=["Work_Force_AvgNumCase_SW"])
    (row,) = read_rows(tmp_path / "catalogue.csv")
    assert row["indicator"] == "dfe-sw-caseload"
    assert row["label"] == "Average caseload per case-holding social worker (FTE)"  # EES's
    assert row["ref"] == ("DfE, Local Authority Interactive Tool (LAIT): "
                          "lait_safeguarding_indicators_long.csv, item Work_Force_AvgNumCase_SW")
    assert row["note"] == ""  # one source so far
    import_ees([DFE / "csww_indicators_2017_to_2025.csv"], area="Rochdale", into=tmp_path)
    row = next(r for r in read_rows(tmp_path / "catalogue.csv")
               if r["indicator"] == "dfe-sw-caseload")
    assert row["ref"].split("; ") == [
        "DfE, Children's social work workforce (Explore Education Statistics): "
        "csww_indicators_2017_to_2025.csv, column caseload_fte",
        "DfE, Local Authority Interactive Tool (LAIT): lait_safeguarding_indicators_long.csv, "
        "item Work_Force_AvgNumCase_SW",
    ]
    assert "one series" in row["note"]


def test_a_pack_with_the_old_lait_ids_is_warned(tmp_path: Path) -> None:
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path)
    catalogue = tmp_path / "catalogue.csv"
    old = next(line for line in catalogue.read_text().splitlines()
               if line.startswith("dfe-rereferral-rate,"))
    with catalogue.open("a") as stream:  # as an import before same_as left it
        stream.write(old.replace("dfe-rereferral-rate,", "lait-rereferral-rate,", 1) + "\n")
    result = import_lait(LAIT, area="Hartlepool", into=tmp_path, items=["ReReferral", "CIN"])
    (warning,) = [w for w in result.warnings if "earlier import" in w]
    assert warning.startswith("the pack still has lait-rereferral-rate from an earlier import")


# The declarations themselves


def _values(observations: list) -> dict[str, dict[tuple[str, str, str], float]]:
    found: dict[str, dict[tuple[str, str, str], float]] = defaultdict(dict)
    for obs in observations:
        if obs.cell.value is not None:
            found[obs.indicator][(obs.level, obs.code, obs.period)] = obs.cell.value
    return found


@pytest.fixture(scope="module")
def every_authority() -> tuple[dict, dict]:
    """Every published value of every authority, region and England, from each source."""
    ees: dict[str, dict[tuple[str, str, str], float]] = {}
    for path in EES_FILES:
        file = read_ees(path)
        mapping = detect_mapping(file.frame.columns, path.name)
        assert mapping is not None
        codes = frozenset(file.frame["old_la_code"].unique())
        ees |= _values(_observations(file, mapping, _Wanted(codes, ""), (), mapping.year_end, []))
    file = read_lait(LAIT)
    codes = frozenset(file.frame["la_number"].unique())
    lait = _values(lait_observations(file, list(shipped_mappings()["lait"].indicators), codes,
                                     "", []))
    return ees, lait


def test_every_declared_pair_is_one_statistic_in_the_real_files(every_authority) -> None:
    ees, lait = every_authority
    declared = [s for s in shipped_mappings()["lait"].indicators if s.same_as]
    assert len(declared) == 15
    for spec in declared:
        common = ees[spec.same_as].keys() & lait[spec.same_as].keys()
        assert len(common) > 300, spec.source  # years of every authority
        assert all(ees[spec.same_as][k] == lait[spec.same_as][k] for k in common), spec.source


def test_no_undeclared_lait_item_copies_an_ees_indicator(every_authority) -> None:
    ees, lait = every_authority
    for indicator, values in lait.items():
        for other, published in ees.items():
            if other == indicator:
                continue
            common = values.keys() & published.keys()
            agree = sum(values[k] == published[k] for k in common)
            assert not common or agree < 0.5 * len(common), (indicator, other)


def test_each_declared_pair_agrees_on_unit_theme_and_polarity() -> None:
    for spec in shipped_mappings()["lait"].indicators:
        if spec.same_as:
            (_, first), (mapping, second) = publications(spec.same_as)
            assert second == spec and mapping.name == "lait"
            assert (first.unit, first.theme, first.polarity) == (
                spec.unit, spec.theme, spec.polarity), spec.source


def _mapping(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(f"name: mine\nformat: lait\nsource: me\nindicators:\n{entries}")
    return path


def test_same_as_must_name_an_indicator_of_the_same_unit(tmp_path: Path) -> None:
    unknown = _mapping(tmp_path, "  - {id: my-rr, item: ReReferral, label: RR, theme: front "
                       "door, unit: percent, polarity: up_is_bad, same_as: dfe-rereferals}\n")
    with pytest.raises(ImportProblemsError) as raised:
        import_lait(LAIT, area="805", into=tmp_path / "pack", mapping=unknown)
    assert "no mapping makes that indicator" in str(raised.value.problems[0])
    unit = _mapping(tmp_path, "  - {id: my-rr, item: ReReferral, label: RR, theme: front "
                    "door, unit: count, polarity: up_is_bad, same_as: dfe-rereferral-rate}\n")
    with pytest.raises(ImportProblemsError) as raised:
        import_lait(LAIT, area="805", into=tmp_path / "pack", mapping=unit)
    assert "its unit is percent, not count" in str(raised.value.problems[0])
    assert not (tmp_path / "pack").exists()


def test_two_entries_cannot_make_one_indicator(tmp_path: Path) -> None:
    twice = _mapping(tmp_path, (
        "  - {id: a, item: ReReferral, label: A, theme: front door, unit: percent,"
        " polarity: up_is_bad, same_as: dfe-rereferral-rate}\n"
        "  - {id: dfe-rereferral-rate, item: CIN, label: B, theme: front door, unit: percent,"
        " polarity: up_is_bad}\n"))
    with pytest.raises(ImportProblemsError) as raised:
        load_mapping(twice)
    (problem,) = raised.value.problems
    assert (problem.row, problem.column) == (6, "id")
    assert "'dfe-rereferral-rate' is used twice" in problem.message
