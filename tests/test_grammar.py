"""The assignment grammar and the unit splitter on fragments of the ways plans print them."""

from __future__ import annotations

import pytest

from loaders.errors import NoTasksFound
from loaders.parse import parse_text


def read(item: str, prefix: str = "") -> tuple[list[str], list[str]]:
    """(leads, units) of one item under a task heading."""
    task = parse_text(f"{prefix}二、重点任务\n1.建设网络。{item}\n", "fragment.txt").tasks[0]
    return task.leads, task.units


@pytest.mark.parametrize("item, leads, units", [
    ("（牵头单位：市发改委；协同部门：市财政局）", ["市发改委"], ["市财政局"]),
    ("（牵头考核单位：市工信局，参加单位：市科技局）", ["市工信局"], ["市科技局"]),
    ("（牵头部门：市工信局 责任部门：市商务局）", ["市工信局"], ["市商务局"]),
    ("（协办单位：市财政局、市税务局）", [], ["市财政局", "市税务局"]),
    ("（负责部门：商务部、海关总署；适用范围：自贸试验区）", [], ["商务部", "海关总署"]),
    ("（负责部门：发展改革委、粮食和储备局，适用范围：浙江自贸试验区）", [],
     ["发展改革委", "粮食和储备局"]),
    ("（责任单位：市工信局；完成时限：2024年底）", [], ["市工信局"]),
    ("（责任单位：市工信局，2024年6月底前完成）", [], ["市工信局"]),
    ("（2分）（责任单位：市工信局）", [], ["市工信局"]),
    ("【牵头单位】市工信局【责任单位】市财政局", ["市工信局"], ["市财政局"]),
])
def test_labels_from_the_role_vocabulary(item: str, leads: list[str], units: list[str]) -> None:
    assert read(item) == (leads, units)


@pytest.mark.parametrize("item, leads, units", [
    ("（省发展改革委、省工业和信息化厅牵头，省财政厅、省科技厅配合）",
     ["省发展改革委", "省工业和信息化厅"], ["省财政厅", "省科技厅"]),
    ("（省大数据局牵头，省公安厅配合，各市政府分工负责）",
     ["省大数据局"], ["省公安厅", "各市政府"]),
    ("（省科技厅、省财政厅分工负责，省教育厅配合）", [], ["省科技厅", "省财政厅", "省教育厅"]),
    ("（省委网信办牵头，各有关部门分头落实）", ["省委网信办"], ["各有关部门"]),
    ("（省政府有关部门按职责分工负责）", [], ["省政府有关部门"]),
    ("（生态环境部指导，试点城市政府负责落实）", [], ["生态环境部", "试点城市政府"]),
    ("（商务部指导，供销合作总社参与）", [], ["商务部", "供销合作总社"]),
    ("（人力资源社会保障部、财政部，各省级人民政府按职责分工负责）", [],
     ["人力资源社会保障部", "财政部", "各省级人民政府"]),
    ("（人力资源社会保障部等有关部门和单位负责）", [], ["人力资源社会保障部"]),
    ("（海关总署会同有关部门负责）", [], ["海关总署"]),
    ("（市工信局牵头负责）", ["市工信局"], []),
    ("（市工信局牵头、市发改委配合）", ["市工信局"], ["市发改委"]),
    ("（省大数据局牵头，各市政府落实）", ["省大数据局"], ["各市政府"]),
    ("（市科技局、市财政局等负责）", [], ["市科技局", "市财政局"]),
])
def test_clauses_ending_in_role_verbs(item: str, leads: list[str], units: list[str]) -> None:
    assert read(item) == (leads, units)


def test_several_brackets_are_united_and_a_lead_anywhere_is_a_lead() -> None:
    item = ("建设基站（省通信管理局负责）。建设平台（省工信厅牵头，省通信管理局配合）。"
            "推进应用（牵头单位：省国资委）。")
    assert read(item) == (["省工信厅", "省国资委"], ["省通信管理局"])


def test_brackets_that_assign_nothing_are_ignored() -> None:
    item = ("建设园区（以下简称“园区”），培育产品（产品），执行标准（GB/T 36073-2018，简称DCMM），"
            "省、市、县三级统一（省、市、县三级相统一），企业申报（由企业直接向市工信局申报）。"
            "（责任单位：市工信局）")
    assert read(item) == ([], ["市工信局"])


def test_qian_tou_in_prose_is_not_a_lead() -> None:
    item = "支持企业牵头承担重大项目，鼓励龙头企业牵头制定标准。（责任单位：市科技局）"
    assert read(item) == ([], ["市科技局"])


def test_prose_assignment_closing_the_item() -> None:
    assert read("推进应用，由市工信局牵头，市发改委、市科技局配合。") == (
        ["市工信局"], ["市发改委", "市科技局"])
    text = ("二、重点任务\n1.建设网络。由市工信局牵头落实各项工作。\n"
            "2.建设平台。内容。（责任单位：市科技局）\n")
    assert parse_text(text, "prose.txt").tasks[0].mentions == []


