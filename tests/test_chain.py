"""Answers end to end through the LangChain pipeline on the real index, and the citation-verification gate."""

from __future__ import annotations

import pytest

from assistant.chain import Assistant
from assistant.citations import Answer, Citation, quote_is_verbatim, verify
from assistant.config import Settings
from index.errors import InputError
from index.store import IndexStore

R = "A/RES/71/67:"
NPT = "UNTS vol. 729, No. 10485:"


def _assert_verified(assistant: Assistant, answer: Answer) -> None:
    assert answer.citations, answer.text
    for citation in answer.citations:
        paragraph = assistant.index.paragraphs[citation.id]
        assert citation.label == paragraph.label
        assert citation.quote in paragraph.text  # verbatim, not only whitespace-insensitive
        assert citation.quote in answer.text


def test_chinese_question_quotes_the_clause_with_its_label(assistant):
    answer = assistant.ask("政府专家小组最多由多少人组成？")
    assert answer.found and answer.backend == "extractive" and answer.lang == "zh"
    assert answer.citations[0].id == R + "OP7" and answer.citations[0].display == "执行部分第7段"
    assert "25人" in answer.citations[0].quote
    direct, quoted = answer.text.split("\n", 1)
    assert direct == "最多为25人。" and quoted.startswith("根据A/RES/71/67执行部分第7段")
    _assert_verified(assistant, answer)


def test_english_question_gets_english_framing_and_the_chinese_quote(assistant):
    answer = assistant.ask("How many members may the group of governmental experts have at most?")
    assert answer.found and answer.lang == "en"
    assert answer.citations[0].id == R + "OP7" and answer.citations[0].display == "operative paragraph 7"
    direct, quoted = answer.text.split("\n", 1)
    assert direct == "Answer: up to 25." and quoted.startswith("Operative paragraph 7 of A/RES/71/67")
    _assert_verified(assistant, answer)


def test_english_answer_glosses_the_official_terms_of_the_chinese_quote(assistant):
    answer = assistant.ask("Where will the group of governmental experts hold its sessions?")
    assert answer.citations[0].id == R + "OP7"
    assert "日内瓦 = Geneva" in answer.text and "政府专家小组 = group of governmental experts" in answer.text
    # general wording is not glossed out of context (通过 is 'through' in OP3, 'adopted' in the record)
    assert "通过 =" not in assistant.ask("What does the resolution call upon all States to do?").text
    assert "Terms:" not in assistant.ask("专家小组将在哪里举行会议？").text


def test_named_paragraph_is_quoted_whole(assistant):
    answer = assistant.ask("序言部分第14段的内容是什么？")
    paragraph = assistant.index.paragraphs[R + "PP14"]
    assert answer.citations[0].id == R + "PP14" and answer.citations[0].quote == paragraph.text


def test_footnotes_of_the_quoted_words_are_cited(assistant):
    answer = assistant.ask("政府专家组关于核查的一切方面的报告的文号是什么？")
    ids = [c.id for c in answer.citations]
    assert ids[0] == R + "PP10" and R + "FN6" in ids
    assert "A/61/1028" in answer.text
    _assert_verified(assistant, answer)


def test_enumeration_after_the_matching_clause_is_part_of_the_answer(assistant):
    answer = assistant.ask("决议提到了核裁军核查和监测方面的哪些技术挑战？")
    assert answer.citations[0].id == R + "OP3" and "工具" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "label", "words"),
    [
        ("专家组每届会议为期多长？", "OP7", "每届为期5天"),  # the clause stating a duration
        ("核裁军核查国际伙伴关系的目的是什么？", "PP14", "不可逆转地销毁核武器"),  # a purpose, to its sentence's end
        ("这项决议属于哪个议程项目？", "META", "全面彻底裁军"),  # 'agenda item:' with its value
        ("A/71/450是什么文件", "META", "第一委员会"),  # a symbol ends where the Chinese begins
        ("What is 71/67 about?", "META", "核裁军核查"),  # the document alone: what its title says
        # the verb asked about, in the clause after the one naming the group by its long name
        ("71/67里那个政府专家小组具体审议什么", "OP7", "审议核查在推动核裁军方面的作用"),
    ],
)
def test_the_quote_holds_the_fact_asked_for(assistant, question, label, words):
    answer = assistant.ask(question)
    assert answer.citations[0].id == R + label and words in answer.citations[0].quote, answer.text
    _assert_verified(assistant, answer)


@pytest.mark.parametrize(
    ("question", "history", "label"),
    [
        ("下一段呢？", [{"role": "assistant", "content": "…", "citations": [R + "OP7"]}], "OP8"),
        ("What about the one before it?", [{"role": "user", "content": "What does operative paragraph 7 say?"}], "OP6"),
        ("前一段说了什么？", [{"role": "assistant", "content": "见[序言部分第10段]。"}], "PP9"),
    ],
)
def test_follow_up_about_the_neighbouring_paragraph(assistant, question, history, label):
    answer = assistant.ask(question, history)
    assert answer.found and answer.citations[0].id == R + label


def test_follow_up_asking_for_the_footnote(assistant):
    history = [{"role": "user", "content": "决议提到的政府专家组报告是什么？"}]
    answer = assistant.ask("它在哪个脚注里？", history)
    assert R + "FN6" in [c.id for c in answer.citations] and "A/61/1028" in answer.text


def test_follow_up_uses_the_previous_question(assistant):
    history = [{"role": "user", "content": "决议请秘书长设立一个什么机构？"}]
    answer = assistant.ask("它最多可以有多少名成员？", history)
    assert answer.found and answer.citations[0].id == R + "OP7" and "25" in answer.text


def test_a_follow_up_quotes_the_clause_on_its_own_words(assistant):
    """Not the clause on what the conversation asked before (OP6's 'programme of work')."""
    history = [
        {"role": "user", "content": "80/53 专家组的工作方案要考虑哪些领域？"},
        {
            "role": "assistant",
            "content": "根据80/53执行部分第6段，指示性领域包括：申报；移除已部署核弹头；弹头部件的拆除和储存……",
        },
    ]
    answer = assistant.ask("拆除弹头部件那个是哪一项？", history)
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP6"
    assert "(c) Dismantlement and storage of warhead components" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("history", "question"),
    [
        # the paragraph the last answer gave, by the label its text names ...
        (
            [
                {"role": "user", "content": "Which UN office supports the 80/53 group?"},
                {"role": "assistant", "content": "The Office for Disarmament Affairs (OP7)."},
            ],
            "anyone else giving technical help?",
        ),
        # ... or by its citations
        (
            [
                {"role": "user", "content": "80/53 让哪个办公室给专家组提供协助？"},
                {"role": "assistant", "content": "裁军事务厅。", "citations": ["A/RES/80/53:OP7"]},
            ],
            "还有谁提供技术协助？",
        ),
    ],
)
def test_a_follow_up_asking_for_another_is_not_given_the_same_one(assistant, history, question):
    answer = assistant.ask(question, history)
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP8"  # UNIDIR's technical assistance


def test_a_follow_up_rests_on_the_paragraph_the_last_answer_names_unless_it_names_words_of_another(assistant):
    """An answer's text names its paragraph ('(A/RES/80/53:OP3)') as its citations do; a follow-up asking a kind of
    fact that paragraph states is on it ('over what period?'), one whose own words another holds is on that one."""
    history = [
        {"role": "user", "content": "Where will the 80/53 expert group meet?"},
        {"role": "assistant", "content": "Geneva and Vienna (A/RES/80/53:OP3)."},
    ]
    answer = assistant.ask("over what period?", history)
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP3" and "January 2027" in answer.text
    answer = assistant.ask("and when does it report back to the GA?", history)
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP10" and "eighty-fourth" in answer.text


def test_follow_up_naming_another_paragraph(assistant):
    history = [
        {"role": "user", "content": "What does operative paragraph 6 request?"},
        {"role": "assistant", "content": "…", "citations": [R + "OP6"]},
    ]
    answer = assistant.ask("And what does paragraph 7 request?", history)
    assert answer.citations[0].id == R + "OP7"


def test_unanswerable_question_says_so(assistant):
    answer = assistant.ask("决议规定了对违约国家的制裁措施吗？")
    assert not answer.found and answer.citations == []
    assert "没有回答" in answer.text and len(answer.retrieved) >= 5


def test_unanswerable_english_question_says_so_in_english(assistant):
    answer = assistant.ask("What sanctions does the resolution impose on states that break it?")
    assert not answer.found and answer.text.startswith("The documents in the index do not answer")


