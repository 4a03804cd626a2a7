"""Whole files through the real readers and parser: DOCX with a division table, GB18030."""

from __future__ import annotations

from pathlib import Path

import docx

from loaders.pipeline import read_plan

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def test_docx_plan_with_a_division_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("常州市人民政府办公室关于印发常州市千兆光网行动方案的通知")
    document.add_paragraph("一、重点任务")
    document.add_paragraph("（一）建设千兆城市。推进光纤到户。")
    document.add_paragraph("（二）推进IPv6部署。推进IPv6规模部署。")
    document.add_paragraph("附件")
    table = document.add_table(rows=3, cols=4)
    rows = [("序号", "重点任务", "牵头单位", "配合单位"),
            ("1", "建设千兆城市", "市通管办", "市工信局、各辖市、区人民政府"),
            ("2", "推进IPv6部署", "市委网信办", "市工信局")]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "gigabit.docx"
    document.save(str(path))
    plan = read_plan(path)
    assert plan.city == "常州市" and plan.encoding == "docx"
    gigabit, ipv6 = plan.tasks
    assert gigabit.leads == ["市通管办"]
    assert gigabit.units == ["市工信局", "各辖市、区人民政府"]
    assert gigabit.source == "attachment" and ipv6.leads == ["市委网信办"]
    assert gigabit.mentions[0].agency.name == "市通信管理办公室"


def test_gb18030_plan_reads_like_the_utf8_one(tmp_path: Path) -> None:
    source = SAMPLES / "003_ce560822e58bcc91.txt"
    path = tmp_path / source.name
    path.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    plan, original = read_plan(path), read_plan(source)
    assert plan.encoding == "gb18030"
    assert [t.leads + t.units for t in plan.tasks] == [t.leads + t.units for t in original.tasks]
