"""The verdict, table-driven: whether the documents answer, why, and on which paragraphs. No Chroma, no embedder:
the question is read from the parsed shipped documents and the 'retrieved' paragraphs are given."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.language import pack
from assistant.question import QuestionReader
from assistant.relevance import RelevanceJudge
from assistant.retrieval import Hit, Retrieval
from assistant.verdict import VerdictJudge
from index.corpus import shipped_documents
from index.documents import DATA_CARD_KINDS
from index.glossary import shipped_glossary

R = "A/RES/71/67:"


@pytest.fixture(scope="module")
def decide(tmp_path_factory: pytest.TempPathFactory):
    documents = {d.symbol: d for d in shipped_documents()}
    paragraphs = {p.id: p for d in documents.values() for p in d.paragraphs}
    glossary = shipped_glossary()
    # as the assistant judges them: a document's words are its text's, its data cards (the vote) apart
    texts = {symbol: [p.text for p in d.paragraphs if p.kind not in DATA_CARD_KINDS] for symbol, d in documents.items()}
    judge = RelevanceJudge(texts, glossary, Path(tmp_path_factory.mktemp("cache")))
    reader = QuestionReader(documents, glossary)
    verdicts = VerdictJudge(paragraphs, judge, glossary)

    def run(text: str, retrieved: list[str], history: list | None = None):
        question = reader.read(text, history or [])
        ids = [label if ":" in label else R + label for label in retrieved]  # a bare label is the main resolution's
        hits = [Hit(pid, 1.0 - i / 10, "search") for i, pid in enumerate(ids)]
        return verdicts.decide(question, Retrieval(question.search, hits))

    return run


@pytest.mark.parametrize(
    "text",
    [
        "无核武器国家跟原子能机构谈保障协定，最晚什么时候得开始谈？",
        "NNWS safeguards agreements with the IAEA: by when do negotiations have to start?",
    ],
)
def test_a_time_limit_relative_to_an_event_answers_by_when_not_when(decide, text):
    """'Negotiation of such agreements shall commence within 180 days': 'such' carries the sentence before it."""
    npt = "UNTS vol. 729, No. 10485:"
    verdict = decide(text, [npt + "ART3", npt + "ART5", npt + "PP4"])
    assert verdict.found and verdict.evidence[0] == npt + "ART3", verdict
    # … and is no date on which something happened
    assert not decide("When did the NPT enter into force?", [npt + "ART3", npt + "ART9"]).found


@pytest.mark.parametrize(
    ("text", "retrieved", "first"),
    [
        ("专家小组将在哪里举行会议？", ["OP7", "OP6", "PP10"], "OP7"),
        ("NPT 的全称在决议里怎么写？", ["FN3", "PP2", "PP5"], "PP2"),  # unusual asking words: the topic is there
        ("71/67 专家组有多少人，开几届会？", ["OP7"], "OP7"),  # two counts of two things: each may be there
        ("我们代表团打算弃权。想确认一下：决议是不是把核查本身当作目的？", ["PP8", "PP14"], "PP8"),
        ("它是哪一天通过的？", ["OP7", "META", "PP10"], "META"),  # after a question on the expert group
        ("决议标题是什么", ["FN1", "PP1", "OP8"], "META"),  # a fact about the document itself
        ("专家组 人数", ["PP10", "OP7", "PP15"], "OP7"),  # a year (2007年) is not a number of people
        ("决议提到了哪些学术界代表", ["PP15", "OP7"], "PP15"),  # 学术界 as coordination shares it: 学术和研究界
        # the sessions asked about by their count are those the paragraph counts so
        ("Where will the GSTE's four sessions be held?", ["A/RES/80/53:OP3", "A/RES/80/53:OP1"], "A/RES/80/53:OP3"),
        ("专家组的三届会议在哪开", ["OP7", "PP10"], "OP7"),
        # … in the sentence on the topic, its words in any form ('welcomes': Welcoming), or in its footnote
        (
            "whats the symbol of the SG options report that 80/53 welcomes",
            ["A/RES/80/53:PP6", "A/RES/80/53:FN9"],
            "A/RES/80/53:PP6",
        ),
        ("决议里提到的那个双边倡议是哪两个国家发起的？", ["PP14", "OP1"], "PP14"),  # the initiative named by them
        ("PP2 提到了几届审议大会", ["PP2"], "PP2"),
        (
            "71/67专家组第二届会议在哪里开",
            ["OP7"],
            "OP7",
        ),  # the one place OP7 gives is every session's  # a paragraph listing the conferences (1995, 2000, 2010)
        ("When's the 80/53 GSTE due to report back?", ["A/RES/80/53:OP10", "A/RES/80/53:PP6"], "A/RES/80/53:OP10"),
        # the languages a treaty names answer 'which language', though it never uses the word
        (
            "Which language versions of the NPT are equally authentic?",
            ["UNTS vol. 729, No. 10485:ART11"],
            "UNTS vol. 729, No. 10485:ART11",
        ),
        # a proper name the English text uses; the question's own first word is none ('What Office …')
        (
            "What Office for Disarmament Affairs support does 80/53 ask for?",
            ["A/RES/80/53:OP7", "A/RES/80/53:OP6"],
            "A/RES/80/53:OP7",
        ),
        # a name is the question's own words: taking 'which part' out joins no others into one
        (
            "Through which part of the Secretariat does the SG support the GSTE?",
            ["A/RES/80/53:OP7", "A/RES/80/53:OP10"],
            "A/RES/80/53:OP7",
        ),
        # a treaty has no recorded vote: what it says of votes is in its text
        (
            "NPT amendments: whose votes have to be in the majority for approval?",
            ["UNTS vol. 729, No. 10485:ART8", "UNTS vol. 729, No. 10485:ART10"],
            "UNTS vol. 729, No. 10485:ART8",
        ),
        ("71/67弃权国家名单", ["VOTE", "OP1"], "VOTE"),
        # where in a part: its paragraphs first, before a preambular one on the same words
        (
            "Which NPT article deals with the benefits of peaceful nuclear explosions?",
            ["UNTS vol. 729, No. 10485:PP6", "UNTS vol. 729, No. 10485:ART5", "UNTS vol. 729, No. 10485:ART3"],
            "UNTS vol. 729, No. 10485:ART5",
        ),  # 名单 asks for the names the card lists
        # the paragraph using the longest term named, by its official name ('peaceful applications of nuclear
        # explosions'), however the search ranked it
        (
            "Which NPT article deals with peaceful nuclear explosions?",
            ["UNTS vol. 729, No. 10485:PP6", "UNTS vol. 729, No. 10485:ART3", "UNTS vol. 729, No. 10485:ART5"],
            "UNTS vol. 729, No. 10485:ART5",
        ),
        (
            "和平利用核爆炸的好处 NPT哪一条",
            ["UNTS vol. 729, No. 10485:ART4", "UNTS vol. 729, No. 10485:ART5"],
            "UNTS vol. 729, No. 10485:ART5",
        ),
        # where a term is defined: the article stating the definition, before the one that uses the term first
        (
            "NPT里 nuclear-weapon State 的定义在哪一条？",
            ["UNTS vol. 729, No. 10485:ART1", "UNTS vol. 729, No. 10485:ART9"],
            "UNTS vol. 729, No. 10485:ART9",
        ),
        # a date written with a comma of its own ('prior to January 1, 1967')
        (
            "Under the NPT, a nuclear-weapon State is one that exploded a device before what date?",
            ["UNTS vol. 729, No. 10485:ART9", "UNTS vol. 729, No. 10485:ART3"],
            "UNTS vol. 729, No. 10485:ART9",
        ),
        # a year a named paragraph gives, or the year of its document; 'by when' read off a time limit
        ("执行部分第7段2018年开几届会？", ["OP7"], "OP7"),
        ("2016年那份决议的执行部分第5段讲什么", ["OP5"], "OP5"),
        (
            "Under article III of the NPT, by when must the safeguards agreements be in force?",
            ["UNTS vol. 729, No. 10485:ART3"],
            "UNTS vol. 729, No. 10485:ART3",
        ),
        # words of comparing ask; they name no topic the documents lack ('what changed … on the expert group')
        ("what changed between 71/67 and 80/53 on the expert group itself?", ["OP7", "PP10"], "A/RES/71/67:OP7"),
        # a text that says to whom something is open answers it
        (
            "Is the NPT open to all states for signature?",
            ["UNTS vol. 729, No. 10485:ART9"],
            "UNTS vol. 729, No. 10485:ART9",
        ),
        # … and is the date asked when the question names that resolution
        ("When was resolution 79/240 adopted?", ["A/RES/80/53:PP6"], "A/RES/80/53:PP6"),
        # who holds a role may be states, named in a sentence on it
        ("NPT的保存国政府是谁？", ["UNTS vol. 729, No. 10485:ART9"], "UNTS vol. 729, No. 10485:ART9"),
        # a time counted from an event ('Twenty-five years after the entry into force')
        (
            "when was the NPT extension conference supposed to happen",
            ["UNTS vol. 729, No. 10485:ART10", "UNTS vol. 729, No. 10485:ART9"],
            "UNTS vol. 729, No. 10485:ART10",
        ),
        # a second kind asked of the same family: a time given as a duration ('within 180 days')
        (
            "无核武器国家跟IAEA的保障协定，谈判什么时候开始、多久内要生效？",
            ["UNTS vol. 729, No. 10485:ART3"],
            "UNTS vol. 729, No. 10485:ART3",
        ),
        # how often a group meets: the sessions it holds over its period (four from January 2027 to September 2029)
        ("How often does the GSTE meet?", ["A/RES/80/53:OP3", "A/RES/80/53:OP1"], "A/RES/80/53:OP3"),
        ("政府专家小组多久开一次会？", ["OP7", "PP10"], "OP7"),
        # an acronym of an indexed document's own symbol names that document ('UNTS vol. 729, No. 10485')
        (
            "71/67 fn 5 says UNTS vol 729 no 10485 - which treaty is that?",
            ["FN5", "PP5"],
            "A/RES/71/67:FN5",
        ),
    ],
)
def test_answered_on_the_paragraph_that_states_it(decide, text, retrieved, first):
    history = [{"role": "user", "content": "专家组最多多少人？"}] if text.startswith("它") else None
    verdict = decide(text, retrieved, history)
    assert verdict.found, verdict.reason
    assert verdict.evidence[0] == (first if ":" in first else R + first)


def test_a_follow_up_with_no_subject_of_its_own_asks_of_the_paragraphs_discussed(decide):
    history = [
        {"role": "user", "content": "What does OP10 of 80/53 ask for?"},
        {"role": "assistant", "content": "It asks the Group to report.", "citations": ["A/RES/80/53:OP10"]},
    ]
    verdict = decide("and at which session?", ["A/RES/80/53:PP1", "A/RES/80/53:OP12"], history)
    assert verdict.found and verdict.evidence == ("A/RES/80/53:OP10",), verdict
    # one that only asks is a follow-up, with no word pointing back: of the paragraph the earlier question named
    history = [{"role": "user", "content": "What does OP10 of 80/53 ask for?"}]
    verdict = decide("at which session, and what for?", ["A/RES/80/53:PP1", "A/RES/80/53:OP12"], history)
    assert verdict.found and verdict.evidence == ("A/RES/80/53:OP10",), verdict


def test_a_follow_up_is_bound_to_what_it_refers_to(decide):
    history = [{"role": "user", "content": "决议提到的第62/21号决议是关于什么的？"}]
    verdict = decide("它是哪一天通过的？", ["META", "PP10", "OP7"], history)
    assert verdict.found and verdict.evidence[0] == R + "PP10"  # 62/21's date, not this resolution's


@pytest.mark.parametrize(
    ("text", "retrieved", "reason"),
    [
        ("核裁军核查国际伙伴关系是哪一年成立的？", ["PP14", "PP2", "META"], "年份"),
        ("When did the UK-Norway Initiative start and what did it test?", ["PP14", "PP15"], "time"),
        # a state the treaty's text never names ('DPRK' is North Korea, a state of the vote card only)
        (
            "When did the DPRK withdraw from the NPT?",
            ["UNTS vol. 729, No. 10485:ART9", "UNTS vol. 729, No. 10485:ART10"],
            "North Korea",
        ),
        ("2018年的专家组会议具体在几月份开？", ["OP7", "PP10", "META"], "月份"),
        ("决议为专家组拨付了多少经费？", ["OP7", "OP6", "PP10"], ""),
        ("专家组的成员分别来自哪些国家？", ["OP7", "PP10", "PP14"], "国家"),
        ("目前已经有多少个会员国向秘书长提交了意见？", ["OP6", "OP7", "PP10"], ""),
        ("决议是否设立了核查基金？", ["OP7", "OP4"], "基金"),
        ("裁军谈判会议在哪里开会？", ["OP5", "PP10", "OP8"], "地点"),
        ("Who was appointed to chair the group of governmental experts?", ["OP7", "PP10"], "names"),
        # the next of events a paragraph dates only up to its document's adoption
        ("When is the next NPT review conference scheduled?", ["PP2", "FN3", "FN4"], "earlier"),
        # what a later session did, its number written without 第
        ('72届联大在"核裁军核查"分项下通过了什么决议？', ["OP8", "META", "OP5"], "after it was adopted"),
        # a list or a summary of facts of a kind the paragraphs on the topic do not state
        ("summarize the 2019 GGE report conclusions for me", ["OP7", "PP15", "PP10"], "recommendation or conclusion"),
        ("列出71/67专家组全部专家的名单", ["OP7", "PP10", "PP15"], "人名"),
        # a kind of thing the text never names, and no answer type to find one by
        ("What penalties apply to states that violate the resolution?", ["PP4", "OP4"], "penalties"),
        ("专家小组开会用哪几种工作语言？", ["OP7", "PP10"], "语言"),
        ("Which room in Geneva do the GGE sessions take place in?", ["OP7", "PP10"], "room"),
        # the one date of the paragraph dates the resolution named right before it ('79/240 of 24 December 2024')
        ("what's the deadline for member states to send GSTE nominations?", ["A/RES/80/53:PP6"], "no date"),
        # who may attend is a kind of fact of its own: the paragraph on the sessions says nothing of it
        ("will GSTE sessions be open to observers or NGOs?", ["A/RES/80/53:OP3"], "who may attend"),
        ("GSTE 开会对NGO开放吗？民间社会能旁听吗", ["A/RES/80/53:OP3", "A/RES/80/53:PP24"], "对谁开放"),
        # a venue within a city is a kind of fact of its own: the city the paragraph names is no answer
        ("GSTE在维也纳开会具体在哪个场馆？", ["A/RES/80/53:OP3"], "场馆"),
        # the only place the text gives is the one the question already names
        ("专家小组在日内瓦的哪个会议场所开会？", ["OP7", "PP10"], "地点"),
        # 71/67 never names the High Representative (80/53 does, without a name: see the chain's test)
        # a term only 80/53 uses names it: its paragraph mentions the office, and names nobody
        ("Who is the UN High Representative for Disarmament Affairs?", ["A/RES/80/53:OP9"], "names of people"),
        # the nouns of the phrase an interrogative opens, one the text never uses; also of a named paragraph
        ("挪威和英国的倡议包括哪些核查演练？", ["PP14", "OP2"], "演练"),
        ("执行部分第3段提到的核查工具，具体是哪些设备型号？", ["OP3"], "设备"),
        # what happened after a document was adopted
        ("裁军谈判会议后来有没有设立核裁军核查附属机构？", ["OP5", "PP10"], "after it was adopted"),
        ("How many States Parties does the NPT have today?", ["UNTS vol. 729, No. 10485:ART9"], "after it was adopted"),
        (
            "NPT 第七条说的地区性条约，现在都有哪些无核武器区？",
            ["UNTS vol. 729, No. 10485:ART7"],
            "after it was adopted",
        ),
        ("第七十二届会议上“核裁军核查”这个分项最后讨论出了什么结果？", ["OP8", "OP6"], "建议或结论"),
        ("执行部分第12段说了什么？", ["OP7"], "does not exist"),
        # 'experts' is the text's word (the head of 'governmental experts'); Asia is a region it never names
        ("how many of the experts come from Asia?", ["OP7", "PP15"], "Asia"),
        # who pays: a sum of money asked for, and no paragraph on the experts states one
        ("who pays for the experts' travel?", ["PP15", "OP7"], ""),
        # a named paragraph must spell out a symbol or states to give them
        ("秘书长根据执行部分第6段提交的报告文号是什么？", ["OP6"], "执行部分第6段"),
        ("Which member states submitted views under OP6?", ["OP6"], "operative paragraph 6"),
        # the record of 71/67 states its own meeting, not that of resolution 62/21, which PP10 names
        ("第62/21号决议是在第几次全体会议上通过的？", ["META", "PP10"], ""),
        # the documents hold no opinions, and the recorded vote no reasons
        ("你认为这项决议能有效推动核裁军吗？", ["OP4"], "not what anyone thinks"),
        ("Why did Russia abstain on 71/67?", ["VOTE"], "not why"),
        # what a state said in the views a named paragraph asks for (others' words, after it); a date (and a place)
        # asked of a paragraph that gives neither
        ("各国就71/67第6段提交的意见里，中国说了什么？", ["OP6"], "after it was"),
        ("Where and on which dates did the General Assembly decide what OP8 says?", ["OP8"], "no date"),
        # a count of a thing no number in the paragraphs counts; a word the record does not hold
        ("How many member States does the Conference on Disarmament have?", ["OP5", "OP7"], "no number"),
        ("这个决议一共有多少提案国？", ["META", "OP8"], "no subject"),
        ("决议通过时联合国一共有多少个会员国？", ["FN5", "PP5", "OP6"], "数字"),  # in Chinese too
        # a thing the Chinese text has no name for (the glossary's) cannot be counted there: not the experts' 25
        (
            "How many women were among the experts of the 71/67 group?",
            ["OP7", "PP15"],
            "women",
        ),  # the text never mentions them
        # a proper name an English text never uses (its 'Treaty on the Non-Proliferation of Nuclear Weapons' is another)
        (
            "What does the 2025 resolution say about the Treaty on the Prohibition of Nuclear Weapons?",
            ["A/RES/80/53:FN11", "A/RES/80/53:PP10"],
            "Treaty on the Prohibition of Nuclear Weapons",
        ),
        # a name the glossary knows by its English form first, spelled as such: 71/67 never names Vienna
        ("Why did 71/67 set up a verification agency in Vienna?", ["PP14", "OP7"], "not why"),  # a place, not a reason
        # the dates of the sessions: OP7 gives their years only
        ("专家组每届会议的具体日期定了吗？", ["OP7", "PP10"], "日期"),
        # a day a named paragraph never gives (its '第七十二届会议' is a session, not a deadline's date)
        ("What deadline does OP6 set for Member States to send their views?", ["OP6"], "no date"),
        # of a named paragraph: a thing it neither counts nor names
        ("第7段的专家小组来自多少个国家？", ["OP7"], "数字"),
        # OP6 names the member States it asks for views; it lists none, so it cannot be counted
        ("秘书长按OP6一共收到了多少个会员国的意见", ["OP6"], "数字"),
        ("一共有多少个会员国按第6段向秘书长提交了意见？", ["OP6"], "数字"),
        # one of the sessions: OP7 gives the years of the three together
        ("When is the second session of the 71/67 group?", ["OP7"], "not for each"),
        # a choice of places is a place asked for; OP3 gives both for all four sessions
        ("80/53 专家组第一届会议是在日内瓦还是维也纳开？", ["A/RES/80/53:OP3"], "not for each"),
        ("Will the first session of the 80/53 group be held in Geneva or Vienna?", ["A/RES/80/53:OP3"], "not for each"),
        # another treaty's article is not the NPT's
        ("Summarize Article 5 of New START", ["UNTS vol. 729, No. 10485:ART5"], "New START"),
        # a title the documents never use, by any of the glossary's names
        ("71/67 如何评价《禁止核武器条约》？", ["PP2", "FN3"], "禁止核武器条约"),
        ("71/67 通过后，裁军谈判会议真的讨论了核裁军核查吗？", ["OP5"], "after it was adopted"),
        (
            "Has the CD actually taken up verification since 71/67 encouraged it in OP5?",
            ["OP5"],
            "after it was adopted",
        ),
        # the vote card says it leaves absent states out
        ("表决的时候哪些会员国缺席了？", ["VOTE", "OP6"], "缺席或未投票的会员国未列入"),
        ("How many UN Member States were absent when 71/67 was put to the vote?", ["VOTE"], "未列入"),
        # the card is the plenary's vote: the record says the draft came from the First Committee, not its vote
        (
            "What was the First Committee vote count on the draft that became 71/67?",
            ["VOTE", "META"],
            "First Committee",
        ),
        ("71/67 在第一委员会是哪天表决通过的", ["VOTE", "META"], "第一委员会"),
        # … and the day the record gives is the General Assembly's adoption
        ("71/67在第一委员会是哪天通过的", ["META", "PP10"], "第一委员会"),
        ("When did the First Committee adopt the draft of 71/67?", ["META"], "First Committee"),
        ("80/53 在第一委员会是哪天通过的？", ["A/RES/80/53:META"], "第一委员会"),  # an English record: its sentences
        ("When did the First Committee adopt the draft of 80/53?", ["A/RES/80/53:META"], "First Committee"),
        # a list of facts the paragraphs only refer to ('…报告所载建议' is no recommendation)
        ("政府专家组最后提出了哪些建议？", ["PP10", "OP7"], "建议"),
        # why a state voted as it did; whether a decision the text leaves open will be taken
        ("白俄罗斯为啥对71/67弃权", ["VOTE", "META"], "not why"),
        ("Will the GA extend the GSTE after the 84th session?", ["A/RES/80/53:OP10"], "after it was adopted"),
        ("so will it actually be extended?", ["A/RES/80/53:OP10"], "after it was adopted"),
        # a body named in Latin script (known by the glossary only) that the resolution never names
        # … and the answer must be in a paragraph that names it, not in the best-ranked one with a year
        (
            "When's UNIDIR due to report back to the GA?",
            ["A/RES/80/53:PP2", "A/RES/80/53:OP8"],
            "operative paragraph 8",
        ),
        # one count asked of each of several things, where the text gives one count for them all
        ("71/67 专家组2018年开几届、2019年开几届？", ["OP7"], "together"),
        ("How many of the GSTE sessions are in Geneva and how many in Vienna?", ["A/RES/80/53:OP3"], "together"),
        ("80/53专家组在日内瓦和维也纳各开几届？", ["A/RES/80/53:OP3", "A/RES/80/53:OP1"], "together"),  # 各: each
        ("of the four 80/53 sessions, how many are in Vienna vs Geneva?", ["A/RES/80/53:OP3"], "together"),
        # … or a count for one of the values the text names together ('in Geneva and Vienna', '2018年和2019年')
        ("How many GSTE sessions will be held in Vienna?", ["A/RES/80/53:OP3"], "Vienna alone"),
        ("80/53专家组在维也纳开几届？", ["A/RES/80/53:OP3"], "Vienna alone"),
        ("71/67专家组2018年开了几届会", ["OP7"], "2018 alone"),
        # … or a value for one of several the text does not number ('第一届' with its noun left out)
        ("80/53专家组第一届在哪个城市开", ["A/RES/80/53:OP3"], "together"),
        ("80/53专家组第一届会议在日内瓦还是维也纳", ["A/RES/80/53:OP3"], "together"),  # asked with no verb
        # the thing asked about, which an English text never names ('the chair'), with a verb it knows ('picks')
        ("Under 80/53, who picks the chair?", ["A/RES/80/53:OP2"], "chair"),
        # a symbol in another sentence of the paragraph than the one on the topic (the record's report symbol)
        ("71/67的议程项目编号是多少", ["META", "OP8"], "没有写明"),
        # a treaty the documents never name is no figure a yes-no question can be answered No on
        ("Does 71/67 mention the Treaty on the Prohibition of Nuclear Weapons?", ["FN3", "PP2"], "Prohibition"),
        ("What does the Comprehensive Nuclear-Test-Ban Treaty say about entry into force?", ["PP7"], "Test-Ban"),
        ("决议有提到《禁止核武器条约》吗", ["PP5", "FN5"], "禁止核武器条约"),
        (
            "Who's the current High Representative that 80/53 OP9 refers to?",
            ["A/RES/80/53:OP9"],
            "after it was adopted",
        ),
        # a named paragraph that gives no year, or not the year the question names
        ("序言部分第14段提到的伙伴关系是哪一年成立的？", ["PP14"], "年份"),
        ("执行部分第5段在2018年是怎么落实的？", ["OP5"], "2018"),
        ("What size was the GGE that 80/53 recalls was set up under 74/50?", ["A/RES/80/53:PP3"], "number"),
        # whether others did something: an event after the text, which decides and asks
        ("Did the GGE created by 71/67 adopt its final report by consensus?", ["OP7", "PP10"], "after it was"),
        ("has any state actually used it?", ["UNTS vol. 729, No. 10485:ART10"], "after it was"),
        ("那专家组最后的报告通过了吗？", ["OP7", "PP10"], "after it was"),
        ("专家组名单出来了没", ["OP7", "PP10"], "after it was"),
        ("专家组成员的名单有吗？", ["OP7", "PP10"], "人名"),  # a list of names the paragraphs do not give
        # a document's record dates its adoption, not when anything else happens
        ("科学和技术专家组第一届会议哪一天开幕？", ["A/RES/80/53:META", "A/RES/80/53:PP6", "A/RES/80/53:OP3"], "日期"),
        # two kinds of fact asked: the paragraph on it must state each ('by which countries' alone is not enough)
        ("when was the bilateral initiative launched and by which countries", ["PP14", "PP2"], "state no time"),
        # an exact date the treaty does not give (it enters into force on a deposit, dated nowhere)
        ("exact date the NPT entered into force?", ["UNTS vol. 729, No. 10485:ART9"], "no date"),
        # the vote of another resolution than the one whose card is indexed
        ("79/240 决议是投票通过的吗？票数多少", ["VOTE", "META"], "not of 79/240"),
        # things asked one by one that the one paragraph naming them only refers to: a cited report's contents
        ("裁审会那份报告里的核查原则具体有哪几条？", ["PP10", "OP5", "META"], "没有逐一列出"),
        ("What verification principles did the Disarmament Commission report list?", ["OP5", "PP10"], "do not list"),
        ("秘书长根据79/240提交的报告里列了哪几个备选方案？", ["A/RES/80/53:PP6", "A/RES/80/53:OP9"], "没有逐一列出"),
        # bodies asked for that the paragraph on them does not name (PP15 names a community, no organization)
        ("决议提到的民间社会代表具体是哪些机构？", ["PP15", "OP7", "FN1"], "机构"),
        ("序言部分第15段说的民间社会代表具体是哪些组织？", [], "机构"),
        # the members of a body, asked for by name: the paragraph counts them and names none
        ("Who are the 21 GSTE members?", ["A/RES/80/53:OP1", "A/RES/80/53:PP2"], "names of people"),
        ("71/67的专家组成员都有谁", ["OP7", "PP10"], "人名"),
        # which days, exactly when: a date the paragraph does not give (a month, two years)
        ("GSTE 2027年1月的第一届会议具体是哪几天？", ["A/RES/80/53:OP3", "A/RES/80/53:PP6"], "日期"),
        ("When exactly in 2018 did the GGE first meet?", ["OP7", "PP10"], "no date"),
        # the official text in a language the index does not hold it in
        ("71/67英文正式文本里OP7原文是怎么写的？", ["OP7"], "没有英语版本"),
        ("What's the exact English wording of OP7 of 71/67?", ["OP7"], "not in English"),
        # … or a translation of its words into that text; asked in words of either language
        ("NPT第六条中文作准本里 good faith 是怎么译的？", ["UNTS vol. 729, No. 10485:ART6"], "没有中文版本"),
        ("How is 核查 translated in the English text of OP7 of 71/67?", ["OP7"], "没有英语版本"),
        # a kind of thing asked for that the text names only a part of ('会议室': a room, not a 会议)
        ("71/67专家组在日内瓦哪个会议室开会", ["OP7", "PP10"], "会议室"),
        # a count of a kind of member the text never mentions
        ("how many women experts sat on the 71/67 GGE?", ["OP7", "PP10"], "never mention: women"),
        # the three meetings asked about are not the four sessions the paragraph naming places counts
        ("80/53提到的三次非正式面对面会议是在哪里开的", ["A/RES/80/53:OP3", "A/RES/80/53:PP6"], "地点"),
        # what a delegation said at the vote: the card records how each state voted, no statement
        ("伊朗在表决前后做了什么发言？", ["VOTE", "PP14"], "not why"),
        ("What statement did Iran make before the vote?", ["VOTE", "PP14"], "not why"),
        # a title of the report the question numbers: PP10's 《最后文件》 is another document's
        ("秘书长1990年那份报告的标题是什么？", ["PP10", "OP7"], "标题"),
        # states named only in another thing's name (PP14's Norway–UK initiative) are not the partnership's members
        ("哪些国家是核裁军核查国际伙伴关系的成员？", ["PP14", "PP6"], "国家名称"),
        ("which countries are members of the IPNDV?", ["PP14", "OP3"], "no names of states"),
        # an article of a treaty the documents never name, by an acronym they never use
        ("TPNW第四条关于核查的规定是怎么写的？", [], "never mention: TPNW"),
        # how often it reports: the sessions it holds over its period say how often it meets, not that
        (
            "How often does the GSTE report to the General Assembly?",
            ["A/RES/80/53:OP10", "A/RES/80/53:OP3"],
            "no frequency",
        ),
        # which of several sessions: the paragraph gives the places of the four together, no session by its own
        ("Which of the four GSTE sessions are in Vienna and which in Geneva?", ["A/RES/80/53:OP3"], "no session"),
        # pay for the experts is money, which no paragraph on them states
        ("80/53 的专家有没有报酬？每人多少？", ["A/RES/80/53:OP1", "A/RES/80/53:PP4"], "经费数额"),
        # who holds a role is a name (or states), which the paragraphs naming the role do not give
        ("GSTE第一届会议由谁当主席？", ["A/RES/80/53:OP10", "A/RES/80/53:OP3"], "人名"),
        ("who's the High Rep for Disarmament Affairs that is to brief the 81st session?", ["A/RES/80/53:OP9"], "names"),
        # a named paragraph's one date is not that of the thing asked, named in another of its clauses
        ("exact dates of the three informal in-person meetings mentioned in 80/53 PP6?", [], "no date"),
        # a definition is a clause that makes one ('For the purposes of this Treaty, … is one which'), which no
        # paragraph on the term gives
        ("决议里“核裁军核查”的定义是什么？", ["OP5", "OP8"], "定义"),
        ('How does 80/53 define "progress declarations" in OP6(a)?', [], "no definition"),
        # states listed as the topic's: the NPT's depositaries are no list of its nuclear-weapon States
        ("NPT 说的核武器国家具体是哪几个国家？列出国名", ["UNTS vol. 729, No. 10485:ART9"], "国家名称"),
        # a count for each thing of a kind the paragraph never names (21 members; no regions to count them by)
        ("How are the 21 GSTE seats split among the regional groups?", ["A/RES/80/53:OP1"], "not one for each"),
        ("科技专家组的名额怎么按区域分配？每个区域几个", ["A/RES/80/53:OP1", "A/RES/80/53:OP2"], "not one for each"),
        # how another resolution was adopted: the recorded vote is 71/67's only
        ("Was 78/239 adopted by consensus?", ["A/RES/80/53:PP4", "A/RES/80/53:FN7"], "not of 78/239"),
        # a time counted from the entry into force does not date the entry into force
        (
            "When did the NPT enter into force?",
            ["UNTS vol. 729, No. 10485:ART8", "UNTS vol. 729, No. 10485:ART3"],
            "no",
        ),
    ],
)
def test_not_answered_when_the_asked_for_fact_is_not_there(decide, text, retrieved, reason):
    verdict = decide(text, retrieved)
    assert not verdict.found, verdict.evidence
    assert reason in verdict.reason


@pytest.mark.parametrize(
    ("text", "retrieved"),
    [
        ("决议提到了哪些原则？", ["PP7", "PP10"]),  # 不可逆、可核查和透明原则: listed
        ("What are the GSTE's objectives? list them all", ["A/RES/80/53:OP5", "A/RES/80/53:OP6"]),  # lettered items
        ("Which initiatives does the resolution take note of?", ["PP14", "OP1"]),  # 比如…: examples given
        ("Which GA sessions are mentioned in 80/53?", ["A/RES/80/53:OP9", "A/RES/80/53:OP10", "A/RES/80/53:OP12"]),
    ],
)
def test_things_asked_one_by_one_are_answered_where_they_are_listed(decide, text, retrieved):
    assert decide(text, retrieved).found


def test_a_vote_question_is_the_vote_cards_whatever_its_english_words(decide):
    verdict = decide("How many votes in favour did A/RES/71/67 receive in the recorded vote?", ["VOTE", "META"])
    assert verdict.found and verdict.evidence[0] == R + "VOTE"
    # the states it lists are no 'absent' states: the card leaves out only what qualifies them
    verdict = decide("How many member states voted yes on 71/67?", ["VOTE", "META"])
    assert verdict.found and verdict.evidence[0] == R + "VOTE"
    # on the document itself (its record's words): the card, however the search ranked it
    verdict = decide("在大会全体会议上，71/67 的表决结果如何？", ["META", "OP8", "PP1"])
    assert verdict.found and verdict.evidence[0] == R + "VOTE"


def test_a_yes_no_question_with_a_figure_the_text_does_not_hold_is_answered_no(decide):
    verdict = decide("Is the expert group capped at 30 members?", ["OP7", "PP10"])
    assert verdict.found and verdict.contradicted


@pytest.mark.parametrize(
    ("text", "retrieved", "contradicted"),
    [
        # a figure the documents hold elsewhere (80/53's 21; 62/21) is still not the paragraph's
        ("Is the expert group capped at 21 members?", ["PP10", "OP7"], True),
        ("Is the expert group capped at 25 members?", ["OP7", "PP10"], False),
        # a session in words, within the text's language
        ("秘书长是向第七十一届会议报告吗？", ["OP6", "OP8"], True),
        ("秘书长是向第七十二届会议报告吗？", ["OP6", "OP8"], False),
        # an ordinal in figures, the thing it numbers followed by more words ('第71届会议报告', '第七十二届会议提出')
        ("71/67是不是要求秘书长向第71届会议报告", ["META", "OP6", "OP7"], True),
        ("专家组要开四届会议，对吗？", ["OP7", "PP10"], True),
        ("专家组要开三届会议，对吗？", ["OP7", "PP10"], False),
        # a number in words is a value the question checks, not a word of the subject the text must use
        ("Is it right that the GGE gets four sessions of 10 days each?", ["OP7", "PP10"], True),
        # numbers in words against the other language's numerals ('four' / 三届), as numbers
        ("Does the group meet four times?", ["OP7", "META"], True),
        ("Does the group hold three sessions?", ["OP7", "META"], False),
        # a place the documents never name, where the paragraph on the topic names one
        ("Does the expert group meet in New York?", ["OP7", "PP10"], True),
        ("专家小组是在纽约开会吗？", ["OP7", "PP10"], True),
        # a state or a body the documents never mention, where the paragraph on the rest of the topic names others
        ("决议注意到的是挪威和美国的倡议吧？", ["PP14", "OP1"], True),
        ("决议是不是鼓励安理会去处理核裁军核查问题？", ["OP5", "PP8"], True),
        # 'only' the place asked about: No where the paragraph names another beside it
        ("80/53的专家组只在日内瓦开会吗？", ["A/RES/80/53:OP3", "A/RES/80/53:OP1"], True),
        ("Will the 80/53 group meet only in Geneva?", ["A/RES/80/53:OP3", "A/RES/80/53:OP1"], True),
        ("71/67的专家组只在日内瓦开会吗？", ["OP7", "PP10"], False),
        ("Will the 80/53 group meet in Geneva?", ["A/RES/80/53:OP3", "A/RES/80/53:OP1"], False),
        # a session in figures against the text's in words ('84th': 'eighty-fourth')
        ("Is the GSTE to report to the GA at its 84th session?", ["A/RES/80/53:OP10", "A/RES/80/53:OP9"], False),
        ("Is the GSTE to report to the GA at its 83rd session?", ["A/RES/80/53:OP10", "A/RES/80/53:OP9"], True),
        # a year before the document's that it does not give: No, from its own date
        ("Was 71/67 adopted in 2015?", ["META", "VOTE"], True),
        # the author's own acts and the vote are the text's and the card's, not events after it
        ("Did the GA welcome the Norway-UK initiative?", ["PP14", "OP1"], False),
        ("Did China vote for 71/67?", ["VOTE", "META"], False),
    ],
)
def test_a_yes_no_question_is_checked_against_the_value_its_paragraph_gives(decide, text, retrieved, contradicted):
    verdict = decide(text, retrieved)
    assert verdict.found and verdict.contradicted == contradicted, verdict


@pytest.mark.parametrize(
    "text",
    [
        "are the GSTE experts government reps? i.e. do they speak for their countries",
        "Do the 21 experts under 80/53 represent their governments?",
        "80/53的专家是代表本国政府参会的吗",
    ],
)
def test_a_yes_no_claim_the_text_states_the_contrary_of_is_answered_no(decide, text):
    """80/53's experts sit 'in their personal capacity': the paragraph saying so is the evidence, wherever it ranks."""
    verdict = decide(text, ["A/RES/80/53:OP10", "A/RES/80/53:OP4"])
    assert verdict.found and verdict.contradicted and verdict.evidence == ("A/RES/80/53:OP1",), verdict