def test_missing_paragraph_is_named(assistant):
    answer = assistant.ask("执行部分第12段说了什么？")
    assert not answer.found and "没有执行部分第12段" in answer.text


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "empty"), ("   \n", "empty"), ("问" * 2001, "2001 characters"), (None, "must be text")],
)
def test_bad_questions_are_clear_errors(assistant, question, message):
    with pytest.raises(InputError, match=message):
        assistant.ask(question)


def test_nul_bytes_are_dropped(assistant):
    assert assistant.ask("政府专家小组\x00最多由多少人组成？").citations[0].id == R + "OP7"


def test_bad_history_is_a_clear_error(assistant):
    with pytest.raises(InputError, match="History must be a list"):
        assistant.ask("它最多有多少成员？", history=[{"role": "robot", "content": "x"}])


def test_verification_rejects_fabricated_quotes_and_unknown_labels(assistant):
    paragraphs = assistant.index.paragraphs
    good = Citation(R + "OP7", "OP7", "执行部分第7段", "最多为 25 人的政府专家小组")  # spaces as in the PDF
    invented = Citation(R + "OP7", "OP7", "执行部分第7段", "最多为50人的政府专家小组")
    unknown = Citation(R + "OP10", "OP10", "执行部分第10段", "任何内容")
    kept, problems = verify([good, invented, unknown], paragraphs)
    assert kept == [Citation(good.id, good.label, good.display, good.quote, "zh")]  # kept, naming its language
    assert any("not in that paragraph" in p for p in problems)
    assert any("no such paragraph" in p for p in problems)
    assert not quote_is_verbatim("", paragraphs[R + "OP7"].text)


class _InventingAnswerer:
    """Stands in for a model that cites with confidence: a real label with a quote it made up."""

    def answer(self, question, retrieval, verdict, lang):
        made_up = Citation(R + "OP7", "OP7", "执行部分第7段", "专家小组由100名专家组成")
        return Answer("专家小组由100名专家组成。", [made_up], True, retrieval.ids, "invented", lang)


def test_chain_withholds_an_answer_whose_citations_do_not_verify(built_data_dir):
    assistant = Assistant(Settings(data_dir=built_data_dir), IndexStore(built_data_dir).open())
    try:
        assistant.answerer = _InventingAnswerer()
        answer = assistant.ask("政府专家小组最多由多少人组成？")
    finally:
        assistant.close()
    assert answer.citations == [] and not answer.found
    assert any("not in that paragraph" in w for w in answer.warnings)


def test_a_new_question_after_an_answer_is_not_pulled_back_to_it(assistant):
    history = [
        {"role": "user", "content": "专家小组将在哪里举行会议？"},
        {"role": "assistant", "content": "…", "citations": [R + "OP7"]},
    ]
    answer = assistant.ask("What does this resolution encourage the Conference on Disarmament to do?", history)
    assert answer.citations[0].id == R + "OP5"
    follow_up = assistant.ask("它最多可以有多少名成员？", history)
    assert follow_up.citations[0].id == R + "OP7"


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        ("政府专家小组最多由多少人组成？", "最多为25人。"),
        ("专家小组一共举行几届会议？", "共计三届。"),
        ("How many sessions will the group hold?", "Answer: a total of 3 sessions."),
        ("When was the resolution adopted?", "Answer: 5 December 2016."),
        ("Which session must the Secretary-General report to?", "Answer: the 72nd session."),
        ("Where will the expert group meet?", "Answer: Geneva."),
        ("When will the GSTE meet?", "Answer: January 2027 to September 2029."),  # a span of time, whole
        # the clause naming the group's size matches as many words; the one stating a place answers 'where'
        ("71/67设的那个政府专家组在哪里开会？", "在日内瓦举行。"),
        ("Does it say verification is an end in itself?", "No."),
        ("决议是不是把核查本身当作目的？", "否。"),
        ("Is the expert group capped at 30 members?", "No."),
        ("Does the resolution encourage the Conference on Disarmament to address verification?", "Yes."),
        # a state by its whole official name, and not the one the question names itself
        ("决议说除了挪威，另一个发起倡议的国家全称是什么？", "大不列颠及北爱尔兰联合王国。"),
        # states asked for several: each by its whole name, in the text's order
        ("哪两个国家发起了核裁军核查伙伴关系倡议？", "挪威、大不列颠及北爱尔兰联合王国。"),
        # a count, not the paragraph a reference names nor a year
        ("NPT EIF: how many states besides the depositaries had to ratify?", "Answer: forty."),
        ("How many other states must ratify the NPT for it to enter into force?", "Answer: forty."),  # 'must' asks
        # an act counted by those who do it ('its ratification by … forty other States'); a day of a month
        # ('January 1, 1967') counts nothing
        ("How many ratifications does the NPT need to enter into force?", "Answer: forty."),
        ("NPT生效需要多少个国家批准？", "forty。"),
        ("决议是不是鼓励安理会去处理核裁军核查问题？", "否。"),
        # the text asks less than the question says it must: 'should seek to achieve consensus', 最多为25人
        ("80/53 是不是规定GSTE报告必须协商一致才能通过", "否。"),
        ("Is the 80/53 group required to reach consensus no matter what?", "No."),
        ("专家小组规模是不是固定25人？", "否。"),
        # … or what it says is done on a voluntary basis
        ("is participation in the 80/53 group's technical discussions mandatory for states", "No."),
        ("71/67 要设的专家组是不是正好25个人？", "否。"),
        # a thing named by another ordinal than the record's (第一委员会)
        ("71/67 是根据第二委员会的报告通过的吗", "否。"),
        # … in the other language too: 第七十二届会议 is the 'seventy-second session'
        ("Does OP6 have the Secretary-General report to the seventy-first session?", "No."),
        ("80/53 OP10 要求专家组向第八十五届会议报告吗", "否。"),
        ("Does the NPT require non-nuclear-weapon states to accept IAEA safeguards?", "Yes."),  # 'undertakes to'
        # a share, and of two the one next to the words on the question (asking the Depositaries to convene)
        ("What majority does an NPT amendment need to be approved?", "Answer: majority of the votes."),
        (
            "npt amendments: what share of parties must ask before the depositaries convene a conference?",
            "Answer: one-third.",
        ),
        # words the main resolution never uses and 80/53 does ('informal'; 'fed' is wording)
        ("how many informal meetings fed into the SG options report", "Answer: three."),
        # the resolutions a text cites, counted by their numbers (PP3 names two), not by their paragraphs
        ("80/53 序言一共援引了几个以前的联大决议？", "共6个（62/21、71/67、74/50、78/239、79/240、78/22）。"),
        ("How many resolutions does 71/67 cite?", "Answer: 2 (62/21, S-10/2)."),
        # a treaty's closing 'DONE …' dates the signing the sentence before states, in words
        ("When was the NPT signed?", "Answer: the first day of July, one thousand nine hundred and sixty-eight."),
        ("In which year was the NPT signed?", "Answer: one thousand nine hundred and sixty-eight."),
    ],
)
def test_a_direct_answer_comes_first(assistant, question, first_line):
    answer = assistant.ask(question)
    assert answer.found and answer.text.split("\n", 1)[0] == first_line
    _assert_verified(assistant, answer)


@pytest.mark.parametrize("question", ["NPT保存国是哪三个国家", "which states are the NPT depositaries?"])
def test_several_states_of_an_english_text_are_left_to_its_quote(assistant, question):
    """'the United Kingdom of Great Britain and Northern Ireland and the Union of Soviet Socialist Republics': no
    line naming some of them ('United States', or 'Ireland' out of another's name); the quote names all three."""
    answer = assistant.ask(question)
    assert answer.found and [c.id for c in answer.citations][0] == "UNTS vol. 729, No. 10485:ART9"
    first = answer.text.split("\n", 1)[0]
    assert "Union of Soviet Socialist Republics" in first and "United States of America" in first
    _assert_verified(assistant, answer)


def test_a_question_in_words_only_another_document_uses_is_that_ones_to_refuse(assistant):
    """71/67's group meets in Geneva, but the informal in-person meetings are 80/53's, which says not where."""
    answer = assistant.ask("where were those three informal in-person meetings held")
    assert not answer.found and "Geneva" not in answer.text and "A/RES/80/53" in answer.text


