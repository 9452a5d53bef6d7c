"""The question reader, table-driven: no Chroma, no embedder (the parsed shipped documents and the glossary only)."""

from __future__ import annotations

import copy
import json
import os
import pickle
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from importlib.resources import files

import pytest

from assistant.language import (
    LANGUAGES,
    DeferredPattern,
    listed_names,
    not_asking,
    number_value,
    pack,
    spelled,
    spelled_ordinal,
)
from assistant.question import QuestionReader
from index.corpus import shipped_documents
from index.glossary import shipped_glossary

NPT = "UNTS vol. 729, No. 10485"
R = "A/RES/71/67:"


@pytest.fixture(scope="module")
def reader() -> QuestionReader:
    return QuestionReader({d.symbol: d for d in shipped_documents()}, shipped_glossary())


@pytest.mark.parametrize(
    ("text", "intent", "answer_type"),
    [
        ("政府专家小组最多由多少人组成？", "lookup", "number"),
        ("专家组 人数", "lookup", "number"),
        ("Where will the expert group meet?", "lookup", "place"),
        ("专家组在日内瓦还是维也纳开会", "lookup", "place"),  # a choice of places asks for a place
        ("專家小組每屆會議開幾天？", "lookup", "duration"),
        ("决议是在第几次全体会议上通过的？", "lookup", "meeting"),
        ("核裁军核查国际伙伴关系是哪一年成立的？", "lookup", "year"),
        ("决议为专家组拨付了多少经费？", "lookup", "money"),
        ("Which countries voted against?", "lookup", "vote"),
        ("List the abstainers on A/RES/71/67", "enumerate", "vote"),  # a card's fact, however it is asked
        ("印度和巴基斯坦分别怎么投的？", "lookup", "vote"),
        ("NPT 的全称在决议里怎么写？", "lookup", "title"),
        ("Summarize the operative part paragraph by paragraph.", "summarize", None),
        ("列出所有提到“无核武器世界”的段落", "enumerate", None),
        ("all the 71/67 paras on civil society / partnerships", "enumerate", None),  # words between: its paras
        ("“信任”在决议里出现了几次？分别在哪？", "count", None),
        ("How many operative paragraphs are there?", "count", None),
        ("决议对秘书长提出了哪些要求？", "enumerate", "request"),
        # what is asked of someone named: every request made of them
        ("What is the Secretary-General requested to do?", "enumerate", "request"),
        # … unless one particular thing is asked besides, or figures named
        ("决议要求秘书长通过哪个office提供协助？", "lookup", "request"),
        ("how many operative paras does it have?", "count", None),
        ("every paragraph that asks something of the Secretary-General, pls", "enumerate", "request"),
        ("every para that mentions the Disarmament Commission", "enumerate", None),  # 'para' is a paragraph
        ("paras on capacity-building?", "enumerate", None),  # paragraphs on a topic, asked by their name
        # when and where something 'mentioned in' the text was held: a time and a place, not where in the text
        ("When and where were the three informal meetings mentioned in the resolution held?", "lookup", "place"),
        ("what share of the experts must be women?", "lookup", "proportion"),  # a share, which 21 members is not
        ("决议要求专家里女性比例至少多少", "lookup", "proportion"),
        ("what % of the 21 experts must be women", "lookup", "proportion"),
        ("By what majority is an amendment approved?", "lookup", "proportion"),
        ("决议会考虑男女比例吗", "yes_no", None),  # a balance weighed, no share asked
        ("First Committee report number for the resolution?", "lookup", "symbol"),
        ("71/67 序言里回顾的那个2007年的决议是几号决议？", "lookup", "symbol"),  # 几号决议: its number, not a day
        ("哪一段提到了国际原子能机构？", "locate", None),
        ("决议中关于“不可逆”的原则出现在哪里？", "locate", None),
        ("Does it say verification is an end in itself?", "yes_no", None),
        ("Is the expert group capped at 30 members?", "yes_no", "number"),
        ("Is the report due at the 72nd session?", "yes_no", None),  # an ordinal is no figure
        ("The SG's report is due at the 73rd session, right?", "yes_no", None),
        ("the group is 25 members right?", "yes_no", "number"),  # a tag question, typed without its comma
        # after a condition or a joining word the auxiliary still asks whether ('when does' without one is a time)
        ("If the group can't agree on its report, can individual experts put their own views in?", "yes_no", None),
        ("and do they sit as government reps?", "yes_no", None),
        ("When does the group meet?", "lookup", "time"),
        # by when, not when: a time limit the text may state relative to an event ('within 180 days')
        ("By when must negotiations on safeguards agreements start?", "lookup", "deadline"),
        ("保障协定最晚什么时候得开始谈？", "lookup", "deadline"),
        ("保障协定要在多少天内开始谈判", "lookup", "deadline"),
        ("专家组是在纽约开会，对吧？", "yes_no", None),
        ("秘书长是向第七十一届会议报告吗？", "yes_no", "session"),
        ("第62/21号决议和本决议都是12月5日通过的吗？", "yes_no", "day"),
        ("专家组每届会议的日期定了吗？", "yes_no", "day"),  # 日期 asks for a date, whatever verb follows
        ("“安全不减损”的说法在决议哪里？", "locate", None),  # where in the resolution, not a place
        ("Where in 71/67 does it speak of trust?", "locate", None),  # the document named: still where in it
        ("决议引用了哪些文件？", "cited_documents", None),
        ("Which documents does the resolution cite?", "cited_documents", None),
        ("Where does the resolution cite resolution 62/21?", "locate", None),
        ("专家组搁哪儿开会啊？", "lookup", "place"),
        # 'when' asks for a time in whatever form the text gives it (a year, a session, a month)
        ("When will the group meet?", "lookup", "time"),
        ("专家组什么时候开会？", "lookup", "time"),
        ("它引的那个62/21号决议跟它是不是同一天通过的？", "yes_no", "day"),  # the same day: a date compared
        ("Which principles apply when implementing disarmament agreements?", "lookup", None),
        ("你认为这项决议能有效推动核裁军吗？", "opinion", None),
        ("专家小组开会用哪几种工作语言？", "lookup", "language"),
        ("In what languages will the sessions of the group be held?", "lookup", "language"),
        ("Who is the UN High Representative for Disarmament Affairs?", "lookup", "names"),
        ("operative paragraph 5 - who is it addressed to?", "lookup", None),
        ("那谁给它提供技术支持？", "lookup", "bodies"),
        ("专家小组在日内瓦的哪个会议场所开会？", "lookup", "place"),
        # the verb describes the report; its symbol is what is asked
        ("裁审会那份概述核查一般原则的报告文号是啥", "lookup", "symbol"),
        ("决议里提到能力建设的地方有哪些", "enumerate", None),
        ("决议说除了挪威，另一个发起倡议的国家全称是什么？", "lookup", "states"),  # a state's 全称: a state
        ("PP12 说核查在哪几类现有协定里发挥作用？", "lookup", None),  # 在哪几类: which kinds, not where
        # supporting the resolution is voting for it; supporting a goal is what it says
        ("俄罗斯支持这项决议吗？", "yes_no", "vote"),
        ("Did Japan support the resolution?", "yes_no", "vote"),
        ("决议支持建立无核武器世界吗？", "yes_no", None),
        # adopted by consensus: the resolution's vote; a report the group should agree on by consensus is no vote
        ("71/67是协商一致通过的吗", "yes_no", "vote"),
        ("这个决议是不是大会一致通过的", "yes_no", "vote"),
        ("决议是不是要求专家组的报告必须协商一致通过", "yes_no", "request"),
        ("以色列对这个决议投的啥", "lookup", "vote"),  # how a state voted, asked without the word 票
        # an instruction after the question says the answer is a list; one before it only frames it
        ("哪些段落提到秘书长的报告？全部列出来", "enumerate", None),
        ("What does the resolution say about capacity-building? Give me a rundown.", "summarize", None),
        ("I need a summary for my boss. What does OP7 say about the group's size?", "lookup", None),
        # … and one before it that is no one speaking of themselves says it too
        ("给个简报：71/67 关于专家组开会和报告的内容", "summarize", None),
        ("给领导写个briefing：71/67 怎么讲核查能力和能力建设", "summarize", None),  # in English among Chinese
        ("Quick rundown please. What is in 71/67 on confidence-building?", "summarize", None),
        # what a text says on a topic is a brief of its paragraphs on it
        ("What does the resolution say about civil society?", "summarize", None),
        ("71/67关于民间社会有什么规定？", "summarize", None),
        ("What does OP7 say about the group's size?", "lookup", None),  # a named paragraph: its words
        ("What size is the expert group 71/67 sets up?", "lookup", "number"),
        ("which UN offices are tasked to assist the expert group?", "lookup", "bodies"),
        ("who tabled 71/67 in the First Committee?", "lookup", "states"),  # its sponsors are states
        ("决议的提案国有哪些？", "lookup", "states"),
        # paragraphs asked for in the plural, whatever words come between
        ("Which preambular paras mention confidence?", "enumerate", None),
        ("哪些序言段落提到了信任？", "enumerate", None),
        ("Give me a short briefing on the expert group", "summarize", None),
        ("What did the Secretary-General say in the briefing?", "lookup", None),  # a briefing given, not asked
        ("What are the main points of the resolution on verification?", "summarize", None),
        # a prediction is nobody's text
        ("Is the expert group likely to agree on a report?", "opinion", None),
        ("专家组达成共识的前景如何？", "opinion", None),
        # a verb asked as itself-not-itself asks whether ('提没提到'); 会不会 asks what will happen, not whether
        ("决议里提没提到各国要遵守国际人道法？", "yes_no", None),
        ("决议设没设专家组？", "yes_no", None),
        ("执行部分里用了“呼吁”或“促请”的段落有哪些", "enumerate", None),  # the counted unit before 有哪些
        ("71/67在哪里强调持续能力建设的重要性", "locate", None),  # where the document itself says it
        ("the group - meeting venues?", "lookup", "place"),
        ("专家组成员的名单有吗？", "yes_no", "names"),  # 名单: a list of names
        # a summary asked first is a summary, whatever kinds of fact it names; a verb inside describes
        ("Summarize who the resolution asks to report, to whom, and when.", "summarize", None),
        ("逐条讲一下执行部分，给领导准备材料用", "summarize", None),
        ("whats the budget for the expert group? need the figure for a brief", "lookup", "money"),
        ("brief一下专家组的安排：交给谁、什么时候交", "summarize", None),  # several facts beside an instruction
        ("Who are the 25 members of the expert group?", "lookup", "names"),  # a body's members, by name
        ("专家组成员都有谁", "lookup", "names"),
        ("专家组会议由谁当主席？", "lookup", "names"),  # who holds a role: a name
        ("1990年那份报告是哪位秘书长提交的", "lookup", "names"),
        ("who's the High Representative for Disarmament Affairs now?", "lookup", "names"),  # 'who's' is 'who is'
        ("专家组2018年的会议具体是哪几天？", "lookup", "day"),  # which days: dates, not a duration
        ("When exactly did the group first meet?", "lookup", "day"),
        ("What's the date of the resolution?", "lookup", "day"),
        # where, with an instruction to list: every place
        ("Where does the resolution mention partnerships? list all the paras", "enumerate", None),
        ("哪一段提到了能力建设？都列出来", "enumerate", None),
    ],
)
def test_intent_and_answer_type(reader, text, intent, answer_type):
    question = reader.read(text, [])
    assert (question.intent, question.answer_type) == (intent, answer_type)
    # 'the resolution' unqualified is the main one; a term only 80/53 uses names it ('High Representative'), and so
    # does a count only it counts by ('the 21 experts')
    only_80_53 = "High Representative" in text or "21 experts" in text
    assert question.scope == ("A/RES/80/53" if only_80_53 else "A/RES/71/67")


