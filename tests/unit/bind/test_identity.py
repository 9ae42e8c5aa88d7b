"""Who published a report (gialint.bind.identity): the name in the title and
on the publisher line, and the variants that are one agency."""

from __future__ import annotations

import pytest

from gialint.bind.identity import alias_map, canonical, publisher_agency, same_agency, short_forms, title_agency
from gialint.load.decode import from_text
from gialint.bind.read import parse_document
from tests.helpers import seed_path


def doc(text: str):  # type: ignore[no-untyped-def]
    return parse_document(from_text(text, "r.txt"))


@pytest.mark.parametrize(("title", "agency"), [
    ("某某市某某区商务局2023年政府信息公开工作年度报告", "某某市某某区商务局"),
    ("# 某某市人民政府办公室 2023 年度政府信息公开工作年度报告", "某某市人民政府办公室"),
    ("2023年某某县教育局政府信息公开工作年度报告", "某某县教育局"),
    ("某某镇人民政府关于2022年政府信息公开工作年度报告", "某某镇人民政府"),
    ("2020年度政府信息公开工作报告", None),
])  # fmt: skip
def test_the_title_names_the_agency(title: str, agency: str | None) -> None:
    assert title_agency(doc(f"{title}\n\n一、总体情况\n\n正文。\n")) == agency


def test_the_publisher_line_of_the_seeds() -> None:
    d = parse_document(from_text(seed_path("001").read_text(encoding="utf-8"), "001.txt"))
    assert title_agency(d) == "杨陵区招商服务二局" and publisher_agency(d) == "杨陵区招商二局"


def test_usual_variants_are_one_key() -> None:
    assert canonical("某某市人民政府办公室") == canonical("某某市政府办公室") == canonical(" 某某市 政府办公室 ")
    aliases = alias_map({"某某市某某区商务局": ["某某县商务局"], "某某区": ["某某县"]})
    assert canonical("某某县商务局", aliases) == "某某市某某区商务局"
    assert canonical("某某县教育局", aliases) == "某某区教育局"  # a renamed county renames its agencies


def test_short_forms_leave_out_places_only() -> None:
    assert short_forms("铜川市王益区对外经济合作中心") == ["王益区对外经济合作中心"]
    assert "商务局" not in short_forms("某某市某某区商务局")
    assert same_agency("某某区商务局", "某某市某某区商务局")
    assert not same_agency("某某市商务局", "某某市某某区商务局")  # the city's bureau is another agency
    assert not same_agency("南京市鼓楼区商务局", "福州市鼓楼区商务局")
    assert not same_agency("某某区市场监督管理局", "某某区商务局")
