"""End to end in a real browser: Debian's Chromium driven by Playwright against `ndv ui` on loopback, at a desktop
(1440×900) and a phone (390×844) viewport.

Never downloads a browser: `.ci/run` installs Debian's `chromium` and `fonts-noto-cjk`. Without Chromium the test
is skipped on a developer machine and fails in CI.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
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
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS = Path(os.environ.get("NDV_SHOTS", "")) if os.environ.get("NDV_SHOTS") else None

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("CI must install Debian's chromium (see .ci/run)", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)


@pytest.fixture(scope="module")
def data_dir(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built index in a directory of this module's own: the page writes feedback into it."""
    copy = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(built_data_dir, copy)
    return copy


@pytest.fixture(scope="module")
def server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "ui", "--port", str(port)]
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


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser, server: str) -> Iterator:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="zh-CN", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    tab = context.new_page()
    tab.viewport_name = request.param
    tab.goto(server)
    expect(tab.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=60_000)
    expect(tab.locator("#ndv-counter")).to_have_text("0 / 2000", timeout=20_000)  # the page script runs
    yield tab
    context.close()


def _shot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{page.viewport_name}-{name}.png"))


def _ask(page, question: str, expected: str):
    """Type a question, press Enter, wait for its answer; the answer's message."""
    from playwright.sync_api import expect

    before = page.get_by_test_id("stChatMessage").count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(before + 1)
    expect(answer).to_contain_text(expected, timeout=60_000)
    expect(answer.get_by_test_id("stFeedbackButton").first).to_be_visible(timeout=20_000)  # fully rendered
    page.wait_for_function("!document.body.dataset.ndvFollowing", timeout=30_000)  # and the page settled
    return answer


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height


def _open_sidebar(page) -> None:
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.is_visible():
        expand.click()


def test_ask_open_a_chip_and_show_it_in_the_document(page):
    from playwright.sync_api import expect

    answer = _ask(page, "政府专家小组最多由多少人组成？ 见 https://evil.example/x", "最多为25人")
    assert page.get_by_test_id("stChatMessage").nth(0).locator("a").count() == 0  # a typed URL stays text
    # a long answer after it: its first line is on screen without scrolling, on the phone too
    answer = _ask(page, "列出执行部分的所有段落", "执行部分第8段")
    first_line = answer.get_by_test_id("stMarkdownContainer").first
    expect(first_line).to_contain_text("A/RES/71/67中涉及该问题的段落")
    assert _in_view(page, first_line), first_line.bounding_box()
    _shot(page, "1-answer")

    chip = answer.get_by_role("button", name="[7] A/RES/71/67 执行部分第7段")
    chip.click()
    card = page.get_by_test_id("stPopoverBody")
    expect(card).to_contain_text("该小组2018年和2019年将在日内瓦举行共计三届会议", timeout=20_000)
    box = card.bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # the card stays on screen
    _shot(page, "2-card")

    card.get_by_role("link", name="在全文中查看").click()
    expect(page.get_by_test_id("stPopoverBody")).to_have_count(0)  # the card closes
    target = page.locator(".st-key-para-A-RES-71-67-OP7")
    expect(target).to_have_class(re.compile(r"\bndv-target\b"))
    expect(target).to_be_in_viewport()
    expect(target.get_by_text("执行部分第7段 · OP7")).to_be_in_viewport()  # with its heading
    color = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    _shot(page, "3-shown")

    # a filter with no match says so
    panel_filter = page.locator(".st-key-panel_filter input")
    panel_filter.fill("量子计算")
    panel_filter.press("Enter")
    no_match = "没有段落包含“量子计算”。 / No paragraph contains “量子计算”"
    expect(page.locator(".st-key-ndv-doc")).to_contain_text(no_match)

    # a paragraph of another document, hidden by that filter: the panel switches to it and clears the filter
    if page.viewport_name == "phone":
        page.locator("#ndv-doc-toggle").click()  # back to the conversation
    answer = _ask(page, "What does operative paragraph 2 of A/RES/80/53 say?", "A/RES/80/53")
    answer.get_by_role("button", name="[1] A/RES/80/53 operative paragraph 2").click()
    page.get_by_test_id("stPopoverBody").get_by_role("link", name="Show in the document").click()
    other = page.locator(".st-key-para-A-RES-80-53-OP2")
    expect(other).to_have_class(re.compile(r"\bndv-target\b"), timeout=20_000)
    expect(other).to_be_in_viewport()
    expect(panel_filter).to_have_value("")

    # the conversation keeps following new answers
    if page.viewport_name == "phone":
        page.locator("#ndv-doc-toggle").click()
    # (a question naming no document would stay with 80/53, the document of the last one)
    answer = _ask(page, "71/67 的专家小组将在哪里举行会议？", "日内瓦")
    assert _in_view(page, answer.get_by_test_id("stMarkdownContainer").first)


