"""Deadlines as plans print them: in an item's text, in assignment brackets and labelled
lines, in division-of-labour tables and attachments; what is not a deadline; the seed plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model import Document
from loaders.deadlines import in_plan_year, read_deadlines, read_labelled
from loaders.parse import parse_text

GOLD = Path(__file__).resolve().parent / "gold"
REAL_GOLD = Path(__file__).resolve().parent / "realdocs" / "gold"

# Every deadline in the task items of the five seed plans, read by hand from the texts:
# (file, item number, phrase, kind, date or recurrence). The 开封 plan prints two dates in
# its items, the 漳州 plan one (`到2024年底`); `到2025年` is a target's year, not a date;
# `“十四五”期间` (常州 21) is a period; the 开封 plan's bracketed years in its attachment
# line (`三年行动计划(2020—2022年)重点工作责任分工`) are a title. The other five are the
# issue's ongoing form `持续推进`.
SEED_DEADLINES = [
    ("000_29c4f374f04b8484.txt", "12", "持续推进", "ongoing", None),
    ("001_dd2bc50c87d10c0b.txt", "19", "持续推进", "ongoing", None),
    ("001_dd2bc50c87d10c0b.txt", "21", "持续推进", "ongoing", None),
    ("002_56b0b1f0d4126dc9.txt", "1", "2020年10月底前", "date", "2020-10-31"),
    ("002_56b0b1f0d4126dc9.txt", "2", "2020年9月底前", "date", "2020-09-30"),
    ("003_ce560822e58bcc91.txt", "20", "持续推进", "ongoing", None),
    ("003_ce560822e58bcc91.txt", "23", "2024年底", "date", "2024-12-31"),
    ("004_47bded14bcf44dac.txt", "7", "持续推进", "ongoing", None),
]


def seen(text: str, year: int | None = None) -> list[tuple[str, str, str | None]]:
    """(phrase, kind, date or recurrence) of each deadline in running text."""
    return [(d.phrase, d.kind, d.date or d.recurrence)
            for d in in_plan_year(read_deadlines(text), year)]


def test_every_deadline_in_the_seed_plans_tasks(seed_documents: list[Document]) -> None:
    found = [(doc.doc, task.no, d.phrase, d.kind, d.date or d.recurrence)
             for doc in seed_documents for task in doc.tasks for d in task.deadlines]
    assert found == SEED_DEADLINES


def test_seed_deadlines_trace_back_to_their_text(seed_documents: list[Document]) -> None:
    for doc in seed_documents:
        for task in doc.tasks:
            for d in task.deadlines:
                assert doc.text[d.start:d.end] == d.phrase
                assert task.start <= d.start < d.end <= task.end


def test_the_kaifeng_tasks_fall_due_on_their_dates(seed_documents: list[Document]) -> None:
    kaifeng = next(d for d in seed_documents if d.doc.startswith("002_"))
    assert [t.deadline for t in kaifeng.tasks[:3]] == ["2020-10-31", "2020-09-30", None]
    record = kaifeng.to_schema()["tasks"][0]
    assert record["deadline"] == "2020-10-31"
    assert record["deadlines"] == [{"phrase": "2020年10月底前", "kind": "date",
                                    "date": "2020-10-31", "recurrence": None,
                                    "span": [kaifeng.tasks[0].deadlines[0].start,
                                             kaifeng.tasks[0].deadlines[0].end]}]


@pytest.mark.parametrize("text, expected", [
    ("2024年6月底前完成平台建设。", [("2024年6月底前", "date", "2024-06-30")]),
    ("2025年底前建成。", [("2025年底前", "date", "2025-12-31")]),
    ("2025年年底实现全覆盖。", [("2025年年底", "date", "2025-12-31")]),
    ("2025年末全面建成。", [("2025年末", "date", "2025-12-31")]),
    ("2023年上半年印发方案。", [("2023年上半年", "date", "2023-06-30")]),
    ("2023年下半年完成。", [("2023年下半年", "date", "2023-12-31")]),
    ("2022年第三季度完成验收。", [("2022年第三季度", "date", "2022-09-30")]),
    ("2022年一季度启动。", [("2022年一季度", "date", "2022-03-31")]),
    ("2021—2023年，每年培育10家企业。",
     [("2021—2023年", "date", "2023-12-31"), ("每年", "recurring", "每年")]),
    ("2021年至2023年底完成改造。", [("2021年至2023年底", "date", "2023-12-31")]),
    ("2021年6月30日前报送。", [("2021年6月30日前", "date", "2021-06-30")]),
    ("2021年1月至2021年6月开展试点。", [("2021年6月", "date", "2021-06-30")]),
    ("2020年底到位。", [("2020年底", "date", "2020-12-31")]),
    ("2024年2月底前", [("2024年2月底前", "date", "2024-02-29")]),
    ("2021年6月30日前", [("2021年6月30日前", "date", "2021-06-30")]),
    ("力争2025年前建成。", [("2025年前", "date", "2025-12-31")]),
    ("“十四五”末建成。", [("十四五”末", "date", "2025-12-31")]),
    ("２０２４年６月底前完成。", [("２０２４年６月底前", "date", "2024-06-30")]),
    ("每季度报送进展。", [("每季度", "recurring", "每季度")]),
    ("每半年通报一次。", [("每半年", "recurring", "每半年")]),
    ("每月调度。", [("每月", "recurring", "每月")]),
    ("长期坚持。", [("长期坚持", "ongoing", None)]),
    ("持续推进电子商务发展。", [("持续推进", "ongoing", None)]),
])
def test_deadline_forms(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert seen(text) == expected


@pytest.mark.parametrize("text", ["年内完成。", "今年底前完成。", "今年年底建成。",
                                  "年底前，健全制度。"])
def test_this_year_is_the_plans_year(text: str) -> None:
    (phrase, kind, date), = seen(text, 2022)
    assert (kind, date) == ("date", "2022-12-31") and phrase in text
    assert seen(text, None)[0][2] is None  # a plan whose date is unknown: no date


@pytest.mark.parametrize("text", [
    "2021年以来，全市新建5G基站1万个。",
    "软件收入较2020年增长20%。",
    "较2020年底增长一倍。",
    "2020年全市5G基站达到1万个。",
    "到2025年，全市5G基站达到1.2万个。",
    "确保我市“十四五”期间信息基础设施重点工程顺利推进。",
    "落实《河南省加快5G产业发展三年行动计划（2021—2023年）》。",
    "附件:开封市加快5G产业发展三年行动计划(2020—2022年)重点工作责任分工",
    "自2021年3月1日起施行。",
    "本政策自印发之日起施行，有效期至2025年12月31日。",
    "5年内培养1万名人才。",
    "生活费补贴政策每人每年只享受一次。",
    "每年每个园区给予20万元补贴。",
    "2021年2月30日前完成。",
    "长期稳定运行。",
    "国务院办公厅\n2018年12月11日\n（此件公开发布）",
])
def test_not_deadlines(text: str) -> None:
    assert seen(text) == []


def test_a_year_or_long_term_counts_in_a_deadline_label_only() -> None:
    assert [(d.phrase, d.kind, d.date) for d in read_labelled("2025年")] == [
        ("2025年", "date", "2025-12-31")]
    assert [(d.phrase, d.kind) for d in read_labelled("长期")] == [("长期", "ongoing")]
    assert seen("2025年完成。") == [] and seen("长期") == []


PLAN = """某市5G发展行动计划
二、重点任务
（一）加快网络建设
1.建设5G基站。加快部署。（牵头单位：市工信局；完成时限：2021年底）
2.推进千兆光网。加快推进。（责任单位：市通管办；完成时间：2025年）
3.完善统计制度。建立月报制度，每季度通报。
牵头单位：市统计局
完成时限：长期
4.推进IPv6部署。2022年6月底前完成改造，2023年底前实现全覆盖。（责任单位：市委网信办）
"""


def test_deadline_labels_in_brackets_and_lines() -> None:
    tasks = parse_text(PLAN, "plan.txt").tasks
    read = [[(d.phrase, d.kind, d.date or d.recurrence) for d in t.deadlines] for t in tasks]
    assert read == [
        [("2021年底", "date", "2021-12-31")],
        [("2025年", "date", "2025-12-31")],
        [("每季度", "recurring", "每季度"), ("长期", "ongoing", None)],
        [("2022年6月底前", "date", "2022-06-30"), ("2023年底前", "date", "2023-12-31")],
    ]
    assert [t.deadline for t in tasks] == ["2021-12-31", "2025-12-31", None, "2022-06-30"]
    for task in tasks:
        for d in task.deadlines:
            assert PLAN[d.start:d.end] == d.phrase
    assert tasks[0].units == [] and tasks[0].leads == ["市工信局"]  # the label names no unit


TABLE = """某市千兆光网行动方案
二、重点任务
1.建设千兆城市。推进光纤到户。
2.推进IPv6部署。推进规模部署。
附件
重点任务分工表
| 序号 | 重点任务 | 牵头单位 | 责任单位 | 时间节点 |
|---|---|---|---|---|
| 1 | 建设千兆城市 | 市通信管理局 | 各区政府 | 2021—2023年 |
| 2 | 推进IPv6部署 | 市委网信办 | 市工业和信息化局 | 2024年6月 |
"""


def test_deadline_columns_of_a_division_table() -> None:
    gigabit, ipv6 = parse_text(TABLE, "table.txt").tasks
    assert [(d.phrase, d.date) for d in gigabit.deadlines] == [("2021—2023年", "2023-12-31")]
    assert [(d.phrase, d.date) for d in ipv6.deadlines] == [("2024年6月", "2024-06-30")]
    d = ipv6.deadlines[0]
    assert TABLE[d.start:d.end] == "2024年6月"


TASK_LIST = """关于印发某市数字政府建设任务清单的通知
各区人民政府，市直各单位：
现将任务清单印发给你们。
[table]
序号\t任务名称\t牵头部门\t完成时间
1\t建设政务云平台。年内完成迁移。\t市政务服务数据管理局\t2024年12月
2\t推进一网通办\t市政务服务数据管理局\t每年
[/table]
"""


def test_a_task_list_table_reads_its_cells_and_its_deadline_column() -> None:
    doc = parse_text(TASK_LIST, "list.txt")
    first, second = doc.tasks
    assert [(d.phrase, d.date) for d in first.deadlines] == [("年内", None),
                                                             ("2024年12月", "2024-12-31")]
    assert [(d.kind, d.recurrence) for d in second.deadlines] == [("recurring", "每年")]


ATTACHMENT = """某市人民政府办公室关于印发某市5G行动计划的通知
某政办发〔2023〕5号
各区人民政府：
现将《某市5G行动计划》印发给你们，请认真贯彻执行。
某市人民政府办公室
2023年3月1日
某市5G行动计划
二、重点任务
1.建设5G基站。年内新建基站1000个。
2.推进应用。推进5G应用。
附件
重点任务分工
一、建设5G基站
牵头单位：市工信局
完成时限：2023年9月底前
二、推进应用
责任单位：市发改委
"""


def test_attachment_deadlines_join_their_item_and_this_year_is_the_notices() -> None:
    doc = parse_text(ATTACHMENT, "attachment.txt")
    assert doc.issued == "2023-03-01"
    base, apps = doc.tasks
    assert [(d.phrase, d.date) for d in base.deadlines] == [("年内", "2023-12-31"),
                                                            ("2023年9月底前", "2023-09-30")]
    assert base.leads == ["市工信局"] and apps.deadlines == []
    assert doc.to_schema()["tasks"][0]["deadline"] == "2023-12-31"


def test_the_gold_readings_hold_no_deadline_so_filling_it_costs_no_score() -> None:
    """SCHEMA.md defines no `deadline`; the scorer compares units, leads and titles only."""
    for gold_file in [*GOLD.glob("*.json"), *REAL_GOLD.glob("*.json")]:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        assert all("deadline" not in task for task in gold["tasks"]), gold_file.name
