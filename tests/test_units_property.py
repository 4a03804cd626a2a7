"""Property tests of the unit-list splitter: it never crashes and drops nothing silently."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.units import ENUM_SEP, GROUP_SEPS, split_units

NAMES = [
    "市工信局",
    "发改委",
    "财政局",
    "各辖市、区人民政府",
    "连云港通管办",
    "市发改委(大数据局)",
    "徐圩新区",
    "云台山景区管委会",
    "中国电信漳州分公司",
    "市直有关单位",
    "各县(市、区)人民政府",
    "信产集团",
    "芗城区",
    "长泰区人民政府",
    "市场监管局",
    "<script>",
    '"引号"局',
]
CONNECTIVES = ["", "等", "等负责", "负责", "牵头", "配合", "等单位按职责分工负责"]
SEPARATORS = ["、", ",", "，", ";", "；", "\n", "、 "]

lists = st.lists(
    st.tuples(
        st.sampled_from(NAMES) | st.text(min_size=1, max_size=6), st.sampled_from(SEPARATORS)
    ),
    min_size=1,
    max_size=12,
)


def render(items: list[tuple[str, str]], tail: str) -> str:
    return "".join(name + sep for name, sep in items[:-1]) + items[-1][0] + tail


@settings(max_examples=400, deadline=None)
@given(lists, st.sampled_from(CONNECTIVES))
def test_every_character_is_a_unit_a_connective_or_a_separator(items, tail) -> None:
    content = render(items, tail)
    split = split_units(content, 0)
    kept = Counter("".join(u.printed for u in split.units) + "".join(split.dropped))
    seps = Counter(c for c in content if c in ENUM_SEP + GROUP_SEPS or c.isspace())
    assert Counter(c for c in content if not c.isspace()) - seps == kept - seps


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.integers(min_value=0, max_value=10_000))
def test_spans_index_the_printed_piece(content: str, offset: int) -> None:
    doc = " " * offset + content
    for unit in split_units(content, offset).units:
        assert doc[unit.start : unit.end] == unit.printed
