"""Many teachers at once: real Chromium pages ask the running app different questions at the same moment.

Starts the app (`streamlit run app.py`, offline answers) on loopback over a copy of a store, opens N
browser pages (N Streamlit sessions), and lets every page ask ``--rounds`` questions, all pages at
once per round. An answer has arrived when its message shows a source card. Prints per N the answers
that arrived, p50 / p95 / max seconds from pressing Enter to the answer, and the CPU seconds per
answer of the app process, of all browser processes and of the harness (this process and
Playwright's driver), from their /proc counters over the rounds: on one machine they all compete with
the app for the cores. ``--nice-browsers N`` starts the browsers at
a lower priority (``nice -n N``), as if the pages ran on the teachers' own laptops. ``--upload``
adds one more page that uploads a document while the last group asks, and checks that the document
is then listed and searchable.

Asserts nothing (timings depend on the machine; the load average is printed with each row)::

    python -m benchmarks.load [--users 1 5 10 20] [--rounds 2] [--store .leidraad-store] [--upload]
    python -m benchmarks.load --nice-browsers 10   # the app first, the pages with what is left
    python -m benchmarks.load --checkout /tmp/main-checkout   # the same against another version
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.conversations import FILENAME
from assistant.dutch import FrogServer
from assistant.settings import ROOT
from benchmarks.bench import DEV_QUESTIONS, load_questions, percentile, print_table
from ui.launch import AppServer, cpu_seconds, running_app

CHROMIUM = Path("/usr/bin/chromium")
CHAT_BOX = "Stel je vraag over de leidraad…"
UPLOADER = "Document toevoegen (PDF, Word of tekst)"
UPLOAD_NAME = "studiedag-verslag.txt"
UPLOAD_TEXT = (
    "Verslag van de studiedag over feedback. Het team sprak af dat docenten feedback geven met een "
    "feedbackmuur in de aula: leerlingen hangen er hun vragen op en docenten beantwoorden ze wekelijks. "
)
UPLOAD_QUESTION = "Wat is de feedbackmuur in de aula?"


@dataclass(frozen=True)
class Round:
    """One group of users: seconds per answer that arrived, answers asked, CPU seconds, load average."""

    users: int
    seconds: list[float]
    asked: int
    cpu_s: float
    browser_cpu_s: float
    harness_cpu_s: float
    load: str


async def _ask(page: Any, question: str, n: int, timeout_s: float) -> float | None:
    """Type the page's n-th question (0-based) and press Enter; seconds until its answer shows a
    source card, or None when it did not arrive in time."""
    box = page.get_by_role("textbox", name=CHAT_BOX)
    await box.fill(question)
    start = time.monotonic()
    await box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(2 * n + 1)
    try:
        await answer.get_by_test_id("stExpander").first.wait_for(timeout=timeout_s * 1000)
    except Exception:  # Playwright's TimeoutError: counted as an answer that did not arrive
        return None
    return time.monotonic() - start


async def _settled(page: Any, timeout_s: float) -> None:
    """Wait until the page's script run has ended (Streamlit's running indicator is gone)."""
    await page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=timeout_s * 1000)


async def _open(browser: Any, url: str, timeout_s: float) -> Any:
    page = await browser.new_page()
    page.set_default_timeout(timeout_s * 1000)
    await page.goto(url)
    await page.get_by_role("textbox", name=CHAT_BOX).wait_for()
    await _settled(page, timeout_s)
    return page


async def _upload(browser: Any, url: str, timeout_s: float) -> tuple[float, bool]:
    """Upload a small text file on its own page; seconds until the page lists it, and whether it did."""
    page = await _open(browser, url, timeout_s)
    start = time.monotonic()
    await page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": UPLOAD_NAME, "mimeType": "text/plain", "buffer": UPLOAD_TEXT.encode() * 3}]
    )
    try:
        await page.get_by_test_id("stAlertContentSuccess").first.wait_for(timeout=timeout_s * 1000)
        listed = True
    except Exception:
        listed = False
    seconds = time.monotonic() - start
    await page.close()
    return seconds, listed


async def _group(
    browser: Any,
    app: AppServer,
    users: int,
    questions: list[str],
    rounds: int,
    timeout_s: float,
    upload: bool,
) -> tuple[Round, tuple[float, bool] | None]:
    pages = await asyncio.gather(*(_open(browser, app.url, timeout_s) for _ in range(users)))
    seconds: list[float] = []
    uploaded = None
    cpu_before, browsers_before, harness_before = app.cpu_seconds(), _browsers_cpu(), _harness_cpu()
    for r in range(rounds):
        asks = [
            _ask(page, questions[(u * rounds + r) % len(questions)], r, timeout_s)
            for u, page in enumerate(pages)
        ]
        if upload and r == rounds - 1:
            *results, uploaded = await asyncio.gather(*asks, _upload(browser, app.url, timeout_s))
        else:
            results = await asyncio.gather(*asks)
        seconds += [s for s in results if s is not None]
        await asyncio.gather(*(_settled(page, timeout_s) for page in pages))
    cpu, browsers = app.cpu_seconds() - cpu_before, _browsers_cpu() - browsers_before
    harness = _harness_cpu() - harness_before
    load = Path("/proc/loadavg").read_text().split()[0]
    await asyncio.gather(*(page.close() for page in pages))
    return Round(users, seconds, users * rounds, cpu, browsers, harness, load), uploaded


def _browsers_cpu() -> float:
    """CPU seconds so far of every Chromium process (the browser, its renderers and helpers)."""
    return sum(cpu_seconds(pid) for pid in browser_pids())


def browser_pids() -> list[int]:
    """Every running Chromium process. A child rewrites its command line into one string
    ("…/chromium --type=renderer …"): its program is the first word of the first field."""
    return [pid for pid, command in _processes() if command[0].split(b" ", 1)[0].endswith(b"/chromium")]


def _harness_cpu() -> float:
    """CPU seconds so far of this benchmark and Playwright's driver, which carry every page's
    commands and events: on the same cores, they compete with the app and the pages."""
    driver = [pid for pid, command in _processes() if b"run-driver" in command]
    return cpu_seconds(os.getpid()) + sum(cpu_seconds(pid) for pid in driver)


def _processes() -> list[tuple[int, list[bytes]]]:
    """(pid, command line) of every running process."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except (FileNotFoundError, ProcessLookupError):
                continue
            found.append((int(entry.name), command))
    return found


