"""The sentences of a question as typed: shorthand spelled out and slips read, the sentence that asks and those
that instruct or frame it, the words it quotes, and the document's names in it as 'this document'."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from assistant.language import LanguagePack, only_asking, pack, question_language
from index.numerals import zh_number, zh_numeral
from index.text import has_cjk

_FIRST_PERSON = re.compile(r"(?:我|我们|本人|咱们)(?!国)|(?:I|I'm|I am|We|We're|We are|My|Our)\b")


_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{1,40})[”\"」』]|(《[^《》]{1,60}》)")


@cache
def _to_simplified() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters (專家小組) as the Simplified the documents use; other text unchanged."""
    return str(_to_simplified().convert(text)) if has_cjk(text) else text


def in_full(text: str, abbreviations: dict[str, str]) -> str:
    """The question with the shorthand users type spelled out ('depositary govts' -> 'depositary governments'). A
    shorthand written in capitals is read only in capitals ('US', not 'tell us'); an apostrophe may be typed either
    way ('doesn’t' as 'doesn't')."""

    def full(match: re.Match[str]) -> str:
        typed = match.group(1).replace("’", "'")
        return abbreviations.get(typed) or abbreviations[typed.lower()]

    for exact in (False, True):
        short = sorted((a for a in abbreviations if (a != a.lower()) == exact), key=len, reverse=True)
        if short:
            either = "|".join(re.escape(a).replace("'", "['’]") for a in short)
            pattern = r"(?<![\w/])(" + either + r")(?![\w/])"
            text = re.sub(pattern, full, text, flags=0 if exact else re.IGNORECASE)
    return text


def slips_read(text: str, language: LanguagePack) -> str:
    """A question with a question mark and no asking word, with the word typed for one of the same sound read as
    that word ('71/67 专家组的25个成员都是那些国家的？': 哪些)."""
    if not language.slips or not text.rstrip().endswith(("？", "?")):
        return text
    if language.slips_unless and language.slips_unless.search(text):
        return text
    slip = next((s for s in language.slips if s in text), None)
    return text.replace(slip, language.slips[slip], 1) if slip else text


def quoted_words(text: str) -> list[str]:
    """The words a question quotes ('“信任”出现了几次', 《最后文件》): the user's own exact words."""
    return [a or b for a, b in _QUOTED.findall(text)]


def without_names(text: str, names: list[str], this_document: str) -> str:
    """The text with the document's names ('第71/67号决议', "71/67's", '《不扩散核武器条约》') as 'this document'."""
    for name in names:
        text = re.sub(
            rf"第?(?:A/RES/)?《?{re.escape(name)}》?(?:号决议|号)?(?:'s|’s)?",
            f" {this_document} ",
            text,
            flags=re.IGNORECASE,
        )
    return " ".join(text.split()) if names else text


def as_written(text: str, written: str) -> str:
    """'第72届' as the document's text (`written`) writes it, '第七十二届' (and the other way round): an ordinal in
    figures or in characters is one number, and the text's own form is the one its words can be found by; and a
    count of people as a resolution writes it ('25个人': 25人)."""

    def form(match: re.Match[str]) -> str:
        number = zh_number(match.group(1))
        figures, characters = f"第{number}{match.group(2)}", f"第{zh_numeral(number)}{match.group(2)}"
        return next((f for f in (figures, characters) if f in written), match.group(0))

    text = re.sub(r"第([0-9一二三四五六七八九十]+)(届|次)", form, text)
    # a count of people with its measure word ('25个人') as the text counts them ('25人'): not 个人 (individual)
    return re.sub(r"(?<=[0-9一二三四五六七八九十两几多])个人", "人", text)


def _sentences(text: str) -> list[str]:
    """The text's sentences, split after their end marks (a colon or semicolon ends one too); none ends inside
    brackets ("… open with 'Recalling' (incl. Recalling also)?")."""
    sentences: list[str] = []
    for piece in re.split(r"(?<=[。！!？?；;：:])\s*|(?<=\.)\s+", text):
        if sentences and _open_brackets(sentences[-1]):
            sentences[-1] += f" {piece}"
        elif piece.strip():
            sentences.append(piece)
    return sentences


