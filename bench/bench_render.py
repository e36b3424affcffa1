"""Benchmark the renderers: build time and size of graph.html and the report, and how
long the graph takes to settle in headless Chromium, for a partnership and for England.

Run directories are generated (deterministic, in the engine's exact shape; see
tests/render/sample_run/README.md), not triangulated, so the renderers are measured
alone. ``--run DIR`` measures an existing run directory instead.

    python bench/bench_render.py                     # partnership and England scale
    python bench/bench_render.py --scale england --repeats 3
    python bench/bench_render.py --run runs/2024-25-q2
    python bench/bench_render.py --no-browser        # build times and sizes only

Settling is the time from navigation to the first frame vis-network draws with every
node placed (``window.graphReadyAt``): physics is off and positions come from Python,
so there is nothing left to settle after that frame.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from assurance.kinds import INDEPENDENT_SOURCES

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: findings, evidence items per finding (low, high), areas, indicators per area
SCALES = {
    "partnership": {"findings": 40, "evidence": (2, 7), "areas": 2, "indicators": 20},
    "england": {"findings": 1000, "evidence": (2, 6), "areas": 152, "indicators": 3},
}
THEMES = [
    "neglect",
    "physical-abuse",
    "emotional-abuse",
    "sexual-abuse",
    "exploitation",
    "child-sexual-exploitation",
    "child-criminal-exploitation",
    "serious-youth-violence",
    "domestic-abuse",
    "parental-mental-health",
    "parental-substance-misuse",
    "missing",
    "early-help",
    "emotional-health",
    "self-harm",
    "online-harm",
    "harmful-sexual-behaviour",
    "children-in-care",
    "child-protection",
    "children-missing-education",
    "elective-home-education",
    "disabled-children",
    "lado",
    "workforce",
    "training-and-learning",
    "attendance",
    "information-sharing",
    "professional-challenge",
    "front-door",
]
AGENCIES = ["Children's Social Care", "Police", "Health", "Education", "Probation", "Early Help"]
RULES = [f"{p}{n:02d}" for p in ("TR", "CN", "CV", "PF", "LN", "WF") for n in range(1, 6)]
QUALITATIVE = [
    ("audit_finding", "audit", "audits.csv"),
    ("review_learning", "review", "reviews.csv"),
    ("voice", "child_voice", "voice.csv"),
    ("voice", "practitioner_voice", "voice.csv"),
    ("subgroup_report", "subgroup", "subgroups.csv"),
    ("section11", "section11", "section11.csv"),
    ("action", "action", "actions.csv"),
]
PERIODS = [f"{y}-{(y + 1) % 100:02d} Q{q}" for y in (2021, 2022, 2023) for q in (1, 2, 3, 4)]
COVERAGE_KINDS = list(INDEPENDENT_SOURCES)


def generate(folder: Path, scale: str, seed: int = 7) -> Path:
    """Write findings.json, signals.json and manifest.json for a synthetic run."""
    spec = SCALES[scale]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    series = _series(rng, spec["areas"], spec["indicators"])
    findings = [_finding(rng, i, series, spec["evidence"]) for i in range(spec["findings"])]
    findings, resolved = findings[: len(findings) * 19 // 20], findings[len(findings) * 19 // 20 :]
    coverage = [_coverage(rng, theme) for theme in THEMES]
    benchmarks = [
        _benchmark(rng, s, c) for s in series for c in ("england", "statistical_neighbours")
    ]
    pack = {
        "id": f"bench-{scale}",
        "partnership": f"Synthetic {scale} run",
        "period": PERIODS[-1],
        "publish": {"hide_agencies": True},
    }
    documents = {
        "findings.json": {
            "pack": pack,
            "period": PERIODS[-1],
            "findings": findings,
            "resolved": [{**_short(f), "status": "resolved"} for f in resolved],
        },
        "signals.json": {"series": series, "benchmarks": benchmarks, "coverage": coverage},
        "manifest.json": {
            "engine": {"version": "bench"},
            "rule_packs": [{"name": "core", "version": "1"}],
        },
    }
    for name, document in documents.items():
        (folder / name).write_text(json.dumps(document), encoding="utf-8")
    return folder


def _series(rng: random.Random, areas: int, per_area: int) -> list[dict]:
    series = []
    for area in range(areas):
        for index in range(per_area):
            theme = THEMES[(area * per_area + index) % len(THEMES)]
            base = rng.uniform(10, 90)
            values = [
                round(base + rng.gauss(0, 3) + k * rng.uniform(-0.6, 0.6), 1)
                for k in range(len(PERIODS))
            ]
            mean = sum(values) / len(values)
            spread = (
                2.66
                * sum(abs(a - b) for a, b in zip(values[1:], values, strict=False))
                / (len(values) - 1)
            )
            special = [
                {
                    "period": PERIODS[-1],
                    "cause": "outside_limits",
                    "type": rng.choice(["concern", "improvement"]),
                }
            ]
            series.append(
                {
                    "id": f"series-ind-{index}-area-{area:03d}",
                    "indicator": f"ind-{index}",
                    "label": f"Indicator {index} ({theme.replace('-', ' ')}) (%)",
                    "theme": theme,
                    "area": f"Area {area:03d}",
                    "agency": AGENCIES[index % len(AGENCIES)],
                    "unit": "percent",
                    "polarity": "up_is_bad",
                    "target": round(mean, 0),
                    "tolerance": 2.0,
                    "points": [
                        {"period": p, "value": v} for p, v in zip(PERIODS, values, strict=True)
                    ],
                    "mean": round(mean, 2),
                    "lower_limit": round(mean - spread, 2),
                    "upper_limit": round(mean + spread, 2),
                    "trial_limits": False,
                    "special": special,
                    "variation": f"special_cause_{special[0]['type']}",
                    "assurance": "hit_and_miss",
                }
            )
    return series


def _finding(
    rng: random.Random, index: int, series: list[dict], per_finding: tuple[int, int]
) -> dict:
    kind = rng.choices(["risk", "kloe", "strength"], weights=[5, 3, 2])[0]
    chosen = series[rng.randrange(len(series))]
    theme = chosen["theme"]
    evidence = [_signal(chosen, rng.choice(["spc", "target", "benchmark"]))]
    for _ in range(rng.randint(*per_finding) - 1):
        # One in five is shared: the same item behind several findings.
        item = rng.randrange(index + 1) if rng.random() < 0.2 else index * 10 + len(evidence)
        fact, source, file = QUALITATIVE[item % len(QUALITATIVE)]
        evidence.append(
            {
                "id": f"{file.removesuffix('.csv')}-{item}",
                "role": "contradicting" if rng.random() < 0.12 else "supporting",
                "fact": fact,
                "source_type": source,
                "theme": theme,
                "label": f"{source.replace('_', ' ')} item {item}",
                "text": f"Evidence text {item}: practice was reviewed in 3 of 8 cases.",
                "file": file,
                "row": item + 2,
                "rows": [item + 2],
                "date": "2024-06-30",
                "agency": AGENCIES[item % len(AGENCIES)],
            }
        )
    unique = {e["id"]: e for e in evidence}
    rule = RULES[index % len(RULES)]
    return {
        "id": f"{rule}-{theme}-{index:05d}",
        "kind": kind,
        "title": f"{theme.replace('-', ' ').capitalize()}: finding {index} in {chosen['area']}",
        "narrative": "A synthetic narrative of two sentences. It counts 4 children.",
        "theme": theme,
        "agencies": sorted({e["agency"] for e in unique.values() if e["agency"]}),
        "period": PERIODS[-1],
        "pag_question": rng.randint(1, 5),
        "severity": rng.choice(["high", "medium", "low"]),
        "confidence": rng.choice(["high", "moderate", "low"]),
        "confidence_reason": "synthetic",
        "status": rng.choice(["new", "continuing"]),
        "rule": {"code": rule, "name": "bench.rule", "version": "1"},
        "evidence": list(unique.values()),
    }


def _signal(series: dict, fact: str) -> dict:
    stub = series["id"].removeprefix("series")
    suffix = "-england" if fact == "benchmark" else ""
    return {
        "id": f"{fact}{stub}{suffix}",
        "role": "supporting",
        "fact": fact,
        "source_type": "quantity",
        "theme": series["theme"],
        "label": f"{series['label']}: {fact}",
        "text": "",
        "file": "indicators.csv",
        "row": 2,
        "rows": [2],
        "date": PERIODS[-1],
        "agency": series["agency"],
    }


def _short(finding: dict) -> dict:
    return {k: finding[k] for k in ("id", "kind", "title", "theme", "severity")}


def _coverage(rng: random.Random, theme: str) -> dict:
    present = {k: rng.random() < 0.75 for k in COVERAGE_KINDS}
    return {
        "fact": "coverage",
        "theme": theme,
        "priority": rng.random() < 0.15,
        **{f"has_{k}": v for k, v in present.items()},
        "missing": ", ".join(k for k, v in present.items() if not v),
    }


def _benchmark(rng: random.Random, series: dict, comparator: str) -> dict:
    value = series["points"][-1]["value"]
    other = round(value * rng.uniform(0.7, 1.3), 1)
    return {
        "fact": "benchmark",
        "indicator": series["indicator"],
        "label": series["label"],
        "theme": series["theme"],
        "area": series["area"],
        "period": PERIODS[-1],
        "comparator": comparator,
        "value": value,
        "benchmark_value": other,
        "worse": value > other,
        "worsening": rng.random() < 0.3,
    }


# ---------- measuring ----------


def measure_build(run_dir: Path, repeats: int) -> dict[str, float]:
    from assurance.render import build_evidence_graph, load_run
    from assurance.render.graph_html import render_graph_html
    from assurance.render.report import render_report_html, render_report_markdown
    from assurance.render.report_content import build_report

    def timed(action) -> tuple[float, object]:
        start = time.perf_counter()
        result = action()
        return time.perf_counter() - start, result

    graph_times, report_times = [], []
    for _ in range(repeats):
        run = load_run(run_dir)
        seconds, graph = timed(lambda run=run: build_evidence_graph(run))
        seconds_html, graph_html = timed(lambda run=run, graph=graph: render_graph_html(run, graph))
        graph_times.append(seconds + seconds_html)
        seconds, document = timed(lambda run=run: build_report(run))
        seconds_html, report_html = timed(lambda run=run, d=document: render_report_html(run, d))
        seconds_md, report_md = timed(lambda run=run, d=document: render_report_markdown(run, d))
        report_times.append(seconds + seconds_html + seconds_md)
    (run_dir / "graph.html").write_text(graph_html, encoding="utf-8")
    (run_dir / "report.html").write_text(report_html, encoding="utf-8")
    (run_dir / "report.md").write_text(report_md, encoding="utf-8")
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "findings": len(run.findings),
        "charts": report_html.count('class="chart"><svg'),
        "graph_build_s": statistics.median(graph_times),
        "report_build_s": statistics.median(report_times),
        "graph_html_mb": len(graph_html.encode()) / 1e6,
        "report_html_mb": len(report_html.encode()) / 1e6,
        "report_md_kb": len(report_md.encode()) / 1e3,
    }


def measure_browser(run_dir: Path, repeats: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    url = (run_dir / "graph.html").as_uri()
    settle, filtering, focusing = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(url)
            page.wait_for_function("document.body.dataset.ready === 'true'", timeout=120_000)
            settle.append(page.evaluate("window.graphReadyAt") / 1000)
            theme = page.evaluate(
                "document.querySelector('#filter-theme option:nth-child(2)').value"
            )
            filtering.append(
                _timed_in_page(
                    page,
                    f"""() => {{
                const select = document.querySelector('#filter-theme');
                select.value = {json.dumps(theme)}; select.dispatchEvent(new Event('change'));
                evidenceGraph.network.redraw(); }}""",
                )
            )
            finding = page.evaluate(
                "evidenceGraph.nodes.getIds().find(id => id.startsWith('finding:'))"
            )
            hash_ = "finding=" + quote(finding.removeprefix("finding:"), safe="")
            focusing.append(
                _timed_in_page(
                    page,
                    f"""() => {{ location.hash = {json.dumps(hash_)};
                    window.dispatchEvent(new HashChangeEvent('hashchange'));
                    evidenceGraph.network.redraw(); }}""",
                )
            )
            if errors:
                raise RuntimeError(f"page errors: {errors}")
            page.close()
        browser.close()
    return {
        "settle_s": statistics.median(settle),
        "filter_s": statistics.median(filtering),
        "focus_s": statistics.median(focusing),
    }


def _timed_in_page(page: object, script: str) -> float:
    return (
        page.evaluate(
            f"() => {{ const t = performance.now(); ({script})(); return performance.now() - t; }}"
        )
        / 1000
    )


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
        "--scale",
        choices=[*SCALES, "both"],
        default="both",
        help="the size of the generated run directory (default: %(default)s)",
    )
    parser.add_argument(
        "--run", type=Path, help="measure this run directory instead of generated ones"
    )
    parser.add_argument(
        "--repeats",
        type=positive,
        default=3,
        help="runs of each measurement; the median is reported (default: %(default)s)",
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help=f"build times and sizes only, without {CHROMIUM} (skipped anyway if absent)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    options = parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="bench-render-") as scratch:
        if options.run:
            targets = {options.run.name: Path(tempfile.mkdtemp(dir=scratch))}
            for name in ("findings.json", "signals.json", "manifest.json"):
                if (options.run / name).is_file():
                    (targets[options.run.name] / name).write_bytes(
                        (options.run / name).read_bytes()
                    )
        else:
            scales = list(SCALES) if options.scale == "both" else [options.scale]
            targets = {s: generate(Path(scratch) / s, s) for s in scales}
        for name, run_dir in targets.items():
            result = {"run": name, **measure_build(run_dir, options.repeats)}
            if not options.no_browser and Path(CHROMIUM).exists():
                result.update(measure_browser(run_dir, options.repeats))
            print(
                json.dumps(
                    {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}
                )
            )


if __name__ == "__main__":
    main()