async def _searchable(browser: Any, app: AppServer, timeout_s: float) -> bool:
    """Does a new page answer from the uploaded document?"""
    page = await _open(browser, app.url, timeout_s)
    await _ask(page, UPLOAD_QUESTION, 0, timeout_s)
    text = await page.get_by_test_id("stChatMessage").nth(1).inner_text()
    await page.close()
    return "feedbackmuur" in text.lower()


async def _run(app: AppServer, args: argparse.Namespace, questions: list[str]) -> int:
    from playwright.async_api import async_playwright

    if args.nice_browsers:  # the app runs already; Playwright's driver, the browser and its pages inherit it
        os.nice(args.nice_browsers)
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        await _group(browser, app, 1, questions[-5:], 1, args.timeout, False)  # untimed: warm the app
        rows = [
            (
                "users at once",
                "answers",
                "p50 s",
                "p95 s",
                "max s",
                "app CPU s/answer",
                "browsers CPU s/answer",
                "harness CPU s/answer",
                "load avg",
            )
        ]
        upload_row: tuple[float, bool] | None = None
        for n, users in enumerate(args.users):
            last = n == len(args.users) - 1
            result, uploaded = await _group(
                browser, app, users, questions, args.rounds, args.timeout, args.upload and last
            )
            upload_row = uploaded or upload_row
            s = result.seconds
            rows.append(
                (
                    str(users),
                    f"{len(s)}/{result.asked}",
                    f"{statistics.median(s):.2f}" if s else "–",
                    f"{percentile(s, 95):.2f}" if s else "–",
                    f"{max(s):.2f}" if s else "–",
                    f"{result.cpu_s / max(1, len(s)):.3f}",
                    f"{result.browser_cpu_s / max(1, len(s)):.3f}",
                    f"{result.harness_cpu_s / max(1, len(s)):.3f}",
                    result.load,
                )
            )
        searchable = await _searchable(browser, app, args.timeout) if upload_row else None
        await browser.close()
    print_table(rows)
    if upload_row is not None:
        seconds, listed = upload_row
        print(
            f"upload during the last group: {'listed' if listed else 'NOT listed'} after {seconds:.2f} s; "
            f"{'searchable' if searchable else 'NOT searchable'} afterwards"
        )
    print(f"CPUs: {os.cpu_count()}; the figures need a quiet machine (load average per row)")
    return 0


def _prepared_store(source: Path | None, into: Path) -> Path:
    """A copy of ``source`` without saved conversations, or a fresh store with the bundled corpus."""
    store = into / "store"
    if source is not None:
        shutil.copytree(source, store, ignore=shutil.ignore_patterns(f"{FILENAME}*", ".lock"))
        return store
    env = {**os.environ, "LEIDRAAD_STORE_DIR": str(store)}
    subprocess.run([sys.executable, "-m", "ingest"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--users", type=int, nargs="+", default=[1, 5, 10, 20], help="pages asking at once")
    parser.add_argument("--rounds", type=int, default=2, help="questions per page, all pages at once")
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS)
    parser.add_argument("--store", type=Path, help="an ingested store to copy (default: ingest the corpus)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before an answer counts as lost")
    parser.add_argument("--upload", action="store_true", help="one more page uploads during the last group")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="source tree of the app to serve")
    parser.add_argument(
        "--nice-browsers", type=int, default=0, metavar="N", help="start the browsers with nice -n N (0-19)"
    )
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} ontbreekt (Debian-pakket chromium)", file=sys.stderr)
        return 1
    questions = load_questions(args.questions)
    frog = FrogServer()  # started before the app, as in an app that has run for a while: not timed
    with tempfile.TemporaryDirectory(prefix="leidraad-load-") as tmp:
        store = _prepared_store(args.store, Path(tmp))
        env = {"LEIDRAAD_CORPUS_DIR": str(ROOT / "corpus"), "LEIDRAAD_FROG_PORT": str(frog.start())}
        try:
            with running_app(store, env, checkout=args.checkout.resolve()) as app:
                return asyncio.run(_run(app, args, questions))
        finally:
            frog.stop()


if __name__ == "__main__":
    raise SystemExit(main())