def test_a_summary_has_one_line_per_paragraph_with_its_lead_verb(assistant):
    answer = assistant.ask("Summarize the operative part paragraph by paragraph.")
    assert [c.id for c in answer.citations] == [f"{R}OP{n}" for n in range(1, 9)]
    lines = answer.text.split("\n")
    assert len(lines) == 9 and "— Requests:" in lines[6] and "— Also requests:" in lines[7]
    _assert_verified(assistant, answer)


def test_a_briefing_line_keeps_the_paragraph_not_only_its_lead_clause(assistant):
    answer = assistant.ask("Summarize the operative part of the 2025 resolution paragraph by paragraph.")
    lines = dict(zip((c.id for c in answer.citations), answer.text.split("\n")[1:]))
    # a short paragraph whole: what the group consists of, not only that it is established
    assert "consisting of 21 members" in lines["A/RES/80/53:OP1"] and lines["A/RES/80/53:OP1"].endswith(";”")
    # a long one cut after a whole clause within the budget, and marked as cut
    long_paragraph = assistant.index.paragraphs["A/RES/80/53:OP6"].text
    quote = next(c.quote for c in answer.citations if c.id == "A/RES/80/53:OP6")
    assert len(long_paragraph) > 280 >= len(quote) and quote[-1] in ",;:" and lines["A/RES/80/53:OP6"].endswith("…”")
    _assert_verified(assistant, answer)


def test_a_list_one_paragraph_answers_quotes_it_whole(assistant):
    """'list the objectives': every item of the one paragraph that lists them, not the clause that matched best."""
    answer = assistant.ask("list the 80/53 group's objectives")
    assert answer.citations[0].id == "A/RES/80/53:OP5"
    assert answer.citations[0].quote == assistant.index.paragraphs["A/RES/80/53:OP5"].text
    _assert_verified(assistant, answer)


@pytest.mark.parametrize(
    "question",
    ["给我概述一下决议关于能力建设的内容", "What does the resolution say about capacity-building? A rundown, please."],
)
def test_a_summary_of_a_topic_is_every_paragraph_on_it(assistant, question):
    answer = assistant.ask(question)
    assert [c.id for c in answer.citations] == [R + "PP13", R + "OP3"]  # not whatever else the search ranked
    _assert_verified(assistant, answer)


def test_a_brief_on_a_topic_quotes_each_paragraph_at_its_words(assistant):
    answer = assistant.ask("What does 80/53 say about avoiding duplication of efforts?")
    line = next(line for line in answer.text.split("\n") if "preambular paragraph 20" in line)
    # a paragraph that speaks of it late is quoted from that clause, marked as cut at both ends
    assert answer.found and "duplication of efforts" in line and line.endswith("…”") and "“…and of the need" in line
    _assert_verified(assistant, answer)


def test_a_list_of_the_paragraphs_naming_a_term_covers_every_document(assistant):
    answer = assistant.ask("Which paragraphs mention the Conference on Disarmament?")
    ids = [c.id for c in answer.citations]
    assert answer.found and ids[0] == R + "OP5" and "A/RES/80/53:OP11" in ids  # the main resolution first
    assert "Also in A/RES/80/53 (2025):" in answer.text
    _assert_verified(assistant, answer)


def test_a_no_from_the_document_that_names_the_subject(assistant):
    """The GSTE is 80/53's group: the question names no document, 71/67 never names it, and 80/53's paragraph on
    it names Vienna beside Geneva."""
    answer = assistant.ask("Are the GSTE sessions held only in Geneva?")
    assert answer.text.startswith("No.") and answer.citations[0].id == "A/RES/80/53:OP3"
    # a figure another document lacks is no No ('无限期延长': the treaty says a conference will decide)
    assert not assistant.ask("1995年审议和延期大会最后是不是决定把NPT无限期延长了").found


def test_a_no_quotes_the_words_stating_the_contrary(assistant):
    """80/53's experts sit in their personal capacity: the No quotes those words, not only OP1's first clause."""
    answer = assistant.ask("are the GSTE experts there to represent their governments?")
    assert answer.text.startswith("No.") and answer.citations[0].id == "A/RES/80/53:OP1"
    assert "personal capacity" in answer.citations[0].quote
    # a No quotes the whole provision it rests on, with its condition, not only the clause asked about
    answer = assistant.ask("Does 80/53 require the GSTE's report to be adopted by consensus?")
    assert answer.text.startswith("No.") and answer.citations[0].id == "A/RES/80/53:OP4"
    assert answer.citations[0].quote.endswith("his or her own view;")


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        ("71/67那个专家组总共开几天会", "共15天（三届会议，每届为期5天）。"),  # sessions times the days of each
        ("total weeks of meetings for the scientific group?", "Answer: 8 weeks in all (four 2-week sessions)."),
        ("80/53专家组总共开几周会？", "共8周（four 2-week sessions）。"),  # the unit asked, in the question's language
        ("投票数据里一共有多少个国家投了票", "共180个国家：赞成174票，反对0票，弃权6票。"),  # every recorded vote
    ],
)
def test_a_total_multiplies_or_adds_what_the_text_counts(assistant, question, first_line):
    answer = assistant.ask(question)
    assert answer.text.splitlines()[0] == first_line


def test_a_total_in_another_unit_than_the_texts_is_not_computed(assistant):
    # the text gives days per session, not hours: no product is made up
    answer = assistant.ask("71/67那个专家组总共开多少个小时的会？")
    assert "15" not in answer.text.splitlines()[0]


@pytest.mark.parametrize(
    "question",
    [
        "compare the 71/67 GGE with the 80/53 expert group - size, venue, sessions",
        # each group by its own name: 'GSTE' is 80/53's, which 71/67 never uses, and no reason to refuse 71/67's part
        "compare the 71/67 GGE with the 80/53 GSTE - size, venue, sessions",
    ],
)
def test_a_comparison_of_aspects_cites_the_paragraph_stating_each_in_each_document(assistant, question):
    """'size, venue, sessions': 71/67 states all in OP7; 80/53 its size in OP1, venue and sessions in OP3."""
    answer = assistant.ask(question)
    cited = [c.id for c in answer.citations]
    assert {"A/RES/71/67:OP7", "A/RES/80/53:OP1", "A/RES/80/53:OP3"} <= set(cited)
    assert "21 members" in answer.text and "Geneva and Vienna" in answer.text


def test_things_one_document_only_refers_to_are_listed_from_one_that_lists_them(assistant):
    """The NPT's preamble names 'the principle' without listing; 71/67's PP7 lists 不可逆、可核查和透明原则."""
    answer = assistant.ask("What principles did NPT parties commit to when implementing treaty obligations?")
    assert answer.found and answer.citations[0].id == "A/RES/71/67:PP7"
    refused = assistant.ask("裁审会那份报告里的核查原则具体有哪几条？")
    assert not refused.found and "核查原则" in refused.reason


def test_an_article_is_quoted_by_the_numbered_paragraph_that_answers(assistant):
    """Not the clause that shares the most words ('Each Party … withdraw …'), cut at its comma: the whole of
    article X(1), which says who is notified and how far in advance; clauses end at English sentences too."""
    answer = assistant.ask(
        "Which NPT article lets a party withdraw, and who has to be notified and how far in advance?"
    )
    quote = answer.citations[0].quote
    assert answer.citations[0].id == "UNTS vol. 729, No. 10485:ART10"
    assert quote == assistant.index.paragraphs["UNTS vol. 729, No. 10485:ART10(1)"].text
    assert "three months in advance" in quote and "Security Council" in quote
    _assert_verified(assistant, answer)


def test_a_refusal_says_why_from_the_document_that_has_the_subject(assistant):
    """71/67 never names the High Representative; 80/53 does, and gives no name: that is the reason shown."""
    answer = assistant.ask("Who is the UN High Representative for Disarmament Affairs?")
    assert not answer.found and "no names" in answer.reason and "A/RES/80/53 operative paragraph 9" in answer.text