@pytest.mark.parametrize(
    ("text", "intent", "answer_type"),
    [
        ("Which NPT articles deal with peaceful uses of nuclear energy?", "enumerate", None),
        ("NPT哪些条款涉及和平利用核能", "enumerate", None),
        # the treaty's own article: where in it, not an article its text refers to ('Article IV' in Article III)
        ("Which article of the NPT covers withdrawal?", "locate", None),
        ("Which NPT article deals with the benefits of peaceful nuclear explosions?", "locate", None),
        (
            "条约哪一条规定生效25年后开会决定是否无限期延长？",
            "locate",
            None,
        ),  # 'the treaty' unqualified: the one indexed
        # another kind asked of the article: that fact, where the article states it
        ("which NPT article defines a nuclear-weapon State?", "lookup", "definition"),
    ],
)
def test_the_articles_of_the_treaty_asked_about(reader, text, intent, answer_type):
    question = reader.read(text, [])
    assert (question.intent, question.answer_type, question.scope) == (intent, answer_type, NPT)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("执行部分第7段", ["OP7"]),
        ("PP14提到了哪些倡议？", ["PP14"]),  # an abbreviation against Chinese text
        ("決議第十段提到的那份2007年的決議編號是？", ["PP10"]),  # eight operative paragraphs: the preamble's tenth
        ("Third footnote — which document is it?", ["FN3"]),
        ("What does the third preambular paragraph say?", ["PP3"]),
        # ordinals past the fifteenth: of two words, in figures, or a teen
        ("Quote the twenty-fifth preambular paragraph of 80/53.", ["A/RES/80/53:PP25"]),
        ("what does the 21st preambular paragraph of 80/53 say", ["A/RES/80/53:PP21"]),
        ("the eighteenth preambular paragraph of 80/53", ["A/RES/80/53:PP18"]),
        ("What's in the last operative paragraph?", ["OP8"]),
        ("The penultimate preambular paragraph is about what?", ["PP14"]),
        ("序言部分最后一段说了什么？", ["PP15"]),
        ("summarize OP1-OP3", ["OP1", "OP2", "OP3"]),
        ("执行部分第6至8段讲了什么", ["OP6", "OP7", "OP8"]),
        ("序言第8到13段逐段概括", ["PP8", "PP9", "PP10", "PP11", "PP12", "PP13"]),
        ("71/67 脚注6到8引的都是哪些文件", ["FN6", "FN7", "FN8"]),  # a range of footnotes
        ("what do footnotes 6 to 8 cite?", ["FN6", "FN7", "FN8"]),
        # a list of numbers after one abbreviation or word: each ('fn 6 and 7', 'PP3、4')
        ("fn 6 and 7 - what do they cite", ["FN6", "FN7"]),
        ("what do OP6 & 7 say", ["OP6", "OP7"]),
        ("PP3、4讲了什么", ["PP3", "PP4"]),
        ("第二执行段", ["OP2"]),  # the ordinal before the part
        ("序言弟10段讲了啥", ["PP10"]),  # 弟 typed for 第
        ("执行段落第4段", ["OP4"]),
        ("Which paragraph first mentions the IAEA?", []),  # 'first' qualifies 'mentions', not a paragraph
    ],
)
def test_named_paragraphs_ordinals_and_ranges(reader, text, labels):
    assert reader.read(text, []).labels == tuple(label if ":" in label else R + label for label in labels)


def test_a_symbol_after_a_label_is_no_second_label(reader):
    """'OP7 and 80/53': the number of a resolution, not an 80th operative paragraph."""
    question = reader.read("OP7 and 80/53?", [])
    assert question.labels == ("A/RES/80/53:OP7",) and not question.missing


def test_the_documents_a_question_names_inside_another_name(reader):
    question = reader.read("where was the first NPT review conference to be held?", [])
    assert question.scope == R[:-1] and question.mentioned == (NPT,)
    assert reader.read("专家组在哪里开会？", []).mentioned == ()


def test_a_paragraph_that_does_not_exist_is_missing_not_named(reader):
    question = reader.read("执行部分第12段说了什么？", [])
    assert question.labels == () and question.missing == (R + "OP12",)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Summarize the operative part paragraph by paragraph.", "OP"),
        ("逐段总结序言部分", "PP"),
        ("80/53 的执行部分每段讲什么", "OP"),
        ("决议一共有几个脚注？", "FN"),
        ("Summarize the whole resolution.", "ALL"),
        ("简报：80/53 关于专家组报告的全部内容", None),  # all it says on a topic, not the whole text
        ("正文里哪几段提到了NPT？脚注不算", "ALL"),  # a list of the body's paragraphs
        ("决议一共有多少段（序言加执行）？", "ALL"),  # both parts named: the whole body
        ("71/67 有几个执行段", "OP"),
        ("80/53 一共有多少段", "ALL"),  # a count of paragraphs with no part named: the whole body
        ("How many articles does the NPT have?", "ART"),
        ("NPT有多少条", "ART"),
        ("NPT正文一共几条", "ART"),  # the unit counted names the part of the whole text
        ("80/53序言部分多少段", "PP"),
        ("71/67 有几个footnote", "FN"),  # a part named in English within Chinese
        ("list every fn in 71/67 citing an NPT review conf document", "FN"),  # 'fn' is a footnote
        ("深信 几次 哪几段", None),  # a count of a word's uses, not of paragraphs
        ("两份决议分别在哪一段提到，对应NPT第几条？", None),  # 第几条 asks which article
        ("裁审会报告列出的核查一般原则具体是哪几条？", None),  # 哪几条 asks which items, counts no articles
        ("序言部分“深信”开头的那几段分别说了什么", None),  # 那几段: those paragraphs, no count of them
        # where in a part: the unit a place in the text is asked in
        ("序言部分哪一段提到了信任？", "PP"),
        ("Which article of the NPT covers withdrawal?", "ART"),
    ],
)
def test_the_part_a_summary_or_count_is_about(reader, text, part):
    assert reader.read(text, []).part == part


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("列出所有提到“无核武器世界”的段落", ("无核武器世界",)),
        ("Which paragraphs mention the Disarmament Commission?", ("裁军审议委员会",)),
        ("Which preambular paragraphs are recalling paragraphs (回顾)?", ("回顾",)),
        # things named one or another, each as the document writes it: a paragraph with any of them
        (
            "list every paragraph of 80/53 that mentions civil society, women or developing countries",
            ("civil society", "women", "developing countries"),
        ),
        ("哪些段落提到了秘书长或裁军谈判会议", ("秘书长", "裁军谈判会议")),
    ],
)
def test_terms_an_enumeration_matches(reader, text, terms):
    assert reader.read(text, []).terms[: len(terms)] == terms


def test_traditional_script_is_read_as_simplified(reader):
    assert reader.read("專家小組每屆會議開幾天？", []).text == "专家小组每届会议开几天？"


def test_a_framing_sentence_is_not_the_question(reader):
    question = reader.read("我们代表团打算弃权。想确认一下：决议是不是把核查本身当作目的？", [])
    assert question.focus == "决议是不是把核查本身当作目的？"
    assert question.intent == "yes_no" and question.answer_type != "states"  # '弃权' frames; it is not asked


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        # the clauses going on with the asker's to say what for frame the question too ...
        ("我是代表团参赞，正在准备发言稿，想确认一下71/67有没有提到国际人道主义法？", "国际人道主义法"),
        # ... not those that say what it is about
        ("我记得有一段说不管手段上立场如何，核查措施都能增进信任，是哪段？", "核查措施都能增进信任"),
        ("我是记者，专家组在哪开会，开几次？", "专家组在哪开会"),
        # a question that only asks ('Does it?') asks of the sentence before it
        ("My boss can't believe 'Yugoslavia' shows up in the 71/67 vote list. Does it?", "Yugoslavia"),
    ],
)
def test_the_sentence_that_asks_is_the_focus(reader, text, focus):
    question = reader.read(text, [])
    assert focus in question.focus and "发言稿" not in question.focus and "我是" not in question.focus


@pytest.mark.parametrize(
    ("text", "searched", "not_searched"),
    [
        # who asks and what for are no topic: 80/53's PP3 has 2016, its OP9 a briefing
        ("Our delegation abstained in 2016. Does the 2025 text treat verification as a precondition?", "", "2016"),
        ("For a briefing tomorrow: which earlier resolutions does 80/53 recall?", "", "briefing"),
        ("NGO researcher here: does 80/53 mention civil society?", "", "researcher"),
        ("做IAEA研究的：NPT 对保障协定什么时候开始谈判有规定吗？", "保障协定", "IAEA"),
        # ... unless the question points back at the asker
        ("Speaking for a developing-country delegation: does 80/53 cover our needs in training?", "developing", ""),
        # a sentence before the question that says what it is about stays
        ("专家组的事。它在哪开会？", "专家组", ""),
    ],
)
def test_a_sentence_framing_the_question_is_not_searched_for(reader, text, searched, not_searched):
    search = reader.read(text, []).search
    assert searched in search and (not not_searched or not_searched not in search)


def test_a_follow_up_asking_for_another_knows_the_one_it_was_given(reader):
    given = [{"role": "user", "content": "Which office supports the 80/53 group?"}]
    given.append({"role": "assistant", "content": "The Office for Disarmament Affairs (OP7)."})
    assert reader.read("anyone else giving technical help?", given).answered == ("A/RES/80/53:OP7",)
    assert reader.read("where does it meet?", given).answered == ()  # not asking for another
    assert reader.read("where does it meet?", given).previous_citations == ("A/RES/80/53:OP7",)
    assert reader.read("还有其他机构吗？", []).answered == ()  # no conversation: nothing was given