def test_a_contrary_only_counts_in_the_document_asked_about(decide):
    # 71/67 says nothing of the capacity its governmental experts sit in: no contrary there
    verdict = decide("71/67的政府专家是代表本国政府的吗？", ["OP7", "PP10"])
    assert "A/RES/80/53:OP1" not in verdict.evidence and "contrary" not in verdict.reason


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("列出所有提到“无核武器世界”的段落", ["PP8", "PP9", "OP3", "OP6"]),
        ("“信任”在决议里出现了几次？分别在哪？", ["PP9", "OP2", "OP4"]),
        ("决议对秘书长提出了哪些要求？", ["OP6", "OP7"]),
        # a list of values of a kind: every paragraph of the part that writes one ('GA' names the adopting body, so
        # it is no term every listed paragraph must hold)
        (
            "List the numbered GA resolutions (62/21 onwards) that the preamble of 80/53 refers to",
            [f"A/RES/80/53:PP{n}" for n in (2, 3, 4, 6, 7)],
        ),
        ("80/53 序言部分提到了哪些编号的大会决议？", [f"A/RES/80/53:PP{n}" for n in (2, 3, 4, 6, 7)]),
        # the requests made of the one named: 'Requests the Group … to', not 'Decides that the Group …' nor
        # 'Requests the Secretary-General to bring the report of the Group …'
        ("What does 80/53 request of the Group?", [f"A/RES/80/53:OP{n}" for n in (5, 6, 10)]),
        ("列出80/53里所有请秘书长做的事", [f"A/RES/80/53:OP{n}" for n in (2, 7, 11)]),
        # words, not letters: 'men' is not in 'documents'; a line broken after a hyphen ('capacity- building') holds
        ("Which paragraphs of 80/53 mention women or men?", ["A/RES/80/53:PP25"]),
        ("Which paragraphs of 80/53 talk about capacity-building?", [f"A/RES/80/53:PP{n}" for n in (22, 23, 25)]),
        ("秘书长被要求做什么？", ["OP6", "OP7"]),
        # no glossary term named: the paragraphs holding the question's own words
        ("决议里提到多边的地方有哪些", ["PP8", "PP12", "PP13"]),
        ("能力建设 都在哪提到", ["PP13", "OP3"]),  # 'where is it mentioned', not a place asked for
        ("How many operative paragraphs are there?", [f"OP{n}" for n in range(1, 9)]),
        ("Summarize the operative part paragraph by paragraph.", [f"OP{n}" for n in range(1, 9)]),
        ("列出所有的脚注及其引用的文件", [f"FN{n}" for n in range(1, 9)]),
        # by name, by its short title after the full one (PP7 《条约》), and by the footnotes citing it or the final
        # documents of its review conferences (NPT/CONF...)
        ("Which paragraphs of 71/67 rest on the NPT?", ["PP2", "PP5", "PP7", "FN2", "FN3", "FN4", "FN5"]),
        (
            'List every paragraph in 71/67 that refers to the NPT (including where it just says "the Treaty").',
            ["PP2", "PP5", "PP7", "FN2", "FN3", "FN4", "FN5"],
        ),
        # the paragraphs of a part only, whichever sentence asks for the list
        ("哪些序言段落提到了《不扩散核武器条约》？全部列出", ["PP2", "PP5", "PP7"]),
    ],
)
def test_lists_hold_every_paragraph_in_document_order(decide, text, evidence):
    verdict = decide(text, ["PP1", "PP2", "OP1"])
    assert verdict.found and list(verdict.evidence) == [label if ":" in label else R + label for label in evidence]


