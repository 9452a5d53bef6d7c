"""A generated corpus of UN-style resolutions in the layout of PDF-extracted Chinese text (broken lines, footnote
markers on their own lines, footnote blocks, undocs links), so that benchmarks and crash tests push many paragraphs
through the real parser and embedder. Deterministic for a given seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

from index.corpus import SHIPPED_CORPUS, read_manifest
from index.parse_un import parse_resolution

_LEADS_PP = ["回顾", "又回顾", "重申", "深信", "又深信", "意识到", "又意识到", "注意到", "又注意到", "欢迎", "强调"]
_LEADS_OP = ["呼吁", "促请", "鼓励", "请秘书长", "又请秘书长", "决定", "邀请会员国", "敦促各国", "申明", "重申"]
_TITLES = ["核裁军核查", "透明度和建立信任措施", "裁军与发展", "区域裁军", "核查能力建设", "无核武器区"]


def _phrases() -> list[str]:
    """Clauses of the shipped resolution: realistic vocabulary and lengths for the generated text."""
    entry = read_manifest(SHIPPED_CORPUS)[0]
    doc = parse_resolution(entry.file.read_text(encoding="utf-8"), entry.lang)
    parts: list[str] = []
    for p in doc.paragraphs:
        if p.kind in ("preambular", "operative"):
            parts += [c for c in p.text.replace("；", "，").replace("。", "，").split("，") if len(c) >= 6]
    return parts


def _broken(text: str, rng: random.Random, width: int = 34) -> list[str]:
    """Cut a paragraph into PDF-like lines; continuation lines are not indented."""
    lines, i = [], 0
    while i < len(text):
        step = width + rng.randint(-4, 4)
        lines.append(text[i : i + step])
        i += step
    return lines


def resolution_text(number: int, rng: random.Random, phrases: list[str], preambular: int, operative: int) -> str:
    title = f"{rng.choice(_TITLES)}（{number}）"
    out = [f" 90/{number}. {title} ", "", " 大会， ", ""]
    footnotes: list[str] = []
    for _ in range(preambular):
        body = rng.choice(_LEADS_PP) + "，".join(rng.sample(phrases, 3)) + "，"
        lines = _broken(body, rng)
        if rng.random() < 0.2 and len(lines) > 1:  # a footnote marker after the first line
            footnotes.append(f"A/{80 + rng.randint(0, 9)}/{rng.randint(100, 999)}")
            lines.insert(1, f"{len(footnotes)} ")
        out += [" " + lines[0], ""] + [line for ln in lines[1:] for line in (ln, "")]
    if footnotes:
        out += ["__________________ ", ""] + [f" {i} 见{s}。 " for i, s in enumerate(footnotes, 1)] + [""]
        out += [f"http://undocs.org/ch/A/RES/90/{number}"]
    for i in range(1, operative + 1):
        body = rng.choice(_LEADS_OP) + "，".join(rng.sample(phrases, 2)) + ("。" if i == operative else "；")
        lines = _broken(body, rng)
        out += [f" {i}. " + lines[0], ""] + [line for ln in lines[1:] for line in (ln, "")]
    out += ["", "2035年 12月 9日 ", "第 45次全体会议 ", ""]
    return "\n".join(out)


def write_corpus(directory: Path, paragraphs: int, seed: int = 7, preambular: int = 14, operative: int = 8) -> int:
    """Write enough resolutions for at least `paragraphs` paragraphs (with their manifest); returns the count."""
    rng = random.Random(seed)
    phrases = _phrases()
    directory.mkdir(parents=True, exist_ok=True)
    entries, total, number = [], 0, 0
    while total < paragraphs:
        number += 1
        text = resolution_text(number, rng, phrases, preambular, operative)
        name = f"A_RES_90_{number}_zh.txt"
        (directory / name).write_text(text, encoding="utf-8")
        doc = parse_resolution(text, "zh")
        total += len(doc.paragraphs) + 1  # + META
        entries.append(
            {
                "file": name,
                "symbol": doc.symbol,
                "lang": "zh",
                "kind": "resolution",
                "curated": {"committee": "第一委员会", "committee_report": f"A/90/{400 + number}"},
            }
        )
    (directory / "manifest.json").write_text(
        json.dumps({"documents": entries}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return total
