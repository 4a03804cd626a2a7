"""The outline reader on fragments written the ways plans number their parts."""

from __future__ import annotations

import pytest

from loaders.lines import split_lines
from loaders.outline import number_value, numbered, read_outline, task_nodes
from loaders.parse import parse_text


def tasks_of(text: str) -> list[tuple[str, str | None, str]]:
    """(no, section, title) of the task items, read by the outline alone."""
    nodes = task_nodes(read_outline(split_lines(text)), lambda node: False)
    return [(n.no, n.parent.label if n.parent else None, n.title) for n in nodes]


@pytest.mark.parametrize("line, no", [
    ("一、重点任务", "一"), ("（一）加快建设", "（一）"), ("(一)加快建设", "(一)"),
    ("1.加快建设。", "1"), ("1．加快建设。", "1"), ("１．加快建设。", "１"), ("1、加快建设。", "1"),
    ("（1）加快建设。", "（1）"), ("(1)加快建设。", "(1)"), ("①加快建设。", "①"),
    ("第一条 加快建设。", "第一条"), ("12 加快建设。", "12"), ("1\ue010加快建设。", "1"),
    ("（十二）加快建设。", "（十二）"), ("1:加快建设。", "1"),
])
def test_every_numbering_style_is_read(line: str, no: str) -> None:
    found = numbered(line)
    assert found is not None and found[2] == no


@pytest.mark.parametrize("line", [
    "2025年，全市建成5G基站1万个。", "5G网络覆盖全市。", "2.5万个基站已开通。",
    "一是加快建设。", "20%以上的企业上云。",
])
def test_numbers_that_are_not_numbering(line: str) -> None:
    found = numbered(line)
    assert found is None or not found[4]  # at most a weak number, never a strong one


def test_number_values_compare_after_nfkc() -> None:
    values = [number_value(n) for n in ("１０", "（十二）", "二十三", "(3)", "十")]
    assert values == [10, 12, 23, 3, 10]


def test_lowest_numbered_level_is_the_task_level() -> None:
    text = ("二、主要任务\n（一）建设网络\n1.建设基站。加快建设。\n2.建设光网。加快光网。\n"
            "（二）发展应用。推进应用。\n")
    assert tasks_of(text) == [("1", "（一）建设网络", "建设基站"),
                              ("2", "（一）建设网络", "建设光网"),
                              ("（二）", "二、主要任务", "发展应用")]


def test_one_sentence_items_over_sub_items_are_their_section() -> None:
    text = "一、重点任务\n1.网络建设。\n（1）建设基站。加快建设。\n（2）建设光网。推进光网。\n"
    assert tasks_of(text) == [("（1）", "1.网络建设", "建设基站"),
                              ("（2）", "1.网络建设", "建设光网")]


def test_numbering_that_restarts_in_each_group_is_kept() -> None:
    text = ("一、任务\n（一）甲\n1.甲一。内容。\n2.甲二。内容。\n（二）乙\n1.乙一。内容。\n")
    assert [t[0] for t in tasks_of(text)] == ["1", "2", "1"]


def test_circled_items_under_numbered_items() -> None:
    text = "一、任务\n1.网络。\n①建设基站。内容。\n②建设光网。内容。\n2.应用。推广应用。\n"
    assert [t[0] for t in tasks_of(text)] == ["①", "②", "2"]


def test_articles_are_items_and_provisions_are_not_tasks() -> None:
    text = ("第一章 总则\n第一条 为了规范管理，制定本办法。\n第二章 措施\n第二条 加快建设。内容。\n"
            "第三条 推进应用。内容。\n第三章 附则\n第四条 本办法自印发之日起施行。\n")
    assert [t[0] for t in tasks_of(text)] == ["第二条", "第三条"]


def test_items_with_a_glyph_or_nothing_after_the_number() -> None:
    text = ("二、主要任务\n（一）行动\n1\ue010突破技术。内容。\n2\ue010建设平台。内容。\n"
            "3建设中心。内容。\n")
    assert [t[:1] + t[2:] for t in tasks_of(text)] == [
        ("1", "突破技术"), ("2", "建设平台"), ("3", "建设中心")]


def test_a_weak_number_must_continue_the_sequence() -> None:
    text = "二、任务\n10.建设甲。内容。\n11.121人才梯队项目。内容。\n2019年完成。\n"
    assert [t[0] for t in tasks_of(text)] == ["10", "11"]