def test_a_brief_on_one_side_of_a_term_most_paragraphs_name_keeps_that_side(decide):
    """Twelve paragraphs of 80/53 name the Group; a brief on its report is on the four that speak of reports."""
    verdict = decide("Brief me on what 80/53 says about the GSTE's report", ["A/RES/80/53:OP10"])
    evidence = [pid.split(":")[1] for pid in verdict.evidence]
    assert verdict.found and {"OP4", "OP10", "OP11"} <= set(evidence) and "OP5" not in evidence
    # a list of every paragraph naming it is not narrowed
    listed = decide("Which paragraphs of 80/53 mention the GSTE?", ["A/RES/80/53:OP10"])
    assert len(listed.evidence) > len(verdict.evidence)


@pytest.mark.parametrize(
    ("text", "retrieved", "evidence"),
    [
        # a term: every paragraph naming it
        (
            "What does 80/53 say about education, training and capacity-building?",
            ["PP25", "PP23", "META", "PP22", "FN10"],
            ["PP22", "PP23", "PP25"],
        ),
        # words only: the paragraphs found that use one, not the record nor those that use none
        ("What does 80/53 say about avoiding duplication?", ["PP15", "PP20", "META"], ["PP20"]),
    ],
)
def test_a_brief_on_a_topic_is_the_paragraphs_on_it(decide, text, retrieved, evidence):
    verdict = decide(text, [f"A/RES/80/53:{label}" for label in retrieved])
    assert verdict.found and verdict.evidence == tuple(f"A/RES/80/53:{label}" for label in evidence)


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("80/53 序言部分引用了哪些以前的大会决议？", [f"A/RES/80/53:PP{n}" for n in (2, 3, 4, 6, 7)]),
        ("71/67引用了哪些决议", [f"{R}PP10", f"{R}FN1"]),  # 第62/21号决议; S-10/2号决议 in a footnote
    ],
)
def test_the_resolutions_cited_are_the_paragraphs_naming_one_by_number(decide, text, evidence):
    verdict = decide(text, ["PP1"])
    assert verdict.found and list(verdict.evidence) == evidence


