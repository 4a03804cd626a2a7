"""Which government issued a plan: detected from the text, or set by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import LoaderError
from loaders.jurisdiction import Gazetteer, Jurisdiction
from loaders.manifest import read_manifest
from loaders.parse import parse_text

DISTRICT_PLAN = """常州市武进区人民政府办公室关于印发武进区数字乡村建设方案的通知
各镇人民政府，区各委办局：
现将《武进区数字乡村建设方案》印发给你们。
常州市武进区人民政府办公室
2023年3月1日
一、重点任务
1.完善农村网络。推进光纤入村。（责任单位：区工信局、各镇人民政府）
"""


@pytest.mark.parametrize(("head", "expected"), [
    ("国务院办公厅", Jurisdiction(None, None, "national")),
    ("江苏省人民政府办公厅", Jurisdiction(None, "江苏省", "province")),
    ("常州市人民政府办公室", Jurisdiction("常州市", "江苏省", "city")),
    ("常州市武进区人民政府办公室", Jurisdiction("常州市武进区", "江苏省", "district")),
])
def test_issuer_gives_the_level(head: str, expected: Jurisdiction) -> None:
    assert Gazetteer.load().detect(head, "") == expected


def test_a_district_plan_keeps_its_district() -> None:
    doc = parse_text(DISTRICT_PLAN, "wujin.txt")
    assert (doc.city, doc.province, doc.level) == ("常州市武进区", "江苏省", "district")
    assert doc.tasks[0].units == ["区工信局", "各镇人民政府"]


def test_a_set_jurisdiction_wins_over_detection() -> None:
    place = Gazetteer.load().lookup("江苏省")
    doc = parse_text(DISTRICT_PLAN, "wujin.txt", place=place)
    assert (doc.city, doc.province, doc.level) == (None, "江苏省", "province")


def test_manifest_beside_the_plans(tmp_path: Path) -> None:
    (tmp_path / "plans.yaml").write_text("jurisdictions:\n  a.docx: 常州\n  b.pdf: 国务院\n",
                                         encoding="utf-8")
    places = read_manifest(tmp_path)
    assert places["a.docx"] == Jurisdiction("常州市", "江苏省", "city")
    assert places["b.pdf"].level == "national"


def test_a_bad_manifest_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "plans.yaml").write_text("jurisdictions:\n  a.docx: 火星市\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"plans\.yaml"):
        read_manifest(tmp_path)
