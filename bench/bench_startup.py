"""Benchmark how fast ``assure`` answers when no command runs: help and the version.

The target (issue 9) is half a second for ``assure -h`` and ``assure --version``; the
interpreter's own start-up (``python -c pass``) is measured in the same batch, since
the machines are shared and noisy. Each case is run --repeats times, interleaved, and
the median and the slowest are reported, in seconds.

    python bench/bench_startup.py                  # 5 repeats
    python bench/bench_startup.py --repeats 20 --target 0.3

Exit codes: 0 every median within --target; 1 one is slower.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ASSURE = Path(sys.executable).with_name("assure")
CASES: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "assure -h": [str(ASSURE), "-h"],
    "assure --version": [str(ASSURE), "--version"],
    "assure rules -h": [str(ASSURE), "rules", "-h"],
}
BASELINE = "python -c pass"


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(repeats: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(repeats):
        for name, command in CASES.items():
            samples[name].append(seconds(command))
    return samples


def positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeats", type=positive, default=5,
        help="runs of each case (default: %(default)s)",
    )
    parser.add_argument(
        "--target", type=float, default=0.5,
        help="the most a median may take, in seconds (default: %(default)s)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not ASSURE.is_file():
        print(f"error: no {ASSURE}: run this with the project's virtual environment's python",
              file=sys.stderr)
        return 2
    samples = measure(args.repeats)
    report = {
        name: {"median": round(statistics.median(s), 3), "max": round(max(s), 3)}
        for name, s in samples.items()
    }
    slow = [n for n, r in report.items() if n != BASELINE and r["median"] > args.target]
    print(json.dumps({"repeats": args.repeats, "target": args.target, "seconds": report,
                      "over_target": slow}, indent=2))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