def test_a_hyphened_english_word_is_one_word(decide):
    """'follow-up' is not the 'following' of 'the following objectives'; 'capacity-building' is 80/53's own."""
    assert not decide("Which paragraphs of 80/53 mention follow-up?", ["A/RES/80/53:OP5"]).found
    assert decide("Which paragraphs of 80/53 mention capacity-building?", ["A/RES/80/53:PP22"]).found


def test_what_it_decided_is_every_paragraph_opening_with_decides(tmp_path: Path) -> None:
    documents = {d.symbol: d for d in shipped_documents()}
    paragraphs = {p.id: p for d in documents.values() for p in d.paragraphs}
    glossary = shipped_glossary()
    # as the assistant judges them: a document's words are its text's, its data cards (the vote) apart
    texts = {symbol: [p.text for p in d.paragraphs if p.kind not in DATA_CARD_KINDS] for symbol, d in documents.items()}
    judge = RelevanceJudge(texts, glossary, tmp_path)
    reader, verdicts = QuestionReader(documents, glossary), VerdictJudge(paragraphs, judge, glossary)

    def evidence(text: str, retrieved: str) -> tuple[bool, tuple[str, ...]]:
        question = reader.read(text, [])
        verdict = verdicts.decide(question, Retrieval(question.search, [Hit(retrieved, 1.0, "search")]))
        return verdict.every, verdict.evidence

    # the English resolution's 'Decides' paragraphs, in document order, whatever was retrieved first
    decided = evidence(
        "What did the General Assembly decide in 2025 on nuclear disarmament verification?", "A/RES/80/53:META"
    )
    assert decided == (True, tuple(f"A/RES/80/53:OP{n}" for n in (1, 3, 4, 12)))
    # a Chinese question over the Chinese text: 决定 opens OP8 only
    assert evidence("决议决定了什么？", f"{R}OP7") == (True, (f"{R}OP8",))
    # asked for as a list, or by the verb quoted as the paragraph's opening
    listed = evidence("80/53 — list everything the GA 'decides' in it", "A/RES/80/53:PP1")
    assert listed == (True, tuple(f"A/RES/80/53:OP{n}" for n in (1, 3, 4, 12)))
    assert evidence("80/53 'Welcoming' para — which SG report?", "A/RES/80/53:PP4")[1][0] == "A/RES/80/53:PP6"
    # two verbs asked about together: the paragraphs opening with either
    recalled = evidence("80/53 序言回顾或欢迎了哪些大会决议？", "A/RES/80/53:PP1")[1]
    assert {"A/RES/80/53:PP2", "A/RES/80/53:PP6"} <= set(recalled) and "A/RES/80/53:PP8" not in recalled
    # a verb no paragraph of the document opens with: answered as any other question
    assert evidence("80/53 鼓励什么？", "A/RES/80/53:PP2")[0] is False


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "how many paras in 80/53 start with 'Underlining'",
            ["A/RES/80/53:PP15", "A/RES/80/53:PP23", "A/RES/80/53:PP25"],
        ),
        ("how many operative paragraphs of 71/67 begin with Requests?", [f"{R}OP6", f"{R}OP7"]),  # 请, 又请
        ("71/67 有几段以“回顾”开头？", [f"{R}PP{n}" for n in (1, 2, 5, 6, 7, 10, 11)]),  # 又回顾, 还回顾 too
        ("80/53 中以“注意到”开头的段落", ["A/RES/80/53:PP22", "A/RES/80/53:PP24"]),  # over the English text
        ("71/67里以Stressing开头的段落有哪些", []),  # none does: not answered
    ],
)
def test_paragraphs_asked_for_by_their_opening_word_are_exactly_those(decide, text, evidence):
    """Whatever was retrieved, and whatever the paragraphs are about; 'Recognizing that' mid-text is no opening."""
    verdict = decide(text, ["PP1", "OP1"])
    assert verdict.found is bool(evidence) and list(verdict.evidence) == evidence