def test_goal_principle_schedule_and_layout_parts_hold_no_tasks() -> None:
    text = ("一、总体要求\n（一）指导思想。坚持发展。\n（二）主要目标。到2025年完成。\n"
            "二、重点任务\n1.建设网络。内容。\n三、实施步骤\n（一）启动部署。内容。\n"
            "四、产业布局\n（一）“四聚”。内容。\n五、保障措施\n（一）加强组织领导\n成立专班。\n")
    assert [t[2] for t in tasks_of(text)] == ["建设网络", "加强组织领导"]


def test_a_section_named_as_tasks_wins_over_goal_words() -> None:
    text = "一、主要目标和重点任务\n1.建设网络。内容。\n"
    assert [t[2] for t in tasks_of(text)] == ["建设网络"]


def test_run_in_heading_and_heading_without_full_stop() -> None:
    text = ("三、保障措施\n（一）健全工作机制。建立专班。\n（二）加强组织领导\n"
            "建立协调机制，定期调度。\n")
    assert tasks_of(text) == [("（一）", "三、保障措施", "健全工作机制"),
                              ("（二）", "三、保障措施", "加强组织领导")]


def test_item_runs_over_paragraphs_until_box_or_next_item() -> None:
    text = ("二、任务\n1.建设网络。第一段。\n第二段。（责任单位：市工信局）\n专栏1 重点工程\n"
            "5G基站工程：建设基站。（责任单位：市发改委）\n2.发展应用。内容。\n")
    doc = parse_text(text, "box.txt")
    assert [t.title for t in doc.tasks] == ["建设网络", "发展应用"]
    assert doc.tasks[0].units == ["市工信局"]
    assert "5G基站工程" not in doc.tasks[0].text


def test_attachments_end_the_last_item() -> None:
    text = ("二、任务\n1.建设网络。内容。（责任单位：市工信局）\n附件\n重点项目清单\n"
            "项目一：建设基站（责任单位：市发改委）\n")
    task = parse_text(text, "attachment.txt").tasks[0]
    assert task.units == ["市工信局"] and "重点项目清单" not in task.text


def test_unit_list_paragraph_belongs_to_the_item_above() -> None:
    text = ("二、任务\n23．建设平台。内容。\n（责任单位：市工信局、市科技局）\n"
            "24．发展应用。内容。\n")
    doc = parse_text(text, "own-paragraph.txt")
    assert doc.tasks[0].units == ["市工信局", "市科技局"] and doc.tasks[1].units == []


def test_notice_whose_own_items_are_the_measures() -> None:
    text = ("关于加快5G发展的通知\n各区人民政府：\n为加快发展，现通知如下：\n"
            "一、加快基站建设。加大投入。（市工信局牵头，市发改委配合）\n"
            "二、推进应用。推广应用。（市科技局负责）\n")
    doc = parse_text(text, "notice.txt")
    assert [(t.no, t.section, t.leads, t.units) for t in doc.tasks] == [
        ("一", "", ["市工信局"], ["市发改委"]), ("二", "", [], ["市科技局"])]
    assert doc.to_schema()["tasks"][0]["section"] is None


def test_covering_notice_items_are_not_the_plan_tasks() -> None:
    text = ("某市人民政府关于印发《某市5G行动方案》的通知\n各区人民政府：\n"
            "一、高度重视。请认真贯彻执行。\n二、加强督办。按时报送进展。\n某市5G行动方案\n"
            "一、重点任务\n1.建设基站。内容。（责任单位：市工信局）\n")
    assert [t.title for t in parse_text(text, "cover.txt").tasks] == ["建设基站"]


def test_a_top_level_part_that_assigns_units_is_a_task() -> None:
    text = ("一、总体要求\n（一）指导思想。坚持发展。\n二、优化布局\n"
            "（一）优化结构。内容。（工业和信息化部负责）\n"
            "三、创新体系构建\n\u2003\u2003布局节点。（发展改革委牵头，各地区负责）\n"
            "四、加强宣传\n做好宣传。\n")
    tasks = parse_text(text, "top-level.txt").tasks
    assert [(t.no, t.section, t.leads, t.units) for t in tasks] == [
        ("（一）", "二、优化布局", [], ["工业和信息化部"]), ("三", "", ["发展改革委"], ["各地区"])]


def test_closing_lines_end_the_last_item() -> None:
    text = ("二、任务\n1.建设基站。内容。（责任单位：市工信局）\n抄送：市委各部门。\n"
            "某市人民政府办公室2024年1月2日印发\n")
    assert "抄送" not in parse_text(text, "closing.txt").tasks[0].text