def test_a_paragraph_of_another_document_the_last_answer_cites_is_not_one_of_the_document_asked_about(reader):
    given = [{"role": "user", "content": "How big was the GGE set up by 71/67?"}]
    given.append({"role": "assistant", "content": "Up to 25 experts (A/RES/71/67:OP7)."})
    assert reader.read("and the 2025 group: where does it meet?", given).previous_citations == ()
    assert reader.read("where does it meet?", given).previous_citations == (R + "OP7",)


@pytest.mark.parametrize(
    ("text", "history", "follow_up"),
    [
        # 'at that point' points back to the time the last answer named
        ("what could be decided at that point?", [{"role": "user", "content": "What does OP10 of 80/53 say?"}], True),
        ("what could be decided in the end?", [], False),
    ],
)
def test_a_time_pointed_back_to_makes_a_follow_up(reader, text, history, follow_up):
    assert reader.read(text, history).follow_up is follow_up


def test_a_question_of_asking_words_only_after_a_yes_no_one_asks_its_kind_of_fact(reader):
    question = reader.read("GSTE的专家名字公布了吗？都是谁？", [])
    assert question.answer_type == "names" and question.intent == "lookup"
    assert reader.read("开几次会？每次多长？", []).focus == "开几次会？"  # it asks a question of its own


def test_a_follow_up_carries_the_question_it_depends_on(reader):
    history = [{"role": "user", "content": "决议提到的第62/21号决议是关于什么的？"}]
    question = reader.read("它是哪一天通过的？", history)
    assert question.follow_up and question.answer_type == "day"
    assert "62/21" in question.search and question.focus == "它是哪一天通过的？"


def test_a_state_is_named_as_a_word_not_inside_one() -> None:
    """'Russian' (a language of the NPT's texts) names no state; 'Russia' does."""
    shape = pack("en").answer_type("states")
    assert shape is not None
    assert [m.group(0) for m in shape.shape.finditer("the English, Russian, French texts")] == []
    assert [m.group(0) for m in shape.shape.finditer("Russia and Norway")] == ["Russia", "Norway"]


def test_a_follow_up_pointing_back_is_about_what_the_last_answer_named(reader):
    """'那个决议是哪天通过的？' after an answer naming 第62/21号决议: 62/21 is searched for; the indexed documents'
    own symbols, which every answer's citations carry, are not."""
    history = [
        {"role": "user", "content": "71/67 序言部分第10段回顾了哪项决议？"},
        {"role": "assistant", "content": "回顾了第62/21号决议（A/RES/71/67:PP10）。"},
    ]
    question = reader.read("那个决议是哪天通过的？", history)
    assert question.follow_up and "62/21" in question.search and "A/RES/71/67" not in question.search
    # an earlier question naming a document of its own is about that one, not what the answer named besides
    history = [
        {"role": "user", "content": "序言第10段提到的62/21号决议注意到了哪些报告？"},
        {"role": "assistant", "content": "政府专家组的报告（A/61/1028）以及秘书长1990年和1995年的报告。"},
    ]
    assert "A/61/1028" not in reader.read("这两份秘书长报告的文号呢？", history).search


def test_a_thing_named_then_an_instruction_is_a_follow_up(reader):
    """'80/53 呢？全部列出来' after '71/67 里哪几段提到秘书长？': the earlier question asked again of 80/53."""
    history = [{"role": "user", "content": "71/67 里哪几段提到秘书长？"}, {"role": "assistant", "content": "三段。"}]
    question = reader.read("80/53 呢？全部列出来", history)
    assert question.follow_up and question.scope == "A/RES/80/53" and "秘书长" in question.search


@pytest.mark.parametrize(
    ("text", "follow_up"), [("一共开几届", True), ("谁选", True), ("日内瓦开几届", False), ("弃权的有哪几个", False)]
)
def test_a_question_naming_no_more_than_a_one_character_verb_is_a_follow_up(reader, text, follow_up):
    """'一共开几届' after '71/67专家组每届开几天': 开 names no subject; 日内瓦 does."""
    history = [{"role": "user", "content": "71/67专家组每届开几天"}, {"role": "assistant", "content": "每届为期5天。"}]
    assert reader.read(text, history).follow_up is follow_up


def test_a_follow_up_stays_with_the_document_and_the_kind_of_fact_of_the_conversation(reader):
    history = [{"role": "user", "content": "How did China vote on 80/53?"}, {"role": "assistant", "content": "…"}]
    question = reader.read("who else did that?", history)
    assert question.follow_up and question.scope == "A/RES/80/53" and question.scope_named
    assert question.answer_type == "vote"  # asked for no kind of its own: the earlier question's
    # the paragraph the earlier question named is the one a follow-up most likely asks about
    named = reader.read("那它哪年开会？", [{"role": "user", "content": "执行部分第7段讲的是什么？"}])
    assert named.follow_up and named.previous_citations == (R + "OP7",) and named.answer_type == "year"
    # the asker's 'now' is no later event
    asker = reader.read("我们代表团当时对71/67投了弃权，现在想看决议对核武器国家提了哪些要求，列一下", [])
    assert asker.intent == "enumerate" and not asker.asks_later
    assert reader.read("Did the GA end up extending the group?", []).asks_later  # what followed adoption
    assert reader.read("how many states parties does the NPT have these days?", []).asks_later
    assert reader.read("was the group extended in the end?", []).asks_later
    # whether what was asked for was done on time, or how it actually went, is later too; the plan is not
    assert reader.read("秘书长有没有按时给72届会议交报告", []).asks_later
    assert reader.read("did the SG submit the report on time?", []).asks_later
    assert reader.read("71/67专家组实际开会的天数是多少", []).asks_later
    assert not reader.read("专家组每届会议开几天", []).asks_later
    fresh = reader.read("who else did that?", [])
    assert not fresh.follow_up and fresh.scope == "A/RES/71/67" and fresh.answer_type is None
    # 'in it' refers back: a follow-up, with the document the conversation named
    on_the_npt = [{"role": "user", "content": "NPT 有没有规定审议大会？"}, {"role": "assistant", "content": "有。"}]
    in_it = reader.read("里面提到日内瓦吗", on_the_npt)
    assert in_it.follow_up and in_it.scope == "UNTS vol. 729, No. 10485"
    # 'this resolution' in a follow-up is the conversation's
    on_80_53 = [
        {"role": "user", "content": "80/53 什么时候通过的？"},
        {"role": "assistant", "content": "2025年12月1日。"},
    ]
    assert reader.read("这个决议主要讲什么", on_80_53).scope == "A/RES/80/53"
    assert reader.read("这个决议主要讲什么", []).scope == "A/RES/71/67"


def test_an_acronym_typed_in_lower_case_is_its_name_when_it_has_three_letters_or_more():
    glossary = shipped_glossary()
    assert "政府专家小组" in glossary.official_terms("71/67 gge一共开几届会 在哪开")
    assert "不扩散核武器条约" in glossary.official_terms("what does the npt say")
    assert "裁军谈判会议" not in glossary.official_terms("the cd of the documents")  # two letters: a word


def test_a_follow_up_naming_a_thing_of_the_last_turn_by_that_or_the_treaty(reader):
    """'that report' points back; '那条约' after the footnote citing the NPT is the NPT; a follow-up after a
    comparison asks both documents again ('which one meets in Vienna')."""
    on_op6 = [{"role": "user", "content": "71/67 OP6 says?"}, {"role": "assistant", "content": "… (A/RES/71/67:OP6)"}]
    due = reader.read("when's that report due", on_op6)
    assert due.follow_up and due.previous_citations == (R + "OP6",)
    assert not reader.read("when's that report due", []).follow_up
    on_fn5 = [{"role": "user", "content": "71/67 脚注5是什么"}, {"role": "assistant", "content": "… (A/RES/71/67:FN5)"}]
    assert reader.read("那条约里核武器国家怎么定义的", on_fn5).scope == NPT
    compared = [{"role": "user", "content": "difference between the 71/67 GGE and the 80/53 group?"}]
    which = reader.read("which one meets in vienna", [*compared, {"role": "assistant", "content": "…"}])
    assert (which.scope, which.also) == ("A/RES/71/67", ("A/RES/80/53",))
    on_fn5_en = [{"role": "user", "content": "what's fn5 in 71/67"}, {"role": "assistant", "content": "… the NPT."}]
    assert reader.read("ok and how does that treaty define a nuclear-weapon state", on_fn5_en).scope == NPT
    # 'that treaty's source' is the citing footnote's: the conversation's resolution
    on_pp5 = [{"role": "user", "content": "What does PP5 recall?"}, {"role": "assistant", "content": "…"}]
    assert reader.read("Which footnote gives that treaty's source?", on_pp5).scope == "A/RES/71/67"
    on_gge = [{"role": "user", "content": "where did the 2016 GGE meet?"}, {"role": "assistant", "content": "…"}]
    assert reader.read("and the new one?", on_gge).scope == "A/RES/80/53"  # the group the latest sets up


@pytest.mark.parametrize(
    ("text", "full"),
    [("80/53 一委报告文号多少", "第一委员会报告"), ("裁谈会要思考专家组报告吗", "裁军谈判会议要思考")],
)
def test_a_chinese_abbreviation_of_an_official_name_is_read_in_full(reader, text, full):
    """A short form whose characters are the full name's, in order, is that name: the texts use the full one."""
    assert full in reader.read(text, []).search


def test_a_name_written_in_full_is_not_read_again_for_the_abbreviation_inside_it(reader):
    assert "在第一委员会是" in reader.read("80/53 在第一委员会是协商一致通过的吗？", []).search  # its 一委


def test_every_language_pack_defines_the_same_things():
    """A new language is one data file: it must define every intent, answer type, template and reason."""
    raw = {code: json.loads(files("assistant").joinpath(f"lang/{code}.json").read_text("utf-8")) for code in LANGUAGES}
    for section in ("intents", "answer_types", "templates", "reasons", "parts", "follow_up"):
        keys = {code: set(data[section]) for code, data in raw.items()}
        assert len({frozenset(k) for k in keys.values()}) == 1, (section, keys)
    assert len({frozenset(data["labels"]["display"]) for data in raw.values()}) == 1
    for code in LANGUAGES:
        language = pack(code)
        assert all(a.asks.pattern and a.shape.pattern for a in language.answer_types)


