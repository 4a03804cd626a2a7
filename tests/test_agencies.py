"""The agency lexicon on every unit the five gold plans name, and the resolving rules case by case.

Expectations come from what the names mean (市工信局 is a department, 各县区人民政府 a collective),
never from hard-coded ids: ids are only compared with each other.
"""

from __future__ import annotations

import copy
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from graph.model import KINDS, AgencyRef
from loaders.agencies import DATA, AgencyLexicon, LexiconError, printed_form

GOLD = Path(__file__).with_name("gold")
AGENCY_ID = re.compile(r"^ag-[0-9a-f]{12}$")


def gold_mentions() -> list[tuple[str, str]]:
    """(city, mention) for every lead, unit and implied unit of the gold plans."""
    found: set[tuple[str, str]] = set()
    for path in sorted(GOLD.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for task in doc["tasks"]:
            for role in ("leads", "units", "implied"):
                found.update((doc["city"], mention) for mention in task[role])
    return sorted(found)


MENTIONS = gold_mentions()


@pytest.fixture(scope="module")
def lexicon() -> AgencyLexicon:
    return AgencyLexicon.load()


def resolve(lexicon: AgencyLexicon, city: str, mention: str) -> AgencyRef:
    return lexicon.resolve(mention, city)


# -- the gold plans ----------------------------------------------------------------------


def test_gold_files_are_the_five_plans() -> None:
    cities = {city for city, _ in MENTIONS}
    assert cities == {"常州市", "连云港市", "开封市", "漳州市", "深圳市"}
    assert len(MENTIONS) > 150


def test_every_gold_mention_resolves_to_a_wellformed_agency(lexicon: AgencyLexicon) -> None:
    problems = []
    for city, mention in MENTIONS:
        ref = lexicon.resolve(mention, city)
        if not (AGENCY_ID.match(ref.id) and ref.city == city and ref.kind in KINDS and ref.name):
            problems.append((city, mention, ref))
        if ref.known != bool(ref.type):
            problems.append((city, mention, ref))
    assert problems == []


def test_every_gold_mention_is_known(lexicon: AgencyLexicon) -> None:
    unknown = [(c, m) for c, m in MENTIONS if not lexicon.resolve(m, c).known]
    known = len(MENTIONS) - len(unknown)
    print(f"agency lexicon: {known}/{len(MENTIONS)} distinct gold mentions known")
    assert unknown == [], f"{known}/{len(MENTIONS)} known; not in the lexicon: {unknown}"


def test_different_cities_never_share_an_agency(lexicon: AgencyLexicon) -> None:
    ids: dict[str, set[str]] = defaultdict(set)
    for city, mention in MENTIONS:
        ids[city].add(lexicon.resolve(mention, city).id)
    cities = sorted(ids)
    for i, a in enumerate(cities):
        for b in cities[i + 1:]:
            assert ids[a].isdisjoint(ids[b]), (a, b)


# -- the real plans (tests/realdocs): State Council, 山东省, 济南, 青岛, 广州 ----------------------

REALDOCS = Path(__file__).with_name("realdocs") / "gold"


def realdocs_mentions(pattern: str) -> list[tuple[str, str]]:
    """(jurisdiction, mention) for every lead, unit and implied unit of the real plans whose
    gold file matches `pattern`, read in the jurisdiction `pipeline.enrich` passes: the city,
    else the province, else 国务院."""
    found: set[tuple[str, str]] = set()
    for path in sorted(REALDOCS.glob(pattern)):
        doc = json.loads(path.read_text(encoding="utf-8"))
        where = doc["city"] or doc["province"] or "国务院"
        for task in doc["tasks"]:
            for role in ("leads", "units", "implied"):
                found.update((where, mention) for mention in task[role])
    return sorted(found)


NATIONAL = realdocs_mentions("gw*.json")


def test_national_gold_files_are_state_council_plans() -> None:
    assert {where for where, _ in NATIONAL} == {"国务院"}
    assert len(NATIONAL) > 60


def test_every_unit_of_the_national_plans_is_known(lexicon: AgencyLexicon) -> None:
    """The central bodies State Council plans name: 证监会, 中科院, 应急部, 标准委 …"""
    unknown = [m for where, m in NATIONAL if not lexicon.resolve(m, where).known]
    assert unknown == [], f"not in the lexicon: {unknown}"


def test_national_plan_units_are_national_bodies(lexicon: AgencyLexicon) -> None:
    """Read at national level, no unit of a national plan displays a local prefix."""
    local = [(m, ref.name) for where, m in NATIONAL
             if (ref := lexicon.resolve(m, where)).name.startswith(("市", "省", "区", "县"))]
    assert local == []


# Local real plans: what the lexicon leaves unknown, and why. A name here is either a body
# named by another place than the plan's (莱芜, merged into 济南 in 2019; 山东省 printed
# inside the name), a body whose functions went to two successors (经贸委, 国土房管局),
# a one-off office (留交办), a bare district (越秀区) or a list that is not a body.
LOCAL_LEFT_UNKNOWN = {
    ("广州市", "各项目牵头单位"),
    ("广州市", "市国土房管局"),
    ("广州市", "市留交办"),
    ("广州市", "市经贸委"),
    ("广州市", "越秀区"),
    ("济南市", "人民银行山东省分行营管部"),
    ("济南市", "人民银行莱芜市中心支行"),
    ("济南市", "国家金融监督管理总局莱芜监管分局"),
    ("济南市", "莱芜银保监分局"),
}


def test_local_real_plan_units_are_known_but_the_listed_ones(lexicon: AgencyLexicon) -> None:
    mentions = realdocs_mentions("[!g]*.json") + realdocs_mentions("gz*.json")
    unknown = {(where, m) for where, m in mentions if not lexicon.resolve(m, where).known}
    assert unknown == LOCAL_LEFT_UNKNOWN


def test_real_plan_jurisdictions_never_share_an_agency(lexicon: AgencyLexicon) -> None:
    ids: dict[str, set[str]] = defaultdict(set)
    for where, mention in realdocs_mentions("*.json"):
        ids[where].add(lexicon.resolve(mention, where).id)
    places = sorted(ids)
    for i, a in enumerate(places):
        for b in places[i + 1:]:
            assert ids[a].isdisjoint(ids[b]), (a, b)


# -- one body, many printings --------------------------------------------------------------

SAME_AGENCY = [
    ("常州市", "市工信局", "市工业和信息化局"),
    ("常州市", "常州通管办", "市通管办"),
    ("常州市", "常州市工信局", "市工信局"),
    ("常州市", "工信局", "市工信局"),
    ("常州市", "市场监管局", "市市场监管局"),
    ("常州市", "常州市市场监督管理局", "市市场监管局"),
    ("常州市", "市委网信办", "市网信办"),
    ("常州市", "各辖市、区人民政府", "各县区人民政府"),
    ("连云港市", "各县区人民政府", "各县区政府"),
    ("连云港市", "各县区人民政府", "各县(区)人民政府"),
    ("连云港市", "连云港通管办", "市通管办"),
    ("连云港市", "市人才办", "市委人才办"),
    ("连云港市", "市交通局", "市交通运输局"),
    ("连云港市", "市文广旅局", "市文化广电和旅游局"),
    ("开封市", "市文化广电和旅游局", "市文化广电旅游局"),
    ("开封市", "市发展改革委员会", "市发改委"),
    ("漳州市", "市发改委(大数据局)", "市发改委"),
    ("漳州市", "市发改委(大数据局、审改办)", "市发展和改革委员会"),
    ("漳州市", "市应急局(安办)", "市应急管理局"),
    ("漳州市", "市消防救援支队(消安办)", "市消防救援支队"),
    ("漳州市", "各县(区)人民政府", "各县区人民政府"),
    ("漳州市", "市直有关单位", "市直各有关单位"),
    ("漳州市", "中国电信漳州分公司", "市电信公司"),
    ("漳州市", "国网漳州供电公司", "市供电公司"),
    ("深圳市", "深圳市通信管理局", "市通信管理局"),
    ("深圳市", "深圳供电局", "市供电局"),
    ("深圳市", "各区政府", "各区人民政府"),
    ("深圳市", "福田区政府", "福田区人民政府"),
    ("江苏省", "省发展改革委", "发展改革委"),
    ("江苏省", "省工信厅", "工业和信息化厅"),
    ("国务院", "发展改革委", "国家发展改革委"),
    ("国务院", "工信部", "工业和信息化部"),
    ("芗城区", "区发改局", "发改委"),
    # central bodies: short and long forms, old names
    ("国务院", "中国证监会", "证监会"),
    ("国务院", "中国证券监督管理委员会", "证监会"),
    ("国务院", "中科院", "中国科学院"),
    ("国务院", "国家发改委", "国家发展改革委"),
    ("国务院", "国家发展和改革委员会", "发展改革委"),
    ("国务院", "国家卫健委", "卫生健康委"),
    ("国务院", "国家卫生健康委", "国家卫生和计划生育委员会"),
    ("国务院", "市场监管总局", "国家市场监督管理总局"),
    ("国务院", "应急部", "应急管理部"),
    ("国务院", "税务总局", "国家税务总局"),
    ("国务院", "国管局", "国家机关事务管理局"),
    ("国务院", "银保监会", "金融监管总局"),
    ("国务院", "中国银保监会", "国家金融监督管理总局"),
    ("国务院", "人民银行", "中国人民银行"),
    ("国务院", "粮食和储备局", "国家粮食和物资储备局"),
    ("国务院", "邮政局", "国家邮政局"),
    ("国务院", "铁路局", "国家铁路局"),
    ("国务院", "药监局", "国家药品监督管理局"),
    ("国务院", "中医药局", "国家中医药管理局"),
    ("国务院", "外汇局", "国家外汇管理局"),
    ("国务院", "文物局", "国家文物局"),
    ("国务院", "版权局", "国家版权局"),
    ("国务院", "标准委", "国家标准化管理委员会"),
    ("国务院", "空管委办公室", "国家空管委办公室"),
    ("国务院", "北京冬奥组委", "北京2022年冬奥会和冬残奥会组织委员会"),
    ("国务院", "中国铁路总公司", "中国国家铁路集团有限公司"),
    ("国务院", "供销合作总社", "中华全国供销合作总社"),
    ("国务院", "中宣部", "中共中央宣传部"),
    ("国务院", "中央网信办", "国家网信办"),
    ("国务院", "中央统战部", "中央统一战线工作部"),
    ("国务院", "全国总工会", "中华全国总工会"),
    ("国务院", "共青团中央", "团中央"),
    ("国务院", "全国妇联", "中华全国妇女联合会"),
    ("国务院", "全国工商联", "中华全国工商业联合会"),
    ("国务院", "中国科协", "中国科学技术协会"),
    ("国务院", "国台办", "中央台办"),
    ("国务院", "国家保密局", "中央保密办"),
    ("国务院", "国家林草局", "林草局"),
    ("国务院", "国务院各有关部门", "国务院有关部门"),
    # local bodies of the real plans
    ("山东省", "省委金融办", "中共山东省委金融委员会办公室"),
    ("山东省", "省保密局", "省委保密办"),
    ("山东省", "省退役军人厅", "省退役军人事务厅"),
    ("山东省", "省畜牧局", "省畜牧兽医局"),
    ("山东省", "省政府有关部门", "各有关部门"),
    ("山东省", "山东证监局", "中国证监会山东监管局"),
    ("济南市", "市口岸物流办", "济南市口岸和物流办公室"),
    ("济南市", "人民银行济南分行营管部", "人行市中心支行"),
    ("济南市", "市民营经济局", "市民营经济发展局"),
    ("青岛市", "市委军民融合办", "市军民融合办"),
    ("青岛市", "市水务管理局", "市水务局"),
    ("青岛市", "市贸促会", "市国际贸易促进委员会"),
    ("青岛市", "青岛西海岸新区管委", "西海岸新区管委会"),
    ("青岛市", "各区市", "各区(市)"),
    ("青岛市", "中国科学院海洋研究所", "中科院海洋研究所"),
    ("广州市", "各区、县级市", "各区县人民政府"),
    ("广州市", "市法制办", "市政府法制办公室"),
]


@pytest.mark.parametrize(("city", "a", "b"), SAME_AGENCY)
def test_printings_of_one_body_are_one_agency(lexicon: AgencyLexicon, city: str, a: str,
                                              b: str) -> None:
    ref_a, ref_b = resolve(lexicon, city, a), resolve(lexicon, city, b)
    assert ref_a.known and ref_b.known
    assert ref_a == ref_b


DIFFERENT_AGENCY = [
    ("常州市", "市工信局", "省工信厅"),  # a provincial body named in a city plan
    ("常州市", "市工信局", "工业和信息化部"),
    ("常州市", "市委网信办", "市委宣传部"),
    ("漳州市", "开发区(投资区)管委会", "漳州开发区管委会"),  # all zones vs one zone
    ("漳州市", "芗城区人民政府", "龙文区人民政府"),
    ("漳州市", "各县(区)人民政府", "沿海各县(区)人民政府"),
    ("漳州市", "市发改委(大数据局)", "市大数据局"),
    ("深圳市", "新区管委会", "深汕特别合作区管委会"),
    ("连云港市", "徐圩新区管委会", "高新区管委会"),
    ("连云港市", "中国电信连云港分公司", "中国移动连云港分公司"),
    ("青岛市", "证监会", "青岛证监局"),  # the national body vs its local office
    ("青岛市", "国家外汇管理局", "市外汇局"),
    ("广州市", "市司法局", "市法制办"),  # printed side by side before the 2018 merger
    ("广州市", "市住房保障办", "市房管局"),
    ("国务院", "中国科学院", "中国工程院"),
    ("国务院", "国家铁路局", "中国铁路总公司"),  # regulator vs railway company
    ("国务院", "中央外办", "外交部"),
    ("国务院", "证监会", "银保监会"),
    ("国务院", "文物局", "文化和旅游部"),
]


@pytest.mark.parametrize(("city", "a", "b"), DIFFERENT_AGENCY)
def test_different_bodies_are_different_agencies(lexicon: AgencyLexicon, city: str, a: str,
                                                 b: str) -> None:
    assert resolve(lexicon, city, a).id != resolve(lexicon, city, b).id


# -- kinds, from what the names mean -------------------------------------------------------

KIND_OF = [
    ("常州市", "市工信局", "department"),
    ("常州市", "市通管办", "department"),
    ("深圳市", "深圳市通信管理局", "department"),
    ("漳州市", "市发改委(大数据局)", "department"),
    ("漳州市", "市消防救援支队(消安办)", "department"),
    ("漳州市", "漳州海事局", "department"),
    ("漳州市", "国家金融监督管理总局漳州监管分局", "department"),
    ("连云港市", "人行市中心支行", "department"),
    ("连云港市", "市税务局", "department"),
    ("常州市", "市委网信办", "party"),
    ("漳州市", "市委宣传部", "party"),
    ("开封市", "市委政法委", "party"),
    ("漳州市", "市委人才办", "party"),
    ("连云港市", "市人才办", "party"),
    ("连云港市", "各县区人民政府", "collective"),
    ("常州市", "各辖市、区人民政府", "collective"),
    ("漳州市", "市直有关单位", "collective"),
    ("开封市", "各基础电信运营公司", "collective"),
    ("常州市", "电信运营企业", "collective"),
    ("常州市", "市各有关部门和单位", "collective"),
    ("连云港市", "功能板块管委会", "collective"),
    ("漳州市", "开发区(投资区)管委会", "collective"),
    ("常州市", "常州经开区管委会", "zone"),
    ("连云港市", "徐圩新区管委会", "zone"),
    ("连云港市", "高新区管委会", "zone"),
    ("连云港市", "云台山景区管委会", "zone"),
    ("深圳市", "深汕特别合作区管委会", "zone"),
    ("深圳市", "前海管理局", "zone"),
    ("漳州市", "漳州台商投资区管委会", "zone"),
    ("连云港市", "中国电信连云港分公司", "enterprise"),
    ("连云港市", "江苏有线连云港分公司", "enterprise"),
    ("开封市", "市铁塔公司", "enterprise"),
    ("漳州市", "信产集团", "enterprise"),
    ("漳州市", "国网漳州供电公司", "enterprise"),
    ("漳州市", "省大数据集团漳州公司", "enterprise"),
    ("深圳市", "深圳供电局", "enterprise"),
    ("深圳市", "深圳水务集团", "enterprise"),
    ("开封市", "市农科院", "institution"),
    ("开封市", "市广播电视台", "institution"),
    ("常州市", "市大数据管理中心", "institution"),
    ("连云港市", "江苏海洋大学", "institution"),
    ("深圳市", "市残联", "other"),
    ("漳州市", "市科协", "other"),
    ("国务院", "证监会", "department"),
    ("国务院", "空管委办公室", "department"),
    ("国务院", "中科院", "institution"),
    ("国务院", "供销合作总社", "other"),
    ("国务院", "北京冬奥组委", "other"),
    ("国务院", "中国铁路总公司", "enterprise"),
    ("国务院", "试点城市政府", "collective"),
    ("国务院", "中央宣传部", "party"),
    ("山东省", "省委金融办", "party"),
    ("山东省", "省保密局", "party"),
    ("山东省", "各市工业和信息化局", "collective"),
    ("青岛市", "崂山实验室", "institution"),
    ("青岛市", "中国科学院海洋研究所", "institution"),
    ("青岛市", "青岛西海岸新区管委", "zone"),
]


@pytest.mark.parametrize(("city", "mention", "kind"), KIND_OF)
def test_kind_follows_meaning(lexicon: AgencyLexicon, city: str, mention: str, kind: str) -> None:
    ref = resolve(lexicon, city, mention)
    assert (ref.kind, ref.known) == (kind, True)


# -- across cities -------------------------------------------------------------------------

SAME_TYPE = [
    (("开封市", "市工业和信息化局"), ("常州市", "市工信局")),
    (("国务院", "工业和信息化部"), ("常州市", "市工信局")),
    (("深圳市", "深圳市通信管理局"), ("常州市", "市通管办")),
    (("漳州市", "市发改委(大数据局)"), ("深圳市", "市发展改革委")),
    (("开封市", "市政务服务和大数据管理局"), ("深圳市", "市政务服务数据管理局")),
    (("连云港市", "各县区人民政府"), ("深圳市", "各区政府")),
    (("连云港市", "功能板块管委会"), ("漳州市", "开发区(投资区)管委会")),
    (("开封市", "市供电公司"), ("深圳市", "深圳供电局")),
    (("漳州市", "市文旅局"), ("开封市", "市文化广电和旅游局")),
    (("国务院", "证监会"), ("山东省", "山东证监局")),
    (("国务院", "应急部"), ("常州市", "市应急局")),
    (("国务院", "海洋局"), ("青岛市", "市海洋发展局")),
    (("国务院", "供销合作总社"), ("山东省", "省供销社")),
    (("山东省", "省委金融办"), ("济南市", "市地方金融监管局")),  # the office that took it over
    (("广州市", "市法制办"), ("青岛市", "市司法局")),
]


@pytest.mark.parametrize(("a", "b"), SAME_TYPE)
def test_one_type_across_cities_with_distinct_ids(lexicon: AgencyLexicon, a: tuple[str, str],
                                                  b: tuple[str, str]) -> None:
    ref_a, ref_b = resolve(lexicon, *a), resolve(lexicon, *b)
    assert ref_a.type and ref_a.type == ref_b.type
    assert ref_a.id != ref_b.id


# -- display names -------------------------------------------------------------------------

DISPLAY = [
    ("常州市", "市工信局", "市工业和信息化局"),
    ("常州市", "常州通管办", "市通信管理办公室"),
    ("漳州市", "市发改委(大数据局)", "市发展和改革委员会"),
    ("漳州市", "市委人才办", "市委人才工作领导小组办公室"),
    ("连云港市", "中国电信连云港分公司", "中国电信连云港分公司"),
    ("开封市", "市铁塔公司", "中国铁塔开封分公司"),
    ("漳州市", "国网漳州供电公司", "漳州供电公司"),
    ("常州市", "常州经开区管委会", "常州开发区管理委员会"),
    ("连云港市", "徐圩新区管委会", "徐圩新区管理委员会"),
    ("漳州市", "芗城区人民政府", "芗城区人民政府"),
    ("深圳市", "福田区政府", "福田区人民政府"),
    ("连云港市", "人行市中心支行", "中国人民银行连云港市中心支行"),
    ("江苏省", "省发展改革委", "省发展和改革委员会"),
    ("国务院", "发展改革委", "国家发展和改革委员会"),
    ("国务院", "工业和信息化部", "工业和信息化部"),
    ("常州市", "省工信厅", "省工业和信息化厅"),
    ("芗城区", "区发改局", "区发展和改革局"),
    ("东海县", "县工信局", "县工业和信息化局"),
    ("延边朝鲜族自治州", "州发改委", "州发展和改革委员会"),
    ("国务院", "证监会", "中国证券监督管理委员会"),
    ("国务院", "中科院", "中国科学院"),
    ("国务院", "应急部", "应急管理部"),
    ("国务院", "海洋局", "国家海洋局"),
    ("国务院", "外汇局", "国家外汇管理局"),
    ("国务院", "空管委办公室", "国家空中交通管制委员会办公室"),
    ("国务院", "供销合作总社", "中华全国供销合作总社"),
    ("国务院", "国台办", "中共中央台湾工作办公室"),
    ("青岛市", "青岛证监局", "中国证券监督管理委员会青岛监管局"),
    ("青岛市", "证监会", "中国证券监督管理委员会"),
    ("青岛市", "中科院", "中国科学院"),
    ("山东省", "省保密局", "省委保密委员会办公室"),
    ("山东省", "国家外汇管理局山东省分局", "国家外汇管理局山东省分局"),
    ("济南市", "人民银行济南分行营管部", "中国人民银行济南市中心支行"),
    ("青岛市", "青岛西海岸新区管委", "西海岸新区管理委员会"),
]


@pytest.mark.parametrize(("city", "mention", "name"), DISPLAY)
def test_display_name(lexicon: AgencyLexicon, city: str, mention: str, name: str) -> None:
    assert resolve(lexicon, city, mention).name == name


# -- how a mention is read -----------------------------------------------------------------

PRINTINGS = [
    "市发改委（大数据局）",  # full-width brackets
    "市发改委【大数据局】",
    "市 发改委",  # a stray space
    "市发改委\u3000",
    "常州市发展和改革委员会",
]


@pytest.mark.parametrize("printed", PRINTINGS)
def test_printing_noise_is_ignored(lexicon: AgencyLexicon, printed: str) -> None:
    assert resolve(lexicon, "常州市", printed) == resolve(lexicon, "常州市", "市发改委")


LEVEL_PREFIXES = [
    ("江苏省", "省工信厅", "工信厅"),
    ("芗城区", "区工信局", "工信局"),
    ("东海县", "县工信局", "工信局"),
    ("常州市", "市工信局", "工信局"),
]


@pytest.mark.parametrize(("city", "prefixed", "bare"), LEVEL_PREFIXES)
def test_own_level_prefix_is_stripped(lexicon: AgencyLexicon, city: str, prefixed: str,
                                      bare: str) -> None:
    assert resolve(lexicon, city, prefixed) == resolve(lexicon, city, bare)


def test_market_and_direct_units_keep_their_shi(lexicon: AgencyLexicon) -> None:
    market = resolve(lexicon, "常州市", "市场监管局")
    direct = resolve(lexicon, "常州市", "市直有关单位")
    assert (market.type, market.kind) == ("市场监管部门", "department")
    assert direct.kind == "collective"


def test_unknown_jurisdiction_still_resolves(lexicon: AgencyLexicon) -> None:
    ref = lexicon.resolve("市工信局", None)
    assert ref.known and ref.city == "" and ref.type == "工业和信息化主管部门"


UNKNOWN = [
    ("市量子信息局", "department"),
    ("常州星河电子有限公司", "enterprise"),
    ("市低空经济发展中心", "institution"),
    ("临港新片区管委会", "zone"),
    ("各乡镇农机站", "collective"),
    ("市委巡察办", "party"),
    ("南京大学", "institution"),
    ("市数字经济学会", "other"),
]


@pytest.mark.parametrize(("mention", "kind"), UNKNOWN)
def test_unknown_mentions_take_kind_from_their_form(lexicon: AgencyLexicon, mention: str,
                                                    kind: str) -> None:
    ref = resolve(lexicon, "常州市", mention)
    assert (ref.known, ref.type, ref.kind) == (False, "", kind)
    assert ref.name == printed_form(mention)
    assert AGENCY_ID.match(ref.id)


def test_unknown_mention_with_or_without_city_name_is_one_agency(
        lexicon: AgencyLexicon) -> None:
    a = resolve(lexicon, "常州市", "常州市量子信息局")
    b = resolve(lexicon, "常州市", "市量子信息局")
    assert a.id == b.id and not a.known


# -- common bodies of any city -------------------------------------------------------------

COMMON = [
    "市发改委", "市工信局", "市经信局", "市科技局", "市教育局", "市公安局", "市民政局",
    "市财政局", "市人社局", "市自然资源局", "市生态环境局", "市住建局", "市交通运输局",
    "市水利局", "市农业农村局", "市商务局", "市文旅局", "市卫健委", "市应急局", "市审计局",
    "市国资委", "市市场监管局", "市广电局", "市体育局", "市统计局", "市医保局",
    "市政务服务管理局", "市大数据局", "市城管局", "市通管办", "市无线电管理局", "市邮政管理局",
    "市税务局", "市地方金融监管局", "市人民银行", "市海事局", "市气象局", "市消防救援支队",
    "市机关事务管理局", "市委网信办", "市委宣传部", "市委组织部", "市委政法委", "市人才办",
    "市密码管理局", "市科协", "市残联", "团市委", "市妇联", "市供电公司", "市电信公司",
    "市移动公司", "市联通公司", "市铁塔公司", "市广电网络公司",
]


@pytest.mark.parametrize("mention", COMMON)
def test_common_bodies_are_in_the_lexicon(lexicon: AgencyLexicon, mention: str) -> None:
    ref = resolve(lexicon, "常州市", mention)
    assert ref.known and ref.kind != "collective", ref


# -- the data file -------------------------------------------------------------------------


def test_load_reads_the_file_once() -> None:
    assert AgencyLexicon.load() is AgencyLexicon.load(DATA)


def test_ids_do_not_depend_on_the_loaded_instance(lexicon: AgencyLexicon) -> None:
    fresh = AgencyLexicon.from_data(yaml.safe_load(DATA.read_text(encoding="utf-8")))
    assert fresh is not lexicon
    for city, mention in MENTIONS[:40]:
        assert fresh.resolve(mention, city) == lexicon.resolve(mention, city)


def _data() -> dict:
    return copy.deepcopy(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def _break_alias_clash(data: dict) -> None:
    data["lexicon"]["department"][0]["aliases"].append("工信局")


def _break_kind(data: dict) -> None:
    data["lexicon"]["agency"] = data["lexicon"].pop("other")


def _break_slot(data: dict) -> None:
    data["lexicon"]["zone"][0]["aliases"].append("{nowhere}管委会")


def _break_type(data: dict) -> None:
    del data["lexicon"]["party"][0]["type"]


@pytest.mark.parametrize("damage", [_break_alias_clash, _break_kind, _break_slot, _break_type])
def test_malformed_data_is_refused(damage) -> None:
    data = _data()
    damage(data)
    with pytest.raises(LexiconError):
        AgencyLexicon.from_data(data)


def test_a_provincial_groups_city_unit_is_not_the_group() -> None:
    lexicon = AgencyLexicon.load()
    unit = lexicon.resolve("省大数据集团漳州公司", "漳州市")
    group = lexicon.resolve("省大数据集团", "漳州市")
    assert unit.id != group.id and unit.name == "省大数据集团漳州公司"
    assert unit.type == group.type and unit.known
