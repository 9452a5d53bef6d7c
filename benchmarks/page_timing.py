"""The page's speed as a user sees it: Enter pressed -> the answer's citation chips on screen, in a real browser.

    python -m benchmarks.page_timing [--url http://127.0.0.1:8501] [--data-dir DIR] [--viewport desktop|phone]
                                     [--questions 40] [--out FILE.json]

Without --url it starts `ndv ui` on a free loopback port over --data-dir (default: $NDV_DATA_DIR or the user
data dir), waits until it answers, and warms it (the index opened, every shipped document in the panel, a few
questions asked). Debian's /usr/bin/chromium is driven by Playwright; no browser is downloaded.

The time is measured inside the page: from the Enter keydown (a capture listener, before Streamlit sees it) to the
first animation frame after a chip of the new answer is laid out. A new browser session starts every 10 questions
so that conversations stay the length staff have. Not a pass/fail test: quote the figures with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.run import _percentile

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
QUESTIONS = [
    "政府专家小组最多由多少人组成？",
    "专家小组将在哪里举行会议？",
    "执行部分第6段说了什么？",
    "Where and when will the expert group meet?",
    "决议鼓励哪些机构实质性地处理核裁军核查问题？",
    "What does operative paragraph 2 of A/RES/80/53 say?",
    "政府专家组关于核查的一切方面的报告的文号是什么？",
    "列出执行部分的所有段落",
    "What does article VI of UNTS vol. 729, No. 10485 say?",
    "秘书长应向哪一届大会提交报告？",
]
# Enter -> the first frame with a chip of the new answer laid out, measured in the page
MEASURE = """
() => {
  window.ndvTiming = null;
  if (window.ndvTimingInstalled) return;
  window.ndvTimingInstalled = true;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !event.target.matches('[data-testid="stChatInputTextArea"]')) return;
    const start = performance.now();
    const before = document.querySelectorAll('[data-testid="stChatMessage"]').length;
    const observer = new MutationObserver(() => {
      const messages = document.querySelectorAll('[data-testid="stChatMessage"]');
      if (messages.length < before + 2) return;
      const chip = messages[messages.length - 1].querySelector('[data-testid="stPopoverButton"]');
      if (chip && chip.getBoundingClientRect().height > 0) {
        observer.disconnect();
        requestAnimationFrame(() => { window.ndvTiming = performance.now() - start; });
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, true);
}
"""


@contextmanager
def served(data_dir: str | None) -> Iterator[str]:
    from tests.servers import free_port

    port = free_port()
    command = [sys.executable, "-m", "assistant", *(["--data-dir", data_dir] if data_dir else []), "ui"]
    log = tempfile.NamedTemporaryFile("w+", prefix="ndv-ui-", suffix=".log", delete=False)  # noqa: SIM115
    with log, subprocess.Popen([*command, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT) as process:
        url = f"http://127.0.0.1:{port}"
        try:
            import urllib.request

            deadline = time.monotonic() + 300  # may build the index first
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise SystemExit(f"ndv ui did not come up:\n{log.read()[-2000:]}") from None
                    time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)
    os.unlink(log.name)


def _session(browser, url: str, viewport: dict[str, int]):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=120_000)
    return context, page


def _ask(page, question: str) -> float:
    page.evaluate(MEASURE)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function("window.ndvTiming !== null", timeout=60_000)
    elapsed = float(page.evaluate("window.ndvTiming"))
    page.wait_for_function("!document.body.dataset.ndvFollowing", timeout=60_000)
    return elapsed


def measure(url: str, viewport: str, count: int, warmup: int = 3) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    timings: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context, page = _session(browser, url, VIEWPORTS[viewport])
            for question in QUESTIONS[:warmup]:  # warm: index opened, segmenter and embedder loaded
                _ask(page, question)
            context.close()
            for i in range(count):
                if i % 10 == 0:
                    if i:
                        context.close()
                    context, page = _session(browser, url, VIEWPORTS[viewport])
                timings.append(_ask(page, QUESTIONS[i % len(QUESTIONS)]))
            context.close()
        finally:
            browser.close()
    return {
        "viewport": viewport,
        "questions": len(timings),
        "enter_to_chips_ms": {
            "p50": round(statistics.median(timings), 1),
            "p95": round(_percentile(timings, 0.95), 1),
            "max": round(max(timings), 1),
            "min": round(min(timings), 1),
        },
        "per_question_ms": [round(t, 1) for t in timings],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running `ndv ui` (default: start one)")
    parser.add_argument("--data-dir", help="the data dir of the server started here")
    parser.add_argument("--viewport", choices=list(VIEWPORTS), default="desktop")
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--out", help="write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.url:
        result = measure(args.url, args.viewport, args.questions)
    else:
        with served(args.data_dir) as url:
            result = measure(url, args.viewport, args.questions)
    figures = result["enter_to_chips_ms"]
    print(f"Enter -> chips visible ({result['viewport']}, {result['questions']} questions, warm server): {figures}")
    print(f"machine: {result['machine']}; load average {result['load_average_1min']}")
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
