import pytest

from assistant.followup import condense
from assistant.labels import LabelRef, display_citation, display_label, find_label_refs, without_label_refs, zh_number


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("执行部分第5段说了什么？", [LabelRef("OP", 5)]),
        ("序言部分第14段的内容是什么？", [LabelRef("PP", 14)]),
        ("序言第十段", [LabelRef("PP", 10)]),
        ("脚注6引用了什么", [LabelRef("FN", 6)]),
        ("80/53 第11个脚注写的啥", [LabelRef("FN", 11)]),  # the footnote by its place
        ("第三个脚注是什么", [LabelRef("FN", 3)]),
        ("执行部分第7(a)段", [LabelRef("OP", 7, "a")]),
        ("What does OP 8 say?", [LabelRef("OP", 8)]),
        ("Compare PP3 and operative paragraph 7", [LabelRef("PP", 3), LabelRef("OP", 7)]),
        ("What does footnote 6 cite?", [LabelRef("FN", 6)]),
        ("And what does paragraph 7 request?", [LabelRef(None, 7)]),
        ("article VI of the Treaty", [LabelRef("ART", 6)]),
        ("第七十二届会议的议程", []),
        ("第62/21号决议是什么时候通过的", []),
        ("第51次全体会议", []),
        # several of one kind named by one word
        ("summarize NPT arts I, II and VI", [LabelRef("ART", 1), LabelRef("ART", 2), LabelRef("ART", 6)]),
        ("articles VI and VII", [LabelRef("ART", 6), LabelRef("ART", 7)]),
        ("OPs 2 & 4 of 80/53", [LabelRef("OP", 2), LabelRef("OP", 4)]),
        ("NPT第一、二和六条", [LabelRef("ART", 1), LabelRef("ART", 2), LabelRef("ART", 6)]),
        ("执行部分第三、五和七段", [LabelRef("OP", 3), LabelRef("OP", 5), LabelRef("OP", 7)]),
        ("the articles in the treaty", []),
    ],
)
def test_labels_named_in_questions(question, expected):
    assert find_label_refs(question) == expected


def test_the_labels_named_are_blanked_leaving_the_other_names():
    assert without_label_refs("Summarize Article 5 of New START").split() == ["Summarize", "of", "New", "START"]
    assert without_label_refs("NPT arts I, II and VI in brief").split() == ["NPT", "in", "brief"]  # a list once
    assert without_label_refs("OP7 和 PP3 说了什么").split() == ["和", "说了什么"]


def test_bare_paragraph_is_operative_in_a_resolution_and_numbered_elsewhere():
    assert LabelRef(None, 7).label_in("resolution") == "OP7"
    assert LabelRef(None, 31).label_in("final_document") == "P31"


def test_display_labels_in_both_languages():
    assert display_label("PP3", "zh") == "序言部分第3段"
    assert display_label("OP7", "zh") == "执行部分第7段"
    assert display_label("FN6", "zh") == "脚注6"
    assert display_label("P31", "zh") == "第31段"
    assert display_label("ART6", "zh") == "第六条"
    assert display_label("PP3", "en") == "preambular paragraph 3"
    assert display_label("OP7(a)", "en") == "operative paragraph 7 (a)"
    assert display_label("ART6", "en") == "article VI"
    assert display_label("OP5(a)", "zh") == "执行部分第5(a)段"
    assert display_label("OP5(a)", "en") == "operative paragraph 5 (a)"
    assert display_label("ART3(1)", "zh") == "第三条第1款"
    assert display_label("ART3(1)", "en") == "article III, paragraph 1"
    assert display_citation("A/RES/71/67:OP7", "zh") == "A/RES/71/67 执行部分第7段"


def test_chinese_numerals():
    assert [zh_number(s) for s in ("7", "十", "十五", "二十一", "七十二")] == [7, 10, 15, 21, 72]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("80/53执行部分第6段(d)项是什么", [LabelRef("OP", 6, "d")]),
        ("what is item (d) of OP6 of 80/53", [LabelRef("OP", 6, "d")]),
        ("OP6 第f项讲什么", [LabelRef("OP", 6, "f")]),
        ("OP5 and subparagraph (b) of OP6", [LabelRef("OP", 5), LabelRef("OP", 6, "b")]),
        # several items of one paragraph: each of them
        ("80/53 OP6 (b) and (c)", [LabelRef("OP", 6, "b"), LabelRef("OP", 6, "c")]),
        ("执行部分第6段(b)和(c)项", [LabelRef("OP", 6, "b"), LabelRef("OP", 6, "c")]),
        ("OP5 (a), (b) and (d)", [LabelRef("OP", 5, "a"), LabelRef("OP", 5, "b"), LabelRef("OP", 5, "d")]),
    ],
)
def test_a_lettered_item_named_apart_belongs_to_the_paragraph_next_to_it(question, expected):
    assert find_label_refs(question) == expected


def test_a_lettered_item_alone_in_a_follow_up_is_the_last_paragraph_s():
    history = [{"role": "user", "content": "80/53 OP6列了什么"}, {"role": "assistant", "content": "(a)至(h)项"}]
    condensed = condense("其中(d)项具体是什么？", history)
    assert find_label_refs(condensed.question) == [LabelRef("OP", 6, "d")]
    assert find_label_refs(condense("其中(d)项具体是什么？", []).question) == []


LISTED = "OP6 lists eight areas: (a) Declarations; (b) Removal of deployed nuclear warheads; (c) Dismantlement"


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        ("那第二个原文怎么说", LISTED, [LabelRef("OP", 6, "b")]),
        ("第三个呢", LISTED, [LabelRef("OP", 6, "c")]),
        ("and the second one?", LISTED, [LabelRef("OP", 6, "b")]),
        ("and the fifth one?", LISTED, []),  # the answer lists no (e)
        ("第四个是啥", "(a)到(h)共8个指示性领域（A/RES/80/53:OP6）。", [LabelRef("OP", 6, "d")]),  # in a range
        ("what about the second one", "Four objectives, (a) to (d) (A/RES/80/53:OP6).", [LabelRef("OP", 6, "b")]),
        ("那第二个呢", "There are two reports: A/45/372 and A/50/377.", []),  # no lettered list: not an item
    ],
)
def test_an_item_named_by_its_place_is_the_one_the_last_answer_listed_there(question, answer, expected):
    history = [{"role": "user", "content": "80/53 OP6 有哪些领域"}, {"role": "assistant", "content": answer}]
    assert find_label_refs(condense(question, history).question) == expected


def test_a_numbered_paragraph_of_an_article_is_named_with_it_or_after_it():
    assert find_label_refs("NPT第九条第三款讲什么") == [LabelRef("ART", 9, "3")]
    history = [{"role": "user", "content": "NPT第九条第二款讲什么"}, {"role": "assistant", "content": "保存国政府。"}]
    assert find_label_refs(condense("那第三款呢", history).question) == [LabelRef("ART", 9, "3")]
    history = [
        {"role": "user", "content": "which para of 80/53 mentions UNIDIR"},
        {"role": "assistant", "content": "OP8"},
    ]
    assert find_label_refs(condense("and the para right before it?", history).question) == [LabelRef("OP", 7)]
