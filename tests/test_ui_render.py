from index.corpus import shipped_documents
from ui.render import Exchange, anchor_id, answer_plain_text, briefing_markdown, escape_markdown, highlighted

ANSWER = {
    "text": "根据A/RES/71/67执行部分第7段：“又请秘书长……最多为25人的政府专家小组，”",
    "citations": [
        {"id": "A/RES/71/67:OP7", "label": "OP7", "display": "执行部分第7段", "quote": "最多为25人的政府专家小组，"}
    ],
    "found": True,
    "retrieved": ["A/RES/71/67:OP7"],
    "backend": "extractive",
    "lang": "zh",
    "warnings": [],
}


def test_markup_in_text_is_escaped():
    escaped = escape_markdown("**bold** <script>x</script> [a](javascript:alert(1)) $x$")
    assert "**" not in escaped.replace("\\*", "")
    assert "\\<script\\>" in escaped and "\\$x\\$" in escaped
    assert "\\[a\\]\\(javascript\\:\u2060alert\\(1\\)\\)" in escaped


def test_highlight_only_a_verbatim_quote():
    text = "又请秘书长设立一个最多为25人的政府专家小组，该小组将在日内瓦举行会议；"
    assert highlighted(text, "最多为25人的政府专家小组").count(":orange-background[") == 1
    assert ":orange-background[" not in highlighted(text, "最多为50人的政府专家小组")  # fails closed
    assert ":orange-background[" not in highlighted(text, "")


def test_anchor_ids_are_safe():
    assert anchor_id("A/RES/71/67:OP7") == "A-RES-71-67-OP7"
    assert anchor_id("A/RES/71/67:OP7(a)") == "A-RES-71-67-OP7-a"


def test_plain_text_for_copying():
    text = answer_plain_text(Exchange("专家小组最多几人？", ANSWER))
    assert text.startswith(ANSWER["text"]) and "- A/RES/71/67 执行部分第7段: “最多为25人的政府专家小组，”" in text


def test_briefing_note_has_question_answer_and_citations_table():
    documents = {d.symbol: d for d in shipped_documents()}
    note = briefing_markdown([Exchange("专家小组最多几人？ | 表格", ANSWER)], documents, "zh")
    assert note.startswith("# 简报")
    assert "A/RES/71/67 核裁军核查: 大会决议，2016\\-12\\-05通过" in note
    assert "## 问题 1: 专家小组最多几人？ \\| 表格" in note
    assert "> 根据A/RES/71/67执行部分第7段" in note
    assert "| 执行部分第7段 | A/RES/71/67 | 最多为25人的政府专家小组， |" in note
