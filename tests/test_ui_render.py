from index.corpus import shipped_documents
from ui.render import (
    Exchange,
    anchor_id,
    answer_plain_text,
    authority,
    card_texts,
    escape_markdown,
    follow_ups,
    highlighted,
    not_found_message,
    suggestions,
    text_lang,
    too_long_message,
    vote_rows,
    with_markers,
)

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
PARAGRAPHS = {p.id: p for d in shipped_documents() for p in d.paragraphs}


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


def test_markers_follow_each_quote_and_its_closing_mark():
    text = "列表：\n1. 执行部分第1段：“呼吁作出进一步努力，”\n2. 执行部分第2段：“重申*核查*措施，”"
    marked = with_markers(text, ["呼吁作出进一步努力，", "重申*核查*措施，", "not in the text"])
    assert "进一步努力，” \\[1\\]  \n2\\. 执行部分第2段" in marked
    assert marked.endswith("重申\\*核查\\*措施，” \\[2\\]") and "\\[3\\]" not in marked
    assert with_markers("no quotes", []) == "no quotes"


def test_not_found_text_without_its_closest_list():
    zh = "所收录的文件没有回答这个问题。最接近的段落：A/RES/71/67 执行部分第1段、A/RES/71/67 脚注1。"
    en = "The documents in the index do not answer this question. Closest paragraphs: A/RES/71/67 paragraph 1."
    assert not_found_message(zh, "zh") == "所收录的文件没有回答这个问题。"
    assert not_found_message(en, "en") == "The documents in the index do not answer this question."
    assert not_found_message("A/RES/71/67 has no operative paragraph 40.", "en") == (
        "A/RES/71/67 has no operative paragraph 40."
    )


def test_suggestions_are_questions_about_paragraphs_that_exist():
    cids = ["A/RES/71/67:META", "A/RES/71/67:OP1", "A/RES/71/67:XX9", "A/RES/71/67:FN6"]
    assert suggestions(cids, PARAGRAPHS, "en") == [
        "What does operative paragraph 1 of A/RES/71/67 say?",
        "What does footnote 6 of A/RES/71/67 say?",
    ]
    # after an answer citing PP10: its footnote first, then its neighbours
    assert follow_ups(["A/RES/71/67:PP10"], PARAGRAPHS, "zh") == [
        "A/RES/71/67脚注6说了什么？",
        "A/RES/71/67序言部分第11段说了什么？",
        "A/RES/71/67序言部分第9段说了什么？",
    ]


def test_authority_says_what_kind_of_text_it_is():
    documents = {d.symbol: d for d in shipped_documents()}
    assert authority(documents["A/RES/71/67"], "zh") == "大会决议，2016-12-05通过 · 联合国正式文本"
    english = authority(documents["A/RES/71/67"], "en")
    assert english == "General Assembly resolution, adopted 2016-12-05 · official UN text"


def test_language_and_limit_messages():
    assert text_lang("Where will the group meet?") == "en" and text_lang("专家组在哪里开会？") == "zh"
    message = too_long_message(3000, 2000)
    assert "问题共 3000 个字符，超过 2000 个字符的上限" in message and "3,000 characters long" in message


def test_a_recorded_vote_card_as_rows():
    text = (
        "A/RES/71/67的记录表决（唱名表决5523，2016年12月5日）：赞成174票，反对0票，弃权6票。弃权：白俄罗斯、中国。"
        "反对：无。赞成：阿富汗、阿尔巴尼亚。来源：Voeten等，研究数据集。"
    )
    assert vote_rows(text) == [
        ("赞成 / In favour", "174", "阿富汗、阿尔巴尼亚"),
        ("反对 / Against", "0", "无"),
        ("弃权 / Abstaining", "6", "白俄罗斯、中国"),
    ]
    assert vote_rows("Recorded vote: 174 in favour") is None


def test_a_card_shows_the_quoted_text_first_and_the_other_language_beside_it():
    from index.documents import Paragraph

    zh = Paragraph("A/RES/91/67", "zh", "OP3", "operative", 6, "该小组将在日内瓦举行会议；")
    en = Paragraph("A/RES/91/67", "en", "OP3", "operative", 6, "which will meet in Geneva;")
    versions = {"zh": zh, "en": en}
    assert card_texts(versions, "meet in Geneva", "en", "zh") == [en, zh]  # the quote's language
    assert card_texts(versions, "meet in Geneva", "", "zh") == [en, zh]  # else the text holding the quote
    assert card_texts(versions, "", "", "en") == [en, zh]  # nothing quoted: the page's language
    assert card_texts(versions, "", "", "fr") == [zh, en]  # else the primary text
    assert card_texts({"zh": zh}, "", "", "en") == [zh]