def test_an_english_word_is_known_through_the_head_of_a_glossary_term(decide) -> None:
    """'experts' heads 'governmental experts' (政府专家小组): the Chinese text has it; 'International' of the IAEA
    is a modifier and names nothing of its own."""
    verdict = decide("How many experts?", ["OP7", "PP15"])
    assert verdict.found and verdict.evidence[0] == R + "OP7"
    glossary = shipped_glossary()
    assert "政府专家小组" in glossary.chinese_for_word("experts")
    assert not glossary.chinese_for_word("International")
    assert {"establish", "set up"} <= set(glossary.renderings("2025年的决议设立了什么？", "en"))


NPT = "UNTS vol. 729, No. 10485:"


@pytest.mark.parametrize(
    ("text", "retrieved", "found", "first"),
    [
        # a Chinese question over the English treaty: its words reach the text through the glossary (every article
        # naming the Depositary Governments, ART9 which designates them among them)
        ("不扩散条约的保存国政府是哪几个？", [NPT + "ART9", NPT + "ART11"], True, NPT + "ART9"),
        # 生效 is 'entry into force': no year stands in a sentence on it (1967 dates the nuclear-weapon States)
        ("NPT是哪一年生效的？", [NPT + "ART9", NPT + "ART8"], False, None),
        # a state the treaty never names, in its English name (朝鲜: North Korea)
        ("朝鲜是哪一年宣布退出不扩散条约的？", [NPT + "ART10", NPT + "ART9"], False, None),
    ],
)
def test_a_chinese_question_over_an_english_text(decide, text, retrieved, found, first):
    verdict = decide(text, retrieved)
    assert verdict.found is found and (first in verdict.evidence if found else not verdict.evidence)