def test_a_new_language_is_one_pack_file(tmp_path):
    """A copy of the package with one more pack file (a Greek one, told by its script) knows that language and
    reads a question in its script as in it; nothing else changes."""
    import shutil

    package = files("assistant")
    shutil.copytree(str(package), tmp_path / "assistant", ignore=shutil.ignore_patterns("__pycache__"))
    greek = json.loads(package.joinpath("lang/en.json").read_text("utf-8")) | {"script": "[\u0370-\u03ff]"}
    (tmp_path / "assistant" / "lang" / "el.json").write_text(json.dumps(greek, ensure_ascii=False), "utf-8")
    probe = (
        "from assistant.language import LANGUAGES, question_language as q;"
        "print(LANGUAGES, q('Πόσα μέλη;'), q('多少人？'), q('how many?'))"
    )
    # (run in the copy's directory, whose package comes before the installed one)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert run.stdout.split() == ["('el',", "'zh',", "'en')", "el", "zh", "en"]


def test_the_languages_are_the_pack_files_and_one_is_the_default():
    codes = {p.name.removesuffix(".json") for p in files("assistant").joinpath("lang").iterdir()}
    assert set(LANGUAGES) == codes
    assert [code for code in LANGUAGES if pack(code).script is None] == [LANGUAGES[-1]]


def _deferred_patterns(value: object) -> list[DeferredPattern]:
    if isinstance(value, DeferredPattern):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple | frozenset):
        return [p for item in value for p in _deferred_patterns(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [p for name in value.__dataclass_fields__ for p in _deferred_patterns(getattr(value, name))]
    return []


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_pattern_of_a_pack_compiles_and_matches_as_written(code):
    """Patterns compile on first use, so a broken one would surface only with the question that reaches it:
    compile them all here."""
    patterns = _deferred_patterns(pack(code))
    assert len(patterns) > 100
    compiled = [re.compile(p.pattern, p.flags) for p in patterns]  # .pattern compiles it; a bad one raises
    assert all(p.pattern == c.pattern and p.groups == c.groups for p, c in zip(patterns, compiled, strict=True))
    copied = pickle.loads(pickle.dumps(copy.deepcopy(patterns[0])))  # copied as itself, matching the same
    assert copied.pattern == patterns[0].pattern and copied.flags == patterns[0].flags
    intent = pack(code).intents["enumerate"]
    assert intent.search("列出所有提到专家组的段落" if code == "zh" else "list every paragraph on the group")


@pytest.mark.parametrize(
    ("text", "scope", "named"),
    [
        ("What does article VI of the NPT say?", NPT, True),  # by a name
        ("不扩散条约第三条对无核武器国家有什么要求？", NPT, True),  # by a Chinese name, next to the article
        ("第六条说了什么？", NPT, True),  # an article: the one treaty indexed
        ("What did the General Assembly decide in 2025 on nuclear disarmament verification?", "A/RES/80/53", True),
        ("80/53 对裁军谈判会议有什么请求？", "A/RES/80/53", True),  # by symbol
        ("2025年的决议设立了什么？", "A/RES/80/53", True),  # a name that says resolution
        ("2025年那份决议里联合国裁军研究所被请来干什么", "A/RES/80/53", True),  # the year, before 决议
        ("NPT 的全称在决议里怎么写？", "A/RES/71/67", True),  # 决议: the main resolution
        ("Which NPT conferences are mentioned?", "A/RES/71/67", False),  # the review conferences it cites
        ("正文里哪几段提到了NPT？", "A/RES/71/67", False),  # where the resolution mentions the treaty
        ("Where is the NPT mentioned?", "A/RES/71/67", False),
        ("Where does the NPT mention the IAEA Board of Governors?", NPT, True),  # the NPT mentions: its own text
        ("ok and where in the treaty is general and complete disarmament mentioned?", NPT, True),  # the one treaty
        ("该条约什么时候生效？", NPT, True),
        ("What does the Treaty on the Prohibition of Nuclear Weapons say?", "A/RES/71/67", False),  # not 'the treaty'
        ("NPT 序言哪几段提到国际原子能机构？", NPT, True),  # the paragraphs of the NPT's own preamble
        ("《不扩散核武器条约》哪一段提到了1963年的禁止核试验条约？", NPT, True),
        ("Which paragraphs of the NPT preamble mention the IAEA?", NPT, True),
        ("NPT preamble: which paras mention the IAEA?", NPT, True),  # named before 'mention', something else after
        ("Where is the NPT mentioned?", "A/RES/71/67", False),  # named before 'mentioned', nothing else after
        # no document named: a term only one document uses names it ('修正案' is the NPT's 'amendment') …
        ("要开修正案会议，需要多少缔约国提出请求？", NPT, False),
        # … not a term inside another treaty's name, not the user's quoted words, not beside a label
        ("全面禁止核试验条约的核查机制是怎么规定的？", "A/RES/71/67", False),
        ("PP8 里的 “not an end in itself” 对应中文怎么说？", "A/RES/71/67", False),
        ("Is the Security Council one of the bodies OP5 encourages to act?", "A/RES/71/67", False),
        # a list asked of a document, not of the paragraphs that mention it
        ("list every request to the SG in the 2025 resolution", "A/RES/80/53", True),
        ("哪些序言段落提到了《不扩散核武器条约》？全部列出", "A/RES/71/67", False),  # the list asked after the '？'
        ("Which NPT articles mention the Depositary Governments? list them all", NPT, True),  # the treaty's articles
        ("专家组最多多少人？", "A/RES/71/67", False),  # no document named
        ("专家组2018年开会吗？", "A/RES/71/67", False),  # a year the main text has names no other document
        # '号决议' is that resolution, not 'the resolution': the one text that names it (80/53 recalls 79/240)
        ("79/240号决议哪天通过的？", "A/RES/80/53", False),
        ("79/240是哪天的决议", "A/RES/80/53", False),  # its 决议 is 79/240, not the main resolution
        ("关于 lessons learned，决议怎么说的？", "A/RES/71/67", True),  # a copied phrase does not outweigh 决议
        ("71/67 gge一共开几届会 在哪开", "A/RES/71/67", True),
    ],
)
def test_the_document_a_question_is_about(reader: QuestionReader, text: str, scope: str, named: bool) -> None:
    question = reader.read(text, [])
    assert (question.scope, question.scope_named) == (scope, named)


def test_the_words_that_name_the_document_are_no_topic(reader: QuestionReader) -> None:
    question = reader.read("How long is each session of the GGE set up under 71/67?", [])
    assert "71/67" not in question.focus and "71/67" not in question.search and question.answer_type == "duration"
    npt = reader.read("What does article VI of the NPT say?", [])
    assert "NPT" not in npt.focus and npt.labels == (f"{NPT}:ART6",)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # the article the paragraph names (PP5: '按照其第六条承诺'), then the paragraph it rests on
        ("What does the article of the NPT that PP5 refers to say?", (f"{NPT}:ART6", f"{R}PP5")),
        ("What does the article of the NPT that PP5 of 71/67 refers to say?", (f"{NPT}:ART6", f"{R}PP5")),
        # the article the question names, in the treaty the footnote cites
        ("71/67 脚注5引用的那个条约，第三条讲什么？", (f"{NPT}:ART3", f"{R}FN5")),
    ],
)
def test_a_question_across_a_citation_names_the_treaty_article(reader, text, labels):
    question = reader.read(text, [])
    assert (question.scope, question.labels) == (NPT, labels)


def test_a_follow_up_pointing_back_at_an_article_is_the_article_the_last_paragraph_names(reader):
    history = [
        {"role": "user", "content": "what does PP5 of 71/67 say?"},
        {"role": "assistant", "content": "It recalls the undertaking under article VI (A/RES/71/67:PP5)."},
    ]
    question = reader.read("ok what does that article actually say", history)
    assert (question.scope, question.labels) == (NPT, (f"{NPT}:ART6", f"{R}PP5"))
    # an article asked about by its topic is no pointing back
    assert reader.read("which article covers withdrawal", history).labels != (f"{NPT}:ART6", f"{R}PP5")


def test_an_instruction_closing_the_sentence_is_on_all_before_it(reader):
    """'几个…总结下' asks for a summary of them, not for how many; an instruction inside a phrase does not."""
    question = reader.read("71/67序言里关于核查的几个核心判断总结下", [])
    assert (question.intent, question.part) == ("summarize", "PP")
    assert reader.read("那份概述核查原则的报告文号是多少", []).intent == "lookup"


def test_a_range_of_articles(reader):
    """Articles in Roman numerals or Chinese numerals, as a range: every article in it, in the treaty."""
    articles = tuple(f"{NPT}:ART{n}" for n in range(1, 7))
    assert reader.read("For a briefing: summarize articles I to VI of the NPT.", []).labels == articles
    assert reader.read("NPT第一条至第三条讲了什么", []).labels == articles[:3]
    assert reader.read("概括一下NPT第一到第三条", []).labels == articles[:3]  # the first number without its 条
    assert reader.read("NPT Arts. I-III in brief", []).labels == articles[:3]  # abbreviated, not PP1-PP3


@pytest.mark.parametrize("text", ["What does Art. VI of the NPT oblige parties to do?", "NPT art 6", "NPT Art.VI"])
def test_an_abbreviated_article_is_the_article(reader, text):
    assert reader.read(text, []).labels == (f"{NPT}:ART6",)


def test_the_name_of_the_document_read_is_no_term_to_list(reader):
    """'Which NPT articles mention …': every article is the NPT's; its name is not what they must mention."""
    question = reader.read("Which NPT articles mention the Depositary Governments? list them all", [])
    assert question.scope == NPT and question.intent == "enumerate" and "不扩散核武器条约" not in question.terms
    assert question.terms == ("Depositary Governments",)  # the English text's own term, spelled as it is
    assert "不扩散核武器条约" in reader.read("Which paragraphs of 71/67 mention the NPT?", []).terms


def test_art_inside_a_word_is_no_article(reader):
    assert reader.read("What is the state of the art in verification?", []).labels == ()


