"""The readers on real inputs: the sample plans, re-encoded copies, a saved government page,
and DOCX/PDF files built here with the same libraries an office would use."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from openpyxl import Workbook
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from loaders.errors import UnreadableDocument
from loaders.readers import SUPPORTED_SUFFIXES, ReadResult, Skipped, iter_documents, read_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN_PAGE = FIXTURES / "plan_page.html"
ZHANGZHOU = ROOT / "data" / "samples" / "003_ce560822e58bcc91.txt"
CHANGZHOU = ROOT / "data" / "samples" / "000_29c4f374f04b8484.txt"


def sample_lines(path: Path) -> list[str]:
    """The sample's paragraphs without the indentation some sites put before them."""
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]


def line_starting(lines: list[str], prefix: str) -> str:
    return next(line for line in lines if line.startswith(prefix))


def refused(path: Path) -> UnreadableDocument:
    """Read a file that must be refused, and check the error names it."""
    with pytest.raises(UnreadableDocument) as caught:
        read_text(path)
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in caught.value.reason
    return caught.value


# --- .txt -----------------------------------------------------------------------------


def test_samples_exist() -> None:
    assert len(SAMPLES) == 5


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_plans_read_exactly_as_utf8(path: Path) -> None:
    result = read_text(path)
    assert result == ReadResult(
        text=path.read_bytes().decode("utf-8"), encoding="utf-8", kind="txt"
    )


@pytest.mark.parametrize(
    ("codec", "reported"),
    [("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")],
)
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_reencoded_plan_reads_back_identically(
    path: Path, codec: str, reported: str, tmp_path: Path
) -> None:
    original = path.read_text(encoding="utf-8")
    copy = tmp_path / path.name
    copy.write_bytes(original.encode(codec))
    result = read_text(copy)
    assert result.text == original
    assert result.encoding == reported


@pytest.mark.parametrize("path", SAMPLES[1:], ids=lambda p: p.name)
def test_gbk_plan_is_read_as_gb18030(path: Path, tmp_path: Path) -> None:
    """GBK is what most Chinese Windows tools write; GB18030 is its superset."""
    original = path.read_text(encoding="utf-8")
    copy = tmp_path / path.name
    copy.write_bytes(original.encode("gbk"))
    assert read_text(copy) == ReadResult(text=original, encoding="gb18030", kind="txt")


def test_gb18030_bom_is_dropped(tmp_path: Path) -> None:
    original = CHANGZHOU.read_text(encoding="utf-8")
    copy = tmp_path / "bom.txt"
    copy.write_bytes(("\ufeff" + original).encode("gb18030"))
    assert read_text(copy) == ReadResult(text=original, encoding="gb18030", kind="txt")


def test_windows_line_ends_become_newlines(tmp_path: Path) -> None:
    original = ZHANGZHOU.read_text(encoding="utf-8")
    copy = tmp_path / "crlf.txt"
    copy.write_bytes(original.replace("\n", "\r\n").encode("gb18030"))
    assert read_text(copy).text == original


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    copy = tmp_path / "PLAN.TXT"
    copy.write_bytes(ZHANGZHOU.read_bytes())
    assert read_text(copy).kind == "txt"


def _truncated_mid_character() -> bytes:
    data = ZHANGZHOU.read_bytes()
    cut = len(data.rstrip(b"\n")) - 1  # inside the last (three-byte) Chinese character
    return data[:cut]


INVALID_AT = len(ZHANGZHOU.read_text(encoding="utf-8")[:100].encode("utf-8"))


def _with_stray_byte(offset: int) -> bytes:
    data = ZHANGZHOU.read_bytes()
    return data[:offset] + b"\xff" + data[offset:]


BIG5_TEXT = (
    "關於加快新型資訊基礎設施建設擴大資訊消費的若干政策措施。推進網路建設，擴大投資規模，"
    "建設基地台兩千個，中心城區和縣城實現信號全覆蓋。責任單位：市經濟發展局、財政局。"
)

