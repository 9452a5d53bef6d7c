"""The compiled lexicon segments exactly as jieba does (it replaces loading jieba's dictionary at run time)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import jieba
import pytest

from assistant.segmenter import Lexicon, compile_lexicon, jieba_dictionary, open_lexicon
from index.glossary import shipped_glossary

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = [
    "专家组最多多少人？",
    "决议对核查机制的资金来源有何规定？",
    "執行部分第7段 equitable geographical distribution 指什么",
    "大会第几届会议的临时议程要列入核裁军核查分项？",
    "A/61/1028号文件和第62/21号决议",
    "又请秘书长根据公平地域分配原则设立一个最多为25人的政府专家小组，",
    "",
    "  \r\n",
]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Lexicon, jieba.Tokenizer]:
    jieba.setLogLevel(logging.WARNING)
    lexicon = open_lexicon(tmp_path_factory.mktemp("lexicon"))
    tokenizer = jieba.Tokenizer()
    for term in shipped_glossary().terms():
        if not term.isascii():
            lexicon.add_word(term)
            tokenizer.add_word(term)
    return lexicon, tokenizer


def _texts() -> list[str]:
    questions = [
        json.loads(line)["question"]
        for path in sorted((ROOT / "benchmarks").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    corpus = (ROOT / "index" / "corpus" / "A_RES_71_67_zh.txt").read_text(encoding="utf-8").splitlines()
    return SENTENCES + questions + corpus


def test_the_same_words_as_jieba_on_every_question_and_the_resolution(pair: tuple[Lexicon, jieba.Tokenizer]) -> None:
    lexicon, tokenizer = pair
    texts = _texts()
    assert len(texts) > 300
    for text in texts:
        assert list(lexicon.cut(text)) == list(tokenizer.cut(text, HMM=False)), text
        assert list(lexicon.cut_for_search(text)) == list(tokenizer.cut_for_search(text, HMM=False)), text


def test_added_terms_are_cut_whole_and_parts_of_speech_come_from_the_dictionary(
    pair: tuple[Lexicon, jieba.Tokenizer],
) -> None:
    lexicon, _ = pair
    assert "核裁军核查" in list(lexicon.cut("推进核裁军核查工作"))
    assert lexicon.tag("基金") == "n"
    assert lexicon.tag("召开") == "v"
    assert lexicon.tag("不存在的词语") == ""
    # a glossary term the dictionary has keeps its part of speech once added: a noun the texts never use is one
    assert "任期" in shipped_glossary().terms() and lexicon.tag("任期") == "n"


def test_a_damaged_or_missing_lexicon_is_compiled_again(tmp_path: Path) -> None:
    first = open_lexicon(tmp_path)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 2 and not any(name.endswith(".tmp") for name in files)
    compiled = next(tmp_path.glob("*.lexicon"))
    compiled.write_bytes(b"garbage")
    again = open_lexicon(tmp_path)
    assert list(again.cut("专家组最多多少人")) == list(first.cut("专家组最多多少人"))


def test_compiling_keeps_the_last_entry_of_a_repeated_word_and_the_total_of_all(tmp_path: Path) -> None:
    source = tmp_path / "dict.txt"
    source.write_text("核查 5 vn\n专家 7 n\n核查 9 v\n", encoding="utf-8")
    lexicon = Lexicon(*compile_lexicon(source))
    assert lexicon.total == 21
    assert (lexicon.freq("核查"), lexicon.tag("核查"), lexicon.freq("核")) == (9, "v", 0)
    assert jieba_dictionary().name == "dict.txt"


def test_a_cache_that_cannot_be_written_still_segments(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    lexicon = open_lexicon(blocked / "cache")  # cannot be saved (as on a full or read-only disk): compiled in memory
    assert list(lexicon.cut("推进核裁军核查工作")) == ["推进", "核裁军", "核查", "工作"]


def test_words_added_from_the_cache_segment_as_words_added_one_by_one(tmp_path: Path) -> None:
    """The second start reads what adding the glossary's terms adds from the cache directory; the words, their
    frequencies and the total are those of adding them one by one, and a damaged cache is computed again."""
    terms = [t for t in shipped_glossary().terms() if not t.isascii()]
    one_by_one = open_lexicon(tmp_path)
    for term in terms:
        one_by_one.add_word(term)
    computed, from_cache = open_lexicon(tmp_path), open_lexicon(tmp_path)
    computed.add_words(terms, tmp_path)
    (kept,) = tmp_path.glob("added-*.json")
    from_cache.add_words(terms, tmp_path)
    for lexicon in (computed, from_cache):
        assert lexicon.total == one_by_one.total
        assert [lexicon.freq(t) for t in terms] == [one_by_one.freq(t) for t in terms]
        assert [list(lexicon.cut(s)) for s in _texts()] == [list(one_by_one.cut(s)) for s in _texts()]
    kept.write_text('{"核查": "x"}', encoding="utf-8")  # damaged: computed and kept again
    again = open_lexicon(tmp_path)
    again.add_words(terms, tmp_path)
    assert again.total == one_by_one.total and json.loads(kept.read_text(encoding="utf-8"))["核查"] > 0


def test_place_names_are_read_from_cldr_once_then_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.relevance as relevance
    from assistant.language import place_translations

    first = relevance._Segmenter(shipped_glossary(), tmp_path).places()
    assert first == place_translations("zh", "en") and first["朝鲜"] == "North Korea"

    def unreachable(source: str, target: str) -> dict[str, str]:
        raise AssertionError("CLDR read again")

    monkeypatch.setattr(relevance, "place_translations", unreachable)
    again = relevance._Segmenter(shipped_glossary(), tmp_path)
    assert again.places() == first
    assert {"China", "North Korea", "Asia"} <= again.english_places  # the English names, from the same cache