def test_a_paragraph_of_the_treaty_itself_is_no_chain(reader):
    """PP5 of the NPT is the NPT's own preambular paragraph: no article is asked for."""
    assert reader.read("What does NPT PP5 say?", []).labels == (f"{NPT}:PP5",)
    # PP11 of 71/67 cites the IAEA's statute, no indexed treaty: the paragraph as named
    assert reader.read("PP11 提到的是哪一条？", []).labels == (f"{R}PP11",)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("What did the General Assembly decide in 2025 on nuclear disarmament verification?", "decide"),
        ("决议决定了什么？", "决定"),
        ("What does the resolution recall?", "recall"),
        ("专家组最多多少人？", ""),  # a typed question asks for a fact, not for a kind of paragraph
        ("Did the resolution decide to meet in Geneva?", ""),  # yes-no
        ("80/53 — list everything the GA 'decides' in it", "decides"),
        ("80/53 'Welcoming' para — which SG report?", "Welcoming"),
        ("71/67执行部分提了哪些呼吁", "呼吁"),  # the verb as the thing asked for
        ("哪些呼吁得到了响应", ""),  # … not inside a longer phrase
    ],
)
def test_the_verb_a_question_asks_about(reader, text, lead):
    assert reader.read(text, []).lead == lead


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Summarize 80/53", "ALL"),
        ("概括一下71/67", "ALL"),
        ("brief me on 80/53", "ALL"),
        ("Summarize the operative paragraphs.", "OP"),
        ("给我做个简报：80/53 关于专家组报告的全部内容", None),  # a topic: the paragraphs on it
        ("brief me on the follow-up and reporting arrangements in 80/53", None),
    ],
)
def test_a_summary_naming_no_topic_is_of_the_whole_text(reader, text, part):
    question = reader.read(text, [])
    assert (question.intent, question.part) == ("summarize", part)


@pytest.mark.parametrize(
    ("text", "intent", "listed"),
    [
        ("80/53 引用了哪些之前的联大决议，全部列出", "enumerate", "resolution"),
        ("Which resolutions does 80/53 cite?", "enumerate", "resolution"),
        ("80/53 引用了哪些文件", "cited_documents", None),  # the documents its footnotes cite
        ("80/53 序言一共援引了几个以前的联大决议？", "count", "resolution"),
        ("How many resolutions does 80/53 recall?", "count", "resolution"),
        ("决议引用了哪些文件？", "cited_documents", None),  # 决议 is the one citing
        ("71/67 引的NPT审议大会文件都有哪些", "cited_documents", None),  # 引 for 引用, a kind between
        ("71/67 脚注里引了哪些NPT审议大会的文件", "cited_documents", None),
    ],
)
def test_the_resolutions_a_text_cites_are_listed_by_number(reader, text, intent, listed):
    question = reader.read(text, [])
    assert (question.intent, question.listed) == (intent, listed)


def test_every_kind_of_fact_asked_is_read(reader):
    question = reader.read("Where and when will the GSTE meet?", [])
    assert (question.answer_type, question.also_types) == ("place", ("time",))
    assert reader.read("专家组最多多少人？", []).also_types == ()
    # the 在哪 of '在哪次全体会议' asks which meeting, not where
    assert reader.read("决议在哪次全体会议上通过？", []).also_types == ()


@pytest.mark.parametrize(
    ("text", "opens", "intent"),
    [
        ("all paras in 80/53 that open with 'Recognizing'", "Recognizing", "enumerate"),
        ("how many paras in 80/53 start with 'Underlining'", "Underlining", "count"),
        ("Which paragraphs begin with the word Recalling?", "Recalling", "enumerate"),
        ("71/67 有几段以“回顾”开头？", "回顾", "count"),
        ("80/53里以Underlining开头的段落", "Underlining", "enumerate"),
        ("80/53 执行部分里以 Decides（含 Also decides）开头的有几段", "Decides", "count"),  # a remark between
        ("专家组什么时候开始开会？", "", "lookup"),  # a start asked about, not an opening word
        ("80/53里所有用decides的段落", "decides", "enumerate"),  # the paragraphs using a verb of the text's
    ],
)
def test_the_word_paragraphs_are_asked_to_open_with(reader, text, opens, intent):
    question = reader.read(text, [])
    assert (question.opens, question.intent) == (opens, intent)


@pytest.mark.parametrize(
    "text",
    [
        "80/53 - where's the bit on warhead dismantlement",
        "where is the part about gender balance in 80/53?",
        "where's the bit abt avoiding duplication of efforts in the 2025 res",  # chat shorthand
    ],
)
def test_where_the_text_says_something_is_a_paragraph_asked_for(reader, text):
    assert reader.read(text, []).intent == "locate"


def test_a_range_of_abbreviated_labels_keeps_its_part(reader):
    assert reader.read("Summarize PP1-PP5.", []).labels == tuple(f"{R}PP{n}" for n in range(1, 6))


def test_a_count_of_people_is_read_as_the_text_counts_them(reader):
    """'25个人' is 25人 (the text's '最多为25人'), not the word 个人 (individual) that the text never uses."""
    question = reader.read("71/67 要设的专家组是不是正好25个人？", [])
    assert "25人" in question.focus and "个人" not in question.focus


def test_an_ordinal_in_figures_is_searched_as_the_text_writes_it(reader):
    """The resolution writes 第七十二届 (and 第51次): the question's form is turned into the text's."""
    question = reader.read("秘书长的report要交给第72届UNGA吗？", [])
    assert "第七十二届" in question.search and "第七十二届" in question.focus
    assert "第51次" in reader.read("决议是在第五十一次全体会议上通过的吗？", []).search


@pytest.mark.parametrize(
    ("text", "scope", "also"),
    [
        ("71/67 和 80/53 设立的专家组有哪些不同？", "A/RES/71/67", ("A/RES/80/53",)),
        ("80/53 和 71/67 的专家组人数有何不同？", "A/RES/71/67", ("A/RES/80/53",)),  # the main one first
        # 'both resolutions': the resolutions, though it names the NPT's parties
        ("Do both resolutions recall the NPT parties' commitment to irreversibility?", "A/RES/71/67", ("A/RES/80/53",)),
        ("Which of the documents mention Geneva?", "A/RES/71/67", ("A/RES/80/53", NPT)),
        ("决议引用了哪些文件？", "A/RES/71/67", ()),
        # each named by the year it was adopted in
        ("2016年决议设的专家组和2025年新设的专家组，在人数、地点上有什么不同", "A/RES/71/67", ("A/RES/80/53",)),
    ],
)
def test_the_other_documents_a_question_is_about(reader, text, scope, also):
    question = reader.read(text, [])
    assert (question.scope, question.also) == (scope, also)
    assert "NPT" in question.focus or "NPT" not in text


def test_a_number_in_figures_may_be_spelled_in_words():
    assert spelled(25, "en") == ["twenty-five", "twenty five"]
    assert spelled(40, "en") == ["forty"] and spelled(72, "zh") == ["七十二"]
    assert spelled(125, "en") == []


def test_shorthand_is_read_in_full(reader):
    question = reader.read("who are the depositary govts of the NPT", [])
    assert "depositary governments" in question.focus and question.scope == NPT
    # the shorthand of UN documents ('First Cttee', 'RevCon', 'EIF'), and contractions
    assert "First Committee" in reader.read("what's the First Cttee report symbol for res 80/53", []).focus
    assert "Review Conference" in reader.read("the 2010 NPT RevCon", []).text
    assert "entry into force" in reader.read("how long after EIF must they negotiate?", []).text
    # '&' is 'and': 'scientific and technical experts' names 80/53's group
    assert reader.read("Who supports the new scientific & technical experts group?", []).scope == "A/RES/80/53"


def test_the_group_a_document_sets_up_names_it_and_stays_the_topic(reader):
    """'GSTE' is 80/53's group by another name: the question is about 80/53 and still asks about the group."""
    for text in ("to which GA session does the GSTE report its work", "科学技术专家组开几届会？"):
        question = reader.read(text, [])
        assert (question.scope, question.scope_named) == ("A/RES/80/53", True)
        assert "this document" not in question.focus and "该文件" not in question.focus


@pytest.mark.parametrize(
    ("text", "said", "unsaid"),
    [
        # on 80/53, its own group: not the glossary's group of governmental experts of 71/67
        ("quick rundown of the expert group's mandate under 80/53", "the Group's mandate", "expert group"),
        ("when does the new verification expert group start working? (80/53)", "verification Group", "expert"),
        ("80/53 的专家小组开几届会", "专家组", "专家小组"),
        # a generic name inside a longer one is that one; on 71/67 the generic name is its own group's
        ("80/53 提到的政府专家小组是哪个", "政府专家小组", "政府专家组"),
        ("how many members does the 71/67 expert group have", "expert group", "the Group"),
    ],
)
def test_a_group_named_generically_is_the_one_the_document_sets_up(reader, text, said, unsaid):
    question = reader.read(text, [])
    assert said in question.search and unsaid not in question.search
    assert question.text == text  # as asked: another document it names reads the generic name as its own


def test_each_document_of_a_comparison_reads_a_generic_name_as_its_own_group(reader):
    """'compare the expert groups of 71/67 and 80/53': 71/67's part is on its group of governmental experts (the
    glossary's reading), 80/53's on its Group of Scientific and Technical Experts."""
    question = reader.read("what changed between 71/67 and 80/53 on the expert group itself?", [])
    assert (question.scope, question.also) == ("A/RES/71/67", ("A/RES/80/53",))
    assert "政府专家小组" in question.terms
    other = reader.of_own_body(replace(question, scope="A/RES/80/53", also=("A/RES/71/67",)), [])
    assert "政府专家小组" not in other.terms and "the Group of Scientific and Technical Experts itself" in other.search
    assert (other.intent, other.scope) == (question.intent, "A/RES/80/53")
    assert reader.of_own_body(question, []) == question


@pytest.mark.parametrize(
    "text",
    [
        "total weeks of meetings for the scientific group?",  # the group by a part of its name
        "what do the technical experts have to report, and when?",
        "新的科技专家组多大？几个人",  # 科学和技术专家组, shortened as Chinese names are: 科技专家组
        "科技专家组 人数",
        "When does the new experts group have to report back to the GA?",  # the group the latest resolution sets up
        "新设立的专家组在哪开会？",
    ],
)
def test_a_group_named_in_part_or_as_the_new_one_is_the_latest_resolutions(reader, text):
    question = reader.read(text, [])
    assert (question.scope, question.scope_named) == ("A/RES/80/53", True)


@pytest.mark.parametrize(
    "text",
    [
        "71/67 set up a new group of governmental experts: how many members?",  # a document named comes first
        "专家组最多多少人？",  # no qualifier, nothing new: the main resolution
        "会议要重新组建专家小组吗？",  # 重新 is 'again', not 'new'
        "Which UN body provides technical assistance to the group?",  # 'technical' qualifies 'assistance' here
    ],
)
def test_a_group_not_named_in_part_stays_with_the_main_resolution(reader, text):
    assert reader.read(text, []).scope == "A/RES/71/67"


