"""End to end in a real browser: Debian's Chromium driven by Playwright against `ndv ui` on loopback.

Never downloads a browser: `.ci/run` installs Debian's `chromium` and `fonts-noto-cjk`. Without Chromium the test
is skipped on a developer machine and fails in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, wait_until_up

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("CI must install Debian's chromium (see .ci/run)", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [sys.executable, "-m", "assistant", "--data-dir", str(built_data_dir), "ui", "--port", str(port)]
    # Output to a file, not a pipe: a full pipe would stall the server.
    with (
        open(log_path, "w") as log,
        subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT) as process,
    ):
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(f"{url}/_stcore/health", process, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test_ask_in_chinese_and_check_the_citation(server: str, tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            page.goto(server)
            box = page.get_by_test_id("stChatInputTextArea")
            expect(box).to_be_visible(timeout=60_000)
            box.fill("政府专家小组最多由多少人组成？")
            box.press("Enter")
            answer = page.get_by_test_id("stChatMessage").nth(1)
            expect(answer).to_contain_text("最多为25人的政府专家小组", timeout=60_000)
            chip = answer.get_by_role("button", name="A/RES/71/67 执行部分第7段")
            chip.click()
            card = page.get_by_test_id("stPopoverBody")
            expect(card).to_contain_text("该小组2018年和2019年将在日内瓦举行共计三届会议", timeout=20_000)
            page.screenshot(path=str(tmp_path / "citation.png"))
            assert (tmp_path / "citation.png").stat().st_size > 10_000

            # the card links to the paragraph in the document panel
            card.get_by_role("link", name="在全文中查看").click()
            expect(page.locator("#A-RES-71-67-OP7")).to_be_in_viewport(timeout=10_000)

            # the briefing note downloads with the question, the answer and its citations table
            page.keyboard.press("Escape")
            with page.expect_download(timeout=20_000) as download:
                page.get_by_role("button", name="下载简报 / Download briefing (.md)").click()
            note = Path(download.value.path()).read_text(encoding="utf-8")
            assert "## 问题 1: 政府专家小组最多由多少人组成？" in note
            assert (
                "| 执行部分第7段 | A/RES/71/67 | 又请秘书长根据公平地域分配原则设立一个最多为25人的政府专家小组， |"
                in note
            )
        finally:
            browser.close()
