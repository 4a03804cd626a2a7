"""Quantitative targets: the forms plans print them in, what is not a target, the targets
of the 常州 and 漳州 plans' items and goals sections."""

from __future__ import annotations

import pytest

from graph.model import Document, Target
from loaders.parse import parse_text
from loaders.targets import read_targets

Row = tuple[str, float, str, str, int | None]


def rows(targets: list[Target]) -> list[Row]:
    return [(t.metric, t.value, t.unit, t.comparison, t.year) for t in targets]


def plan(docs: list[Document], prefix: str) -> Document:
    return next(d for d in docs if d.doc.startswith(prefix))


# Read by hand from the texts: every quantity each item states as a goal.
CHANGZHOU_TASKS = [
    ("1", "基站建设密度", 45.5, "个/万人", "=", 2025),
    ("1", "重点场所5G网络通达率", 100.0, "%", "=", 2025),
    ("2", "城市10G-PON端口占比", 50.0, "%", "≥", 2025),
    ("2", "城市家庭千兆光纤网络覆盖率", 100.0, "%", "=", 2025),
    ("4", "5G全连接工厂和一批“5G+工业互联网”标杆工厂", 1.0, "家", "≥", None),
    ("5", "城市地区500Mbps及以上固定宽带用户占比", 40.0, "%", "=", 2025),
    ("5", "5G用户占比", 55.0, "%", "≥", 2025),
    ("13", "具有国内领先水平的工业互联网标杆工厂或行业级平台", 1.0, "个", "≥", None),
    ("17", "5G和千兆的家庭业务资费价格", 10.0, "%", "decrease_by", None),
]
CHANGZHOU_GOALS = [  # (二)主要目标
    ("城市家庭千兆光纤网络覆盖率", 100.0, "%", "=", 2025),
    ("5G基站", 2.5, "万个", "=", 2025),
    ("新技术新产品", 30.0, "项", "=", 2025),
    ("星级信息消费体验中心", 10.0, "家", "=", 2025),
    ("电子信息产品制造业", 3000.0, "亿元", "=", 2025),
    ("软件和信息服务业", 600.0, "亿元", "=", 2025),
    ("电信业", 80.0, "亿元", "=", 2025),
    ("网络零售额", 1000.0, "亿元", ">", 2025),
]
ZHANGZHOU_TASKS = [
    ("1", "10G-PON及以上端口占比", 42.0, "%", "=", 2025),
    ("1", "数量", 7.2, "万个", "=", 2025),  # `、数量达7.2万个`: the subject as printed
    ("1", "千兆宽带接入用户占比", 33.0, "%", "=", 2025),
    ("1", "移动网络IPv6流量占比", 70.1, "%", "=", 2025),
    ("1", "重点网站IPv6支持水平", 99.3, "%", "=", 2025),
    ("2", "5G基站", 1.5, "万个", "≥", 2025),
    ("2", "5G用户普及率", 72.0, "%", "=", 2025),
    ("4", "物联网终端用户数", 500.0, "万户", "=", 2025),
    ("5", "企业先行接入漳州市工业互联网标识解析二级节点", 450.0, "家", "=", 2025),
    ("5", "省级工业互联网平台", 4.0, "个", "=", 2025),
    ("5", "标识解析典型应用案例", 10.0, "个", "≥", 2025),
    ("6", "在用标准机架数", 2500.0, "个", "=", 2025),
    ("6", "新建大型数据中心PUE(电能利用效率)", 1.3, "", "≤", 2025),
    ("14", "省级以上智能制造示范工厂", 8.0, "家", "=", 2025),
    ("19", "县区建设“市级智慧教育试点区”", 1.0, "个", "≥", 2025),
    ("19", "学校建设“市级智慧校园试点校”", 15.0, "所", "=", 2025),
    ("20", "医院开展互联网诊疗服务", 5.0, "家", "=", 2025),
    ("23", "城市声功能环境自动监测站", 15.0, "座", "=", 2024),
    ("23", "空气自动监测站", 2.0, "座", "=", 2025),
    ("26", "省级数字乡村试点县", 5.0, "个", "=", 2025),
]
ZHANGZHOU_GOALS = [  # (二)行动目标
    ("每万人拥有5G基站", 30.0, "个", "=", 2025),
    ("互联网出口带宽", 10.5, "Tbps", "=", 2025),
    ("家庭千兆光纤网络覆盖率", 290.0, "%", "=", 2025),  # as printed
]