@pytest.mark.parametrize(
    ("text", "scope", "year"),
    [
        ("cap on the size of the 2016 GGE?", "A/RES/71/67", "2016"),  # the year the main text was adopted in
        ("what about the 2025 one?", "A/RES/80/53", "2025"),
        ("2025年那份的专家组有多少人？", "A/RES/80/53", "2025年"),
        ("In which paragraph does the 2025 resolution recall 71/67?", "A/RES/80/53", "2025"),  # named first
    ],
)
def test_a_year_before_a_word_for_a_document_names_the_one_adopted_then(reader, text, scope, year):
    question = reader.read(text, [])
    assert (question.scope, question.scope_named) == (scope, True)
    assert year not in question.search  # the year names the document: it is no figure to look for


def test_a_year_naming_no_document_is_a_figure(reader):
    # a symbol named first keeps its document; a year before no word for a document is the text's
    assert reader.read("71/67 的政府专家小组（不是2025年那个）成员是由各国提名的吗？", []).scope == "A/RES/71/67"
    assert "2018" in reader.read("专家组2018年开会吗？", []).search


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("71/67那个专家组总共开几天会", True),
        ("total weeks of meetings for the scientific group?", True),  # a unit asked after 'total'
        ("how many countries voted in total on 71/67?", True),
        ("专家组一共开几届会？", True),
        ("专家组总共在哪开会？", False),  # a place, however many
        ("What does the total elimination of nuclear weapons require?", False),  # 'total' of no number
    ],
)
def test_a_total_is_asked_by_a_count_or_a_unit(reader, text, total):
    assert reader.read(text, []).asks_total == total


def test_an_elliptical_follow_up_keeps_the_part_the_last_question_counted(reader):
    history = [
        {"role": "user", "content": "71/67执行部分有几段？"},
        {"role": "assistant", "content": "A/RES/71/67执行部分共8段（执行部分第1段至第8段）。"},
    ]
    question = reader.read("2025那份呢？", history)
    assert (question.scope, question.intent, question.part) == ("A/RES/80/53", "count", "OP")
    # one naming a part of its own asks about that part
    assert reader.read("序言部分呢？", history).part == "PP"


def test_a_question_naming_no_document_stays_with_the_conversations(reader):
    history = [
        {"role": "user", "content": "80/53设的那个科技专家组多少人？"},
        {"role": "assistant", "content": "21名成员（A/RES/80/53:OP1）。"},
    ]
    assert reader.read("什么时候开始开会", history).scope == "A/RES/80/53"
    assert reader.read("71/67 的专家组什么时候开会", history).scope == "A/RES/71/67"  # one it names
    assert reader.read("什么时候开始开会", []).scope == "A/RES/71/67"  # no conversation: the main resolution


def test_an_elliptical_follow_up_asks_the_last_question_again(reader):
    # of the document it names, in the earlier words
    history = [{"role": "user", "content": "71/67专家组多少人"}, {"role": "assistant", "content": "最多25人。"}]
    question = reader.read("那2025年那个新的呢？", history)
    assert question.scope == "A/RES/80/53" and question.answer_type == "number" and "专家组" in question.focus
    # of the term it names, with the earlier kind of question
    history = [
        {"role": "user", "content": "where's UNIDIR mentioned in 80/53?"},
        {"role": "assistant", "content": "OP8"},
    ]
    question = reader.read("and the Office for Disarmament Affairs?", history)
    assert question.intent == "locate" and question.scope == "A/RES/80/53"
    assert "UNIDIR" not in question.search and "Office for Disarmament Affairs" in question.terms
    # a follow-up that asks its own kind of fact is not elliptical
    history = [{"role": "user", "content": "序言第10段提到了哪些报告？"}, {"role": "assistant", "content": "…"}]
    assert reader.read("那两份报告的文号呢？", history).answer_type == "symbol"
    # 'these two reports' are no two documents to answer from
    assert reader.read("这两份秘书长报告的文号呢？", history).also == ()
    assert reader.read("这两份里专家组各多少人？", [{"role": "user", "content": "71/67 和 80/53"}]).also
    # one that only names another part, with no word pointing back: the earlier count, of that part
    history = [{"role": "user", "content": "80/53 序言部分有几段？"}, {"role": "assistant", "content": "25段。"}]
    question = reader.read("执行部分呢？", history)
    assert (question.intent, question.part, question.scope, question.follow_up) == ("count", "OP", "A/RES/80/53", True)


def test_where_something_is_mentioned_asks_for_the_paragraph(reader):
    assert reader.read("where's UNIDIR mentioned in 80/53?", []).intent == "locate"
    assert reader.read("where is the Office for Disarmament Affairs referred to?", []).intent == "locate"
    assert reader.read("where does 71/67 talk about confidence-building?", []).intent == "locate"
    # 'where … decide what OP8 says': where the Assembly decided, not where the text says it
    assert reader.read("Where and on which dates did the General Assembly decide what OP8 says?", []).intent == "lookup"
    assert reader.read("where does the group meet?", []).answer_type == "place"
    # 'the 80/53 group': the document qualifies the group, which is what meets
    assert reader.read("where does the 80/53 group meet?", []).intent == "lookup"
    assert reader.read("where does 80/53 talk about women?", []).intent == "locate"
    # a list of the things looked for runs over commas; a clause after one is another question
    assert reader.read("In 71/67, where are irreversibility, verifiability and transparency mentioned?", []).intent == (
        "locate"
    )
    assert reader.read("Where does the group meet, and is that mentioned in OP3?", []).answer_type == "place"


@pytest.mark.parametrize(
    ("text", "intent", "answer_type"),
    [
        ("How often does 71/67 mention verification?", "count", None),
        ("How often can NPT review conferences be held?", "lookup", "frequency"),
        ("NPT审议大会多久开一次？", "lookup", "frequency"),
        ("How long is each GSTE session?", "lookup", "duration"),
    ],
)
def test_how_often_a_word_is_used_is_a_count_and_how_often_a_body_meets_an_interval(reader, text, intent, answer_type):
    question = reader.read(text, [])
    assert (question.intent, question.answer_type) == (intent, answer_type)


def test_a_typing_slip_is_read_as_the_word_the_documents_use(reader):
    question = reader.read("which paragraph of 80/53 talks about avoiding duplicaton of efforts?", [])
    assert "duplication" in question.focus
    # a word the documents do not use that is no slip, and short words, stay as typed
    assert "stated" in reader.read("what is stated in OP2 of 80/53", []).focus
    assert "journalist" in reader.read("I am a journalist: how many experts are there?", []).text
    # a slip is seldom in a word's first letter: 'created' is a word of its own, not a slip of their 'greater'
    assert "created" in reader.read("Did the GGE created by 71/67 meet?", []).focus
    # the last two letters swapped, and a word the questions use ('footnote'), in whichever form is as long
    assert "footnotes" in reader.read("list the symbols cited in 71/67's footnotse", []).text


def test_contractions_and_shorthand_are_read_in_full(reader):
    question = reader.read("Quick check - 71/67 doesn't mention civil society at all, right?", [])
    assert "does not mention" in question.focus
    assert "document" in reader.read("FN6 in 71/67 — what doc is that", []).focus
    assert "does not mention" in reader.read("71/67 doesn’t mention civil society, right?", []).focus  # ’ too


def test_no_sentence_ends_inside_brackets(reader):
    question = reader.read("how many PPs in 80/53 open with 'Recalling' (incl. Recalling also/further)?", [])
    assert (question.opens, question.intent, question.part) == ("Recalling", "count", "PP")


def test_a_whether_after_the_asking_word_is_the_texts(reader):
    assert reader.read("NPT生效几年后开会决定是否无限期延长", []).intent == "lookup"
    assert reader.read("专家组是不是在日内瓦开会？", []).intent == "yes_no"
    assert reader.read("Does 71/67 say when the group meets?", []).intent == "yes_no"


def test_every_answer_type_is_named_in_the_reasons_of_every_language():
    """A refusal names the kind of fact missing in the user's language ('没有写明所问的时间', not '…的time')."""
    for code in LANGUAGES:
        language = pack(code)
        assert all(f"kind_{a.name}" in language.reasons for a in language.answer_types), code


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("What is the very first clause of the NPT preamble about?", (f"{NPT}:PP1",)),
        ("NPT 序言的第11个条款讲的是什么？", (f"{NPT}:PP11",)),
        ("What does the first clause of OP7 of 71/67 say?", ("A/RES/71/67:OP7",)),  # a clause inside OP7
    ],
)
def test_a_clause_of_the_preamble_is_one_of_its_paragraphs(reader, text, labels):
    assert reader.read(text, []).labels == labels


def test_a_yes_no_question_on_what_others_did_asks_for_an_event(reader):
    assert reader.read("Did the GGE adopt its report by consensus?", []).asks_event
    assert reader.read("那专家组最后的报告通过了吗？", []).asks_event
    # the document named as the group's ('the 71/67 GGE') is not the document acting
    assert reader.read("Did the 71/67 GGE adopt its report by consensus?", []).asks_event
    # what another body decided, or what a cited conference did
    assert reader.read(
        "What did the 1995 Review and Extension Conference decide about the NPT's duration?", []
    ).asks_event
    assert not reader.read("What does the last operative paragraph of 80/53 decide?", []).asks_event
    # asked after a dash, of what the words before it name
    assert reader.read("OP5 of 71/67 encourages the CD — did the CD then adopt a programme of work?", []).asks_event
    assert not reader.read("OP 5 of 71/67 - what does it encourage the CD to do?", []).asks_event
    # a report pointed back at is a report, as 'the report' is; the document pointed back at is the document
    assert reader.read("what did that report say", []).asks_event
    assert not reader.read("what did that resolution say about consensus", []).asks_event
    # what a report the documents only cite says inside it: others' words, which the index does not hold
    assert reader.read("List the verification principles in the Disarmament Commission report", []).asks_event
    assert reader.read("裁军审议委员会报告里概述的核查一般原则具体是哪些？", []).asks_event
    assert not reader.read("List the paragraphs that mention the Disarmament Commission report", []).asks_event
    # the document's or the Assembly's own acts, and questions of other intents, are no events after it
    assert not reader.read("Did 80/53 recall 71/67?", []).asks_event
    assert not reader.read("71/67通过了没有", []).asks_event and reader.read("71/67通过了没有", []).intent == "yes_no"
    assert not reader.read("71/67注意到民间社会的贡献了没", []).asks_event  # the document's own act
    assert not reader.read("Did the General Assembly welcome the initiative?", []).asks_event
    assert not reader.read("What did the GGE report on?", []).asks_event
    # whether a document was ever changed since, what others sent in, what a cited report proposes
    assert reader.read("has it ever actually been amended", []).asks_event
    assert reader.read("这个条约曾经修改过吗", []).asks_event
    assert reader.read("what views did member states send in for the SG report under 71/67 OP6", []).asks_event
    assert reader.read("A/80/93那份秘书长报告里提了哪几个方案", []).asks_event
    assert not reader.read("What views does 71/67 ask the Secretary-General to seek?", []).asks_event