def test_a_long_paste_shows_the_message_and_is_not_sent(page):
    from playwright.sync_api import expect

    box = page.get_by_test_id("stChatInputTextArea")
    page.evaluate("text => navigator.clipboard.writeText(text)", "问" * 3000)
    box.click()
    page.keyboard.press("Control+V")
    counter = page.locator("#ndv-counter")
    expect(counter).to_contain_text("3000 / 2000")
    expect(counter).to_contain_text("Too long to send: shorten the question to 2000 characters or fewer.")
    expect(counter).to_be_in_viewport()
    assert len(box.input_value()) == 3000  # nothing cut
    box.press("Enter")
    page.wait_for_timeout(1000)
    assert page.get_by_test_id("stChatMessage").count() == 0  # not sent
    assert len(box.input_value()) == 3000  # and not lost
    _shot(page, "4-too-long")
    box.press("Control+A")
    page.keyboard.insert_text("专家小组将在哪里举行会议？")
    expect(counter).to_have_text("13 / 2000")
    box.press("Enter")
    expect(page.get_by_test_id("stChatMessage").nth(1)).to_contain_text("日内瓦", timeout=60_000)


def test_word_briefing_downloads_with_its_table(page):
    import docx

    _ask(page, "Where and when will the expert group meet?", "Geneva")
    _ask(page, "What does the resolution say about climate change?", "do not answer")
    _open_sidebar(page)
    with page.expect_download(timeout=20_000) as download:
        page.get_by_role("button", name="下载 Word 简报 / Download briefing (.docx)").click()
    word = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        "Briefing note: A/RES/71/67, A/RES/80/53",  # the 2025 group's meetings are given too, under its document
        "Documents",
        "Question 1: Where and when will the expert group meet?",
    ]
    (table,) = word.tables  # the unanswered question is left out
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Paragraph", "Document", "Quoted text", "Authority"]
    assert rows[1][:2] == ["operative paragraph 7", "A/RES/71/67"] and "日内瓦" in rows[1][2]
    assert rows[1][3].startswith("General Assembly resolution, adopted 2016-12-05")
    with page.expect_download(timeout=20_000) as download:
        page.get_by_role("button", name="下载简报 / Download briefing (.md)").click()
    note = Path(download.value.path()).read_text(encoding="utf-8")
    assert "[A/RES/71/67](https://undocs.org/A/RES/71/67)" in note and "climate" not in note


def test_thumbs_down_and_wrong_citation_reach_the_feedback_export(page, data_dir: Path, tmp_path: Path):
    from playwright.sync_api import expect

    from assistant.cli import main

    question = f"专家小组每届会议为期几天？ ({page.viewport_name})"
    answer = _ask(page, question, "5天")
    answer.locator('[data-testid="stFeedbackButton"][aria-label="Thumbs down"]').click()
    expect(page.get_by_text("已记录 / Feedback recorded")).to_be_visible(timeout=20_000)
    answer.get_by_role("button", name="[1] A/RES/71/67 执行部分第7段").click()
    page.get_by_test_id("stPopoverBody").get_by_role("button", name="⚠ 引用有误 / Wrong citation").click()
    expect(page.get_by_test_id("stPopoverBody")).to_contain_text("已报告", timeout=20_000)

    out = tmp_path / "from-staff.jsonl"
    assert main(["--data-dir", str(data_dir), "feedback", "export", "--out", str(out)]) == 0
    questions = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (mine,) = [q for q in questions if q["question"] == question]
    assert mine["expect_any"] == [] and mine["answerable"] is True
    assert "👎 and wrong citation A/RES/71/67:OP7" in mine["note"] and "fill in" in mine["note"]
