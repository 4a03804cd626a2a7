"""Sector tagging on real task text from the sample plans, and the keyword-matching rules."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from loaders.parse import parse_text
from loaders.sectors import DATA, SectorTaxonomy, TaxonomyError

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
REQUIRED = [
    "5G", "千兆光网/双千兆", "IPv6", "物联网", "车联网", "工业互联网", "数据中心与算力",
    "云计算与大数据", "人工智能", "区块链", "卫星互联网", "网络与数据安全", "智慧医疗", "智慧教育",
    "文旅", "交通与物流", "农业与乡村", "城市治理与数字政府", "电子商务与数字经济", "智能制造",
    "信息消费", "人才", "资金与政策保障", "共建共享",
]


@pytest.fixture(scope="module")
def taxonomy() -> SectorTaxonomy:
    return SectorTaxonomy.load()


def sample_task(doc: str, title: str) -> tuple[str, str, list[tuple[int, int]]]:
    """(title, text, assignment spans) of the task with `title` in sample `doc`, as the
    parser hands a task over to the tagger."""
    path = SAMPLES / f"{doc}.txt"
    for task in parse_text(path.read_text(encoding="utf-8"), path.name).tasks:
        if task.title == title:
            return task.title, task.text, task.list_spans
    raise AssertionError(f"{title!r} not found in {doc}")


# (document, task title, sectors it must have, sectors it must not have)
REAL_TASKS = [
    ("000_29c4f374f04b8484", "加快5G建设部署", {"5G"}, {"千兆光网/双千兆", "智慧医疗"}),
    # the unit list names 市教育局 and 市卫健委; the text is about IPv6 only
    ("000_29c4f374f04b8484", "拓展“IPv6+”应用场景", {"IPv6"}, {"智慧教育", "智慧医疗", "5G"}),
    ("000_29c4f374f04b8484", "扩大千兆光网覆盖", {"千兆光网/双千兆"}, {"5G"}),
    ("000_29c4f374f04b8484", "深化设施共建共享", {"共建共享", "5G"}, set()),
    ("000_29c4f374f04b8484", "打造智慧教育升级版", {"智慧教育"}, {"智慧医疗"}),
    ("000_29c4f374f04b8484", "促进智慧文旅融合发展", {"文旅"}, {"智慧教育"}),
    ("000_29c4f374f04b8484", "加快发展数字经济", {"电子商务与数字经济"}, {"5G"}),
    ("000_29c4f374f04b8484", "加快发展大数据和云计算", {"云计算与大数据"}, {"5G"}),
    ("000_29c4f374f04b8484", "提升信息消费体验", {"信息消费", "5G"}, set()),
    ("000_29c4f374f04b8484", "提升网络安全防护能力", {"网络与数据安全"}, {"5G"}),
    ("001_dd2bc50c87d10c0b", "实施“5G+工业互联网”512工程", {"5G", "工业互联网"}, set()),
    ("001_dd2bc50c87d10c0b", "加强车联网基础设施建设", {"车联网", "交通与物流"}, {"5G"}),
    ("001_dd2bc50c87d10c0b", "推进智能制造示范应用", {"智能制造", "资金与政策保障"}, {"5G"}),
    ("001_dd2bc50c87d10c0b", "加快推进智慧健康服务", {"智慧医疗"}, {"智慧教育"}),
    ("001_dd2bc50c87d10c0b", "推广农业信息化融合运用", {"农业与乡村", "物联网"}, set()),
    ("001_dd2bc50c87d10c0b", "加大人才发展支持", {"人才"}, {"5G"}),
    ("001_dd2bc50c87d10c0b", "落实相关优惠政策", {"资金与政策保障"}, {"人才"}),
    ("002_56b0b1f0d4126dc9", "推进“5G+智慧医疗”", {"5G", "智慧医疗"}, {"智慧教育"}),
    ("002_56b0b1f0d4126dc9", "推进“5G+社会治理”", {"5G", "城市治理与数字政府"}, set()),
    # 子女教育、住房、医疗 are benefits for recruits, not education or health care work
    ("002_56b0b1f0d4126dc9", "强化人才队伍建设", {"人才", "5G"}, {"智慧教育", "智慧医疗"}),
    ("002_56b0b1f0d4126dc9", "强化政策扶持", {"资金与政策保障", "5G"}, set()),
    # the unit line names 市文旅局; the text is about broadcasting networks
    ("003_ce560822e58bcc91", "加快广播电视融合网络升级", {"5G"}, {"文旅"}),
    ("003_ce560822e58bcc91", "加快建设绿色数据中心", {"数据中心与算力"}, {"5G"}),
    ("003_ce560822e58bcc91", "研究布局智能计算中心", {"数据中心与算力", "人工智能"}, set()),
    ("003_ce560822e58bcc91", "全面筑牢数字安全防线", {"网络与数据安全"}, {"5G"}),
    ("003_ce560822e58bcc91", "实施新型智慧城市工程", {"城市治理与数字政府", "物联网"}, set()),
    ("003_ce560822e58bcc91", "实施数字文旅工程", {"文旅"}, set()),
    ("004_47bded14bcf44dac", "加快建设区块链设施", {"区块链"}, {"5G"}),
    ("004_47bded14bcf44dac", "布局卫星互联网设施", {"卫星互联网", "5G", "物联网"}, set()),
    ("004_47bded14bcf44dac", "推动车联网设施规模部署", {"车联网", "5G"}, set()),
    ("004_47bded14bcf44dac", "推进城域网优化升级", {"IPv6", "5G"}, set()),
    ("004_47bded14bcf44dac", "深化电信设施共建共享", {"共建共享"}, set()),
]


@pytest.mark.parametrize(("doc", "title", "has", "lacks"), REAL_TASKS)
def test_real_tasks(taxonomy: SectorTaxonomy, doc: str, title: str, has: set[str],
                    lacks: set[str]) -> None:
    tags = set(taxonomy.tag(*sample_task(doc, title)))
    assert has <= tags, tags
    assert not lacks & tags, tags


def test_real_tasks_exercise_every_required_sector() -> None:
    covered = set().union(*(has for _, _, has, _ in REAL_TASKS))
    assert set(REQUIRED) - covered == set()


def test_kaifeng_plan_tasks_are_tagged_5g(taxonomy: SectorTaxonomy) -> None:
    titles = ["统筹5G基站规划布局", "加快推进5G网络建设", "突破5G关键技术", "推进“5G+智慧旅游”"]
    for title in titles:
        assert "5G" in taxonomy.tag(*sample_task("002_56b0b1f0d4126dc9", title))


# -- keyword rules -----------------------------------------------------------------------

FIVE_G = [
    ("５Ｇ基站", True),
    ("5G+", True),
    ("5G网络", True),
    ("“5G+工业互联网”", True),
    ("4G/5G协同", True),
    ("5g用户", True),
    ("15G", False),
    ("5GHz频段", False),
    ("50G-PON试点", False),
    ("建设5GC核心网", False),
]


@pytest.mark.parametrize(("text", "tagged"), FIVE_G)
def test_5g_boundaries(taxonomy: SectorTaxonomy, text: str, tagged: bool) -> None:
    assert ("5G" in taxonomy.tag("", text)) is tagged


LATIN_KEYWORDS = [
    ("ＩＰｖ６+规模部署", "IPv6", True),
    ("ipv6流量", "IPv6", True),
    ("打造智慧消防AI运营中心", "人工智能", True),
    ("AIoT终端", "人工智能", False),
    ("AIoT终端", "物联网", True),
    ("C-V2X车路协同", "车联网", True),
]


@pytest.mark.parametrize(("text", "sector", "tagged"), LATIN_KEYWORDS)
def test_latin_keywords(taxonomy: SectorTaxonomy, text: str, sector: str, tagged: bool) -> None:
    assert (sector in taxonomy.tag("", text)) is tagged


def test_title_alone_is_evidence(taxonomy: SectorTaxonomy) -> None:
    assert taxonomy.tag("加快建设区块链设施", "") == ["区块链"]


UNIT_LISTS = [
    "推进工作。(责任单位:市文旅局、市教育局)",
    "推进工作。（市文旅局、教育局，各县(区)人民政府等负责）",
    "推进工作。\n牵头单位:市文旅局;责任单位:市教育局",
]


@pytest.mark.parametrize("text", UNIT_LISTS)
def test_unit_lists_are_not_evidence(taxonomy: SectorTaxonomy, text: str) -> None:
    task = parse_text(f"二、重点任务\n1.{text}\n", "units.txt").tasks[0]
    assert task.units and taxonomy.tag(task.title, task.text, task.list_spans) == []
    assert "文旅" in taxonomy.tag(task.title, task.text)  # the list is what was blanked


def test_an_aside_that_names_no_unit_still_counts(taxonomy: SectorTaxonomy) -> None:
    assert "物联网" in taxonomy.tag("", "推进城市感知(物联网)设施建设")


def test_tags_come_in_taxonomy_order(taxonomy: SectorTaxonomy) -> None:
    tags = taxonomy.tag(*sample_task("004_47bded14bcf44dac", "布局卫星互联网设施"))
    assert len(tags) > 2
    assert tags == [name for name in taxonomy.names if name in tags]


# -- the data file -------------------------------------------------------------------------


def test_names_cover_the_required_sectors_in_file_order(taxonomy: SectorTaxonomy) -> None:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert taxonomy.names == [s["name"] for s in data["sectors"]]
    assert set(REQUIRED) <= set(taxonomy.names)


def test_load_reads_the_file_once() -> None:
    assert SectorTaxonomy.load() is SectorTaxonomy.load(DATA)


def _data() -> dict:
    return copy.deepcopy(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def _twice(data: dict) -> None:
    data["sectors"].append(dict(data["sectors"][0]))


def _no_keywords(data: dict) -> None:
    data["sectors"][0]["keywords"] = []


def _empty_keyword(data: dict) -> None:
    data["sectors"][0]["keywords"].append("")


@pytest.mark.parametrize("damage", [_twice, _no_keywords, _empty_keyword])
def test_malformed_data_is_refused(damage) -> None:
    data = _data()
    damage(data)
    with pytest.raises(TaxonomyError):
        SectorTaxonomy.from_data(data)
