"""Generate an England-scale evidence pack for benchmarks (not committed; deterministic).

152 areas × 60 indicators × 16 quarters (145,920 observations for all children) plus
breakdowns of one indicator by sex, age and ethnicity (~19,000), benchmarks, and 30,000
qualitative items (audits, reviews, voice, sub-group reports, Section 11, actions).

    python bench/make_england_pack.py                     # into bench/out/england
    python bench/make_england_pack.py /tmp/england-pack   # about 9 MB
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT / "bench" / "out" / "england"

THEMES = [
    "neglect",
    "physical-abuse",
    "emotional-abuse",
    "sexual-abuse",
    "child-sexual-exploitation",
    "child-criminal-exploitation",
    "domestic-abuse",
    "parental-mental-health",
    "missing",
    "early-help",
    "self-harm",
    "online-harm",
    "children-in-care",
    "child-protection",
    "front-door",
    "workforce",
    "attendance",
    "lado",
    "disabled-children",
    "training-and-learning",
]
AREAS = [f"Area {i:03d}" for i in range(152)]
QUARTERS = [
    f"{2020 + (q + 2) // 4}-{(2021 + (q + 2) // 4) % 100:02d} Q{(q + 2) % 4 + 1}" for q in range(16)
]  # 2020-21 Q3 to 2024-25 Q2
INDICATORS = 60
GROUPS = [
    "sex=Female",
    "sex=Male",
    "age=0-4",
    "age=5-9",
    "age=10-15",
    "age=16-17",
    "ethnicity=White",
    "ethnicity=Black",
]
AGENCIES = [
    "Police",
    "Children's Services",
    "ICB",
    "Acute Trust",
    "Mental Health Trust",
    "Education",
    "Probation",
    "Youth Justice",
]


def _write(path: Path, header: list[str], rows) -> None:  # type: ignore[no-untyped-def]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _catalogue(folder: Path) -> None:
    rows = []
    for i in range(INDICATORS):
        polarity = ("up_is_good", "up_is_bad", "neutral")[i % 3]
        target = "" if i % 4 else "50"
        rows.append(
            [
                f"eng-{i:02d}",
                f"England indicator {i}",
                THEMES[i % len(THEMES)],
                "percent",
                polarity,
                target,
                "5" if target else "",
                "quantity",
                AGENCIES[i % len(AGENCIES)],
            ]
        )
    _write(
        folder / "catalogue.csv",
        [
            "indicator",
            "label",
            "theme",
            "unit",
            "polarity",
            "target",
            "tolerance",
            "evidence_type",
            "source_agency",
        ],
        rows,
    )


def _indicators(folder: Path, rng: np.random.Generator) -> None:
    rows = []
    for a, area in enumerate(AREAS):
        for i in range(INDICATORS):
            level = 30 + (a * 7 + i * 13) % 40
            values = rng.normal(level, 3, len(QUARTERS))
            if (a + i) % 17 == 0:
                values[-8:] += 8  # a shift: special cause in some series
            for quarter, value in zip(QUARTERS, values, strict=True):
                rows.append([f"eng-{i:02d}", quarter, f"{value:.1f}", area, "all"])
        for group in GROUPS:
            for quarter in QUARTERS:
                rows.append(["eng-00", quarter, f"{rng.normal(40, 6):.1f}", area, group])
    _write(folder / "indicators.csv", ["indicator", "period", "value", "area", "breakdown"], rows)


def _benchmarks(folder: Path, rng: np.random.Generator) -> None:
    rows = [
        [f"eng-{i:02d}", quarter, comparator, f"{rng.normal(45, 5):.1f}"]
        for i in range(INDICATORS)
        for quarter in QUARTERS
        for comparator in ("england", "region", "statistical_neighbours")
    ]
    _write(folder / "benchmarks.csv", ["indicator", "period", "comparator", "value"], rows)


def _day(rng: np.random.Generator) -> str:
    return (date(2022, 10, 1) + timedelta(days=int(rng.integers(0, 730)))).isoformat()


def _qualitative(folder: Path, rng: np.random.Generator) -> None:
    grades = ["outstanding", "good", "requires_improvement", "inadequate"]
    _write(
        folder / "audits.csv",
        ["audit_id", "date", "theme", "finding", "text", "type", "agency", "cases", "grade"],
        [
            [
                f"MACA-{n // 4}",
                _day(rng),
                THEMES[n % 20],
                ("strength", "learning")[n % 2],
                "Chronologies were not routinely used to evidence cumulative harm",
                "multi_agency",
                AGENCIES[n % 8],
                6,
                grades[int(rng.integers(0, 4))],
            ]
            for n in range(10_000)
        ],
    )
    _write(
        folder / "reviews.csv",
        ["review_id", "type", "date", "theme", "learning"],
        [
            [
                f"RR-{n // 3}",
                "rapid_review",
                _day(rng),
                THEMES[n % 20],
                "Professional curiosity about the adults in the household was limited",
            ]
            for n in range(3_000)
        ],
    )
    _write(
        folder / "voice.csv",
        ["input_id", "date", "voice_of", "theme", "sentiment", "text", "source", "respondents"],
        [
            [
                f"V-{n}",
                _day(rng),
                ("child", "young_person", "parent_carer", "practitioner")[n % 4],
                THEMES[n % 20],
                ("positive", "mixed", "negative")[int(rng.integers(0, 3))],
                "I knew who to talk to when things got hard",
                "survey",
                12,
            ]
            for n in range(12_000)
        ],
    )
    _write(
        folder / "subgroups.csv",
        ["report_id", "subgroup", "period", "theme", "rag", "assurance"],
        [
            [
                f"SG-{n}",
                f"Sub-group {n % 12}",
                QUARTERS[-1 - n % 4],
                THEMES[n % 20],
                ("green", "amber", "red")[n % 3],
                "partially_assured",
            ]
            for n in range(2_000)
        ],
    )
    _write(
        folder / "section11.csv",
        ["agency", "year", "standard", "rating"],
        [
            [
                f"{AGENCIES[n % 8]} {n // 11}",
                "2024-25",
                f"Standard {n % 11 + 1}",
                ("met", "partially_met", "not_met")[n % 3],
            ]
            for n in range(1_500)
        ],
    )
    _write(
        folder / "actions.csv",
        ["action_id", "source_id", "theme", "status", "owner_agency", "due"],
        [
            [
                f"ACT-{n}",
                f"RR-{n % 1000}",
                THEMES[n % 20],
                ("open", "complete", "overdue")[n % 3],
                AGENCIES[n % 8],
                _day(rng),
            ]
            for n in range(1_500)
        ],
    )


def make_pack(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2024)
    (folder / "pack.yaml").write_text(
        "id: england-bench\npartnership: England-scale benchmark pack (synthetic)\n"
        "period: 2024-25 Q2\nframework: none\npriorities: [Neglect, Online harm]\n",
        encoding="utf-8",
    )
    _catalogue(folder)
    _indicators(folder, rng)
    _benchmarks(folder, rng)
    _qualitative(folder, rng)
    return folder


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        help="the pack folder to write (created if absent; its files are replaced) "
        "(default: %(default)s)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    folder = make_pack(parse_args(argv).folder)
    print(f"wrote the England-scale pack to {folder}")


if __name__ == "__main__":
    main()
