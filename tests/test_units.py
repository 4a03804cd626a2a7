"""The unit-list splitter, case by case from SCHEMA.md's rules."""

from __future__ import annotations

import pytest

from loaders.units import split_units

PLACES = ("连云港", "漳州", "常州", "深圳", "前海")

CASES = [
    # shared prefix: bare names after 市工信局 take 市
    ("市工信局、发改委、财政局", ["市工信局", "市发改委", "市财政局"]),
    # 市场监管局 is a bare name too
    ("市农业农村局、林业局、市场监管局", ["市农业农村局", "市林业局", "市市场监管局"]),
    # names with 各 or a place name keep their own
    ("市工信局、连云港通管办、各县区人民政府", ["市工信局", "连云港通管办", "各县区人民政府"]),
    # the prefix does not cross a comma
    (
        "市文广旅局、工信局,广电传媒集团、连云港通管办",
        ["市文广旅局", "市工信局", "广电传媒集团", "连云港通管办"],
    ),
    # shared suffix
    (
        "市开发区、徐圩新区、高新区、云台山景区管委会",
        ["市开发区管委会", "徐圩新区管委会", "高新区管委会", "云台山景区管委会"],
    ),
    ("芗城区、龙文区、长泰区人民政府", ["芗城区人民政府", "龙文区人民政府", "长泰区人民政府"]),
    # a collective containing 、 is one unit
    ("各辖市、区人民政府,常州经开区管委会", ["各辖市、区人民政府", "常州经开区管委会"]),
    ("各县(市、区)人民政府、市工信局", ["各县(市、区)人民政府", "市工信局"]),
    # a parenthetical naming the same body stays with its unit
    ("市发改委(大数据局、审改办)、工信局", ["市发改委(大数据局、审改办)", "市工信局"]),
    # words that are not unit names are dropped
    ("市工信局、交通局、公安局等负责", ["市工信局", "市交通局", "市公安局"]),
    (
        "市发改委(大数据局)、工信局等市直有关单位",
        ["市发改委(大数据局)", "市工信局", "市直有关单位"],
    ),
    # full-width separators, semicolons, line breaks
    (
        "市委组织部；市科技局，市人社局\n市教育局",
        ["市委组织部", "市科技局", "市人社局", "市教育局"],
    ),
    # district and zone bodies are not city departments
    (
        "市工业和信息化局、各区政府、新区管委会、前海管理局",
        ["市工业和信息化局", "各区政府", "新区管委会", "前海管理局"],
    ),
    ("市工业和信息化局、福田区政府", ["市工业和信息化局", "福田区政府"]),
]


@pytest.mark.parametrize(("printed", "expected"), CASES)
def test_split(printed: str, expected: list[str]) -> None:
    assert [u.text for u in split_units(printed, 0, PLACES).units] == expected


def test_spans_point_at_the_printed_names() -> None:
    text = "(责任单位:市工信局、发改委,各辖市、区人民政府等负责)"
    offset = text.index(":") + 1
    content = text[offset : text.index(")")]
    for unit in split_units(content, offset, PLACES).units:
        assert text[unit.start : unit.end] == unit.printed


def test_connectives_are_reported_not_lost() -> None:
    split = split_units("市工信局、交通局等负责", 0, PLACES)
    assert split.dropped == ["等负责"]
