"""The ways real plans print assignments, each on a realistic plan fragment."""

from __future__ import annotations

import pytest

from loaders.errors import NoTasksFound
from loaders.parse import parse_text

PROVINCIAL = """江苏省人民政府办公厅关于印发江苏省5G网络建设行动方案的通知
苏政办发〔2021〕3号
各设区市人民政府，省各委办厅局，省各直属单位：
　　《江苏省5G网络建设行动方案》已经省人民政府同意，现印发给你们，请认真贯彻执行。
江苏省人民政府办公厅
2021年1月5日
江苏省5G网络建设行动方案
一、总体要求
（一）指导思想。坚持以人民为中心的发展思想。
（二）主要目标。到2023年，建成5G基站10万个。
二、重点任务
（一）加快网络建设
1．推进5G基站建设。加快站址规划落地。（牵头单位：省通信管理局，配合单位：省工业和信息化厅、住房城乡建设厅，各设区市人民政府）
2．推动共建共享。统筹杆塔资源。（牵头部门：省工业和信息化厅；责任部门：省通信管理局、省发展改革委）
3．深化融合应用。推进5G在工业领域应用，由省工业和信息化厅牵头，省发展改革委、省科技厅配合。
4．加强人才支撑。引进一批高端人才。
责任单位：省委组织部、省科技厅。
5．鼓励企业创新。鼓励龙头企业牵头，联合高校开展攻关。
三、保障措施
（一）加强组织领导。建立协调机制。（省工业和信息化厅牵头，各设区市人民政府按职责分工负责）
（二）强化资金保障。统筹专项资金支持5G建设。
"""


@pytest.fixture(scope="module")
def provincial():
    return parse_text(PROVINCIAL, "jiangsu.txt")


def test_jurisdiction_and_notice_fields(provincial) -> None:
    assert provincial.level == "province"
    assert provincial.province == "江苏省"
    assert provincial.city is None
    assert provincial.title == "江苏省5G网络建设行动方案"
    assert provincial.issuer == "江苏省人民政府办公厅"
    assert provincial.doc_number == "苏政办发〔2021〕3号"
    assert provincial.issued == "2021-01-05"


def test_goal_sections_are_not_tasks(provincial) -> None:
    titles = [t.title for t in provincial.tasks]
    assert titles == ["推进5G基站建设", "推动共建共享", "深化融合应用", "加强人才支撑",
                      "鼓励企业创新", "加强组织领导", "强化资金保障"]


def test_full_width_lead_and_partner_labels(provincial) -> None:
    first = provincial.tasks[0]
    assert first.leads == ["省通信管理局"]
    assert first.units == ["省工业和信息化厅", "省住房城乡建设厅", "各设区市人民政府"]


def test_lead_and_responsible_departments_with_semicolon(provincial) -> None:
    second = provincial.tasks[1]
    assert second.leads == ["省工业和信息化厅"]
    assert second.units == ["省通信管理局", "省发展改革委"]


def test_prose_lead_and_partners(provincial) -> None:
    third = provincial.tasks[2]
    assert third.leads == ["省工业和信息化厅"]
    assert third.units == ["省发展改革委", "省科技厅"]


def test_unit_line_after_the_item(provincial) -> None:
    fourth = provincial.tasks[3]
    assert fourth.leads == []
    assert fourth.units == ["省委组织部", "省科技厅"]
    assert fourth.inferred_lead.text == "省委组织部"


def test_action_phrases_are_not_units(provincial) -> None:
    assert provincial.tasks[4].mentions == []


def test_bracketed_prose_in_safeguards(provincial) -> None:
    org = provincial.tasks[5]
    assert org.section == "三、保障措施"
    assert org.leads == ["省工业和信息化厅"]
    assert org.units == ["各设区市人民政府"]
    assert provincial.tasks[6].source == "none"


FIRST_LISTED_RULE = """某市数字经济行动计划
一、重点任务
1.建设算力中心。建设一批数据中心。（市发展改革委、市工业和信息化局，排在第一位的为牵头单位，下同）
2.发展人工智能。培育人工智能企业。（市科技局、市工业和信息化局）
二、保障措施
1.加强组织领导。建立工作专班。
"""


def test_printed_first_listed_rule_makes_explicit_leads() -> None:
    doc = parse_text(FIRST_LISTED_RULE, "rule.txt")
    assert [t.leads for t in doc.tasks] == [["市发展改革委"], ["市科技局"], []]
    assert doc.tasks[0].units == ["市工业和信息化局"]


STANDING = """某市信息基础设施若干措施
一、加快建设
1.推进5G建设。加快建设基站。(市工信局、发改委等负责,以下均需各县区人民政府负责,不再列出)
2.推进光网建设。加快光网改造。(市工信局等负责)
"""


def test_standing_rule_applies_to_later_items_only() -> None:
    doc = parse_text(STANDING, "standing.txt")
    assert doc.tasks[0].implied == []
    assert doc.tasks[0].units == ["市工信局", "市发改委"]
    assert doc.tasks[1].implied == ["各县区人民政府"]
    assert doc.tasks[1].units == ["市工信局"]


def test_no_tasks_is_an_error_naming_the_document() -> None:
    with pytest.raises(NoTasksFound, match=r"empty-plan\.txt"):
        parse_text("关于做好节日值班工作的通知\n请各单位做好值班安排。\n", "empty-plan.txt")