BAD_TEXT_FILES = [
    ("empty", b"", "empty file (0 bytes)"),
    ("whitespace", " \n\u3000\t\r\n".encode(), "only whitespace"),
    ("bom-only", codecs.BOM_UTF8 + b"\n", "only whitespace"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "NUL byte at offset 8"),
    ("control-bytes", bytes(range(1, 9)) * 40 + b"abc", "control bytes"),
    ("garbled", bytes(range(0x80, 0x100)) * 8, "GB18030 was tried too"),
    ("big5", BIG5_TEXT.encode("big5"), "Big5"),
    ("broken-bom", codecs.BOM_UTF8 + "漳州市".encode("gb18030"), "utf-8 BOM"),
]


@pytest.mark.parametrize(
    ("name", "data", "reason"), BAD_TEXT_FILES, ids=[case[0] for case in BAD_TEXT_FILES]
)
def test_bad_text_files_are_refused(name: str, data: bytes, reason: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    assert reason in refused(path).reason


def test_undecodable_file_says_both_encodings_were_tried(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes("漳州市".encode() + bytes(range(0x80, 0x100)) * 8)
    reason = refused(path).reason
    assert reason.startswith("not valid UTF-8 (invalid start byte at byte offset 9")
    assert "GB18030 was tried too" in reason


def test_a_truncated_file_is_read_with_a_warning_naming_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "truncated.txt"
    data = _truncated_mid_character()
    path.write_bytes(data)
    result = read_text(path)
    original = ZHANGZHOU.read_text(encoding="utf-8").rstrip("\n")
    assert result.encoding == "utf-8" and result.text == original[:-1] + "\ufffd"
    line = data.count(b"\n") + 1
    assert result.warnings == (
        f"the file ends inside a utf-8 character at byte offset {len(data) - 2} (line {line}): "
        "it looks truncated, so its last task may be cut short",
    )


def test_a_stray_byte_is_read_as_a_replacement_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(_with_stray_byte(INVALID_AT))
    result = read_text(path)
    assert result.encoding == "utf-8"
    assert result.text == ZHANGZHOU.read_text(encoding="utf-8")[:100] + "\ufffd" + (
        ZHANGZHOU.read_text(encoding="utf-8")[100:])
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith(f"damaged utf-8 text at byte offset {INVALID_AT} (line ")


def test_a_gb18030_file_cut_at_a_character_boundary_warns_it_ends_mid_sentence(
    tmp_path: Path,
) -> None:
    text = ZHANGZHOU.read_text(encoding="utf-8")
    cut = text.rindex("各县(区") + len("各县(区")  # inside the last task's unit list
    path = tmp_path / "cut.txt"
    path.write_bytes(text[:cut].encode("gb18030"))
    result = read_text(path)
    assert result.encoding == "gb18030"
    lines = text[:cut].split("\n")
    assert result.warnings == (
        f"the text ends mid-sentence at line {len(lines)} (…{lines[-1].strip()[-12:]}): the "
        "file may be truncated, so its last task may be cut short",
    )


def test_whole_sample_plans_have_no_warnings() -> None:
    assert all(read_text(path).warnings == () for path in SAMPLES)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert "cannot read the file" in refused(tmp_path / "absent.txt").reason


@pytest.mark.parametrize("name", ["plan.doc", "plan.xlsx", "plan"])
def test_unsupported_type_is_refused(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(b"not read")
    reason = refused(path).reason
    assert reason.startswith("unsupported file type")
    assert reason.endswith("supported: .docx, .htm, .html, .pdf, .txt")


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".docx", ".htm", ".html", ".pdf", ".txt")


# --- .html ----------------------------------------------------------------------------

TITLE = "漳州市人民政府办公室关于印发漳州市新型基础设施建设三年行动计划(2023—2025年)的通知"
DIVISION_OF_LABOUR = [
    "[table]",
    "序号\t重点任务\t牵头单位\t责任单位\t完成时限",
    "1\t加快推进千兆光网覆盖\t市通管办\t市委网信办,市工信局\t2025年底",
    "2\t加快5G网络高质量建设\t市通管办\t市发改委(大数据局)、工信局\t2025年底",
    "3\t加快广播电视 融合网络升级\t福建广电网络漳州分公司\t市委宣传部, 市文旅局\t2025年底",
    "\t".join(["各县(区)人民政府、开发区(投资区)管委会负责本地区落实"] * 5),
    "[/table]",
]


def expected_page_lines() -> list[str]:
    """What a reader of the fixture page sees: the plan as printed in sample 003."""
    plan = sample_lines(ZHANGZHOU)
    notice = [plan[6], plan[7], plan[8], plan[10], plan[11], plan[12]]
    tasks = plan[19:27]
    return [TITLE, *notice, *tasks, "附件：重点任务分工表", *DIVISION_OF_LABOUR]


def test_expected_page_lines_are_the_sample_text() -> None:
    lines = expected_page_lines()
    assert lines[7] == "二、加速推进信息基础设施建设"
    assert lines[-9].startswith("牵头单位:福建广电网络漳州分公司")


def test_html_page_keeps_the_plan_and_its_table() -> None:
    result = read_text(PLAN_PAGE)
    assert result.kind == "html"
    assert result.encoding == "html:utf-8"
    assert result.text.split("\n") == expected_page_lines()


@pytest.mark.parametrize(
    "junk",
    [
        "首页", "政务公开", "当前位置", "无障碍", "搜索", "请输入关键字",  # header, nav
        "市政府办文件",  # sidebar
        "发布时间", "浏览次数", "字号",  # article info bar
        "索引号",  # hidden block
        "分享到", "微信", "扫一扫", "打印本页", "关闭窗口",  # share and tool widgets
        "政策解读",  # related links
        "版权所有", "网站标识码", "ICP",  # footer
        "_hmt", "统计代码", "createElement", "font-size",  # scripts and styles
        "正文内容开始",  # an HTML comment
    ],
)  # fmt: skip
def test_html_page_furniture_is_dropped(junk: str) -> None:
    assert junk not in read_text(PLAN_PAGE).text


def test_html_source_line_breaks_inside_chinese_add_no_space() -> None:
    item = line_starting(read_text(PLAN_PAGE).text.split("\n"), "1.加快推进千兆光网覆盖")
    assert item == line_starting(sample_lines(ZHANGZHOU), "1.加快推进千兆光网覆盖")


def test_html_declared_gbk_page(tmp_path: Path) -> None:
    page = PLAN_PAGE.read_text(encoding="utf-8").replace("charset=utf-8", "charset=gb2312")
    copy = tmp_path / "gbk.htm"
    copy.write_bytes(page.encode("gb18030"))
    result = read_text(copy)
    assert result.encoding == "html:gb18030"
    assert result.text.split("\n") == expected_page_lines()


@pytest.mark.parametrize("declaration", ["", "charset=utf-8"])
def test_html_charset_is_detected_when_missing_or_wrong(declaration: str, tmp_path: Path) -> None:
    page = PLAN_PAGE.read_text(encoding="utf-8").replace("charset=utf-8", declaration)
    copy = tmp_path / "saved.html"
    copy.write_bytes(page.encode("gb18030"))
    result = read_text(copy)
    assert result.encoding == "html:gb18030"
    assert result.text.split("\n") == expected_page_lines()


@pytest.mark.parametrize("label", ["iso-8859-1", "utf-16", "x-made-up", "hex"])
def test_html_declarations_that_prove_nothing_are_ignored(label: str, tmp_path: Path) -> None:
    """A Western, BOM-less UTF-16, unknown or non-text label would turn Chinese into noise."""
    page = PLAN_PAGE.read_text(encoding="utf-8").replace("charset=utf-8", f"charset={label}")
    copy = tmp_path / "odd.html"
    copy.write_bytes(page.encode("utf-8"))
    result = read_text(copy)
    assert result.encoding == "html:utf-8"
    assert result.text.split("\n") == expected_page_lines()


LAYOUT_TABLE_PAGE = """<html><body><table width="100%">
<tr><td colspan="2"><a href="/">首页</a> | <a href="/xxgk/">信息公开</a></td></tr>
<tr><td width="180"><a href="/tzgg/">通知公告</a><br><a href="/zcwj/">政策文件</a></td>
<td><font size="4"><b>关于印发某市5G发展行动计划的通知</b></font><br>
发布日期：2021-03-01<br><br>
&nbsp;&nbsp;各区人民政府，市各有关部门：<br>
&nbsp;&nbsp;现将《某市5G发展行动计划》印发给你们，请认真贯彻执行。<br>
&nbsp;&nbsp;一、加快网络建设<br>
&nbsp;&nbsp;1.推进基站建设。到2022年底，全市建成5G基站3000个。（责任单位：市工信局、市通管办）<br>
&nbsp;&nbsp;2.开放公共资源。推动公共建筑免费开放站址资源。（责任单位：市机关事务局、市住建局）<br>
</td></tr>
<tr><td colspan="2">版权所有：某市人民政府办公室 备案号：X ICP备12345号</td></tr>
</table></body></html>"""


def test_html_layout_table_is_not_rendered_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "old_site.html"
    path.write_text(LAYOUT_TABLE_PAGE, encoding="utf-8")
    assert read_text(path).text.split("\n") == [
        "关于印发某市5G发展行动计划的通知",
        "各区人民政府，市各有关部门：",
        "现将《某市5G发展行动计划》印发给你们，请认真贯彻执行。",
        "一、加快网络建设",
        "1.推进基站建设。到2022年底，全市建成5G基站3000个。（责任单位：市工信局、市通管办）",
        "2.开放公共资源。推动公共建筑免费开放站址资源。（责任单位：市机关事务局、市住建局）",
    ]


def test_html_page_without_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        '<html><body><div class="nav"><a href="/">首页</a></div>'
        "<script>var x = '正文';</script></body></html>",
        encoding="utf-8",
    )
    assert "no article text" in refused(path).reason


# --- .docx ----------------------------------------------------------------------------

# A Chinese official-document list: 一、 / （一） / 1. as Word stores it (numbers not in text).
OFFICIAL_LIST = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""
# A plain "1", "2", … list for the 序号 column of the table.
SERIAL_LIST = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>"""


def add_lists(document: object) -> None:
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    first_num = numbering.find(qn("w:num"))
    for abstract in (OFFICIAL_LIST, SERIAL_LIST):
        first_num.addprevious(parse_xml(abstract))
    for num_id in ("90", "91"):
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/>'
                "</w:num>"
            )
        )


def numbered(paragraph: object, num_id: int, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def build_docx(path: Path) -> list[str]:
    """Write a plan the way an office does and return the lines a reader should get."""
    plan = sample_lines(ZHANGZHOU)
    guiding, goals = plan[16], plan[18]
    item1, lead1, item2, lead2 = plan[21:25]
    document = Document()
    add_lists(document)
    document.add_paragraph(plan[12], style="Title")
    document.add_paragraph("")
    for text, level in [("总体要求", 0), ("指导思想", 1)]:
        numbered(document.add_paragraph(text), 90, level)
    document.add_paragraph(guiding)
    numbered(document.add_paragraph("行动目标"), 90, 1)
    document.add_paragraph(goals)
    numbered(document.add_paragraph("加速推进信息基础设施建设"), 90, 0)
    numbered(document.add_paragraph("统筹部署“新网络”基础设施"), 90, 1)
    numbered(document.add_paragraph(item1.removeprefix("1.")), 90, 2)
    document.add_paragraph(lead1)
    numbered(document.add_paragraph(item2.removeprefix("2.")), 90, 2)
    document.add_paragraph(lead2)
    hidden = document.add_paragraph("3.加快广播电视融合网络升级。")
    hidden.add_run("(内部意见:暂缓)").font.hidden = True
    add_division_of_labour(document)
    after = document.add_paragraph("牵头单位:市发改委(大数据局)")
    after.add_run().add_break(WD_BREAK.LINE)
    after.add_run("责任单位:市直有关单位")
    document.save(str(path))
    return [
        plan[12],
        "一、总体要求",
        "（一）指导思想",
        guiding,
        "（二）行动目标",
        goals,
        "二、加速推进信息基础设施建设",
        "（一）统筹部署“新网络”基础设施",
        "1. " + item1.removeprefix("1."),
        lead1,
        "2. " + item2.removeprefix("2."),
        lead2,
        "3.加快广播电视融合网络升级。",
        "[table]",
        "序号\t重点任务\t牵头单位\t责任单位\t完成时限",
        "1\t加快推进千兆光网覆盖\t市通管办\t市委网信办,市工信局\t2025年底",
        "2\t加快5G网络高质量建设\t市通管办\t市发改委(大数据局)、工信局\t2025年底",
        "3\t加快广播电视融合网络升级\t福建广电网络漳州分公司\t市委宣传部 市文旅局\t2025年底",
        "\t".join(["各县(区)人民政府、开发区(投资区)管委会负责本地区落实"] * 5),
        "[/table]",
        "牵头单位:市发改委(大数据局)",
        "责任单位:市直有关单位",
    ]


def add_division_of_labour(document: object) -> None:
    rows = [
        ("加快推进千兆光网覆盖", "市通管办", "市委网信办,市工信局"),
        ("加快5G网络高质量建设", "", "市发改委(大数据局)、工信局"),
        ("加快广播电视融合网络升级", "福建广电网络漳州分公司", "市委宣传部"),
    ]
    table = document.add_table(rows=5, cols=5)  # type: ignore[attr-defined]
    header = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row, (task, lead, units) in zip(table.rows[1:4], rows, strict=True):
        numbered(row.cells[0].paragraphs[0], 91, 0)  # 序号 by automatic numbering
        row.cells[1].text, row.cells[3].text = task, units
        if lead:
            row.cells[2].text = lead
    table.cell(3, 3).add_paragraph("市文旅局")  # a second paragraph in one cell
    table.cell(1, 2).merge(table.cell(2, 2)).text = "市通管办"  # vertical merge
    table.cell(1, 4).merge(table.cell(3, 4)).text = "2025年底"
    table.cell(4, 0).merge(
        table.cell(4, 4)
    ).text = "各县(区)人民政府、开发区(投资区)管委会负责本地区落实"


def test_docx_paragraphs_lists_and_table_in_order(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    expected = build_docx(path)
    result = read_text(path)
    assert (result.encoding, result.kind) == ("docx", "docx")
    assert result.text.split("\n") == expected


def test_docx_list_number_style_is_numbered(tmp_path: Path) -> None:
    """Numbering inherited from a paragraph style, as Word's 列表编号 style does."""
    document = Document()
    for text in ["推进5G基站建设。", "开放公共资源。"]:
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "list.docx"
    document.save(str(path))
    assert read_text(path).text == "1. 推进5G基站建设。\n2. 开放公共资源。"


def test_docx_nested_table_is_flattened_into_its_cell(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "重点任务", "责任单位"
    table.cell(1, 0).text = "推进5G基站建设"
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "市工信局", "市通管办"
    path = tmp_path / "nested.docx"
    document.save(str(path))
    assert read_text(path).text.split("\n") == [
        "[table]",
        "重点任务\t责任单位",
        "推进5G基站建设\t市工信局 市通管办",
        "[/table]",
    ]


def test_docx_that_is_another_office_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "division.docx"
    Workbook().save(path)  # a spreadsheet with the wrong suffix
    assert "not a Word document" in refused(path).reason


def test_docx_that_is_not_a_package_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "renamed.docx"
    path.write_bytes(CHANGZHOU.read_bytes())
    assert "not a valid .docx package" in refused(path).reason


def test_docx_without_text_is_refused(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("   ")
    path = tmp_path / "blank.docx"
    document.save(str(path))
    assert refused(path).reason == "the document has no text"


# --- .pdf -----------------------------------------------------------------------------

FONT = "STSong-Light"  # Adobe's CJK font: PDF viewers and pdfminer know it without a font file
FONT_SIZE = 12
LEFT, RIGHT, TOP, BOTTOM, LEADING = 72, 523, 770, 90, 20
INDENT = 2 * FONT_SIZE  # the two-character first-line indent of official documents
# What ends a sentence for the unindented layout: the marks the brief names.
SENTENCE_ENDS = ("。", "；", ";", "：", ":", "!", "！", "?", "？")
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def wrap(text: str, indent: float = 0) -> list[str]:
    """Break a paragraph into page-width lines as a word processor does, never inside an
    ASCII word or number; the first line is narrower by the indent."""
    lines = [""]
    for char in text:
        width = RIGHT - LEFT - (indent if len(lines) == 1 else 0)
        if pdfmetrics.stringWidth(lines[-1] + char, FONT, FONT_SIZE) <= width:
            lines[-1] += char
            continue
        word = _ascii_tail(lines[-1]) if char.isascii() and char.isalnum() else ""
        lines[-1] = lines[-1][: len(lines[-1]) - len(word)]
        lines.append(word + char)
    return lines


def _ascii_tail(line: str) -> str:
    tail = ""
    for char in reversed(line):
        if not (char.isascii() and char.isalnum()):
            break
        tail = char + tail
    return tail


def build_pdf(path: Path, paragraphs: list[str], indent: float) -> None:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    page, y = 1, TOP
    for paragraph in paragraphs:
        for n, line in enumerate(wrap(paragraph, indent)):
            if y < BOTTOM:
                page, y = _next_page(pdf, page), TOP
            pdf.setFont(FONT, FONT_SIZE)
            pdf.drawString(LEFT + (indent if n == 0 else 0), y, line)
            y -= LEADING
    _next_page(pdf, page)
    pdf.save()


def _next_page(pdf: canvas.Canvas, page: int) -> int:
    """Close a page with the centred "— n —" number official documents carry."""
    pdf.setFont(FONT, FONT_SIZE)
    pdf.drawCentredString(A4[0] / 2, 50, f"— {page} —")
    pdf.showPage()
    return page + 1


def pdf_paragraphs() -> list[str]:
    """A heading, then unnumbered and numbered paragraphs of sample 000, over two pages."""
    plan = sample_lines(CHANGZHOU)
    start = plan.index("(二)主要目标")
    end = plan.index("(四)提升用户体验")
    return [line for line in plan[start:end] if line]


def wraps_after_a_sentence(paragraphs: list[str], indent: float) -> int:
    """How many wrapped lines end in a sentence mark inside a paragraph (the hard case)."""
    return sum(line.endswith(SENTENCE_ENDS) for p in paragraphs for line in wrap(p, indent)[:-1])


def test_pdf_test_document_wraps_spans_pages_and_breaks_after_sentences() -> None:
    """Guard for the PDF tests: they must meet wrapped lines, page breaks and the hard case."""
    paragraphs = pdf_paragraphs()
    assert paragraphs[0] == "(二)主要目标"  # a heading followed by an unnumbered paragraph
    for indent in (0, INDENT):
        assert sum(len(wrap(p, indent)) for p in paragraphs) * LEADING > TOP - BOTTOM
        assert wraps_after_a_sentence(paragraphs, indent) >= 2


def test_pdf_indented_paragraphs_are_rejoined_exactly(tmp_path: Path) -> None:
    """公文 layout: first lines indented, so every wrap is undone, even one after "。"."""
    paragraphs = pdf_paragraphs()
    path = tmp_path / "plan.pdf"
    build_pdf(path, paragraphs, indent=INDENT)
    result = read_text(path)
    assert (result.encoding, result.kind) == ("pdf", "pdf")
    assert result.text.split("\n") == paragraphs


def test_pdf_unindented_paragraphs_are_split_only_after_sentences(tmp_path: Path) -> None:
    """Without indents a wrap after "。" cannot be told from a paragraph end, so it is kept;
    every other wrap is undone."""
    paragraphs = pdf_paragraphs()
    path = tmp_path / "plan.pdf"
    build_pdf(path, paragraphs, indent=0)
    expected: list[str] = []
    for paragraph in paragraphs:
        expected.append("")
        for line in wrap(paragraph):
            expected[-1] += line
            if line.endswith(SENTENCE_ENDS):
                expected.append("")
        expected = [line for line in expected if line]
    assert read_text(path).text.split("\n") == expected
    assert len(expected) > len(paragraphs)


def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        pdf.drawImage(ImageReader(Image.new("L", (600, 800), 230)), 40, 40, width=515, height=760)
        pdf.showPage()
    pdf.save()
    reason = refused(path).reason
    assert "no text layer on any of its 2 page(s)" in reason
    assert "scanned PDF, OCR is needed" in reason


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt="secret")
    pdf.drawString(LEFT, TOP, "Action plan")
    pdf.save()
    assert "encrypted PDF" in refused(path).reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html>not a pdf</html>", "not a PDF file"),
        (b"%PDF-1.4\n1 0 obj\n<<", "cannot parse the PDF"),
        (b"", "empty file"),
    ],
)
def test_broken_pdf_is_refused(data: bytes, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    assert reason in refused(path).reason


# --- iter_documents -------------------------------------------------------------------


@pytest.fixture
def plan_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    (folder / "attachments").mkdir(parents=True)
    (folder / ".cache").mkdir()
    for name in ["b.txt", "a.HTML", "c.pdf", "notes.doc", ".hidden.txt", "~$d.docx", "d.docx"]:
        (folder / name).write_bytes(b"x")
    for name in ["table.docx", "scan.tif"]:
        (folder / "attachments" / name).write_bytes(b"x")
    (folder / ".cache" / "old.txt").write_bytes(b"x")
    return folder


def test_iter_documents_lists_a_folder_sorted_without_descending(plan_folder: Path) -> None:
    files, skipped = iter_documents([plan_folder])
    assert files == [plan_folder / name for name in ["a.HTML", "b.txt", "c.pdf", "d.docx"]]
    assert [(s.path.name, s.reason.split(" (")[0]) for s in skipped] == [
        (".cache", "hidden or temporary folder"),
        (".hidden.txt", "hidden or temporary file"),
        ("attachments", "folder not searched"),
        ("notes.doc", "unsupported file type '.doc'"),
        ("~$d.docx", "hidden or temporary file"),
    ]


def test_iter_documents_recursive(plan_folder: Path) -> None:
    files, skipped = iter_documents([plan_folder], recursive=True)
    assert [f.relative_to(plan_folder).as_posix() for f in files] == [
        "a.HTML", "attachments/table.docx", "b.txt", "c.pdf", "d.docx",
    ]  # fmt: skip
    scan = next(s for s in skipped if s.path.name == "scan.tif")
    assert scan.reason.startswith("unsupported file type '.tif'")
    assert all(s.path.name != "old.txt" for s in skipped)  # hidden folders are not entered


def test_iter_documents_explicit_paths_keep_their_order(plan_folder: Path) -> None:
    missing = plan_folder / "missing.pdf"
    files, skipped = iter_documents(
        [plan_folder / "d.docx", str(plan_folder / "b.txt"), missing, plan_folder / "d.docx"]
    )
    assert files == [plan_folder / "d.docx", plan_folder / "b.txt"]
    assert skipped == [Skipped(missing, "no such file or folder")]


def test_iter_documents_feeds_read_text() -> None:
    files, skipped = iter_documents(str(ROOT / "data" / "samples"))  # one path, not a list
    assert files == SAMPLES
    assert skipped == []
    assert all(read_text(path).encoding == "utf-8" for path in files)