@pytest.mark.parametrize("rule", [
    "排在第一位的部门为牵头部门，下同", "列第一位者为牵头单位，下同", "排在第一位的为牵头单位",
    "第一个单位为牵头单位",
])
def test_printed_first_listed_rule_in_other_words(rule: str) -> None:
    text = (f"二、重点任务\n1.建设网络。内容。（海关总署、商务部等负责。{rule}）\n"
            "2.建设平台。内容。（财政部负责）\n3.建设中心。内容。（商务部、财政部牵头负责）\n")
    tasks = parse_text(text, "rule.txt").tasks
    assert [(t.leads, t.units) for t in tasks] == [
        (["海关总署"], ["商务部"]), (["财政部"], []), (["商务部", "财政部"], [])]


def test_labelled_line_under_the_item_with_a_partner_label() -> None:
    text = "二、重点任务\n1.建设网络。内容。\n牵头单位：市通管办；协同部门：市财政局\n"
    task = parse_text(text, "lines.txt").tasks[0]
    assert (task.leads, task.units) == (["市通管办"], ["市财政局"])


def test_standing_rule_gives_implied_units_to_later_items() -> None:
    text = ("二、重点任务\n1.建设网络。内容。（生态环境部指导，试点城市政府负责落实。"
            "以下均需试点城市政府落实，不再列出）\n2.建设平台。内容。（商务部指导）\n")
    first, second = parse_text(text, "standing.txt").tasks
    assert (first.units, first.implied) == (["生态环境部", "试点城市政府"], [])
    assert (second.units, second.implied) == (["商务部"], ["试点城市政府"])


@pytest.mark.parametrize("units_printed, units", [
    ("各区、县级市", ["各区、县级市"]),
    ("各区、市政府", ["各区、市政府"]),
    ("各县（市、区）人民政府", ["各县（市、区）人民政府"]),
    ("各有关区、县级市", ["各有关区、县级市"]),
    ("各有关部门、各市政府", ["各有关部门", "各市政府"]),
    ("市文化和旅游局、市自然资源和规划局", ["市文化和旅游局", "市自然资源和规划局"]),
    ("省海洋局、省工业和信息化厅等", ["省海洋局", "省工业和信息化厅"]),
    ("市工信局等部门", ["市工信局"]),
    ("市工信局、市科技局及相关行业主管部门", ["市工信局", "市科技局", "相关行业主管部门"]),
    ("应急部、国家卫生健康委等相关部门及各地区", ["应急部", "国家卫生健康委", "各地区"]),
    ("市委宣传部、市财政局和发改委", ["市委宣传部", "市财政局", "市发改委"]),
    ("市住房和城乡建设局、各市党委和政府", ["市住房和城乡建设局", "各市党委和政府"]),
    ("中央和国家机关工委、教育部", ["中央和国家机关工委", "教育部"]),
    ("市工信局、发改委、财政局", ["市工信局", "市发改委", "市财政局"]),
    ("市委组织部、团市委、越秀区", ["市委组织部", "团市委", "越秀区"]),
    ("市工信局、崂山实验室、中国科学院海洋研究所",
     ["市工信局", "崂山实验室", "中国科学院海洋研究所"]),
    ("市开发区、徐圩新区、高新区管委会", ["市开发区管委会", "徐圩新区管委会", "高新区管委会"]),
    ("济南、青岛、烟台市政府", ["济南市政府", "青岛市政府", "烟台市政府"]),
])
def test_unit_lists_as_plans_write_them(units_printed: str, units: list[str]) -> None:
    assert read(f"（责任单位：{units_printed}）") == ([], units)


def test_etc_and_a_collective_after_it() -> None:
    assert read("（市工信局、市发改委等和各区人民政府负责）") == (
        [], ["市工信局", "市发改委", "各区人民政府"])


def test_a_name_containing_qian_tou_dan_wei_is_a_unit() -> None:
    assert read("（某工作专班牵头单位按职责分工负责）") == ([], ["某工作专班牵头单位"])


def test_a_plan_with_no_assignment_anywhere_is_refused_with_its_reason() -> None:
    text = "二、重点任务\n1.建设网络。由市工信局牵头落实。\n2.发展应用。各部门要积极配合。\n"
    with pytest.raises(NoTasksFound, match="no unit list"):
        parse_text(text, "none.txt")


def test_every_mention_traces_back_to_its_printed_list() -> None:
    text = "二、重点任务\n1.建设网络。内容（省工信厅牵头，省财政厅、省科技厅配合）。\n"
    task = parse_text(text, "spans.txt").tasks[0]
    for m in task.mentions:
        assert m.printed in text[m.start:m.end]
        assert m.printed in m.sentence