TABLE_ATTACHMENT = """某市千兆光网行动方案
一、重点任务
（一）建设千兆城市。推进光纤到户。
（二）推进IPv6部署。推进IPv6规模部署。
附件
重点任务分工表
[table]
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t推进IPv6部署\t市委网信办\t市工业和信息化局、市通信管理局\t2024年底
2\t建设千兆城市\t市通信管理局\t各区政府\t2025年
[/table]
"""


def test_division_table_joins_items_by_title_with_deadline() -> None:
    doc = parse_text(TABLE_ATTACHMENT, "table.txt")
    gigabit, ipv6 = doc.tasks
    assert (gigabit.leads, gigabit.units, gigabit.deadline) == (
        ["市通信管理局"], ["各区政府"], "2025-12-31")
    assert ipv6.leads == ["市委网信办"]
    assert ipv6.units == ["市工业和信息化局", "市通信管理局"]
    assert ipv6.source == "attachment"
    row = ipv6.mentions[0]
    assert TABLE_ATTACHMENT[row.start : row.start + len("市委网信办")] == "市委网信办"


TABLE_ONLY = """关于印发某市数字政府建设任务清单的通知
各区人民政府，市直各单位：
现将任务清单印发给你们。
[table]
序号\t任务名称\t牵头部门\t责任部门\t完成时间
\t\t\t\t
1\t建设政务云平台。统一建设市级政务云。\t市政务服务数据管理局\t市财政局\t2024年
2\t推进一网通办\t市政务服务数据管理局\t\t长期
[/table]
"""


def test_a_table_that_is_the_task_list_gives_one_task_per_row() -> None:
    doc = parse_text(TABLE_ONLY, "list.txt")
    assert [t.title for t in doc.tasks] == ["建设政务云平台", "推进一网通办"]
    assert doc.tasks[0].leads == ["市政务服务数据管理局"]
    assert doc.tasks[0].units == ["市财政局"]
    assert doc.tasks[1].units == [] and doc.tasks[1].deadline is None
    assert [(d.phrase, d.kind) for d in doc.tasks[1].deadlines] == [("长期", "ongoing")]


LEAD_MARKED = """某市5G行动计划
二、重点任务
1.建设5G基站。加快建设。（责任单位：市发展改革委（牵头）、市工业和信息化局，各区人民政府）
"""


def test_lead_marked_inside_the_list() -> None:
    task = parse_text(LEAD_MARKED, "marked.txt").tasks[0]
    assert task.leads == ["市发展改革委"]
    assert task.units == ["市工业和信息化局", "各区人民政府"]


WEB_PAGE_JUNK = """首页 > 政务公开 > 政策文件
字号：[ 大 中 小 ]
某市数字经济行动方案
一、主要任务
1.发展数字经济。培育数字企业。(责任单位:市发改委)
6.。.png6-1.。.png
打印 | 关闭
扫一扫在手机打开当前页
"""


def test_web_junk_is_not_task_text() -> None:
    task = parse_text(WEB_PAGE_JUNK, "junk.txt").tasks[0]
    assert task.text == "发展数字经济。培育数字企业。(责任单位:市发改委)"


def test_tasks_without_any_unit_list_are_an_error() -> None:
    text = "某市工作要点\n一、重点任务\n1.加快建设。推进工作。\n2.强化保障。落实资金。\n"
    with pytest.raises(NoTasksFound, match="no unit list"):
        parse_text(text, "no-units.txt")


MORE_FORMS = """某区数字乡村建设工作方案
二、重点任务
1.完善农村网络。推进光纤入村。（责任单位：区农业农村局、区工信局等；各镇人民政府）
2.建设数字平台。建设益农服务平台（负责部门：区农业农村局；适用范围：全区各镇）。
3.推进智慧农业。建设智慧农场（牵头单位：区农业农村局）。培育示范基地（责任单位：区科技局、区商务局）。
4.发展农村电商。区商务局牵头，各镇人民政府按职责分工负责。
"""


@pytest.fixture(scope="module")
def more_forms():
    return parse_text(MORE_FORMS, "district.txt")


def test_list_ending_in_etc_then_semicolon(more_forms) -> None:
    assert more_forms.tasks[0].units == ["区农业农村局", "区工信局", "各镇人民政府"]


def test_scope_is_not_a_unit(more_forms) -> None:
    assert more_forms.tasks[1].units == ["区农业农村局"]


def test_several_bracketed_lists_in_one_item_are_united(more_forms) -> None:
    task = more_forms.tasks[2]
    assert task.leads == ["区农业农村局"]
    assert task.units == ["区科技局", "区商务局"]


def test_prose_lead_without_由(more_forms) -> None:
    task = more_forms.tasks[3]
    assert (task.leads, task.units) == (["区商务局"], ["各镇人民政府"])


UNREAD = """某市5G行动计划
二、重点任务
1.建设基站。加快建设。责任单位为市工信局和市通管办。
2.推进应用。推广应用。（责任单位：市发改委、龙头企业带动）
"""


def test_text_the_loader_could_not_classify_is_reported() -> None:
    warnings = parse_text(UNREAD, "unread.txt").warnings
    assert any("item 1" in w and "no unit list read" in w for w in warnings)
    assert any("item 2" in w and "龙头企业带动" in w for w in warnings)