def test_words_an_english_text_cannot_be_checked_for_leave_the_answer_ungrounded(decide):
    """Another document answers a question not put to it only when all its words are that text's own."""
    verdict = decide("80/53 专家组成员的构成有要求吗？", ["A/RES/80/53:OP1", "A/RES/80/53:OP2"])
    assert not verdict.grounded


def test_a_count_for_one_place_or_for_each_group_is_answered(decide):
    # no places named, or 'each' of no places: the text's one count answers
    assert decide("80/53专家组开几届会？在哪开？", ["A/RES/80/53:OP3"]).found
    assert decide("How many sessions will each group hold?", ["OP7", "A/RES/80/53:OP3"]).found
    # the count is of another thing than the one named together ('25人', not the sessions of 2018年和2019年)
    assert decide("71/67专家组2018年有多少人", ["OP7"]).found
    # the text's one place is every session's ('在日内瓦'), the years named together notwithstanding
    assert decide("71/67专家组第一届会议在哪开", ["OP7"]).found


@pytest.mark.parametrize(
    "text",
    ["what does 80/53 say about capacity-building and gender?", "给我梳理一下80/53关于能力建设和性别的内容"],
)
def test_a_brief_on_topics_joined_is_the_paragraphs_on_each(decide, text):
    """Capacity-building (PP22 …) and gender (OP2's 'gender balance'): no paragraph needs to hold both."""
    verdict = decide(text, ["A/RES/80/53:PP22", "A/RES/80/53:OP2"])
    assert verdict.found and {"A/RES/80/53:PP22", "A/RES/80/53:OP2"} <= set(verdict.evidence)
    # one topic is the paragraphs on it alone
    assert (
        "A/RES/80/53:OP2" not in decide("what does 80/53 say about capacity-building?", ["A/RES/80/53:PP22"]).evidence
    )


@pytest.mark.parametrize(
    "text",
    [
        "Which five countries count as nuclear-weapon States under the NPT? name them",
        "哪五个国家是 NPT 承认的核武器国家？",
    ],
)
def test_states_named_in_another_sentence_are_not_the_topics(decide, text):
    """Article IX names its depositaries (the United States …) one sentence before it defines a nuclear-weapon
    State by a date: the states it names are not the nuclear-weapon States."""
    npt = "UNTS vol. 729, No. 10485:"
    verdict = decide(text, [npt + "ART9", npt + "ART8", npt + "PP6"])
    assert not verdict.found and verdict.reason, verdict
    # … while the states a sentence names on its topic answer it (PP14: the initiative of Norway and the UK)
    assert decide("哪些国家发起了核查倡议", ["PP14", "PP15"]).evidence[:1] == (R + "PP14",)


@pytest.mark.parametrize(
    ("text", "retrieved", "evidence", "other"),
    [
        # the record says the report came from the First Committee
        ("71/67 是根据第二委员会的报告通过的吗", ["META", "PP10"], R + "META", "第一委员会"),
        ("Was 80/53 adopted on the report of the Second Committee?", ["A/RES/80/53:META"], "A/RES/80/53:META", "First"),
        ("报告是提交给第七十一届会议的吗", ["OP6", "OP8"], R + "OP6", "第七十二届会议"),
    ],
)
def test_a_yes_no_question_naming_another_ordinal_is_answered_no(decide, text, retrieved, evidence, other):
    """A thing named by an ordinal the paragraph on it numbers otherwise is not that thing: No, with the
    paragraph; the question's own ordinal being named nowhere does not make it off the documents' topic."""
    verdict = decide(text, retrieved)
    assert verdict.found and verdict.contradicted and verdict.evidence[0] == evidence, verdict
    assert other in verdict.reason


@pytest.mark.parametrize(
    "text", ["71/67 是根据第一委员会的报告通过的吗", "Was 80/53 adopted on the report of the First Committee?"]
)
def test_a_yes_no_question_naming_the_same_ordinal_is_not_contradicted(decide, text):
    retrieved = ["A/RES/80/53:META"] if "80/53" in text else ["META"]
    verdict = decide(text, retrieved)
    assert verdict.found and not verdict.contradicted, verdict


def test_a_thing_asked_for_by_its_kind_is_named_in_full_by_the_glossary_term_ending_with_it(decide):
    """'那个国际伙伴关系叫什么名字': PP14 names 核裁军核查国际伙伴关系, though not in 《》 or quotes."""
    verdict = decide("71/67 序言里提到的那个国际伙伴关系叫什么名字", ["PP14", "FN5", "PP5"])
    assert verdict.found and verdict.evidence[0] == R + "PP14", verdict


def test_a_follow_up_naming_a_term_of_its_own_is_about_that_term(decide):
    """'and how many did the 2016 GGE get?' after a question on the GSTE: the GGE is 71/67's own, so the GSTE
    the earlier question named is no thing 71/67 must mention."""
    history = [
        {"role": "user", "content": "How many sessions will the GSTE hold?"},
        {"role": "assistant", "content": "Four 2-week sessions in Geneva and Vienna (A/RES/80/53:OP3)."},
    ]
    verdict = decide("and how many did the 2016 GGE get?", ["OP7", "PP10"], history)
    assert verdict.found and verdict.evidence[0] == R + "OP7", verdict


@pytest.mark.parametrize("text", ["秘书长向第七十二届会议提交的那份报告具体说了什么", "那份报告里会员国都说了些什么？"])
def test_what_a_later_report_says_is_not_in_the_resolution_that_requests_it(decide, text):
    verdict = decide(text, ["OP6", "PP10"])
    assert not verdict.found and "after it was adopted" in verdict.reason, verdict