@pytest.mark.parametrize(
    ("question", "first_line", "paragraph"),
    [
        # no figure counts them: 'the following objectives: (a) … (d)' does
        ("80/53给科技专家组定了几项目标？", "共4项（(a)至(d)）。", "A/RES/80/53:OP5"),
        ("How many objectives does 80/53 set for the GSTE?", "Answer: 4 ((a) to (d)).", "A/RES/80/53:OP5"),
        ("80/53 OP6 列了几个指示性领域", "共8项（(a)至(h)）。", "A/RES/80/53:OP6"),
        ("80/53工作方案的指示性领域一共几个", "共8项（(a)至(h)）。", "A/RES/80/53:OP6"),  # the thing counted first
        # … nor here: a clause lists them by year
        ("71/67里提到了几届不扩散条约审议大会？", "共3个（1995年、2000年、2010年）。", "A/RES/71/67:PP2"),
        ("How many NPT review conferences does 71/67 recall?", "Answer: 3 (1995, 2000, 2010).", "A/RES/71/67:PP2"),
        ("71/67回顾的秘书长报告有几份？", "共2个（1990年、1995年）。", "A/RES/71/67:PP10"),
        # … nor here: a row of names right before what it counts
        (
            "how many equally authentic texts does the NPT have",
            "Answer: 5 (English, Russian, French, Spanish, Chinese).",
            "UNTS vol. 729, No. 10485:ART11",
        ),
    ],
)
def test_a_count_of_what_a_paragraph_lists_as_items_by_year_or_by_name(assistant, question, first_line, paragraph):
    answer = assistant.ask(question)
    assert answer.text.split("\n", 1)[0] == first_line and answer.citations[0].id == paragraph
    _assert_verified(assistant, answer)


def test_a_count_says_how_often_and_where(assistant):
    answer = assistant.ask("“信任”在决议里出现了几次？分别在哪？")
    assert answer.text.startswith("“信任”在A/RES/71/67中出现3次，分布在3段：")
    assert [c.id for c in answer.citations] == [R + "PP9", R + "OP2", R + "OP4"]
    assert all("信任" in c.quote for c in answer.citations)
    _assert_verified(assistant, answer)


def test_a_fact_other_documents_state_too_is_answered_by_document_main_first(assistant):
    # the session index holds the shipped corpus: 71/67, 80/53 and the NPT
    answer = assistant.ask("How many experts may the group have?")
    ids = [c.id for c in answer.citations]
    assert answer.found and ids[0] == "A/RES/71/67:OP7" and "A/RES/80/53:OP1" in ids
    first, later = answer.text.split("Also in A/RES/80/53 (2025):")
    assert first.startswith("Answer: up to 25.") and later.strip().startswith("Answer: 21.")
    assert not any(i.startswith("UNTS") for i in ids)  # the treaty does not state it


def test_a_body_only_another_document_names_is_answered_by_that_document(assistant):
    # the GSTE is 80/53's: 71/67 never names it, so its PP10 date is no answer
    answer = assistant.ask("When's the GSTE due to report back to the GA?")
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP10"
    # a resolution only 80/53 names by its symbol; and a duration asked along with a count of meetings
    answer = assistant.ask("79/240号决议哪天通过的？")
    assert answer.found and answer.citations[0].id == "A/RES/80/53:PP6" and "24 December 2024" in answer.text
    answer = assistant.ask("GSTE 一共开几次会，每次开多长时间")
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP3"


def test_a_fact_the_resolution_does_not_state_is_answered_by_the_document_the_question_names(assistant):
    # the NPT is named only inside the conference's name: the resolution gives no place for it, the treaty does
    answer = assistant.ask("Where was the first NPT review conference supposed to take place?")
    assert answer.found and answer.citations[0].id == "UNTS vol. 729, No. 10485:ART8" and "Geneva" in answer.text
    # … and a question naming no other document is not answered by one
    answer = assistant.ask("会员国向秘书长提交意见的截止日期是哪天？")
    assert not answer.found


def test_what_the_resolution_says_of_a_document_it_cites(assistant):
    # the treaty's own text has no Treaty Series reference; the resolution's footnote citing it has
    answer = assistant.ask("What's the UN Treaty Series reference given for the NPT?")
    assert answer.found and answer.citations[0].id == "A/RES/71/67:FN5" and "729" in answer.text
    # a document the resolution does not cite is not answered with the resolution's facts
    assert not assistant.ask("What was the vote tally on 80/53?").found
    # a document cited, not indexed: only the resolutions citing it may answer, not the treaty's count of articles
    answer = assistant.ask("A/51/182/Rev.1那份报告里列了几条核查原则")
    assert not answer.found and not answer.citations
    # … nor summarized from the paragraphs that cite it; what they say of it is asked by 'mentions'
    for question in ("概括一下A/61/1028那份报告的内容", "summarize the report A/51/182/Rev.1"):
        answer = assistant.ask(question)
        assert not answer.found and "A/" in answer.reason and not answer.citations
    answer = assistant.ask("列出提到A/61/1028的段落")
    assert answer.found and "A/RES/71/67:FN6" in [c.id for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        # the bare English word: 'experts' is the Chinese text's word too (政府专家小组)
        ("How many experts?", ["A/RES/71/67:OP7", "A/RES/80/53:OP1"]),
        # two documents named: each answers from its own text, the main one first
        ("71/67 和 80/53 设立的专家组有哪些不同？", ["A/RES/71/67:OP7", "A/RES/80/53:OP1"]),
        ("两项决议分别是什么时候、在第几次全体会议上通过的？", ["A/RES/71/67:META", "A/RES/80/53:META"]),
        (
            "Compare where the 71/67 expert group and the 80/53 expert group meet.",
            ["A/RES/71/67:OP7", "A/RES/80/53:OP3"],
        ),
    ],
)
def test_a_question_about_several_documents_is_answered_by_each(assistant, question, cited):
    answer = assistant.ask(question)
    assert answer.found and [c.id for c in answer.citations][: len(cited)] == cited


def test_a_question_across_a_citation_quotes_the_treaty_article_first(assistant):
    answer = assistant.ask("What does the article of the NPT that PP5 refers to say?")
    ids = [c.id for c in answer.citations]
    assert ids[:2] == ["UNTS vol. 729, No. 10485:ART6", "A/RES/71/67:PP5"] and len(ids) == len(set(ids))
    assert "good faith" in answer.text


def test_what_a_resolution_decided_is_listed(assistant):
    answer = assistant.ask("What did the General Assembly decide in 2025 on nuclear disarmament verification?")
    assert [c.id for c in answer.citations] == [f"A/RES/80/53:OP{n}" for n in (1, 3, 4, 12)]
    assert answer.text.count("Decides") + answer.text.count("decides") == 4


def test_a_body_only_another_document_names_is_answered_though_one_word_is_not_the_documents(assistant):
    # 'supposed' is no word of 80/53: the wording of the question, not another subject
    answer = assistant.ask("Which office of the Secretariat is supposed to support the GSTE?")
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP7"
    assert "Office for Disarmament Affairs" in answer.text


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("List the abstainers on A/RES/71/67", "Abstaining: Belarus, China"),
        ("列出所有投弃权票的国家", "弃权：白俄罗斯、中国"),
        ("印度和巴基斯坦分别怎么投的？", "印度：赞成。巴基斯坦：赞成。"),
        ("71/67的唱名表决编号是多少", "唱名表决5523"),
    ],
)
def test_a_vote_question_is_answered_from_the_card_however_it_is_asked(assistant, question, line):
    answer = assistant.ask(question)
    assert answer.found and {c.id for c in answer.citations} == {"A/RES/71/67:VOTE"}
    assert line in answer.text
    _assert_verified(assistant, answer)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Summarize Article 5 of New START", "New START"),  # another treaty's article, not the NPT's
        ("《全面禁止核试验条约》第四条规定了什么", "《全面禁止核试验条约》"),
    ],
)
def test_an_article_of_a_document_not_indexed_is_not_the_treatys(assistant, question, named):
    answer = assistant.ask(question)
    assert not answer.found and named in answer.reason


def test_a_number_in_figures_is_found_where_the_text_spells_it(assistant):
    # the treaty writes 'Twenty-five years after the entry into force'
    answer = assistant.ask("NPT 生效25年后要开会决定什么")
    assert answer.found and answer.citations[0].id.endswith(":ART10")
    assert "Twenty-five years" in answer.text


def test_an_ampersand_is_and(assistant):
    answer = assistant.ask(
        "Which UN office is supposed to give the new scientific & technical experts group its support?"
    )
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP7"


@pytest.mark.parametrize(
    ("question", "head", "last", "count"),
    [
        ("80/53 一共有多少段", "A/RES/80/53的全文共有37段", "A/RES/80/53:OP12", 37),
        (
            "How many articles does the NPT have?",
            "has 11 articles (article I to article XI)",
            "UNTS vol. 729, No. 10485:ART11",
            11,
        ),
        ("NPT有多少条", "共有11条（第一条至第十一条）", "UNTS vol. 729, No. 10485:ART11", 11),
    ],
)
def test_a_count_of_the_texts_own_paragraphs_or_articles(assistant, question, head, last, count):
    answer = assistant.ask(question)
    assert answer.found and head in answer.text and answer.citations[-1].id == last
    assert len(answer.citations) == count  # the count rests on every paragraph counted, and cites each


