"""Notice-like text for the fuzz target: the pieces notices are made of, put together
at random, with the hostile cases among them (deep or open brackets, control characters,
long lines, wrong widths)."""

from __future__ import annotations

import random

MARKERS = [
    "一、",
    "十二、",
    "三十一、",
    "（一）",
    "(三)",
    "（二十三）",
    "1.",
    "１．",
    "12、",
    "1．2",
    "（1）",
    "(4)",
    "①",
    "⑳",
    "第二章",
    "第三节",
    "第十条",
    "第一百零一条",
    "一是",
    "# 一、",
    "## （二）",
    "",
]
CLAUSES = [
    "加强",
    "知识产权",
    "执法",
    "监管",
    "，",
    "、",
    "；",
    "开展2015",
    "年",
    "各县区",
    "有关部门",
    "等",
    "（IP地址）",
]
OWNERS = [
    "（市公安局负责）",
    "(市商务局牵头,市公安局配合)",
    "（牵头单位：市市场监管局；配合单位：市公安局、市农业农村局）",
    "（责任单位：各县区人民政府）",
    "（市科技局（知识产权局）牵头）",
    "（市公安局",
    "市公安局负责）",
    "【责任单位：市公安局】",
    "〔市公安局〕",
    "（国家级）",
    "（2017—2020年）",
    "（以下简称市打假办）",
    "（列第一位者为牵头部门，下同）",
    "（宁政办发〔2017〕139号）",
    "责任单位：市发展改革委。",
    "",
]
NOISE = [
    "\x00",
    "\x0b",
    "\x0c",
    "\x1b",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\r",
    "\t",
    "\u3000",
    "\ud800",
    "𠀀",
    "ｱ",
    "\u0301",
]
BRACKETS = ["（", "）", "(", ")", "【", "】", "〔", "〕", "《", "》", "[", "]", "{", "}"]


def _line(rng: random.Random) -> str:
    clause = "".join(rng.choice(CLAUSES) for _ in range(rng.randint(0, 12)))
    return rng.choice(MARKERS) + clause + rng.choice(["。", "", "；", "：\n"]) + rng.choice(OWNERS)


def generate_text(rng: random.Random) -> str:
    """One random notice-like text (most a few lines; some long or deeply bracketed)."""
    shape = rng.random()
    if shape < 0.6:
        lines = [_line(rng) for _ in range(rng.randint(0, 30))]
    elif shape < 0.75:
        lines = ["".join(rng.choice(BRACKETS + ["市公安局", "负责"]) for _ in range(rng.randint(1, 3000)))]
    elif shape < 0.85:
        lines = [_line(rng) + "".join(rng.choice(NOISE) for _ in range(rng.randint(1, 20))) for _ in range(10)]
    elif shape < 0.95:
        lines = [rng.choice(OWNERS + MARKERS + CLAUSES) * rng.randint(100, 5000)]
    else:
        lines = ["".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(1, 500)))]
    return rng.choice(["\n", "\r\n", "\n\n", "\r"]).join(lines)
