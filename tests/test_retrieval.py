"""Retrieval on the real index (label lookup, hybrid search, glossary, footnote expansion) and the verdict on it:
question read -> retrieved -> decided, as the chain runs them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from assistant.question import Question
from assistant.retrieval import Retrieval
from assistant.verdict import Verdict
from index.corpus import SHIPPED_CORPUS

R = "A/RES/71/67:"


@dataclass
class Outcome:
    question: Question
    retrieval: Retrieval
    verdict: Verdict

    @property
    def ids(self) -> list[str]:
        return self.retrieval.ids

    @property
    def hits(self) -> list[Any]:
        return self.retrieval.hits

    @property
    def found(self) -> bool:
        return self.verdict.found

    @property
    def reason(self) -> str:
        return self.verdict.reason


@pytest.fixture(scope="module")
def retrieve(assistant):
    def run(text: str, history: list[dict[str, Any]] | None = None) -> Outcome:
        question = assistant.reader.read(text, history or [])
        retrieval = assistant.retriever.retrieve(question)
        return Outcome(question, retrieval, assistant.verdicts.decide(question, retrieval))

    return run


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("执行部分第7段", "OP7"),
        ("序言部分第3段讲了什么", "PP3"),
        ("脚注6", "FN6"),
        ("What does OP 2 say?", "OP2"),
        ("What does operative paragraph 4 say?", "OP4"),
        ("Show me preambular paragraph 12", "PP12"),
        ("footnote 8", "FN8"),
    ],
)
def test_label_lookup_comes_first(retrieve, question, label):
    result = retrieve(question)
    assert result.hits[0].id == R + label and result.hits[0].via == "label"
    assert result.found


def test_a_paragraph_that_does_not_exist_is_not_found(retrieve):
    result = retrieve("执行部分第12段说了什么？")
    assert not result.found and result.question.missing == (R + "OP12",)


def test_article_of_another_text_is_not_a_missing_paragraph(retrieve):
    result = retrieve("决议在哪一段提到《不扩散核武器条约》第六条？")
    assert result.found and result.question.missing == ()
    assert result.ids[0] == R + "PP5"


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("裁谈会应该处理什么问题？", "OP5"),  # 裁谈会 = 裁军谈判会议
        ("决议怎样提到IAEA？", "PP11"),  # IAEA = 国际原子能机构
        ("Which bodies should deal with nuclear disarmament verification substantively?", "OP5"),
        ("Where will the group of governmental experts meet?", "OP7"),
    ],
)
def test_abbreviations_and_english_reach_the_chinese_text(retrieve, question, label):
    assert R + label in retrieve(question).ids[:3]


def test_numbers_and_symbols_match_exactly(retrieve):
    assert retrieve("第62/21号决议是关于什么的？").ids[0] == R + "PP10"


def test_a_footnote_hit_brings_its_paragraph(retrieve):
    ids = retrieve("A/61/1028是什么文件？").ids
    assert ids[:2] == [R + "FN6", R + "PP10"]


def test_a_paragraph_brings_its_footnotes_when_a_symbol_is_asked_for(retrieve):
    """PP10 names the Secretary-General's reports; their symbols are in its footnotes 6 and 7."""
    history = [
        {"role": "user", "content": "序言第10段提到的62/21号决议注意到了哪些报告？"},
        {"role": "assistant", "content": "政府专家组的报告以及秘书长1990年和1995年的报告。"},
    ]
    outcome = retrieve("这两份秘书长报告的文号呢？", history)
    assert {R + "FN6", R + "FN7"} <= set(outcome.ids) and outcome.found
    # a question that asks no symbol is not padded with footnotes
    assert R + "FN6" not in retrieve("第62/21号决议是关于什么的？").ids[:2]


@pytest.mark.parametrize(
    "question",
    [
        "决议对气候变化说了什么？",
        "2020年审议大会的成果是什么？",
        "第62/21号决议当年的表决结果是多少票赞成？",  # the vote indexed is 71/67's
        "How many nuclear warheads does Russia have?",  # Russia is in the vote card, not in the text
    ],
)
def test_questions_the_documents_do_not_answer(retrieve, question):
    result = retrieve(question)
    assert not result.found, result.reason
    assert len(result.ids) >= 5  # the closest paragraphs are still reported


@pytest.mark.parametrize(
    "question",
    [
        "专家组的会议在哪座城市召开？",  # the text names the city (日内瓦), never the word 城市
        "决议对裁军审议委员会有什么期望？",
        "国际人道主义法在决议中是如何提及的？",
        "What does the resolution call upon all States to do?",  # English words known through the glossary
        "Which footnote cites A/61/1028?",  # a symbol the text has is evidence enough
        "决议希望裁军谈判会议做什么？",  # ways of asking (希望) are not subjects, whatever their part of speech
        "专家组要审议的主题是什么？",  # nor the kind of answer wanted (主题)
    ],
)
def test_paraphrased_questions_the_documents_answer(retrieve, question):
    result = retrieve(question)
    assert result.found, result.reason


@pytest.mark.parametrize(
    "question",
    [
        "决议为专家组拨付了多少经费？",
        "Who chairs the Conference on Disarmament this year?",
        "决议是否设立了核查基金？",  # a thing the text never names (基金), among words it does use
        "Which countries sponsored the resolution?",  # 'countries' is asked for; 'sponsored' is the subject
    ],
)
def test_a_known_subject_does_not_make_an_unknown_question_answerable(retrieve, question):
    result = retrieve(question)
    assert not result.found, result.reason


def test_asking_words_do_not_steer_the_keyword_search(retrieve, assistant):
    """'决议' in '决议提到了哪些原则' is the question's frame: the paragraphs with 原则 come first, not the shortest
    paragraph that names a resolution (FN1 'S-10/2号决议')."""
    judge = assistant.verdicts.judge
    assert judge.subject("决议提到了哪些原则？").strip("？") == "了 原则"
    assert judge.subject("A/61/1028是什么文件？").startswith("A/61/1028")
    ids = retrieve("决议提到了哪些原则？").ids
    assert ids[0] != R + "FN1"
    assert {R + "PP6", R + "PP7", R + "PP10", R + "OP7"} & set(ids[:3])


def test_follow_up_context_and_previous_citations(retrieve):
    result = retrieve("它最多可以有多少名成员？", [{"role": "user", "content": "决议请秘书长设立一个什么机构？"}])
    assert result.found and result.ids[0] == R + "OP7"
    previous = [{"role": "user", "content": "专家组"}, {"role": "assistant", "content": "…", "citations": [R + "OP7"]}]
    boosted = retrieve("它是什么时候设立的？", previous)
    assert boosted.ids[0] == R + "OP7"


def test_every_glossary_group_leads_to_words_the_corpus_uses(assistant):
    """Expansion appends a group's first term to the query: it must be text a paragraph actually contains."""
    corpus = "".join(p.text for p in assistant.index.paragraphs.values())
    glossary = json.loads((SHIPPED_CORPUS / "glossary.json").read_text(encoding="utf-8"))
    groups = glossary["terms"] + glossary["vocabulary"]
    assert [group[0] for group in groups if group[0] not in corpus] == []
    # the words known to be absent are that, and no query is expanded with them
    absent = glossary["absent"]
    assert absent and not [name for group in absent for name in group if name.lower() in corpus.lower()]
    assert assistant.reader.glossary.official_terms("80/53专家任期多长，有信托基金吗") == []