def test_a_part_the_document_does_not_have_is_refused_not_a_crash(assistant):
    answer = assistant.ask("How many operative paragraphs does the NPT have?")
    assert not answer.found and "no such part" in answer.reason


def test_a_day_of_a_date_is_no_count(assistant):
    # '5 December 2007' in 80/53 PP2 counts nothing
    answer = assistant.ask("How many reports of the Secretary-General does 80/53 recall?")
    assert not answer.text.startswith("Answer: 5")


def test_a_fraction_counts_what_follows_it(assistant):
    # Article VIII(1): 'one-third or more of the Parties to the Treaty'
    answer = assistant.ask("NPT修正案要多少缔约国要求才召开会议审议")
    assert answer.found and answer.citations[0].id.endswith(":ART8") and answer.text.startswith("one-third")
    _assert_verified(assistant, answer)


def test_a_place_is_quoted_and_answered_whole(assistant):
    """'at the cities of London, Moscow and Washington' runs over commas: the quote holds all of it."""
    # (签, a verb of one character, is the topic: an English text cannot show it lacks it)
    for question in ("Where was the NPT signed?", "NPT在哪里签署？", "NPT在哪几个城市签的？"):
        answer = assistant.ask(question)
        assert answer.found and answer.citations[0].id == NPT + "ART11"
        assert "London, Moscow and Washington" in answer.text.split("\n", 1)[0]
        _assert_verified(assistant, answer)


def test_a_follow_up_naming_a_lettered_item_quotes_that_item(assistant):
    history = [{"role": "user", "content": "80/53 OP6列了什么"}, {"role": "assistant", "content": "(a)至(h)项"}]
    answer = assistant.ask("其中(d)项具体是什么？", history)
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP6(d)" and "classified" in answer.text


def test_an_elliptical_follow_up_is_answered_as_the_last_question_of_what_it_names(assistant):
    history = [{"role": "user", "content": "71/67专家组多少人"}, {"role": "assistant", "content": "最多25人。"}]
    answer = assistant.ask("那2025年那个新的呢？", history)
    assert answer.text.startswith("21。") and answer.citations[0].id == "A/RES/80/53:OP1"
    history = [
        {"role": "user", "content": "where's UNIDIR mentioned in 80/53?"},
        {"role": "assistant", "content": "OP8"},
    ]
    answer = assistant.ask("and the Office for Disarmament Affairs?", history)
    assert answer.citations[0].id == "A/RES/80/53:OP7"


@pytest.mark.parametrize(
    ("asked_before", "answered_before", "question", "cited", "first_line"),
    [
        # one that only asks, of another document, asks the same kind of fact: 80/53's meeting, not 71/67's words
        (
            "71/67 是在第几次全会通过的？",
            "2016年12月5日第51次全体会议通过。",
            "那80/53是第几次？",
            "A/RES/80/53:META",
            "52nd plenary meeting",
        ),
        # one naming a symbol is answered from the clause naming it (PP3 of 80/53 dates 71/67 and 74/50)
        (
            "Which earlier resolutions does PP3 of 80/53 recall?",
            "Resolution 71/67 of 5 December 2016 and resolution 74/50.",
            "and when was 74/50 adopted?",
            "A/RES/80/53:PP3",
            "12 December 2019",
        ),
        # one asking a kind of fact of 'that report' answers from the paragraph the turn before cited, before a
        # better-ranked one with dates of other reports (PP10)
        (
            "71/67 OP6 says?",
            "It asks the Secretary-General to seek Member States' views (A/RES/71/67:OP6).",
            "when's that report due",
            "A/RES/71/67:OP6",
            "the 72nd session",
        ),
        # one asking when 'it' was adopted, of the document the turn before named: its record's date
        (
            "What's the 2025 resolution on nuclear disarmament verification?",
            "A/RES/80/53, which establishes the Group of Scientific and Technical Experts.",
            "when was it adopted?",
            "A/RES/80/53:META",
            "1 December 2025",
        ),
        # one that only asks for the wording quotes the paragraph asked about
        (
            "What does OP5 of 71/67 say?",
            "It encourages the Conference on Disarmament to address verification.",
            "give me the exact wording",
            "A/RES/71/67:OP5",
            "实质性地处理核裁军核查问题",
        ),
    ],
)
def test_a_follow_up_is_answered_from_the_turn_before(
    assistant, asked_before, answered_before, question, cited, first_line
):
    history = [{"role": "user", "content": asked_before}, {"role": "assistant", "content": answered_before}]
    answer = assistant.ask(question, history)
    assert answer.found and answer.citations[0].id == cited and first_line in answer.text.split("\n", 1)[0]


@pytest.mark.parametrize(
    "question",
    [
        # 'earlier' qualifies the resolutions asked for (GA, taken out as a glossary term, between them)
        "which earlier GA resolutions does the 80/53 preamble cite by number?",
        "80/53 recalls or welcomes which earlier GA resolutions? give numbers and dates",
    ],
)
def test_the_resolutions_a_document_recalls_are_listed_by_their_numbers(assistant, question):
    answer = assistant.ask(question)
    cited = [c.id for c in answer.citations]
    assert answer.found and {f"A/RES/80/53:PP{n}" for n in (2, 3, 4, 6)} <= set(cited)


def test_words_joined_by_a_slash_are_either_one(assistant):
    """'建立/增进信任': PP9 增进信任, OP2 建立必要的信任, OP4 建立信任."""
    answer = assistant.ask("71/67 哪些段落谈到建立/增进信任？")
    assert [c.id for c in answer.citations] == [f"{R}PP9", f"{R}OP2", f"{R}OP4"]


def test_a_number_spelled_with_a_hyphen_is_one_number(assistant):
    """'Twenty-five years': the answer is Twenty-five, not Twenty, and '25' is the same number."""
    answer = assistant.ask("How many years after entry into force of the NPT is the extension conference held?")
    assert answer.text.startswith("Answer: Twenty-five.") and answer.citations[0].id == NPT + "ART10"
    assert assistant.ask("Is the NPT extension conference held 25 years after entry into force?").text.startswith(
        "Yes."
    )
    assert assistant.ask("Is the NPT extension conference held 20 years after entry into force?").text.startswith("No.")
    # years counted in Chinese (the unit of the English text kept); the 'whether' after the asking word is the
    # text's, not a yes-no question
    answer = assistant.ask("条约生效多少年后要开会决定NPT是否无限期延长？")
    assert answer.text.startswith("Twenty-five years。") and answer.citations[0].id == NPT + "ART10"


def test_who_the_defined_ones_are_is_the_paragraph_that_designates_them(assistant):
    answer = assistant.ask("who are the depositary govts of the NPT")
    assert answer.citations[0].id == NPT + "ART9" and "United Kingdom" in answer.citations[0].quote


def test_everything_a_resolution_says_about_a_treaty_includes_its_short_title(assistant):
    """71/67 PP7 speaks of '《条约》' after PP2 and PP5 named the NPT in full."""
    answer = assistant.ask("everything 71/67 says about the NPT")
    assert {R + "PP2", R + "PP5", R + "PP7"} <= {c.id for c in answer.citations}


def test_a_session_asked_in_figures_is_found_in_words(assistant):
    answer = assistant.ask("Who briefs the General Assembly at its 81st session on implementation of 80/53?")
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP9" and "High Representative" in answer.text


def test_an_english_question_most_of_whose_words_the_document_lacks_is_refused(assistant):
    answer = assistant.ask("daily subsistence arrangements for GSTE experts?")
    assert not answer.found and "subsistence" in answer.reason
    # an allowance asks for money, which no paragraph on the experts states
    answer = assistant.ask("daily subsistence allowance for GSTE experts?")
    assert not answer.found and "money" in answer.reason


def test_a_count_is_in_the_unit_asked_and_not_the_number_the_question_gives(assistant):
    # 'four 2-week sessions' ranks first; '21 members' is the count of experts
    answer = assistant.ask("How many experts does the 80/53 group have?")
    assert answer.text.startswith("Answer: 21.") and answer.citations[0].id == "A/RES/80/53:OP1"
    # '21' is what the asker knows; the text gives no count of women
    refused = assistant.ask("How many of the 21 experts must be women?")
    assert not refused.found and "no number" in refused.reason
    # '多大比例' asks for a number, not for the Group's requests
    assert not assistant.ask("GSTE 的性别平衡要求女性至少占多大比例").found