@pytest.mark.parametrize("prefix, tasks, goals", [
    ("000_", CHANGZHOU_TASKS, CHANGZHOU_GOALS),
    ("003_", ZHANGZHOU_TASKS, ZHANGZHOU_GOALS),
], ids=["常州", "漳州"])
def test_targets_of_the_changzhou_and_zhangzhou_plans(
        seed_documents: list[Document], prefix: str, tasks: list[tuple], goals: list[Row]) -> None:
    doc = plan(seed_documents, prefix)
    assert [(t.no, *r) for t in doc.tasks for r in rows(t.targets)] == tasks
    assert rows(doc.targets) == goals


def test_targets_trace_back_to_their_phrase_and_task(seed_documents: list[Document]) -> None:
    for doc in seed_documents:
        for task in doc.tasks:
            for t in task.targets:
                assert doc.text[t.start:t.end] == t.phrase
                assert task.start <= t.start < t.end <= task.end
        for t in doc.targets:
            assert doc.text[t.start:t.end] == t.phrase


def test_a_target_belongs_to_its_task_and_so_to_its_agencies(
        seed_documents: list[Document]) -> None:
    zhangzhou = plan(seed_documents, "003_")
    task = next(t for t in zhangzhou.tasks if any(x.metric == "5G基站" for x in t.targets))
    assert task.title == "加快5G网络高质量建设" and task.leads == ["市通管办"]
    record = zhangzhou.to_schema()
    assert record["tasks"][task.position]["targets"][0] == {
        "metric": "5G基站", "value": 1.5, "unit": "万个", "comparison": "≥", "year": 2025,
        "phrase": "5G基站达1.5万个以上", "span": [task.targets[0].start, task.targets[0].end]}
    assert len(record["targets"]) == len(ZHANGZHOU_GOALS)


def test_the_kaifeng_goals_by_year(seed_documents: list[Document]) -> None:
    kaifeng = plan(seed_documents, "002_")
    assert rows(kaifeng.targets) == [
        ("5G基站数量", 1500.0, "个", "=", 2020), ("5G用户", 30.0, "万户", ">", 2020),
        ("5G基站数量", 2500.0, "个", "=", 2021), ("5G用户", 100.0, "万户", ">", 2021),
        ("市级技术研发中心(平台)", 1.0, "个", "≥", 2021),
        ("具有核心竞争力的企业", 2.0, "家", "≥", 2021),
        ("5G应用场景标杆项目", 10.0, "个", ">", 2021)]
    assert [rows(t.targets) for t in kaifeng.tasks if t.targets] == [
        [("转供电基站占比", 20.0, "%", "≤", 2022)]]