def test_what_a_later_session_did_is_an_event_after_the_document(reader):
    assert reader.read("第七十二届大会在“核裁军核查”分项下通过了什么决议？", []).asks_event
    assert reader.read("Was the GSTE extended by the GA at its eighty-fourth session?", []).asks_event
    # what the document asks of a later session, and its own session, are the document's
    assert not reader.read("71/67要求在第七十二届会议临时议程中列入什么项目？", []).asks_event
    assert not reader.read("80/53要求专家组向第八十四届会议报告吗？", []).asks_event
    assert not reader.read("When will the GSTE report be considered at the eighty-fourth session?", []).asks_event


def test_a_session_in_figures_is_one_the_text_spells_in_words():
    assert spelled_ordinal(81, "en") == ["eighty-first"] and spelled_ordinal(3, "en") == ["third"]
    assert spelled_ordinal(80, "en") == [] and spelled_ordinal(72, "zh") == ["七十二"]
    assert number_value("eighty-fourth session", "en") == number_value("第八十四届", "zh") == 84
    # a year as a treaty writes it is that number
    assert number_value("one thousand nine hundred and sixty-eight", "en") == 1968
    assert number_value("three hundred", "en") == 300 and number_value("two thousand and sixteen", "en") == 2016


def test_an_acronym_with_two_letters_swapped_is_the_one_it_swaps_to(reader):
    assert reader.read("NTP第六条讲什么", []).scope == NPT
    assert "CTBT" in reader.read("What does the CTBT say about entry into force?", []).text  # no acronym it swaps to


def test_names_listed_in_a_row():
    text = "This Treaty, the English, Russian, French, Spanish and Chinese texts of which are equally authentic"
    assert listed_names(text, "en") == [["English", "Russian", "French", "Spanish", "Chinese"]]
    assert listed_names("弃权：白俄罗斯、中国、伊朗、朝鲜、俄罗斯和叙利亚。", "zh")[0][-1] == "叙利亚"


def test_a_slip_in_a_form_of_the_documents_word_is_read_as_that_form(reader):
    assert "protecting" in reader.read("wher does 80/53 talk about protectng sensitive information", []).focus


def test_another_form_of_the_documents_word_is_no_slip(reader):
    # 80/53 writes 'welcomed' and 'Welcoming': 'welcomes' is their word in another form, not a slip of a longer one
    assert "welcomes?" in reader.read("How many meetings fed into the report that 80/53 welcomes?", []).focus
    # 80/53 writes 'briefing': 'briefings' is its plural, not a slip of 'briefinges'
    assert "(briefings, reports)" in reader.read("Summarize the follow-up in 80/53 (briefings, reports)", []).text


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("80/53 OP1到OP4概括一下", tuple(f"A/RES/80/53:OP{n}" for n in range(1, 5))),
        ("Summarize PP3 through PP6 of 80/53", tuple(f"A/RES/80/53:PP{n}" for n in range(3, 7))),
        ("OP2 and OP4 of 80/53", ("A/RES/80/53:OP2", "A/RES/80/53:OP4")),  # 'and' joins two, not a range
        ("OPs 9 thru 12 of 80/53?", tuple(f"A/RES/80/53:OP{n}" for n in range(9, 13))),  # plural, 'thru'
        ("PPs 3-5 of 80/53", tuple(f"A/RES/80/53:PP{n}" for n in range(3, 6))),
    ],
)
def test_two_labels_joined_by_a_range_word_are_every_label_between(reader, text, labels):
    assert reader.read(text, []).labels == labels


@pytest.mark.parametrize(
    ("text", "intent", "part"),
    [
        ("71/67 的序言部分讲了什么？", "summarize", "PP"),
        ("What does the operative part of 80/53 say?", "summarize", "OP"),
        ("71/67序言部分大概讲了啥", "summarize", "PP"),  # a hedge ('roughly') asks nothing of its own
        ("what does the operative part of 80/53 basically say", "summarize", "OP"),
        ("What does the operative part of 80/53 say about gender?", "lookup", None),  # a topic in that part
        ("序言部分提到了哪些原则？", "lookup", None),
    ],
)
def test_a_question_on_a_part_and_nothing_else_summarizes_it(reader, text, intent, part):
    question = reader.read(text, [])
    assert (question.intent, question.part) == (intent, part)


def test_where_a_named_document_says_something_asks_for_the_paragraph(reader):
    question = reader.read("Where does 80/53 say verification work has to protect sensitive information?", [])
    assert (question.intent, question.answer_type) == ("locate", None)
    assert reader.read("Where does the NPT say parties may withdraw?", []).intent == "locate"
    assert reader.read("where's the bit calling the CD the single negotiating forum", []).intent == "locate"


def test_an_elliptical_question_takes_the_question_after_it(reader):
    history = [{"role": "user", "content": "美国对71/67怎么投的？"}, {"role": "assistant", "content": "赞成。"}]
    question = reader.read("那俄罗斯呢？有没有反对票？", history)
    assert question.focus == "那俄罗斯呢？有没有反对票？" and question.intent == "yes_no"
    assert question.answer_type == "vote"


@pytest.mark.parametrize("text", ["What is 71/67 about?", "80/53是关于什么的？"])
def test_a_question_naming_only_the_document_asks_what_its_title_says(reader, text):
    assert reader.read(text, []).answer_type == "title"


@pytest.mark.parametrize(
    ("text", "before", "labels"),
    [
        ("what about (b)?", "What is OP5(a) of 80/53?", ("A/RES/80/53:OP5(b)",)),
        ("那(c)呢？", "80/53 执行部分第5段(a)项讲什么？", ("A/RES/80/53:OP5(c)",)),
    ],
)
def test_a_bare_letter_after_an_item_is_the_next_item_asked(reader, text, before, labels):
    history = [{"role": "user", "content": before}, {"role": "assistant", "content": "…"}]
    assert reader.read(text, history).labels == labels


def test_so_opens_a_follow_up(reader):
    history = [{"role": "user", "content": "When will the GSTE meet?"}, {"role": "assistant", "content": "…"}]
    question = reader.read("so roughly how many years does that span?", history)
    assert question.follow_up and question.scope == "A/RES/80/53"


def test_a_chinese_name_inside_a_longer_one_is_left_to_it():
    """'非核武器国家' is the non-nuclear-weapon States: its '核武器国家' names no nuclear-weapon State."""
    glossary = shipped_glossary()
    english = glossary.renderings("非核武器国家跟原子能机构的保障协定要在多少天内开始谈判", "en")
    assert "non-nuclear-weapon States" in english and "safeguards" in english
    assert "nuclear-weapon States" not in english
    assert "nuclear-weapon States" in glossary.renderings("核武器国家的义务", "en")


def test_what_someone_is_asked_to_do_is_a_request(reader):
    for text in ("71/67都请秘书长干了哪些事", "80/53请秘书长做了哪些事？"):
        assert reader.read(text, []).answer_type == "request"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("compare the 71/67 GGE with the 80/53 expert group - size, venue, sessions", ["number", "place", "number"]),
        ("对比一下71/67和80/53设的专家组：人数、地点、时间", ["number", "place", "time"]),
        (
            "Brief me on the 2025 experts group: size, how they're picked, where/when it meets",
            ["number", "place", "time"],
        ),
        (
            "对比一下2016年和2025年两份决议对专家组的安排（人数、会期、地点）",
            ["number", "time", "place"],
        ),  # in brackets
        ("对比一下71/67和80/53设的专家组 人数 开会地点 时间", ["number", "place", "time"]),  # spaced words
        (
            "give me the timeline in 80/53 - sessions, briefings, reporting",
            ["time", "time", "time"],
        ),  # one kind, before
    ],
)
def test_things_listed_after_a_colon_are_asked_one_by_one(reader, text, kinds):
    question = reader.read(text, [])
    assert [kind for kind, _ in question.aspects] == kinds
    assert question.intent == "summarize" and question.part is None


@pytest.mark.parametrize(
    "text", ["对比一下71/67和80/53设的专家组", "compare the 71/67 expert group with the 80/53 one"]
)
def test_groups_compared_with_nothing_listed_are_compared_on_size_and_venue(reader, text):
    question = reader.read(text, [])
    assert [kind for kind, _ in question.aspects] == ["number", "place"] and question.also == ("A/RES/80/53",)
    # … but only groups, only compared, and only across documents
    assert reader.read("对比一下71/67和80/53对民间社会的提法", []).aspects == ()
    assert reader.read("71/67设的专家组有多少人", []).aspects == ()


def test_the_years_both_resolutions_were_adopted_in_name_them(reader):
    question = reader.read("对比一下2016年和2025年两份决议对专家组的安排（人数、会期、地点）", [])
    assert question.scope == "A/RES/71/67" and question.also == ("A/RES/80/53",)
    assert "2025" not in question.focus and "2016" not in question.focus


def test_one_thing_after_a_colon_is_no_list_of_aspects(reader):
    assert reader.read("Quick question: where does the group meet?", []).aspects == ()
    assert reader.read("NPT第一条和第二条分别规定了什么义务？总结一下", []).aspects == ()


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("78/22 决议是啥时候通过的", "A/RES/80/53"),  # 80/53 recalls 78/22; 71/67 never names it
        ("When was resolution 79/240 adopted?", "A/RES/80/53"),
        ("决议提到78/22了吗", "A/RES/71/67"),  # 'the resolution' is the main one, whatever it is asked of
        ("A/61/1028 这份报告写了什么", "A/RES/71/67"),  # the main resolution cites it
        ("79/240要的那份秘书长报告，会员国提了几次意见", "A/RES/80/53"),  # a Chinese word touching the symbol
        # English words a Chinese question copies from one text ('duplication of efforts': 80/53's PP20) ...
        ("哪段说要避免 duplication of efforts", "A/RES/80/53"),
        ("PP8 里的 “not an end in itself” 对应中文怎么说？", "A/RES/71/67"),  # ... not a rendering of a paragraph
    ],
)
def test_what_only_one_document_writes_chooses_that_document(reader, text, scope):
    assert reader.read(text, []).scope == scope


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("21名专家谈不拢的话，报告怎么处理？", "A/RES/80/53"),  # 80/53's group has 21 members; 71/67's up to 25
        ("Who picks the 21 experts?", "A/RES/80/53"),
        ("要40个国家批准才生效？", "UNTS vol. 729, No. 10485"),  # the NPT's 'forty other States'
        ("25名专家在哪开会", "A/RES/71/67"),  # the main resolution counts by it too
        ("专家组要开四届会议，对吗？", "A/RES/71/67"),  # a count a yes-no question checks names nothing
        ("What does footnote 4 cite?", "A/RES/71/67"),  # a label's number is no count (80/53's OP3: four)
        ("What is resolution 62/21 about?", "A/RES/71/67"),  # nor a symbol's (80/53's OP1: 21 members)
        ("Compare the two resolutions", "A/RES/71/67"),  # nor a footnote's ('action 2')
    ],
)
def test_a_count_only_one_document_counts_by_chooses_that_document(reader, text, scope):
    assert reader.read(text, []).scope == scope


