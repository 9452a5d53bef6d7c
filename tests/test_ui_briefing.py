"""The briefing note in Markdown and in Word: what goes in, in which language, escaped, with links."""

from __future__ import annotations

import io
import re
from datetime import datetime

import docx
from markdown_it import MarkdownIt

from index.corpus import shipped_documents
from ui.briefing import Briefing, conversation_lang, undocs_link
from ui.render import Exchange, briefing_markdown

DOCUMENTS = {d.symbol: d for d in shipped_documents()}
HOSTILE = "**bold** [link](javascript:alert(1)) <img src=x onerror=alert(2)>"
NOW = datetime(2026, 11, 28, 9, 30)
CLOSEST = " Closest paragraphs: A/RES/71/67 operative paragraph 1."


def _answer(lang: str, found: bool = True, text: str = "", quote: str = "") -> dict:
    display = "执行部分第7段" if lang == "zh" else "operative paragraph 7"
    quote = quote or "最多为25人的政府专家小组，"
    citations = [{"id": "A/RES/71/67:OP7", "label": "OP7", "display": display, "quote": quote}] if found else []
    return {
        "text": text or ("最多为25人。\n根据……“最多为25人的政府专家小组，”" if lang == "zh" else "Answer: Geneva."),
        "citations": citations,
        "found": found,
        "retrieved": ["A/RES/71/67:OP7"],
        "backend": "extractive",
        "lang": lang,
        "warnings": [],
        "reason": "" if found else "the documents never mention: climate",
    }


ENGLISH = [
    Exchange(f"Where will the group meet? {HOSTILE}", _answer("en")),
    Exchange(
        "What does it say about climate change?",
        _answer("en", found=False, text=f"The documents do not answer this question.{CLOSEST}"),
    ),
]


def test_english_conversation_english_headings_answered_only():
    note = Briefing(ENGLISH, DOCUMENTS, now=NOW).markdown()
    assert note.startswith("# Briefing note\\:\u2060 A/RES/71/67\n\nGenerated: 2026-11-28 09:30\n")
    assert "## Documents" in note and "## Question 1\\:\u2060 Where will the group meet?" in note
    assert "climate" not in note  # the unanswered question is left out
    assert "| Paragraph | Document | Quoted text | Authority |" in note
    assert (
        "| operative paragraph 7 | [A/RES/71/67](https://undocs.org/A/RES/71/67) | 最多为25人的政府专家小组， | "
        "General Assembly resolution, adopted 2016\\-12\\-05 · official UN text |" in note
    )


def test_unanswered_questions_when_ticked_with_their_reason_not_the_closest_list():
    note = Briefing(ENGLISH, DOCUMENTS, include_unanswered=True, now=NOW).markdown()
    assert "## Question 2\\:\u2060 What does it say about climate change? \\(not answered by the documents\\)" in note
    assert "> The documents do not answer this question\\." in note and "Closest paragraphs" not in note
    assert "> Why\\:\u2060 the documents never mention\\:\u2060 climate" in note


def test_chinese_conversation_chinese_headings():
    note = briefing_markdown([Exchange("专家小组最多几人？", _answer("zh"))], DOCUMENTS)
    assert note.startswith("# 简报：A/RES/71/67") and "## 问题 1\\:\u2060 专家小组最多几人？" in note
    assert "| 段落 | 文件 | 引文 | 文件性质 |" in note and "## 所涉文件" in note
    assert conversation_lang([Exchange("q", _answer("en")), Exchange("q", _answer("zh"))]) == "en"  # tie: first
    assert conversation_lang([]) == "zh"


def test_user_text_is_inert_in_markdown():
    html = MarkdownIt("commonmark").enable("table").render(Briefing(ENGLISH, DOCUMENTS, now=NOW).markdown())
    links = re.findall(r"<a [^>]*>", html)
    assert links and all(link == '<a href="https://undocs.org/A/RES/71/67">' for link in links)
    for tag in ("<img", "<strong>", "<em>", 'javascript:alert(1)">', "onerror=alert(2)>"):
        assert tag not in html
    assert "**bold** [link](javascript:alert(1)) &lt;img src=x onerror=alert(2)&gt;" in html.replace("\u2060", "")


def test_links_only_for_un_symbols():
    assert undocs_link("A/RES/71/67") == "https://undocs.org/A/RES/71/67"
    assert undocs_link("NPT/CONF.1995/32 (Part I)") == "https://undocs.org/NPT/CONF.1995/32%20%28Part%20I%29"
    assert undocs_link("UNTS vol. 729, No. 10485") is None
    assert undocs_link("A/99/7 (Part **I** :red[x])") is None


def test_word_briefing_reads_back():
    data = Briefing(ENGLISH, DOCUMENTS, include_unanswered=True, now=NOW).docx()
    word = docx.Document(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "Briefing note: A/RES/71/67" and "Generated: 2026-11-28 09:30" in texts
    assert f"Question 1: Where will the group meet? {HOSTILE}" in texts  # plain text in Word: nothing to escape
    assert "Question 2: What does it say about climate change? (not answered by the documents)" in texts
    (table,) = word.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Paragraph", "Document", "Quoted text", "Authority"],
        [
            "operative paragraph 7",
            "A/RES/71/67",
            "最多为25人的政府专家小组，",
            "General Assembly resolution, adopted 2016-12-05 · official UN text",
        ],
    ]
    rels = [r.target_ref for r in word.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert rels and set(rels) == {"https://undocs.org/A/RES/71/67"}


def test_word_briefing_survives_characters_xml_cannot_hold():
    exchange = Exchange("bad \x00\x0b bytes", _answer("en", text="line\x01 one"))
    word = docx.Document(io.BytesIO(Briefing([exchange], DOCUMENTS, now=NOW).docx()))
    assert "Question 1: bad  bytes" in [p.text for p in word.paragraphs]
