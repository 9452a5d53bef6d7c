"""Does the corpus answer this question at all? (`found`)

Dense similarities of multilingual-e5 sit in a narrow band (0.85-0.93) for answerable and unanswerable questions
alike, so they cannot decide this. What separates them is vocabulary: a question about sanctions, budgets or a 2020
conference asks about things whose words and numbers the documents never use. So the decision is lexical:
- a number or document symbol in the question that occurs in no indexed paragraph -> not found;
- no content word at all, or half or more of the question's content words occur nowhere in the corpus (nor in the
  glossary) -> not found.
Words can only be checked against text in the question's language: a question in a language the corpus does not
have needs at least one glossary term (an official term it names in translation) instead.
Content words exclude the vocabulary of asking (interrogatives, 'document', 'paragraph', 'say' ...), which is
what a question adds around its subject whatever the subject is.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.glossary import Glossary
from index.text import question_language

# Numbers of two or more digits and document symbols.
_SPECIFIC = re.compile(r"[A-Z]+/[\w./\-]+|\d+(?:/\d+)+|\d{2,}")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
# Asking vocabulary, zh: interrogatives, references to the document itself, verbs of saying and judging.
_ASKING_ZH = frozenset(
    """什么 哪些 哪个 哪一 哪里 哪儿 哪次 哪届 哪年 哪一年 哪一天 哪一段 哪份 多少 几次 几届 几个 多长 多长时间
    多久 是否 有没有 怎么 怎样 如何 为什么 为何 有何 何时 什么时候 谁 哪位 可以 能否 应当 应该 需要 一共 总共
    主要 具体 决议 本决议 这项 该项 文件 份文件 文号 一段 段落 脚注 序言 执行 部分 内容 提到 提及 出现 说
    说了 讲 规定 要求 认为 评价 看法 表示 引用 依据 根据 所 关于 涉及 包括 哪方面 方面 情况 问题
    哪天 哪日 哪月 几时 几号 几月 几日 何处 何地 何人 什么样 怎么样 多大 多高 多远 第几 几位 几名 几项 几份
    多少次 多少个 什么意思 意思 含义 指什么 是指 意味着 请问 告诉 一下""".split()
)
_ASKING_EN = frozenset(
    """what which who whom whose when where why how many much does do did is are was were be been the
    a an of to in on for at by with from about and or any all this that these those it its they
    them their there resolution document documents text paragraph paragraphs footnote say says said
    mention mentions mentioned refer refers cite cites cited ask asks asked request requests requested
    according include includes included will would shall should can could may might have has had
    not no yes say tell me please regarding concerning""".split()
)


@dataclass
class Vocabulary:
    """A question's content words, those the corpus never uses, and how many glossary terms it names."""

    words: list[str]
    absent: list[str]
    glossary_terms: int


class RelevanceJudge:
    def __init__(self, corpus_texts: list[str], languages: set[str], glossary: Glossary, cache_dir: Path) -> None:
        self._languages = languages
        self._corpus = "\n".join(corpus_texts)
        self._corpus_lower = self._corpus.lower()
        self._glossary = glossary
        self._cache_dir = cache_dir
        self._segmenter: Any = None  # a jieba.Tokenizer once loaded
        self._lock = threading.Lock()

    def _segment(self, text: str) -> list[str]:
        """Chinese words (jieba, with the glossary's official terms added, loaded on first use)."""
        with self._lock:
            if self._segmenter is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                self._cache_dir.mkdir(parents=True, exist_ok=True)
                tokenizer.tmp_dir = str(self._cache_dir)  # its dictionary cache stays in our data dir
                for term in self._glossary.terms():
                    if not term.isascii():
                        tokenizer.add_word(term)
                self._segmenter = tokenizer
            return list(self._segmenter.cut(text))

    def unknown_specifics(self, question: str) -> list[str]:
        return [s for s in _SPECIFIC.findall(question) if s not in self._corpus]

    def known_specifics(self, question: str) -> list[str]:
        """Numbers and symbols of the question that the corpus contains: the strongest evidence there is."""
        return [s for s in _SPECIFIC.findall(question) if s in self._corpus]

    def vocabulary(self, question: str) -> Vocabulary:
        rest, glossary_terms = self._glossary.without_terms(question)
        words = [w for w in self._segment(rest) if len(w) >= 2 and not w.isascii() and w not in _ASKING_ZH]
        words += [w for w in _EN_WORD.findall(rest) if w.lower() not in _ASKING_EN and len(w) > 2]
        absent = [w for w in words if (w.lower() not in self._corpus_lower if w.isascii() else w not in self._corpus)]
        return Vocabulary(words, absent, glossary_terms)

    def judge(self, question: str) -> tuple[bool, str]:
        """(found, why) for the question, with any follow-up context already prepended."""
        if unknown := self.unknown_specifics(question):
            return False, f"not in the documents: {', '.join(unknown)}"
        vocab = self.vocabulary(question)
        if question_language(question) not in self._languages:
            if vocab.glossary_terms:
                return True, "names official terms of the documents"
            return False, "names no term the documents use"
        total = len(vocab.words) + vocab.glossary_terms
        if not total:
            return False, "the question names no subject the documents could be searched for"
        if len(vocab.absent) * 2 >= total:
            return False, f"the documents never use: {', '.join(vocab.absent)}"
        return True, f"{total - len(vocab.absent)}/{total} content words in the documents"