def test_a_count_of_things_only_another_document_names_is_that_documents(assistant):
    """No document named: 71/67 never mentions informal meetings, 80/53 counts three; it counts experts but never
    women experts."""
    answer = assistant.ask("How many informal in-person meetings fed into the SG's options report?")
    assert answer.text.startswith("Answer: three.") and answer.citations[0].id == "A/RES/80/53:PP6"
    assert not assistant.ask("How many women experts sit on the group?").found


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # an acronym neither the documents nor the glossary know: a treaty they do not hold
        ("What does the CTBT say about entry into force?", "CTBT"),
        # a resolution says where a body meets, never why there
        ("Why was Vienna chosen as a venue for the GSTE?", "not why"),
        ("80/53为什么规定专家组必须在纽约开会？", "not why"),
        # a result asked for is an outcome; a person's name is no title
        ("第七十二届大会讨论“核裁军核查”分项的结果怎么样", "建议或结论"),
        ("80/53里负责裁军事务的高级代表叫什么名字", "人名"),
        # a kind of fact the paragraphs on the topic do not state
        ("核裁军核查国际伙伴关系是哪一年成立的？", "年份"),
        # a body's Chinese name that the English text never uses by any of its English names
        ("80/53 里安理会在核查上扮演什么角色", "安理会"),
        ("80/53提到国际原子能机构了吗", "国际原子能机构"),
        # a Chinese word the glossary renders in English ('term of office') that the English text never uses
        ("80/53专家任期多长 可以连任吗", "任期"),
        # an English word inside a longer one of the texts is not theirs ('funded': 'fundamental importance')
        ("in which paragraph is the 80/53 group funded out of the regular budget", "funded"),
        # the one time the paragraph gives is the session the question itself names, not when it opens
        ("when does the 81st session open? need the date of the High Rep briefing", "state no time"),
    ],
)
def test_refused_for_what_the_documents_do_not_hold(assistant, question, reason):
    answer = assistant.ask(question)
    assert not answer.found and reason in answer.reason and answer.citations == []


def test_staff_shorthand_is_the_glossarys(assistant):
    assert assistant.ask("What is the symbol of the resolution behind the SSOD-I Final Document?").found
    assert assistant.ask("ODA assistance expert group 80/53").citations[0].id == "A/RES/80/53:OP7"


def test_who_the_depositaries_are_and_when_the_treaty_is_reviewed(assistant):
    answer = assistant.ask("who are the NPT depositaries")
    assert answer.citations[0].id == NPT + "ART9" and "United Kingdom" in answer.citations[0].quote
    # the NPT named on its own is the treaty, though '审议大会' names the review conferences 71/67 cites
    assert assistant.ask("NPT生效后几年开审议大会？").citations[0].id == NPT + "ART8"


@pytest.mark.parametrize(
    "question",
    ["How does the NPT define a nuclear-weapon State?", "NPT怎么界定核武器国家", "什么样的国家算作NPT的核武器国家"],
)
def test_a_definition_is_quoted_from_the_clause_that_makes_it(assistant, question):
    """Article IX's 'For the purposes of this Treaty, a nuclear-weapon State is one which …', not Article I, which
    uses the term most."""
    answer = assistant.ask(question)
    assert answer.citations[0].id.startswith(NPT + "ART9") and "January 1, 1967" in answer.citations[0].quote
    _assert_verified(assistant, answer)


def test_a_list_of_values_shows_each_paragraphs_values(assistant):
    """The numbers a list is of stand by each line, though a long paragraph's quote is cut before one (74/50)."""
    answer = assistant.ask("80/53序言提到了哪些大会决议编号？")
    assert "序言部分第3段（71/67、74/50）" in answer.text and "序言部分第7段（78/22）" in answer.text
    _assert_verified(assistant, answer)


def test_a_briefing_on_a_glossary_word_is_the_paragraphs_that_use_it(assistant):
    """'gender' is a glossary word: the summary is the paragraphs that use it or a phrase of its group ('women and
    men'), not every hit of the search."""
    answer = assistant.ask("brief me on everything 80/53 says about gender")
    assert [c.id for c in answer.citations] == ["A/RES/80/53:PP25", "A/RES/80/53:OP2"]


def test_a_list_of_the_treatys_own_paragraphs_is_headed_by_its_name(assistant):
    answer = assistant.ask("NPT 序言哪几段提到国际原子能机构？")
    assert [c.id for c in answer.citations] == [f"{NPT}PP4", f"{NPT}PP5"]
    assert answer.text.startswith("《不扩散核武器条约》")  # its name, not its UNTS number


def test_a_document_chosen_by_a_term_only_it_uses_answers_from_a_paragraph_naming_it(assistant):
    assert [c.id for c in assistant.ask("要开修正案会议，需要多少缔约国提出请求？").citations][:1] == [f"{NPT}ART8"]
    assert not assistant.ask("When's UNIDIR due to report back to the GA?").found  # 80/53 names no date for it


def test_a_quote_does_not_begin_with_the_space_before_its_clause(assistant):
    answer = assistant.ask("where does 80/53 describe the CD as the only negotiating body for disarmament?")
    assert [c.id for c in answer.citations] == ["A/RES/80/53:OP11"]
    assert answer.citations[0].quote == answer.citations[0].quote.strip() and "single multilateral" in answer.text


@pytest.mark.parametrize("question", ["When was resolution 78/22 adopted?", "78/22 决议是啥时候通过的"])
def test_a_resolution_only_another_document_recalls_is_dated_by_that_document(assistant, question):
    answer = assistant.ask(question)
    assert [c.id for c in answer.citations][:1] == ["A/RES/80/53:PP7"]
    assert "4 December 2023" in answer.text
    _assert_verified(assistant, answer)


def test_what_the_other_document_says_is_answered_when_the_question_names_units_but_asks_no_count(assistant):
    """'three … meetings' counts nothing asked: 80/53's paragraph answers a question the main resolution cannot."""
    answer = assistant.ask("Which para mentions the three informal in person meetings?")
    assert [c.id for c in answer.citations][:1] == ["A/RES/80/53:PP6"]


def test_what_happens_asks_no_thing_of_its_own(assistant):
    answer = assistant.ask("What happens if the scientific experts can't reach consensus on their report?")
    assert answer.found and "A/RES/80/53:OP4" in [c.id for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "cited", "said"),
    [
        ("80/53专家组的工作范围里有没有核武器运载工具？", "A/RES/80/53:OP6", "Means of delivery"),
        ("71/67 有沒有提到公民社會的貢獻？", "A/RES/71/67:PP15", "民间社会"),  # traditional script, another name
    ],
)
def test_other_names_of_the_documents_terms_find_them(assistant, question, cited, said):
    answer = assistant.ask(question)
    assert answer.text.startswith("是") and answer.citations[0].id == cited and said in answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("NPT entry into force - how many states other than the depositaries had to ratify?", "forty other States"),
        ("无核国家跟IAEA谈保障协定有没有时限", "180 days"),
    ],
)
def test_the_quote_is_the_clause_that_states_the_kind_of_fact_asked(assistant, question, said):
    """Of an article's clauses on the question, the one stating a count of what is asked (or a time limit) is
    quoted, not a better-scoring one without it."""
    answer = assistant.ask(question)
    assert answer.citations[0].id.startswith(NPT) and said in answer.citations[0].quote
    _assert_verified(assistant, answer)


@pytest.mark.parametrize(
    ("question", "cited", "said"),
    [
        ("NPT修正案要怎样才算通过", "ART8", "approved by a majority"),  # 通过: approved, not only adopted
        ("does the NPT say anything on regional NWFZ treaties", "ART7", "regional treaties"),
        ("NPT - how many years after EIF is the extension conference?", "ART10", "Twenty-five"),
    ],
)
def test_staff_words_for_the_treatys_terms(assistant, question, cited, said):
    answer = assistant.ask(question)
    assert answer.citations[0].id == NPT + cited and said in answer.text


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("80/53 哪段讲要避免重复劳动", "A/RES/80/53:PP20"),  # 'duplication of efforts'
        ("新设的科学技术专家组，秘书处哪个部门给它提供支持？(80/53)", "A/RES/80/53:OP7"),  # 'assistance … Secretariat'
    ],
)
def test_chinese_words_for_the_english_texts_wording(assistant, question, cited):
    assert [c.id for c in assistant.ask(question).citations][:1] == [cited]


