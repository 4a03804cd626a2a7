"""Division-of-labour tables on fragments: markdown pipe tables in text files, group rows,
scope and deadline columns, a table that is the task list."""

from __future__ import annotations

from loaders.parse import parse_text

JOINED = """某市千兆光网行动方案
二、重点任务
1.建设千兆城市。推进光纤到户。
2.推进IPv6部署。推进规模部署。
附件
重点任务分工表
| 序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限（年） |
|---|---|---|---|---|
| 1 | 建设千兆城市 | 市通信管理局 | 各区政府、市住建局 | 2025年 |
| 2 | 推进IPv6部署 | 市委网信办 | 市工业和信息化局 | 2024年底 |
"""


def test_markdown_table_joins_the_items_by_title() -> None:
    gigabit, ipv6 = parse_text(JOINED, "joined.txt").tasks
    assert (gigabit.leads, gigabit.units, gigabit.deadline) == (
        ["市通信管理局"], ["各区政府", "市住建局"], "2025-12-31")
    assert (ipv6.leads, ipv6.units, ipv6.source) == (["市委网信办"], ["市工业和信息化局"],
                                                    "attachment")
    row = ipv6.mentions[0]
    assert JOINED[row.start:row.start + len("市委网信办")] == "市委网信办"


TASK_LIST = """国务院办公厅关于推广改革举措的通知
一、推广的改革举措
（一）知识产权保护方面2项：专利快速审查；商标质押贷款。
（二）金融创新方面1项：科技创新专板。
二、抓好组织实施
各地区要抓好落实。
附件
改革举措推广清单
| 序号 | 改革举措 | 主 要 内 容 | 指导部门 | 推广范围 |
|---|---|---|---|---|
| 一、知识产权保护方面（共2项） |  |  |  |  |
| 1 | 专利快速审查 | 建立快速审查通道。 | 国家知识产权局 | 全国 |
| 2 | 商标质押贷款 | 推广质押贷款。 | 国家知识产权局、银保监会 | 8个改革试验区域 |
| 二、金融创新方面（共1项） |  |  |  |  |
| 3 | 科技创新专板 | 设立专板。 | 证监会 | 全国 |
"""


def test_a_table_that_is_the_task_list_replaces_the_category_items() -> None:
    tasks = parse_text(TASK_LIST, "list.txt").tasks
    assert [(t.no, t.section, t.title, t.units, t.source) for t in tasks] == [
        ("1", "一、知识产权保护方面（共2项）", "专利快速审查", ["国家知识产权局"], "attachment"),
        ("2", "一、知识产权保护方面（共2项）", "商标质押贷款", ["国家知识产权局", "银保监会"],
         "attachment"),
        ("3", "二、金融创新方面（共1项）", "科技创新专板", ["证监会"], "attachment"),
    ]


def test_a_table_that_is_not_a_division_of_labour_is_ignored() -> None:
    text = ("二、重点任务\n1.建设基站。内容。（责任单位：市工信局）\n"
            "| 指标 | 2024年 | 2025年 |\n|---|---|---|\n| 5G基站（个） | 1000 | 2000 |\n")
    tasks = parse_text(text, "indicators.txt").tasks
    assert [(t.title, t.units) for t in tasks] == [("建设基站", ["市工信局"])]
