"""Benchmark ingest, validation and triangulation, stage by stage, with peak memory.

Each measurement runs in a fresh interpreter so peak memory (ru_maxrss) is its own.
Pandas reading the same CSVs in the same run is the floor ingest is compared with
(the machines are shared and noisy: compare ratios, over several repeats).

    python bench/bench_pipeline.py                 # England-scale pack, 3 repeats
    python bench/bench_pipeline.py --pack fixtures/packs/hartlepool-stockton --repeats 5

Without --pack the England-scale pack is generated first, into bench/out/england
(bench/make_england_pack.py). The whole command is timed with the assure next to this
interpreter, so run it with the project's virtual environment's python.
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

ROOT = Path(__file__).resolve().parents[1]
ASSURE = Path(sys.executable).with_name("assure")

FLOOR = """
import glob, json, resource, sys, time
import pandas as pd
start = time.perf_counter()
for path in sorted(glob.glob(sys.argv[1] + '/*.csv')):
    pd.read_csv(path, dtype=str, keep_default_na=False)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

INGEST = """
import json, resource, sys, time
start = time.perf_counter()
from assurance.ingest import load_pack
from assurance.graph import build_graph
loaded = time.perf_counter()
pack = load_pack(sys.argv[1])
validated = time.perf_counter()
graph = build_graph(pack)
built = time.perf_counter()
print(json.dumps({"import": loaded - start, "ingest_validate": validated - loaded,
                  "graph": built - validated, "triples": len(graph),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PIPELINE = """
import json, resource, sys, time, tempfile
start = time.perf_counter()
from assurance.triangulate import triangulate
from assurance.outputs import write_run
run = triangulate(sys.argv[1])
written = time.perf_counter()
write_run(run, tempfile.mkdtemp() + "/run")
end = time.perf_counter()
print(json.dumps({**run.timings, "write_outputs": end - written, "end_to_end": end - start,
                  "facts_count": len(run.facts), "findings_count": len(run.findings),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(script: str, pack: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", script, str(pack)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def cli_seconds(pack: Path) -> float:
    """The whole command as a user runs it, interpreter start included."""
    start = time.perf_counter()
    subprocess.run(
        [str(ASSURE), "triangulate", str(pack), "--out", str(ROOT / "bench/out/cli-run")],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return time.perf_counter() - start


def summarise(samples: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(s[key] for s in samples), 3) for key in samples[0]}


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
        "--pack",
        type=Path,
        help="the evidence pack to measure (default: the England-scale pack, generated)",
    )
    parser.add_argument(
        "--repeats",
        type=positive,
        default=3,
        help="runs of each measurement; the median is reported (default: %(default)s)",
    )
    parser.add_argument(
        "--skip-pipeline",
        action="store_true",
        help="measure ingest and the graph only, not triangulation nor the whole command",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    pack = args.pack
    if pack is None:
        sys.path.insert(0, str(ROOT / "bench"))
        from make_england_pack import make_pack

        pack = make_pack(ROOT / "bench/out/england")
    report: dict[str, object] = {"pack": str(pack), "repeats": args.repeats}
    floor = summarise([measure(FLOOR, pack) for _ in range(args.repeats)])
    ingest = summarise([measure(INGEST, pack) for _ in range(args.repeats)])
    report["pandas_floor"] = floor
    report["ingest_and_graph"] = ingest
    report["ingest_validate_over_floor"] = round(ingest["ingest_validate"] / floor["seconds"], 2)
    report["ingest_graph_over_floor"] = round(
        (ingest["ingest_validate"] + ingest["graph"]) / floor["seconds"], 2
    )
    if not args.skip_pipeline:
        report["pipeline"] = summarise([measure(PIPELINE, pack) for _ in range(args.repeats)])
        report["cli_end_to_end_seconds"] = round(
            statistics.median(cli_seconds(pack) for _ in range(args.repeats)), 3
        )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
