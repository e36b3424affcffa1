"""Headless Chromium for the browser tests: Debian's build, driven by Playwright.

The tests skip, with the reason, only when /usr/bin/chromium is absent; CI installs it
(scripts/test), so there they always run. Screenshots go to test-artifacts/ (ignored
by git), for a person to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assurance.render import render_run

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
SAMPLE = Path(__file__).parents[1] / "render" / "sample_run"

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)


@dataclass
class Watched:
    """A page and everything it did that a safe offline page never does."""

    page: object
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, suffix: str = "", *, ready: bool = True) -> None:
        self.page.goto(self.url + suffix)
        if ready:
            self.page.wait_for_function("document.body.dataset.ready === 'true'", timeout=15_000)

    def shot(self, name: str, *, full_page: bool = False) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        # JPEG for long pages: a full-page PNG of the report takes 5 s to encode.
        options = {"type": "jpeg", "quality": 85} if name.endswith(".jpg") else {}
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=full_page, **options)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _rendered(folder: Path, *, publish: bool) -> Path:
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("README.md"))
    render_run(folder, publish=publish)
    return folder


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _rendered(tmp_path_factory.mktemp("browser") / "run", publish=False)


@pytest.fixture(scope="session")
def published_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _rendered(tmp_path_factory.mktemp("browser") / "published", publish=True)


def _watch(browser: object, path: Path) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    watched = Watched(page, path.as_uri())
    page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
    page.on("pageerror", lambda e: watched.errors.append(str(e)))
    page.on("dialog", lambda d: (watched.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: watched.requests.append(r.url))

    folder = path.parent.as_uri() + "/"

    def guard(route: object) -> None:
        # Only files of the run directory may load (the report links to the graph);
        # anything else is refused, and recorded above for the tests to see.
        if route.request.url.startswith(folder):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", guard)
    yield watched
    context.close()
    assert watched.dialogs == [], "a script ran: a dialog was opened"


@pytest.fixture
def graph_page(browser: object, run_dir: Path) -> Iterator[Watched]:
    yield from _watch(browser, run_dir / "graph.html")


@pytest.fixture
def report_page(browser: object, run_dir: Path) -> Iterator[Watched]:
    yield from _watch(browser, run_dir / "report.html")


@pytest.fixture
def published_graph_page(browser: object, published_dir: Path) -> Iterator[Watched]:
    yield from _watch(browser, published_dir / "graph.html")
