"""The recorded vote as a data card: read from the dataset's file, names from CLDR, answered from its table."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chain import Assistant
from index.corpus import SHIPPED_CORPUS, shipped_documents
from index.errors import InputError
from index.vote import read_votes, vote_card

VOTES = SHIPPED_CORPUS / "A_RES_71_67.vote.csv"


def test_the_shipped_vote_file_holds_one_roll_call_with_its_totals() -> None:
    record = read_votes(VOTES)
    assert record.roll_call == "5523"
    assert [len(record.of(v)) for v in ("yes", "no", "abstain")] == [174, 0, 6]
    assert sorted(v.code for v in record.of("abstain")) == ["BY", "CN", "IR", "KP", "RU", "SY"]


@pytest.mark.parametrize(
    "content",
    [
        "rcid,country,vote\n5523,China,abstain\n",  # a column missing
        "rcid,country_code,country,vote\n5523,CN,China,abstain\n5524,FR,France,yes\n",  # two roll calls
        "rcid,country_code,country,vote\n5523,CN,China,maybe\n",  # an unknown vote
        "rcid,country_code,country,vote\n",  # no votes
    ],
)
def test_a_vote_file_that_is_not_one_roll_call_is_refused_with_one_sentence(tmp_path: Path, content: str) -> None:
    path = tmp_path / "vote.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="vote file"):
        read_votes(path)


def test_the_card_states_totals_groups_and_its_source_with_cldr_names() -> None:
    source = "研究数据集，并非正式记录（A/71/PV.51）。"
    card = vote_card(read_votes(VOTES), "A/RES/71/67", "zh", 40, "2016-12-05", source)
    assert card.id == "A/RES/71/67:VOTE" and card.authority == "research_dataset"
    assert "赞成174票，反对0票，弃权6票。" in card.text
    assert "弃权：白俄罗斯、中国、伊朗、朝鲜、俄罗斯、叙利亚。" in card.text
    assert "德国" in card.text and "Germany" not in card.text  # CLDR's Chinese name, not the dataset's English one
    assert "并非联合国正式名称" in card.text and "A/71/PV.51" in card.text
    assert len(card.table) == 180 and ["中国", "CN", "abstain", "China"] in card.table
    english = vote_card(read_votes(VOTES), "A/RES/71/67", "en", 40, "2016-12-05", "a research dataset.")
    assert "174 in favour, 0 against, 6 abstentions" in english.text and "Against: none." in english.text


def test_the_shipped_resolution_carries_the_card_after_its_text() -> None:
    main = next(d for d in shipped_documents() if d.symbol == "A/RES/71/67")
    card = main.paragraph("VOTE")
    assert card is not None and card.order == max(p.order for p in main.paragraphs)
    assert "Voeten" in card.text and "并非正式记录" in card.text


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("中国投了赞成票吗？", "否。中国：弃权。"),
        ("Did Germany vote for 71/67?", "Yes. Germany: voted in favour."),
        ("Did anyone vote against the resolution?", "No. 174 in favour, 0 against, 6 abstentions."),
        ("决议的表决结果如何？", "赞成174票，反对0票，弃权6票。"),
        # a state by its official or short name: the word made of the dataset's name, shorthand spelled out
        ("Did the Russian Federation vote for 71/67?", "No. Russia: abstained."),
        ("Did the Syrian Arab Republic vote for 71/67?", "No. Syria: abstained."),
        ("How did the DPRK vote on 71/67?", "North Korea: abstained."),
        # a state the roll call does not list gets the totals, not a Yes meant for 'did anyone'
        ("Did Palestine vote for 71/67?", "174 in favour, 0 against, 6 abstentions."),
        # a state by the shorthand in capitals ('US'; 'tell us' stays a pronoun)
        ("Did the US support 71/67?", "Yes. United States: voted in favour."),
        # a recorded vote is no adoption without a vote; with six abstentions it was not unanimous
        ("Was 71/67 adopted without a vote?", "No. 174 in favour, 0 against, 6 abstentions."),
        ("71/67是协商一致通过的吗？", "否。赞成174票，反对0票，弃权6票。"),
        ("Was 71/67 adopted unanimously?", "No. 174 in favour, 0 against, 6 abstentions."),
        ("Was 71/67 adopted by consensus?", "No. 174 in favour, 0 against, 6 abstentions."),
        ("What was the final tally on 71/67?", "174 in favour, 0 against, 6 abstentions."),
        # the card is a research dataset's, which its source sentence says: not the official record's figures
        ("Is 174 the official count of votes in favour of 71/67?", "No. 174 in favour, 0 against, 6 abstentions."),
        ("71/67的赞成票数是官方记录的数字吗", "否。赞成174票，反对0票，弃权6票。"),
        ("中国对核裁军核查决议（71/67）投的什么票", "中国：弃权。"),  # the title's words are the record's
        # a count the question names is checked against the totals
        (
            "71/67 弃权的国家是不是6个？",
            "是。赞成174票，反对0票，弃权6票。弃权：白俄罗斯、中国、伊朗、朝鲜、俄罗斯、叙利亚。",
        ),
        (
            "71/67 弃权的国家是不是5个？",
            "否。赞成174票，反对0票，弃权6票。弃权：白俄罗斯、中国、伊朗、朝鲜、俄罗斯、叙利亚。",
        ),
    ],
)
def test_vote_questions_are_answered_from_the_table_and_name_the_source(
    assistant: Assistant, question: str, first: str
) -> None:
    answer = assistant.ask(question)
    assert answer.found and answer.text.split("\n", 1)[0].strip() == first
    assert {c.id for c in answer.citations} == {"A/RES/71/67:VOTE"}
    assert any("Voeten" in c.quote for c in answer.citations)  # every answer from it names its source


@pytest.mark.parametrize(
    "question",
    [
        "决议对印度和巴基斯坦有什么要求？",
        "朝鲜在决议中被点名了吗？",
        "Who voted for resolution 80/53?",
        "Was 80/53 adopted by consensus?",
    ],
)
def test_the_card_answers_vote_questions_only(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert "A/RES/71/67:VOTE" not in {c.id for c in answer.citations}
    assert not answer.found


def test_citation_cards_say_the_vote_is_a_research_dataset_and_the_npt_text_not_an_official_source() -> None:
    from ui.render import authority

    documents = {d.symbol: d for d in shipped_documents()}
    main = documents["A/RES/71/67"]
    assert authority(main, "en", main.paragraph("VOTE")).startswith("research dataset, not the official record")
    assert "official UN text" in authority(main, "en", main.paragraph("OP7"))
    assert "not an official source of law" in authority(documents["UNTS vol. 729, No. 10485"], "en")


@pytest.mark.parametrize(
    "question",
    [
        "Does the GSTE take its decisions by consensus?",
        "Does 80/53 require the GSTE's report to be adopted by consensus?",
    ],
)
def test_consensus_in_a_groups_rules_is_no_vote_question(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.found and [c.id for c in answer.citations] == ["A/RES/80/53:OP4"]


def test_a_follow_up_asking_its_own_vote_question_after_naming_a_state(assistant: Assistant) -> None:
    history = [{"role": "user", "content": "美国对71/67怎么投的？"}, {"role": "assistant", "content": "美国：赞成。"}]
    answer = assistant.ask("那俄罗斯呢？有没有反对票？", history)
    assert answer.text.startswith("否。俄罗斯：弃权。")
