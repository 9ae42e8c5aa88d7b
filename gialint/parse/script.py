"""Reports in traditional characters (Hong Kong-facing offices, converted
copies): read after conversion to simplified characters, answered in the
report's own script.

* :func:`is_traditional` — a cheap test first (a substring search for four
  characters every traditional report has; a simplified report pays ~10 µs
  and nothing more), then a count of those characters against their
  simplified forms, so that a simplified report quoting a traditional name,
  or one look-alike typed by mistake (``強``), stays simplified.
* :func:`to_simplified` — OpenCC's ``t2s``, line by line *length for
  length*, so that every line and column gialint reports is still right in the
  user's file, then the few Taiwan words of the official labels (``資訊`` for
  信息, ``規範性檔案`` for 规范性文件: FORMAT.md §3).
* :func:`to_traditional` — messages and fixes back into the report's own
  script, with the converter (``s2t``, ``s2tw`` or ``s2hk``) that best
  reproduces the report's own characters; :func:`exact_traditional` says
  whether a label's conversion comes back unchanged (a fix is certain only
  then).

OpenCC is the converter (``opencc-python-reimplemented``, pure Python; the
``opencc`` wheel has the same API and is used if it is what is installed):
a hand-written table would miss the characters whose simplified form
depends on the word.  It is imported only for a traditional report."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Frequent characters of these reports that exist only in traditional script,
# and their simplified forms (same order).
_TRAD_CHARS = "開報資訊總請務處數況關與機構這個為爲從發會進產們據規範條體號辦區縣國時對應經調證說項門網結轉維糾審議訟紀錄費實現預決複"
_SIMP_CHARS = "开报资讯总请务处数况关与机构这个为为从发会进产们据规范条体号办区县国时对应经调证说项门网结转维纠审议讼纪录费实现预决复"
_TRAD = re.compile(f"[{_TRAD_CHARS}]")
_SIMP = re.compile(f"[{_SIMP_CHARS}]")
# Characters every traditional report has (公開, 報告, 申請, 數量): looking
# for these few first costs a simplified report ~10 µs (a character-class
# search over the whole text costs ten times that).
_SENTINELS = "開報請數"
# Fewer than this many traditional characters is a stray one, not a script.
_MIN_TRADITIONAL = 8

# Taiwan words of the official labels, after t2s (资讯 for 信息 …): equal
# lengths, so columns stay true.  tests/unit/parse/test_script.py checks that
# every official label written the Taiwan way (OpenCC s2twp) comes back.
SYNONYMS = {"资讯": "信息", "规范性档案": "规范性文件", "专案数量": "项目数量", "本列资料": "本列数据"}
_SYNONYM = re.compile("|".join(map(re.escape, SYNONYMS)))

_VARIANTS = ("s2t", "s2tw", "s2hk")


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters."""
    if not any(ch in text for ch in _SENTINELS):
        return False
    trad = len(_TRAD.findall(text))
    return trad >= _MIN_TRADITIONAL and trad > len(_SIMP.findall(text))


@lru_cache(maxsize=None)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    return str(_converter(config).convert(text))


def _same_length(config: str, line: str) -> str:
    """``line`` converted; character by character where a phrase changed the
    length (positions must stay true)."""
    out = _convert(config, line)
    if len(out) == len(line):
        return out
    chars = []
    for ch in line:
        c = _convert(config, ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, every line as long as before."""
    converted = _convert("t2s", text)
    lines, new = text.split("\n"), converted.split("\n")
    if len(new) != len(lines) or any(len(a) != len(b) for a, b in zip(lines, new)):
        new = [_same_length("t2s", line) for line in lines]
        converted = "\n".join(new)
    return _SYNONYM.sub(lambda m: SYNONYMS[m.group()], converted)


# Characters whose traditional form differs between OpenCC's standard,
# Taiwan and Hong Kong conversions (s2t, s2tw, s2hk), found by converting
# every CJK character once: only they tell the variants apart.
_VARIANT_SENSITIVE = frozenset(
    "为众伪僞兌兑卧卫叁叄叙台吃启唇啓喫囪囱妫娴媪媼嫺嬀峯峰幺床悅悦愠慍戶户挩捝揾搵擡敓敘敚柺梲棁棱榅榲檐檯氲氳污沩泄涗涚温湿"
    "溫溼潙潨灶煴熅爲牀痴痹癡皁皂着睾祕秘稅税竈粽糉緼縕繮纔缊缰羣群脣脫脱腭腽膃臥臺菸葱蒀蒕蔘蔥蔿蕴藴蘊蛻蜕衆衛裏覈說说踊輼轀辒"
    "酝醖醞里鉢鉤銳鍼钩钵锐閱阅鮎鰮鲇鳁麪麺齶"
)


def variant(original: str, simplified: str) -> str:
    """The OpenCC converter (``s2t``, ``s2tw`` or ``s2hk``) that turns
    ``simplified`` back into most of ``original``'s characters, judged on the
    characters where the three differ (at most 200 of them)."""
    where = [i for i, ch in enumerate(simplified) if ch in _VARIANT_SENSITIVE][:200]
    if not where:
        return _VARIANTS[0]
    sample = "".join(simplified[i] for i in where)
    written = "".join(original[i] for i in where)
    best, score = _VARIANTS[0], -1
    for config in _VARIANTS:
        back = _convert(config, sample)
        same = sum(x == y for x, y in zip(back, written)) if len(back) == len(written) else 0
        if same > score:
            best, score = config, same
    return best


_CODEPOINT = re.compile(r"“(.)”（U\+[0-9A-F]{4,6}）")


def to_traditional(text: str, config: str = "s2t") -> str:
    """A message in traditional characters; a character shown with its code
    point (``“采”（U+91C7）``) gets the code point of its new form."""
    out = _convert(config, text)
    return _CODEPOINT.sub(lambda m: f"“{m.group(1)}”（U+{ord(m.group(1)):04X}）", out)


def exact_traditional(text: str, config: str = "s2t") -> tuple[str, bool]:
    """``text`` in traditional characters, and whether that is exact: it
    converts back to ``text`` (else the word has more than one traditional
    form, and a fix writing it is only a suggestion)."""
    trad = _convert(config, text)
    return trad, _convert("t2s", trad) == text and len(trad) == len(text)