def test_the_things_asked_one_by_one_are_each_item_of_the_paragraph_listing_them(assistant):
    """'all indicative areas': OP6 lists them as items (a)–(h), each cited; a count of them stays one number."""
    answer = assistant.ask("all indicative areas for the group's programme of work pls")
    assert [c.id for c in answer.citations] == ["A/RES/80/53:OP6", *(f"A/RES/80/53:OP6({x})" for x in "abcdefgh")]
    assert answer.text.startswith("Operative paragraph 6 of A/RES/80/53 lists 8 items:")
    assert [c.id for c in assistant.ask("80/53 OP6 (b) and (c)").citations] == [
        "A/RES/80/53:OP6(b)",
        "A/RES/80/53:OP6(c)",
    ]


@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("80/53 OP5 的四个目标列一下", "abcd"),
        ("list OP6 of 80/53 — the indicative areas", "abcdefgh"),  # words of its lead name what its items are
    ],
)
def test_a_list_asked_of_a_named_paragraph_is_each_of_its_items(assistant, question, items):
    answer = assistant.ask(question)
    label = question.split("OP")[1][0]
    assert [c.id for c in answer.citations] == [
        f"A/RES/80/53:OP{label}",
        *(f"A/RES/80/53:OP{label}({x})" for x in items),
    ]


@pytest.mark.parametrize(
    ("question", "first_line"),
    [("how many subparas does op6 of 80/53 have", "Answer: 8 ((a) to (h))."), ("80/53 OP5有几个子项", "共4项")],
)
def test_a_count_of_a_named_paragraphs_items_by_their_own_name(assistant, question, first_line):
    assert assistant.ask(question).text.startswith(first_line)


def test_a_list_of_a_named_paragraphs_items_using_other_words_is_not_every_item(assistant):
    """'declarations' is one item's word, not the lead's: the paragraph named, not a list of all its items."""
    answer = assistant.ask("list what OP6 of 80/53 says about declarations")
    assert "A/RES/80/53:OP6(h)" not in [c.id for c in answer.citations]


def test_a_comparison_naming_one_documents_paragraph_answers_the_other_from_its_own_text(assistant):
    """'from PP7 of 71/67' names 71/67's paragraph: 80/53 answers from its own PP11, not by repeating 71/67's PP7."""
    answer = assistant.ask(
        "Does 80/53 keep the irreversibility / verifiability / transparency language from PP7 of 71/67?"
    )
    cited = [c.id for c in answer.citations]
    assert cited[:2] == ["A/RES/71/67:PP7", "A/RES/80/53:PP11"]
    assert answer.text.count("Preambular paragraph 7 of A/RES/71/67") == 1


@pytest.mark.parametrize(
    ("question", "first_line", "cited"),
    [
        # a sentence that only asks whether the one before it is so
        ("A colleague at the Mission insists 71/67 created a 21-member group. Right?", "No.", "A/RES/71/67:OP7"),
        ("Did 71/67 create a 25-member group?", "Yes.", "A/RES/71/67:OP7"),
        # a place the named paragraph does not give, which no document names
        ("Does OP3 of 80/53 really say the sessions will be in New York?", "No.", "A/RES/80/53:OP3"),
        # asked in Chinese of an English text, which cannot be searched for 纽约: the Chinese names of the places it
        # gives are compared (Switzerland's is the vote table's)
        ("80/53的专家组在纽约开会吗？", "否。", "A/RES/80/53:OP3"),
        ("80/53 OP3 说会议在纽约开，对吗？", "否。", "A/RES/80/53:OP3"),
        ("科技专家组是在维也纳和纽约开会吗？", "否。", "A/RES/80/53:OP3"),
        ("科技专家组是在维也纳和日内瓦开会吗？", "是。", "A/RES/80/53:OP3"),
        ("NPT第一次审议大会是在纽约举行的吗？", "否。", "UNTS vol. 729, No. 10485:ART8"),
        ("NPT第八条说审议大会在瑞士举行吗？", "是。", "UNTS vol. 729, No. 10485:ART8"),
    ],
)
def test_a_claim_checked_against_the_text(assistant, question, first_line, cited):
    answer = assistant.ask(question)
    assert answer.found and answer.text.splitlines()[0] == first_line
    assert [c.id for c in answer.citations][:1] == [cited]


def test_a_question_put_through_someone_else_is_asked_without_them(assistant):
    """'The ambassador's office asks whether …': the vote, not the paragraph naming the United Kingdom."""
    answer = assistant.ask("The ambassador's office asks whether the UK and France backed 71/67.")
    assert answer.found and {c.id for c in answer.citations} == {"A/RES/71/67:VOTE"}
    assert "France: voted in favour" in answer.text and "United Kingdom: voted in favour" in answer.text


def test_what_a_text_says_on_a_topic_in_words_it_does_not_use_is_the_paragraph_found_for_it(assistant):
    """Not the NPT paragraph by paragraph: its article on withdrawal."""
    answer = assistant.ask("What does the NPT say about pulling out of the treaty?")
    assert answer.citations[0].id == "UNTS vol. 729, No. 10485:ART10"
    assert "three months" in answer.text
    assert "UNTS vol. 729, No. 10485:PP1" not in [c.id for c in answer.citations]


def test_the_new_panel_in_a_hyphenated_name_is_the_later_documents(assistant):
    answer = assistant.ask("How big is the new sci-tech verification panel going to be?")
    assert answer.citations[0].id == "A/RES/80/53:OP1" and "21" in answer.text.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "cited", "said"),
    [
        # who does something is a body the text names, not a person
        (
            "who's backstopping the experts on the secretariat side?",
            "A/RES/80/53:OP7",
            "Office for Disarmament Affairs",
        ),
        # where in the treaty: its article, whose place is the one asked about
        (
            "Where in the NPT is the review conference in Geneva provided for?",
            "UNTS vol. 729, No. 10485:ART8",
            "Geneva",
        ),
        # whether the experts may speak for their country: the text says they sit in their personal capacity
        ("大使问：我们推荐的专家要是进了科技专家组，能不能代表我国表态？", "A/RES/80/53:OP1", "否"),
        ("Can our nominee on the GSTE represent our country's position?", "A/RES/80/53:OP1", "No."),
        # 'who is asked to': the bodies a paragraph asks, whose clause the quote keeps
        ("Who is asked to support the GSTE, and with what?", "A/RES/80/53:OP7", "Office for Disarmament Affairs"),
        # a paragraph ranked below the first three that holds every word of the topic and states a time
        ("when does the GA next hear how 80/53 is being implemented?", "A/RES/80/53:OP9", "eighty-first session"),
        # 'which cities' asks for a place: the list of them is quoted whole
        ("In which cities was the NPT done?", "UNTS vol. 729, No. 10485:ART11", "London, Moscow and Washington"),
        # someone's need reported ('A colleague … needs the …'): who needs it is no topic
        (
            "A colleague in our Vienna mission needs the First Committee report symbol for 80/53.",
            "A/RES/80/53:META",
            "A/80/534",
        ),
        # 'wants to know if …': a yes-no question reported, answered No where the text gives other places
        ("My ambassador wants to know if the new group will have any meetings in New York.", "A/RES/80/53:OP3", "No."),
    ],
)
def test_asked_in_other_words_than_the_text_s(assistant, question, cited, said):
    answer = assistant.ask(question)
    assert answer.found and answer.citations[0].id == cited and said in answer.text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("who is chairing the group?", "names of people"),
        ("List the 25 experts of the 71/67 GGE with their nationalities.", "names of people"),
        ("Is the UK-Norway initiative still running, or did it wrap up?", "after it was adopted"),
        ("Who's footing the bill for the sci-tech panel?", "amount of money"),
    ],
)
def test_a_kind_of_fact_the_text_does_not_hold_is_refused(assistant, question, reason):
    answer = assistant.ask(question)
    assert not answer.found and reason in (answer.reason or "")


def test_two_documents_asked_for_the_day_and_meeting_of_adoption_each_answer(assistant):
    """分别是哪天 asks each document for its day ('respectively'), not for every paragraph; 全会 is 全体会议."""
    answer = assistant.ask("两份决议分别是哪天、第几次全会通过的？")
    assert [c.id for c in answer.citations] == ["A/RES/71/67:META", "A/RES/80/53:META"]
    assert "第51次全体会议" in answer.text and "52nd plenary meeting" in answer.text