def test_a_follow_up_with_no_words_of_the_texts_own_takes_the_earlier_questions_subject(decide):
    """'OK, and what does the 2016 resolution say on the same points?' after a question on 80/53 and the NPT."""
    history = [
        {"role": "user", "content": "What does 80/53's preamble say about the NPT?"},
        {"role": "assistant", "content": "PP10 recalls the undertaking …"},
    ]
    verdict = decide("OK, and what does the 2016 resolution say on the same points?", ["PP2", "PP5", "PP7"], history)
    assert verdict.found and R + "PP5" in verdict.evidence, verdict


def test_a_follow_up_moving_to_another_document_leaves_the_earlier_documents_number(decide):
    """'2025年那个新的专家组呢？几个人？' after a question on 71/67's group: 80/53's '21 members', not the paragraph
    recalling 71/67."""
    history = [
        {"role": "user", "content": "71/67 设立的政府专家组最多多少人？"},
        {"role": "assistant", "content": "最多25人（A/RES/71/67:OP7）。"},
    ]
    verdict = decide("2025年那个新的专家组呢？几个人？", ["A/RES/80/53:PP3", "A/RES/80/53:OP1"], history)
    assert verdict.found and verdict.evidence[0] == "A/RES/80/53:OP1", verdict


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("NPT第一条英文原文给我", "UNTS vol. 729, No. 10485:ART1"),  # held in English
        ("Give me an English rendering of preambular paragraph 8.", R + "PP8"),  # a rendering, not the official text
        ("执行部分第5段鼓励哪两个机构？", R + "OP5"),  # bodies the paragraph names
    ],
)
def test_a_text_asked_for_in_the_language_it_is_held_in_or_rendered_is_answered(decide, text, first):
    verdict = decide(text, [first])
    assert verdict.found and verdict.evidence[0] == first, verdict.reason


def test_an_elliptical_follow_up_counts_in_the_unit_its_earlier_question_asked(decide):
    history = [
        {"role": "user", "content": "how big was the 71/67 expert group"},
        {"role": "assistant", "content": "Up to 25 governmental experts (A/RES/71/67:OP7)."},
    ]
    # the search ranks the paragraphs naming the group; the one counting its members answers
    verdict = decide("and the 2025 one?", ["A/RES/80/53:PP6", "A/RES/80/53:OP3", "A/RES/80/53:OP10"], history)
    assert verdict.found and verdict.evidence[0] == "A/RES/80/53:OP1"


def test_one_kind_asked_of_several_things_is_each_things_paragraph(decide):
    verdict = decide(
        "give me the timeline in 80/53 - sessions, briefings, reporting",
        ["A/RES/80/53:OP3", "A/RES/80/53:OP1", "A/RES/80/53:OP9", "A/RES/80/53:OP10"],
    )
    assert verdict.found and {"A/RES/80/53:OP3", "A/RES/80/53:OP9"} <= set(verdict.evidence)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("80/53 要求专家里女性比例至少多少", False),  # a share asked: 21 members is no share
        ("What share of the experts in the 71/67 verification GGE were women?", False),
        ("会考虑男女比例吗", True),  # whether it weighs a balance, no share asked
    ],
)
def test_a_share_is_answered_by_a_share_only(decide, text, found):
    retrieved = ["A/RES/80/53:OP2", "A/RES/80/53:OP1"] if "71/67" not in text else ["OP7", "PP10"]
    assert decide(text, retrieved).found is found


def test_a_share_is_a_type_of_its_own():
    shape = pack("en").answer_type("proportion")
    assert shape is not None and shape.asks.search("What majority does an NPT amendment need to be approved?")
    assert shape.shape.search("approved by a majority of the votes of all the Parties to the Treaty")
    assert shape.shape.search("if requested to do so by one-third or more of the Parties")
    assert not shape.shape.search("consisting of 21 members")


def test_a_yes_no_question_on_a_place_no_text_names_is_answered_by_the_place_it_names(decide):
    """'NY' is New York, which no text names; 80/53's group meets in Geneva and Vienna: No (not 'never mentioned')."""
    verdict = decide(
        "is the 80/53 group meeting in NY?",
        ["A/RES/80/53:META", "A/RES/80/53:OP10", "A/RES/80/53:PP6", "A/RES/80/53:OP3"],
    )
    assert verdict.found and verdict.contradicted and verdict.evidence == ("A/RES/80/53:OP3",), verdict
    # a place no paragraph found names stays unanswered
    assert not decide("is the 80/53 group meeting in NY?", ["A/RES/80/53:META", "A/RES/80/53:OP10"]).found


def test_an_english_word_qualifying_a_term_after_which_is_no_thing_asked_for(decide):
    """'which new agenda item': 'new' qualifies the glossary's 'agenda item', which the text uses."""
    verdict = decide("which new agenda item does 80/53 put on the 81st session", ["A/RES/80/53:OP12"])
    assert verdict.found and verdict.evidence[0] == "A/RES/80/53:OP12", verdict.reason
    assert not decide("which room in Geneva will the GGE meet in?", ["OP7", "OP5"]).found


def test_a_follow_up_naming_a_letter_in_brackets_is_that_item_of_the_last_answers_document(decide):
    history = [
        {"role": "user", "content": "what are the indicative areas for the programme of work"},
        {"role": "assistant", "content": "OP6 lists eight areas, (a) to (h) (A/RES/80/53:OP6)."},
    ]
    verdict = decide("what's (g) exactly", ["A/RES/80/53:OP6"], history)
    assert verdict.found and verdict.evidence == ("A/RES/80/53:OP6(g)",), verdict


def test_an_elliptical_follow_up_naming_another_resolution_asks_the_same_of_it(decide):
    history = [
        {"role": "user", "content": "what did 78/239 do"},
        {"role": "assistant", "content": "It welcomed the GGE's report (A/RES/80/53:PP4)."},
    ]
    verdict = decide("and 79/240?", ["A/RES/80/53:PP6", "A/RES/80/53:PP4", "A/RES/80/53:PP3"], history)
    assert verdict.found and verdict.evidence[0] == "A/RES/80/53:PP6", verdict


def test_a_count_for_one_place_asked_of_those_named_before(decide):
    history = [
        {"role": "user", "content": "GSTE sessions?"},
        {"role": "assistant", "content": "Four 2-week sessions in Geneva and Vienna (A/RES/80/53:OP3)."},
    ]
    verdict = decide("how many of those in vienna", ["A/RES/80/53:OP3", "A/RES/80/53:OP1"], history)
    assert not verdict.found and "Vienna" in verdict.reason


def test_whether_a_group_will_be_extended_is_no_text_s_to_say(decide):
    history = [
        {"role": "user", "content": "80/53专家组向哪届大会报告"},
        {"role": "assistant", "content": "向第八十四届会议报告（A/RES/80/53:OP10）。"},
    ]
    assert not decide("那会延长吗", ["A/RES/80/53:OP10"], history).found
    assert decide("80/53提到延长专家组的活动了吗", ["A/RES/80/53:OP10"]).found


def test_a_paragraph_named_alone_is_the_documents_whose_paragraph_uses_the_questions_terms(decide):
    verdict = decide("how many objectives does OP5 give the group", [])
    assert verdict.found and verdict.evidence[0].startswith("A/RES/80/53:OP5"), verdict
    assert decide("OP5说了什么", []).evidence == (R + "OP5",)  # no term: the main resolution's


def test_a_list_of_things_some_of_a_kind_is_a_paragraph_for_each(decide):
    verdict = decide(
        "how is the 80/53 group set up - size, selection, meetings",
        ["A/RES/80/53:PP6", "A/RES/80/53:OP10", "A/RES/80/53:OP4", "A/RES/80/53:OP3"],
    )
    assert verdict.found and {"A/RES/80/53:OP1", "A/RES/80/53:OP2"} <= set(verdict.evidence), verdict


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("80/53的中文标题是什么", False),  # only its English text is indexed
        ("what is the Chinese title of 80/53", False),
        ("80/53的标题是什么", True),  # its record gives it
    ],
)
def test_a_title_in_a_language_the_document_is_not_held_in_is_not_answered(decide, text, found):
    assert decide(text, ["A/RES/80/53:FN9", "A/RES/80/53:PP6", "A/RES/80/53:META"]).found is found


def test_a_data_card_word_is_known_by_its_other_names(decide):
    """The vote card says 正式记录 (official record); the question says 官方记录."""
    assert decide("这个表决数据是官方记录吗 71/67", ["VOTE", "FN5"]).found


def test_a_brief_on_one_kind_of_fact_is_every_operative_paragraph_stating_one(decide):
    verdict = decide("80/53 的时间线给我捋一下", ["A/RES/80/53:FN5", "A/RES/80/53:PP2"])
    assert verdict.evidence == tuple(f"A/RES/80/53:OP{n}" for n in (3, 9, 10, 12)), verdict


def test_where_a_term_is_said_is_the_paragraph_holding_it_first(decide):
    """决定性 is no 'decision' (OP10): the paragraph on political will (PP13) is where it is said."""
    verdict = decide("80/53哪段说政治意愿是决定性因素", ["A/RES/80/53:OP10", "A/RES/80/53:PP13", "A/RES/80/53:OP4"])
    assert verdict.found and verdict.evidence[0] == "A/RES/80/53:PP13", verdict