@pytest.mark.parametrize("text, expected", [
    ("到2025年，全市5G基站达到1.2万个。", [("5G基站", 1.2, "万个", "=", 2025)]),
    ("到2025年，实现城市10G-PON端口占比达50%以上。",
     [("城市10G-PON端口占比", 50.0, "%", "≥", 2025)]),
    ("到2025年，累计建成2.5万个5G基站。", [("5G基站", 2.5, "万个", "=", 2025)]),
    ("到2025年，千兆宽带用户达到80万户。", [("千兆宽带用户", 80.0, "万户", "=", 2025)]),
    ("2024年新增5G基站5000个。", [("5G基站", 5000.0, "个", "increase_by", 2024)]),
    ("新增2000个5G基站。", [("5G基站", 2000.0, "个", "increase_by", None)]),
    ("力争5G用户突破100万户。", [("5G用户", 100.0, "万户", ">", None)]),
    ("宽带接入带宽超过500Mbps。", [("宽带接入带宽", 500.0, "Mbps", ">", None)]),
    ("5G用户普及率不低于70%。", [("5G用户普及率", 70.0, "%", "≥", None)]),
    ("数据中心PUE不高于1.3。", [("数据中心PUE", 1.3, "", "≤", None)]),
    ("力争到2022年全市转供电基站占比降至20%以内。", [("转供电基站占比", 20.0, "%", "≤", 2022)]),
    ("软件业务收入年均增长20%以上。", [("软件业务收入", 20.0, "%", "increase_by", None)]),
    ("到2025年软件业务收入较2020年增长50%。", [("软件业务收入", 50.0, "%", "increase_by", 2025)]),
    ("资费下降10%以上。", [("资费", 10.0, "%", "decrease_by", None)]),
    ("培育1-2家标杆工厂。", [("标杆工厂", 1.0, "家", "≥", None)]),
    ("建设5G基站2000个，中心城区全覆盖。", [("5G基站", 2000.0, "个", "=", None)]),
    ("全市每万人拥有5G基站30个。", [("每万人拥有5G基站", 30.0, "个", "=", None)]),
    ("基站密度达45.5个/万人。", [("基站密度", 45.5, "个/万人", "=", None)]),
    ("到2025年，5家医院开展互联网诊疗服务。", [("医院开展互联网诊疗服务", 5.0, "家", "=", 2025)]),
    ("每年选拔资助不少于100名青年科技人员。", [("选拔资助青年科技人员", 100.0, "名", "≥", None)]),
    ("互联网出口带宽达10.5Tbps(万亿比特每秒)。", [("互联网出口带宽", 10.5, "Tbps", "=", None)]),
    ("到2025年，电子信息产品制造业达到3000亿元。",
     [("电子信息产品制造业", 3000.0, "亿元", "=", 2025)]),
    ("占比达１００％。", [("占比", 100.0, "%", "=", None)]),
])
def test_target_forms(text: str, expected: list[Row]) -> None:
    found = read_targets(text)
    assert rows(found) == expected
    assert all(text[t.start:t.end] == t.phrase for t in found)


@pytest.mark.parametrize("text", [
    "2021年以来，各项工作稳步推进。",
    "软件收入较上年增长12%。",
    "根据《关于加快5G发展的通知》(常政办发〔2022〕76号)执行。",
    "推进5G、4K/8K、IPv6和10G-PON应用。",
    "对直供电基站执行一般工商业电价。每建成一个除省级补助2500元外，再给予2500元补助。",
    "对新认定的国家级平台，给予50万元奖励，每家企业不超过50万元。",
    "对年营业收入达到2000万元以上的企业，给予房租补贴。",
    "租赁场地面积超过300平方米（含）的，给予补贴。",
    "按照每个正式员工不超过10平方米的标准配置办公用房。",
    "每认定1家给予孵化器10万元扶持。",
    "推进121人才梯队项目。",
    "省政府令第165号规定，市、县级财政按照3:7比例分担。",
    "围绕七大战略性新兴产业(20个产业集群)布局。",
])
def test_not_targets(text: str) -> None:
    assert read_targets(text) == []


GOALS = """某市5G行动计划
一、总体要求
（一）指导思想
以新发展理念为指导，到2030年基本建成。
（二）发展目标。到2025年，全市5G基站达到1.2万个，5G用户占比达60%以上。
二、重点任务
1.建设5G基站。新增5G基站3000个。（责任单位：市工信局）
2.推进应用。打造10个应用场景。（责任单位：市通管办）
"""


def test_goals_section_targets_are_the_plans_and_task_targets_the_tasks() -> None:
    doc = parse_text(GOALS, "goals.txt")
    assert rows(doc.targets) == [("5G基站", 1.2, "万个", "=", 2025),
                                 ("5G用户占比", 60.0, "%", "≥", 2025)]
    assert [rows(t.targets) for t in doc.tasks] == [
        [("5G基站", 3000.0, "个", "increase_by", None)], [("应用场景", 10.0, "个", "=", None)]]
    schema = doc.to_schema()
    assert [t["metric"] for t in schema["targets"]] == ["5G基站", "5G用户占比"]
    assert schema["tasks"][1]["targets"][0]["phrase"] == "打造10个应用场景"


TABLE = """关于印发某市数字政府建设任务清单的通知
[table]
序号\t任务名称\t牵头部门\t完成时间
1\t建设政务云平台。到2024年，政务系统上云率达到95%。\t市政务服务数据管理局\t2024年
[/table]
"""


def test_a_task_list_table_row_keeps_its_targets() -> None:
    task, = parse_text(TABLE, "list.txt").tasks
    assert rows(task.targets) == [("政务系统上云率", 95.0, "%", "=", 2024)]
    assert TABLE[task.targets[0].start:task.targets[0].end] == "政务系统上云率达到95%"