def _open_brackets(text: str) -> bool:
    """Whether the text opens more brackets than it closes."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def asking_sentence(text: str) -> str:
    """The sentence with the question mark (or the last one): what comes before it frames the question (who is
    asking, why), and is no topic of its own."""
    sentences = _sentences(text)
    asking = [s for s in sentences if s.rstrip().endswith(("？", "?"))]
    elliptical = pack(question_language(text)).elliptical
    if len(asking) > 1 and elliptical and elliptical.search(asking[0].strip()):
        asking = [asking[0] + asking[1]]  # '那俄罗斯呢？有没有反对票？': what it asks of the one it names follows
    lang = question_language(text)
    whether = pack(lang).intents["yes_no"]
    while len(asking) > 1 and only_asking(asking[1], lang) and whether.search(asking[0]):
        # '名字公布了吗？都是谁？': a question of asking words only after a yes-no one asks what it was whether of
        asking = [asking[0] + asking[1], *asking[2:]]
    sentence = (asking[0] if asking else sentences[-1] if sentences else text).strip()
    tag = pack(lang).tag_question
    asks_only = only_asking(sentence, lang) or bool(tag and tag.search(sentence))
    if asks_only and sentence in sentences and (at := sentences.index(sentence)) > 0:
        # 'Does it?' after "… 'Yugoslavia' shows up in the vote list.", 'Right?' after '… a 21-member group.': the
        # sentence before holds what it asks
        sentence = f"{sentences[at - 1].strip()}{' ' if lang == 'en' else ''}{sentence}"
    # a clause in which the asker speaks of themselves ('我是记者，…', "I'm with a delegation, …") frames it too, and
    # so do the clauses that go on with it to say what for ('我是参赞，正在准备发言稿，想确认一下…')
    clauses = re.split(r"(?<=[，,])|(?<=\s[-–—]\s)", sentence)
    frames = pack(lang).frames
    framing = False
    while len(clauses) > 1 and (
        _FIRST_PERSON.match(clauses[0].strip()) or framing and frames and frames.search(clauses[0].strip(" ，,"))
    ):
        clauses.pop(0)
        framing = True
    sentence = "".join(clauses).strip()
    # a question put through someone else ('My minister wants to know when …'): who asks is no topic
    reported = pack(lang).reported_question
    return reported.sub("", sentence, count=1).strip() if reported else sentence


def last_clause(text: str) -> str:
    """The clause after the last dash of a sentence ('OP5 encourages the CD — did the CD then adopt …?'): a
    question of its own on what the words before it name; the text itself when it has no dash."""
    return re.split(r"\s[-–—]+\s|——", text)[-1].strip()


def unframed(text: str) -> str:
    """The text without the sentences before the question that frame it: the asker speaking of themselves ('We
    abstained in 2016.') or saying what for ('For a briefing tomorrow:'), and without who a question is put
    through ('My minister wants to know'). Their words are no topic to search for
    (2016 is not 80/53's PP3, a briefing not its OP9), unless the question points back at the asker ('Speaking for
    a developing-country delegation: … about our needs')."""
    typed = _sentences(text)
    sentences = list(typed)
    asking = next((i for i, s in enumerate(sentences) if s.rstrip().endswith(("？", "?"))), len(sentences) - 1)
    lang = question_language(text)
    language = pack(lang)
    if language.reported_question:  # 'My minister wants to know when …': who asks
        sentences[asking] = language.reported_question.sub("", sentences[asking], count=1)
    if language.points_to_asker and language.points_to_asker.search(" ".join(sentences[asking:])):
        return text
    frames = language.frames
    kept = [
        s
        for i, s in enumerate(sentences)
        if i >= asking or not (_FIRST_PERSON.match(s.strip()) or frames and frames.search(s.strip()))
    ]
    return (" " if lang == "en" else "").join(kept) if kept != typed else text


def instructions(text: str) -> str:
    """The sentences beside the one that asks: those after it ('… ? list them all'), and those before it that are
    not the asker speaking of themselves ('给我做个简报：…', not "I'm writing a summary. When was it adopted?")."""
    sentences = _sentences(text)
    asking = next((i for i, s in enumerate(sentences) if s.rstrip().endswith(("？", "?"))), len(sentences) - 1)
    before = [s for s in sentences[:asking] if not _FIRST_PERSON.match(s.strip())]
    return " ".join(before + sentences[asking + 1 :])


def in_years(text: str, language: LanguagePack, today: date) -> str:
    """A year named relative to today as the year it is ('last year's resolution' -> '2025 resolution', '去年的决议'
    -> '2025年的决议'): the documents are named by their years."""
    phrases = sorted(language.relative_years, key=len, reverse=True)
    if not phrases:
        return text
    pattern = "|".join(re.escape(p).replace("'", "['’]") for p in phrases)

    def year(match: re.Match[str]) -> str:
        said = match.group(0).replace("’", "'").lower()
        offset = next(v for k, v in language.relative_years.items() if k.lower() == said)
        written = language.relative_written.format(year=today.year + offset)
        return written + ("的" if said.endswith("的") else "")

    return re.sub(rf"(?<![\w]){pattern}(?![\w])" if language.code == "en" else pattern, year, text, flags=re.IGNORECASE)