def test_a_list_of_answers_after_a_dash_is_no_list_of_things(decide):
    assert not decide("recorded vote on 80/53 - how many yes/no/abstain?", ["A/RES/80/53:META"]).found


def test_a_yes_no_question_on_a_place_is_answered_on_a_paragraph_naming_one_on_its_terms(decide):
    """'Was the first NPT review conference to be held in Vienna': not Yes on 80/53's footnote on the 2010
    conference, nor on its OP3, whose Vienna is the Group's."""
    npt = "UNTS vol. 729, No. 10485:"
    later = ["A/RES/80/53:FN11", "A/RES/80/53:PP10", "A/RES/80/53:OP3"]
    assert not decide("Was the first NPT review conference supposed to be held in Vienna? (80/53)", later).found
    assert not decide("is the npt review conf supposed to be held in geneva", ["FN3", "PP2", "FN4"]).found
    verdict = decide("does the GSTE meet in Vienna?", ["A/RES/80/53:OP10", "A/RES/80/53:OP3"])
    assert verdict.found and verdict.evidence[0] == "A/RES/80/53:OP3"
    assert decide("Is the first review conference to be held in Geneva under the NPT?", [npt + "ART8"]).found


def test_a_state_named_as_whose_is_no_other_place(decide):
    """'有没有中国专家' asks whose experts, not where: OP7's Geneva says nothing of it."""
    assert not decide("71/67 的专家小组成员里有没有中国专家", ["OP7"]).found
    assert decide("71/67的专家组是在纽约开会吗？", ["OP7"]).contradicted


def test_footnotes_named_in_a_row_are_each_named(decide):
    assert decide("71/67 脚注7和8", []).evidence == (R + "FN7", R + "FN8")


def test_a_yes_no_question_naming_a_length_is_checked_against_the_length_given(decide):
    """'两个礼拜' is a length named, no topic the text lacks: OP7's sessions last 5 days, so No."""
    verdict = decide("每届专家组会议是不是开两个礼拜？", ["OP7", "PP10"])
    assert verdict.found and verdict.contradicted and verdict.evidence[0] == R + "OP7", verdict
    # a state a paragraph mentions ('提到…英国') is no place said as where
    assert decide("71/67 有没有提到挪威和英国的倡议？", ["PP14", "PP3"]).found


def test_a_yes_no_question_naming_a_day_is_checked_against_the_day_given(decide):
    """A day is compared as a day of the year, in either language and however shortened: 71/67 was adopted on
    5 December 2016, 80/53 (an English record) on 1 December 2025."""
    m80 = "A/RES/80/53:META"
    assert decide("71/67是12月1日通过的吗", ["META"]).contradicted
    assert not decide("71/67是12月5日通过的吗", ["META"]).contradicted
    assert decide("71/67是12月5日通过的吗", ["META"]).found
    verdict = decide("80/53是12月5日通过的吗", [m80])
    assert verdict.found and verdict.contradicted and verdict.evidence[0] == m80
    assert decide("80/53 was adopted 5 Dec 2025 right?", [m80]).contradicted
    assert not decide("was 80/53 adopted on Dec. 1?", [m80]).contradicted


def test_a_yes_no_question_naming_a_month_is_checked_against_the_month_given(decide):
    """OP7 gives the years the GGE meets, no month: whether it meets in May is not answered (nor by the month of
    the record's adoption); 80/53's OP3 gives January 2027 for the GSTE's start, in English."""
    assert not decide("专家组是不是在2018年5月开会", ["OP7", "PP10", "META"]).found
    assert not decide("does the GGE meet in May 2018?", ["META", "OP7", "PP10"]).found
    op3 = ["A/RES/80/53:OP3", "A/RES/80/53:META"]
    assert decide("80/53专家组是2027年3月开始开会吗", op3).contradicted
    verdict = decide("80/53专家组是2027年1月开始开会吗", op3)
    assert verdict.found and not verdict.contradicted


def test_the_calls_a_resolution_makes_are_the_paragraphs_opening_with_a_verb_of_calling(decide):
    """呼吁 ('Calls for') and 促请 ('Calls upon') are both calls: one English head groups the lead verbs."""
    verdict = decide("71/67呼吁了什么", ["OP1"])
    assert verdict.every and verdict.evidence == (R + "OP1", R + "OP3", R + "OP4")


def test_a_follow_up_is_answered_first_by_the_paragraph_holding_its_own_words(decide):
    """'who picks them' after a question on the GSTE's size: OP2 selects the experts, whatever ranks first."""
    history = [
        {"role": "user", "content": "how big is the GSTE"},
        {"role": "assistant", "content": "21 members, serving in their personal capacity (A/RES/80/53:OP1)."},
    ]
    found = ["A/RES/80/53:OP10", "A/RES/80/53:OP1", "A/RES/80/53:OP2"]
    verdict = decide("who picks them", found, history)
    assert verdict.found and verdict.evidence[0] == "A/RES/80/53:OP2"
    # a year the follow-up names counts as its own word: the paragraphs of 2023 stay before the record of adoption
    history = [
        {"role": "user", "content": "80/53 提到了哪些以前的决议"},
        {"role": "assistant", "content": "62/21、71/67、74/50、78/239、78/22（A/RES/80/53 PP2–PP7）。"},
    ]
    found = ["A/RES/80/53:PP7", "A/RES/80/53:META", "A/RES/80/53:PP4"]
    assert decide("其中哪几个是2023年通过的？", found, history).evidence[0] == "A/RES/80/53:PP7"


def test_states_named_beside_a_definition_are_no_answer_to_whether_a_state_meets_it(decide):
    """ART9 names its depositaries (the US, the UK, the USSR) in one sentence and defines a nuclear-weapon State in
    another, naming none: whether China is one, the treaty does not say, so neither Yes nor No."""
    npt = "UNTS vol. 729, No. 10485:"
    history = [
        {"role": "user", "content": "NPT怎么定义核武器国家"},
        {
            "role": "assistant",
            "content": "1967年1月1日前制造并爆炸过核武器的国家（UNTS vol. 729, No. 10485:ART9(3)）。",
        },
    ]
    verdict = decide("那中国算吗", [npt + "ART9", npt + "PP6", npt + "ART1"], history)
    assert not verdict.found and not verdict.contradicted


def test_a_locality_word_and_a_verb_are_no_name_unless_said_as_where(decide):
    """'议程里加分项' adds a sub-item to the agenda (the lexicon reads 里加 as Riga); '在里加开会' is Riga."""
    verdict = decide("71/67决定在哪一届会议议程里加分项？分项叫什么", ["OP8", "PP1"])
    assert verdict.found and verdict.evidence[0] == R + "OP8"
    riga = decide("专家组在里加开会吗", ["OP7", "PP10"])
    assert not (riga.found and not riga.contradicted), riga  # never a Yes: the documents name no Riga


@pytest.mark.parametrize(
    ("text", "contradicted"),
    [
        ("Does 71/67 OP7 say the group meets in Vienna?", True),  # OP7 names Geneva; 71/67 never names Vienna
        ("第7段说专家组在维也纳开会吗？", True),
        ("71/67 执行部分第7段是不是说专家组在纽约开会", True),
        ("Does 71/67 OP7 say the group meets in Geneva?", False),  # the place it names
        ("第7段说专家组在日内瓦开会吗？", False),
        ("Does OP3 of 80/53 say the group meets in Vienna?", False),  # Geneva and Vienna
    ],
)
def test_a_yes_no_question_on_a_named_paragraph_is_no_when_it_names_another_place(decide, text, contradicted):
    """Naming the paragraph does not make every yes-no question on it a Yes: the No that a question naming none
    gets from the paragraph on its topic, it gets from the paragraph it names."""
    verdict = decide(text, [])
    assert verdict.found and verdict.contradicted == contradicted, verdict
    assert len(verdict.evidence) == 1 and verdict.evidence[0].endswith(("71/67:OP7", "80/53:OP3")), verdict


@pytest.mark.parametrize(
    "text",
    ["71/67是根据哪个委员会的报告通过的，报告文号是什么？", "80/53 was adopted on which report? Give the symbol."],
)
def test_a_question_on_what_the_document_was_adopted_on_rests_on_its_record(decide, text):
    """The record says 'adopted on the report of the First Committee (A/71/450)'; PP10 and its footnotes name other
    reports, and the search ranks them first."""
    symbol = "A/RES/80/53" if "80/53" in text else "A/RES/71/67"
    ranked = [f"{symbol}:{label}" for label in ("PP10", "FN6", "FN7", "FN8", "META")]
    verdict = decide(text, ranked)
    assert verdict.found and verdict.evidence[0] == f"{symbol}:META", verdict


def test_a_report_not_asked_about_as_the_one_adopted_on_is_another_paragraphs(decide):
    verdict = decide("71/67 提到的政府专家组报告文号是多少？", ["PP10", "FN6", "FN7", "FN8", "META"])
    assert verdict.found and verdict.evidence[0] != R + "META", verdict
