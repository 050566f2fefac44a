"""A deterministic generator of notice-like text, for scaling benchmarks.

The text has what the parser spends its time on in real notices: a header, the four common
marker levels (一、 （一） 1. （1）), owner parentheticals in their usual forms
(（市公安局牵头，市商务局配合）, （责任单位：…）), plain sentences, a few unbalanced brackets
and a closing signature. The same ``size`` and ``seed`` always give the same text; a larger
``size`` adds top-level sections, so ``generate_notice(100 * n)`` is one long notice, not
``generate_notice(n)`` repeated.

    python bench/generate.py 20000 > /tmp/notice.txt
"""

from __future__ import annotations

import random
import sys

_DIGITS = "零一二三四五六七八九"

_AGENCIES = (
    "市公安局",
    "市商务局",
    "市市场监管局",
    "市知识产权局",
    "市文化广电旅游局",
    "市农业农村局",
    "市交通运输局",
    "市生态环境局",
    "市财政局",
    "市司法局",
    "市烟草专卖局",
    "市邮政管理局",
    "市委网信办",
    "市检察院",
    "市中级法院",
    "市税务局",
    "市海关",
    "市发展改革委",
    "市工业和信息化局",
    "市住房城乡建设局",
    "市卫生健康委",
    "市教育局",
    "市科技局",
    "各区县人民政府",
)
_VERBS = (
    "加强",
    "深入开展",
    "严厉打击",
    "健全",
    "完善",
    "推进",
    "强化",
    "规范",
    "落实",
    "建立",
    "加大",
    "提升",
)
_OBJECTS = (
    "互联网领域侵权假冒治理",
    "农村和城乡结合部市场治理",
    "进出口环节执法监管",
    "重点商品质量监管",
    "知识产权行政执法",
    "信用体系建设",
    "行政执法与刑事司法衔接",
    "跨部门协作机制",
    "宣传教育和舆论引导",
    "寄递物流渠道监管",
    "软件正版化工作",
    "重点市场专项整治",
    "线索通报和案件移送",
    "执法信息公开",
)
_TAILS = (
    "，形成工作合力。",
    "，确保各项措施落到实处。",
    "，切实维护公平竞争的市场秩序。",
    "。",
    "，依法查处一批大案要案。",
    "，及时通报工作进展情况。",
    "，提高执法效能和监管水平。",
)
_FILLER = (
    "各地各部门要充分认识做好此项工作的重要意义，加强组织领导，明确责任分工。",
    "要坚持问题导向，聚焦重点领域和关键环节，集中力量解决突出问题。",
    "要建立健全长效机制，推动工作常态化、规范化、制度化。",
    "对工作推进不力、问题突出的地区和部门，要予以通报并督促整改。",
    "要充分运用大数据等技术手段，提升发现问题和精准执法的能力。",
)
# Brackets that do not close, or close twice, as copy-pasted notices have.
_UNBALANCED = (
    "（详见附件2",
    "（含专利、商标、版权等",
    "有关情况）另行通知。",
    "（包括线上和线下渠道（含跨境电商）",
)


def chinese_numeral(n: int) -> str:
    """``n`` (1-9999) as a Chinese numeral, the way section markers write it.

    >>> [chinese_numeral(n) for n in (1, 10, 12, 20, 105, 1010)]
    ['一', '十', '十二', '二十', '一百零五', '一千零一十']
    """
    if not 0 < n < 10000:
        raise ValueError(f"out of range: {n}")
    if 10 <= n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            zero = False
        else:
            zero = True
    return "".join(parts)


def _owners(rng: random.Random) -> str:
    lead, *others = rng.sample(_AGENCIES, rng.randint(1, 4))
    form = rng.randrange(5)
    if form == 0 or not others:
        return f"（{lead}负责）"
    if form == 1:
        return f"（{lead}牵头，{'、'.join(others)}配合）"
    if form == 2:
        return f"（责任单位：{lead}、{'、'.join(others)}）"
    if form == 3:
        return f"（{lead}、{others[0]}牵头，{'、'.join(others[1:]) or '各区县人民政府'}按职责分工负责）"
    return f"（牵头单位：{lead}；配合单位：{'、'.join(others)}）"


def _task(rng: random.Random) -> str:
    sentence = rng.choice(_VERBS) + rng.choice(_OBJECTS) + rng.choice(_TAILS)
    if rng.random() < 0.3:
        sentence += rng.choice(_FILLER)
    if rng.random() < 0.04:
        sentence = sentence[:-1] + rng.choice(_UNBALANCED) + sentence[-1]
    return sentence + (_owners(rng) if rng.random() < 0.8 else "")


def _section(rng: random.Random, number: int) -> list[str]:
    lines = [f"{chinese_numeral(number)}、{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}"]
    for sub in range(1, rng.randint(2, 6) + 1):
        lines.append(f"（{chinese_numeral(sub)}）{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}。{_task(rng)}")
        if rng.random() < 0.5:
            continue
        for item in range(1, rng.randint(1, 4) + 1):
            lines.append(f"{item}.{_task(rng)}")
            if rng.random() < 0.3:
                lines.extend(f"（{k}）{_task(rng)}" for k in range(1, rng.randint(2, 3) + 1))
    if rng.random() < 0.3:
        lines.append(rng.choice(_FILLER))
    return lines


def generate_notice(size: int, seed: int = 0) -> str:
    """A notice-like text of at least ``size`` characters (a little more: whole sections).

    >>> text = generate_notice(3000)
    >>> len(text) >= 3000 and text == generate_notice(3000) and "一、" in text
    True
    """
    rng = random.Random(seed)
    year = 2017 + seed % 8
    head = [
        f"XX市人民政府办公室关于印发{year}年XX市打击侵权假冒工作要点的通知",
        f"X政办发〔{year}〕{rng.randint(10, 200)}号",
        "各区县人民政府，市政府各部门，各直属机构：",
        f"现将《{year}年XX市打击侵权假冒工作要点》印发给你们，请结合实际，认真贯彻落实。",
        rng.choice(_FILLER),
    ]
    tail = ["XX市人民政府办公室", f"{year}年3月{rng.randint(1, 28)}日", "（此件公开发布）"]
    fixed = sum(len(line) + 1 for line in head + tail)
    body: list[str] = []
    length = fixed
    number = 0
    while length < size:
        number += 1
        lines = _section(rng, number)
        body.extend(lines)
        length += sum(len(line) + 1 for line in lines)
    return "\n".join(head + body + tail) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate_notice(int(sys.argv[1]) if len(sys.argv) > 1 else 20000))