def test_a_count_that_chose_the_document_is_not_searched_for(reader):
    question = reader.read("21名专家谈不拢的话，报告怎么处理？", [])
    assert "21" not in question.search and "21" in question.focus


def test_a_count_of_meetings_is_a_number_not_a_count_of_mentions(reader):
    assert reader.read("会员国是通过几次非正式面对面会议提意见的", []).intent == "lookup"
    assert reader.read("“秘书长”一共出现了几次", []).intent == "count"


def test_which_para_asks_where(reader):
    assert reader.read("Which para mentions the three informal in person meetings?", []).intent == "locate"
    # 'the bit … about', with the document named between
    assert reader.read("where's the bit in 80/53 about protecting sensitive info", []).intent == "locate"


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("What did the High Representative say in the briefing to the 81st session?", True),
        ("What did the Secretary-General's report to the 72nd session (the one OP6 asked for) find?", True),
        ("did the GGE adopt its report by consensus?", True),
        ("挪威和英国在倡议里做过哪些核查演练？", True),  # what others have done ('做过'), not what a text says
        ("决议提到过民间社会吗？", False),  # what the document said ('提到过')
        ("高级代表在第八十一届会议上通报了什么内容？", True),  # what the briefing said, once given
        ("80/53要求高级代表通报什么内容", False),  # what the briefing is to be on: the text says
        # what a cited report says inside it, across a comma; how others followed a paragraph up; what a later
        # session adopted
        ("秘书长给第七十二届会议的报告里，会员国都提了什么看法？", True),
        ("How did the Conference on Disarmament follow up on OP5 of 71/67?", True),
        ("第72届会议通过的那个核裁军核查决议编号是多少", True),
        ("71/67是在第71届会议通过的吗？", False),  # the document's own session
        # what a cited document, or an item of a cited plan, says inside it; not where the text cites it
        ("What did A/51/182/Rev.1 list as the general principles of verification?", True),
        ("what does action 2 of the 2010 action plan actually require?", True),
        ("which part of 80/53 refers to action 2 of the 2010 NPT action plan", False),
        ("What did 62/21 note?", False),  # what a cited resolution says, as the resolution recalls it
        ("how did the SG collect states' input for the options report on the scientific group", False),
    ],
)
def test_what_someone_said_after_the_document_is_an_event(reader, text, event):
    assert reader.read(text, []).asks_event is event


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("80/53里提到的以往大会决议都有哪些？在哪几段", "resolution"),
        ("list every earlier GA resolution that 80/53 recalls or welcomes, w/ dates", "resolution"),
        ("List every GA resolution 80/53 recalls or welcomes, with dates if given", "resolution"),  # each one
        ("which preambular paras of 80/53 recall earlier GA resolutions by number?", "resolution"),
        ("How many members did the GGE established under resolution 74/50 have?", None),  # a resolution named
        ("list every paragraph of the resolution on verification", None),  # 'the resolution' is the document
        ("every earlier GA res that 80/53 recalls or welcomes, w dates", "resolution"),  # 'res', no 'list'
        ("all the GA resolutions 71/67 recalls", "resolution"),
        ("80/53提到了哪些以往的大会决议", "resolution"),  # a plural asking word before a qualified name
        # asked for by their plural, of a document named: those its text names
        ("which resolutions does 80/53 recall? list w dates", "resolution"),
        ("80/53回顾了哪几项决议", "resolution"),
        ("请把71/67决议里所有要求秘书长做的事都列出来", None),  # 决议 is where to look, not what is asked for
    ],
)
def test_a_list_of_earlier_resolutions_is_a_list_of_their_numbers(reader, text, listed):
    question = reader.read(text, [])
    assert (question.listed, question.intent if listed else None) == (listed, "enumerate" if listed else None)


def test_the_terms_read_are_the_same_in_every_process() -> None:
    """Terms spelled as the documents spell them come in one order whatever the hash seed (the answer's 'mentions
    “不扩散核武器条约”、“审议大会”…' heading is built from them; a frozenset's order changed it run by run)."""
    script = (
        "from assistant.question import QuestionReader\n"
        "from index.corpus import shipped_documents\n"
        "from index.glossary import shipped_glossary\n"
        "reader = QuestionReader({d.symbol: d for d in shipped_documents()}, shipped_glossary())\n"
        "print(reader.read('71/67的脚注引用了哪几届不扩散条约审议大会的最后文件？', [], None).terms)\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(runs) == 1 and "审议大会" in runs.pop()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("71/67英文正式文本里OP7原文是怎么写的？", "en"),
        ("What's the exact English wording of OP7 of 71/67?", "en"),
        ("80/53第三段的中文原文", "zh"),
        ("Give me an English rendering of preambular paragraph 8.", ""),  # a rendering: no official text asked
        ("Which language versions of the NPT are equally authentic?", ""),  # no language named
    ],
)
def test_the_language_of_the_official_text_asked_for(reader, text, language):
    assert reader.read(text, []).text_language == language


def test_a_word_typed_for_the_asking_word_of_its_sound_is_read_as_that(reader):
    """那些 for 哪些 (the same sound) in a question that asks by no other word; not where another word asks."""
    assert "哪些国家" in reader.read("71/67 专家组的25个成员都是那些国家的？", []).text
    assert "那些国家" in reader.read("那些国家投了反对票吗？", []).text


@pytest.mark.parametrize(
    "text",
    [
        "what does 80/53 ask the Secretary-General to do",
        "what does 80/53 ask the secretary general to do",  # the hyphen typed as a space
        "what does 80/53 ask the SecretaryGeneral to do",  # or left out
    ],
)
def test_an_official_name_is_known_however_its_hyphen_is_typed(reader, text):
    question = reader.read(text, [])
    assert (question.intent, question.answer_type, question.terms) == ("enumerate", "request", ("秘书长",))


@pytest.mark.parametrize(
    "text",
    ["71/67 vs 80/53 秘书长的角色比较一下", "compare what 71/67 and 80/53 say about the Secretary-General"],
)
def test_a_comparison_of_documents_on_a_term_lists_each_one_s_paragraphs_naming_it(reader, text):
    question = reader.read(text, [])
    assert (question.intent, question.scope, question.also, question.terms) == (
        "enumerate",
        "A/RES/71/67",
        ("A/RES/80/53",),
        ("秘书长",),
    )


def test_a_shorthand_without_its_apostrophe_is_read_in_full(reader):
    assert reader.read("whats the point of the report", []).text.startswith("what is the point")


def test_names_listed_after_a_colon_are_each_looked_up(reader):
    question = reader.read("80/53 who does what: SG, ODA, UNIDIR, HR, CD", [])
    assert question.intent == "enumerate"
    assert {"秘书长", "Office for Disarmament Affairs", "裁军谈判会议"} <= set(question.terms)


@pytest.mark.parametrize(
    ("today", "text", "scope"),
    [
        (date(2026, 3, 1), "how many experts under last year's resolution?", "A/RES/80/53"),
        (date(2026, 3, 1), "去年那个决议的专家组多少人", "A/RES/80/53"),
        (date(2017, 3, 1), "how many experts under last year's resolution?", "A/RES/71/67"),  # counted from today
        (date(2025, 12, 20), "this year's resolution: how many experts?", "A/RES/80/53"),
    ],
)
def test_a_year_named_relative_to_today_names_the_document_of_that_year(today, text, scope):
    reader = QuestionReader({d.symbol: d for d in shipped_documents()}, shipped_glossary(), today=today)
    assert reader.read(text, []).scope == scope


@pytest.mark.parametrize(
    ("text", "answer", "named"),
    [
        (
            "what date was the second one adopted",
            "It recalls resolution 71/67 and resolution 74/50, both asking for a group (A/RES/80/53:PP3).",
            "74/50",
        ),
        ("那第二个决议是哪天通过的", "根据A/RES/80/53序言部分第3段：回顾第71/67号决议和第74/50号决议。", "74/50"),
        ("and the former one?", "It recalls resolution 71/67 and resolution 74/50 (A/RES/80/53:PP3).", "71/67"),
    ],
)
def test_a_document_pointed_to_by_its_place_in_the_last_answer_is_that_document(reader, text, answer, named):
    history = [{"role": "user", "content": "what does PP3 of 80/53 recall"}, {"role": "assistant", "content": answer}]
    assert named in reader.read(text, history).text


def test_a_place_among_documents_needs_several_named(reader):
    history = [{"role": "user", "content": "what does PP3 recall"}, {"role": "assistant", "content": "62/21 (PP10)."}]
    assert reader.read("when was the second one adopted", history).text == "when was the second one adopted"


@pytest.mark.parametrize(
    ("text", "focus", "intent"),
    [
        ("My minister wants to know when the 80/53 group first meets.", "when the", "lookup"),
        ("The ambassador's office asks whether France backed 71/67.", "whether France", "yes_no"),
        ("A colleague insists 71/67 created a 21-member group. Right?", "A colleague insists", "yes_no"),
    ],
)
def test_who_asks_is_no_topic_and_a_tag_asks_of_the_sentence_before(reader, text, focus, intent):
    question = reader.read(text, [])
    assert question.focus.startswith(focus) and question.intent == intent
    assert "minister" not in question.search and "ambassador" not in question.search


@pytest.mark.parametrize(
    ("text", "answer_type"),
    [("Does 80/53 keep the same language as PP7 of 71/67?", None), ("In which languages is 71/67 issued?", "language")],
)
def test_language_as_wording_asks_for_no_language(reader, text, answer_type):
    assert reader.read(text, []).answer_type == answer_type


def test_going_to_asks_of_the_future_and_names_no_topic(reader):
    """'where is it going to meet': 'going' is grammar, no word the paragraph on the meetings must hold."""
    question = reader.read("where's it going to meet?", [])
    assert question.answer_type == "place"
    assert "going" not in not_asking(question.focus, "en")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("if the new group will meet in New York.", "yes_no"),  # a reported 'whether'
        ("if consensus cannot be reached, what happens?", "lookup"),  # a condition before the question
        ("if consensus cannot be reached what happens?", "lookup"),
    ],
)
def test_an_if_clause_alone_asks_whether(reader, text, intent):
    assert reader.read(text, []).intent == intent