def test_a_comparison_listing_a_count_among_the_kinds_asked_finds_each_documents_paragraph(assistant):
    answer = assistant.ask("两个决议设的专家组，会议安排比较一下：几次、每次多长、在哪")
    cited = [c.id for c in answer.citations]
    assert "A/RES/71/67:OP7" in cited and "A/RES/80/53:OP3" in cited


@pytest.mark.parametrize(
    ("question", "said"),
    [("when does the GSTE first meet?", "January 2027"), ("80/53的专家组什么时候开始开会？", "January 2027")],
)
def test_the_start_of_a_period_asked_is_of_the_dates_the_text_gives(assistant, question, said):
    """'first' says which of OP3's dates is asked; it is no topic that OP3 would have to name."""
    answer = assistant.ask(question)
    assert answer.found and answer.citations[0].id == "A/RES/80/53:OP3" and said in answer.text


@pytest.mark.parametrize(
    ("question", "history", "cited"),
    [
        # 到时候 points back at the session the last answer gave; what is to be decided then is OP10's, not every
        # paragraph opening with 'Decides'
        (
            "到时候要决定什么？",
            [
                {"role": "user", "content": "80/53说专家组报告交到哪届联大？"},
                {"role": "assistant", "content": "第八十四届会议（A/RES/80/53:OP10）。"},
            ],
            "A/RES/80/53:OP10",
        ),
        # 'at that point' after a question on OP10: what OP10 says may be decided then
        (
            "what could be decided at that point?",
            [
                {"role": "user", "content": "What does OP10 of 80/53 say?"},
                {"role": "assistant", "content": "The Group reports to the General Assembly at its 84th session."},
            ],
            "A/RES/80/53:OP10",
        ),
        # 'what if …呢' asks a question of its own, not the last one again
        (
            "那如果达不成一致呢？",
            [
                {"role": "user", "content": "GSTE 的专家代表政府吗？"},
                {"role": "assistant", "content": "不代表，以个人身份参加（A/RES/80/53:OP1）。"},
            ],
            "A/RES/80/53:OP4",
        ),
    ],
)
def test_a_follow_up_pointing_back_or_asking_what_if(assistant, question, history, cited):
    answer = assistant.ask(question, history)
    assert answer.found and [c.id for c in answer.citations] == [cited]


def test_a_question_put_through_someone_in_chinese_is_asked_without_them(assistant):
    """领导问… names who asks; 领导 is no topic the documents would have to mention."""
    answer = assistant.ask("我是外交部军控司的，领导问71/67设立的专家小组在哪开会，麻烦查一下")
    assert answer.found and answer.citations[0].id == "A/RES/71/67:OP7" and "日内瓦" in answer.text


def test_a_count_of_the_vote_in_words_of_its_own_is_the_card_s(assistant):
    answer = assistant.ask("71/67一共拿到多少张赞成票？")
    assert answer.found and answer.citations[0].id == "A/RES/71/67:VOTE" and "赞成174票" in answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("土库曼斯坦在71/67表决中投了什么票？", "缺席或未投票的会员国未列入"),
        ("How did Turkmenistan vote on 71/67?", "absent"),
    ],
)
def test_a_state_the_recorded_vote_does_not_list_is_refused_saying_whom_it_leaves_out(assistant, question, said):
    answer = assistant.ask(question)
    assert not answer.found and said in (answer.reason or "")


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("Does 71/67 mention cyber security?", False),  # not PP6's 'security'
        ("Does the NPT talk about climate change?", False),
        ("Is UNIDIR mentioned anywhere in the 2025 resolution?", True),
        ("Does the resolution encourage the Conference on Disarmament to deal with verification?", True),
    ],
)
def test_whether_a_text_mentions_a_thing_is_judged_on_the_words_of_that_thing(assistant, question, found):
    answer = assistant.ask(question)
    assert answer.found is found
    if not found:
        assert "never use" in (answer.reason or "")


@pytest.mark.parametrize(
    ("question", "cited", "said"),
    [
        ("这个专家班子规模封顶是多少人？", "A/RES/71/67:OP7", "25"),  # 班子: a group; 封顶: at most
        ("决议对动用核武器带来的人道灾难是什么态度？", "A/RES/71/67:PP4", "人道主义"),  # 动用: use
        ("决议有没有提到拆核弹这件事要做到不可逆、能查证、够透明？", "A/RES/71/67:PP7", "不可逆"),  # 核弹
        ("政府专家小组 日内瓦 届会 天数", "A/RES/71/67:OP7", "5天"),  # 天数 asks a length
        ("想引用71/67里关于发展多边核查能力的原话，原文是怎么写的？", "A/RES/71/67:PP8", "多边"),  # 原话 asks
    ],
)
def test_colloquial_chinese_for_the_texts_words(assistant, question, cited, said):
    answer = assistant.ask(question)
    assert answer.found and cited in [c.id for c in answer.citations] and said in answer.text


def test_whether_someone_was_selected_is_an_outcome_after_adoption(assistant):
    """Put through someone else ('My minister wants to know if …'), the question is still on what happened later."""
    answer = assistant.ask("My minister wants to know if our national nominee has been accepted for the GSTE.")
    assert not answer.found and "after it was adopted" in (answer.reason or "")


def test_a_lookup_naming_a_term_only_one_paragraph_holds_is_answered_by_it(assistant):
    """条约汇编 (Treaty Series) is FN5's alone; the NPT, named in many paragraphs, does not choose among them."""
    answer = assistant.ask("What's the UN Treaty Series reference for the NPT that the resolution footnotes?")
    assert answer.citations[0].id == "A/RES/71/67:FN5" and "10485" in answer.text


@pytest.mark.parametrize(
    ("question", "history", "cited", "said"),
    [
        # OP7 dates the group's sessions in a clause naming it '该小组' (政府专家小组 two clauses before); 80/53's
        # PP4 dates resolution 78/239, not the group
        ("那个GGE最晚哪年要把会开完？", [], "A/RES/71/67:OP7", "2019年"),
        # how often a group meets: the sessions it holds over its period
        ("How often does the 2016 expert group meet?", [], "A/RES/71/67:OP7", "三届会议"),
        # a time limit asked is what the text sets, not what happened after ('wrap up')
        (
            "by when does the science & tech group have to wrap up its sessions?",
            [],
            "A/RES/80/53:OP3",
            "September 2029",
        ),
        # a follow-up to a question on the adoption: the record's symbol of the report
        (
            "报告文号呢？",
            [{"role": "user", "content": "71/67 是根据哪个委员会的报告通过的？"}],
            "A/RES/71/67:META",
            "A/71/450",
        ),
    ],
)
def test_a_fact_stated_of_a_thing_the_question_names_otherwise(assistant, question, history, cited, said):
    answer = assistant.ask(question, history)
    assert answer.found and [c.id for c in answer.citations] == [cited] and said in answer.text


def test_how_often_is_not_answered_by_the_sessions_of_a_paragraph_on_another_act(assistant):
    """The sessions OP7 counts say how often the group meets, not how often the Secretary-General reports."""
    answer = assistant.ask("How often must the Secretary-General report on 71/67?")
    assert not answer.found and "frequency" in (answer.reason or "")


def test_names_asked_after_whether_they_were_published_are_refused(assistant):
    history = [
        {"role": "user", "content": "GSTE 有多少成员？"},
        {"role": "assistant", "content": "21名（A/RES/80/53 执行部分第1段）。"},
    ]
    answer = assistant.ask("这些人的名字公布了吗？都是谁？", history)
    assert not answer.found and "人名" in (answer.reason or "")


def test_states_listed_by_name_are_those_named_in_a_sentence_on_what_is_asked(assistant):
    """ART9 names the depositary governments, in another sentence than the one defining a nuclear-weapon State."""
    answer = assistant.ask("Which states are the nuclear-weapon States under the NPT? list them by name")
    assert not answer.found and "names of states" in (answer.reason or "")


def test_a_brief_on_the_adoption_is_its_record_and_its_vote(assistant):
    answer = assistant.ask("71/67通过情况简报：日期、会议、表决结果都要")
    assert [c.id for c in answer.citations] == ["A/RES/71/67:META", "A/RES/71/67:VOTE"]
    assert "2016年12月5日" in answer.text and "174" in answer.text


def test_a_count_asked_in_a_unit_of_time_is_answered_with_its_unit(assistant):
    """几个月 asks for months (Traditional script converted): ART10's 'three months in advance'."""
    answer = assistant.ask("不擴散核武器條約 退出 要提前幾個月通知？")
    assert answer.found and answer.citations[0].id == "UNTS vol. 729, No. 10485:ART10"
    assert answer.text.startswith("three months")
