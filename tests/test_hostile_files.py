"""A batch of hostile and broken files loaded beside good plans, on both load paths.

Every file is made here, small, under caps the test lowers: a page nested 10,000 deep, a
symbolic link loop, a zip bomb, an oversize file, a PDF of too many pages, a truncated
GB18030 plan, a binary file named .txt, names with a newline, an escape sequence and a bidi
override. Each gives one
line of the load report naming it, and the good plans load.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from graph.settings import Settings
from graph.store import open_store
from loaders.__main__ import main as loaders_main
from loaders.errors import one_line
from loaders.readers import Limits, iter_documents, read_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CHANGZHOU = SAMPLES / "000_29c4f374f04b8484.txt"
LIANYUNGANG = SAMPLES / "001_dd2bc50c87d10c0b.txt"
KAIFENG = SAMPLES / "002_56b0b1f0d4126dc9.txt"
ZHANGZHOU = SAMPLES / "003_ce560822e58bcc91.txt"
# The caps the test lowers, as a loader reads them from the environment.
LOWERED = {"LOADER_MAX_FILE_MB": "1", "LOADER_MAX_PART_MB": "1", "LOADER_MAX_PAGES": "3"}
MB = 1 << 20
NEWLINE_NAME = "new\nline.txt"
SPOOFED_NAME = "\x1b[31mevil\u202etxt.exe.txt"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"


def zip_bomb(member_size: int) -> bytes:
    """A .docx-shaped zip whose document part inflates to `member_size` bytes of spaces
    (about a thousandth of that zipped)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with package.open("word/document.xml", "w") as part:
            chunk = b" " * MB
            for start in range(0, member_size, MB):
                part.write(chunk[:member_size - start])
    return buffer.getvalue()


def pdf_of(pages: int, line: str = "Task list, lead unit: Bureau of Industry") -> bytes:
    """A PDF of `pages` pages, each with one line of text."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(pages):
        pdf.drawString(72, 720, f"{page + 1}. {line}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def truncated_gb18030() -> tuple[bytes, int]:
    """The 漳州 plan in GB18030, cut inside its last Chinese character; and the offset."""
    data = ZHANGZHOU.read_text(encoding="utf-8").rstrip("\n").encode("gb18030")
    return data[:-1], len(data) - 2


def hostile_folder(folder: Path) -> dict[str, str]:
    """Write the batch; file name -> the one report line (after the folder) it must give."""
    folder.mkdir()
    shutil.copy(CHANGZHOU, folder / "good.txt")
    shutil.copy(LIANYUNGANG, folder / NEWLINE_NAME)  # a good plan with a newline in its name
    nested = "<div>" * 10_000 + "一、重点任务（一）加快建设。牵头单位：市工信局" + "</div>" * 10_000
    (folder / "deep.html").write_text(f"<html><body>{nested}</body></html>", encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "here").symlink_to(".")
    (folder / "bomb.docx").write_bytes(zip_bomb(MB + MB // 2))
    (folder / "big.txt").write_bytes(CHANGZHOU.read_bytes() * (MB // 16_000 + 10))
    (folder / "pages.pdf").write_bytes(pdf_of(5))
    truncated, cut_at = truncated_gb18030()
    (folder / "truncated.txt").write_bytes(truncated)
    (folder / "binary.txt").write_bytes(PNG)
    (folder / SPOOFED_NAME).write_bytes(PNG)
    os.close(os.open(os.fsencode(folder) + b"/bad\xff.txt", os.O_CREAT | os.O_WRONLY))
    big = (folder / "big.txt").stat().st_size
    line = ZHANGZHOU.read_bytes().count(b"\n") + 1
    return {
        "good.txt": "  good.txt: ",
        NEWLINE_NAME: "  new\\nline.txt: ",
        "deep.html": "failed: {}/deep.html: HTML elements nested more than 256 deep; a broken "
                     "or hostile page, not a saved article",
        "loop.txt": "skipped: {}/loop.txt: symbolic link loop (the link leads back to itself)",
        "gone.txt": "skipped: {}/gone.txt: broken symbolic link (what it points to does not "
                    "exist)",
        "here": "skipped: {}/here: folder not searched (recursive=False)",
        "bomb.docx": "failed: {}/bomb.docx: package member 'word/document.xml' unzips to "
                     "1.5 MB, over the limit of 1 MB (LOADER_MAX_PART_MB)",
        "big.txt": f"failed: {{}}/big.txt: file of {big / MB:.3f} MB is over the limit of 1 MB "
                   "(LOADER_MAX_FILE_MB)",
        "pages.pdf": "failed: {}/pages.pdf: PDF of 5 pages is over the limit of 3 pages "
                     "(LOADER_MAX_PAGES)",
        "truncated.txt": f"    warning: the file ends inside a gb18030 character at byte offset "
                         f"{cut_at} (line {line}): it looks truncated, so its last task may "
                         "be cut short",
        "binary.txt": "failed: {}/binary.txt: binary content (NUL byte at offset 8), not text",
        SPOOFED_NAME: "failed: {}/\\x1b[31mevil\\u202etxt.exe.txt: binary content (NUL byte "
                      "at offset 8), not text",
        "bad\udcff.txt": "skipped: {}/bad\\xff.txt: the file name is not valid text in the "
                         "system's encoding; rename the file",
    }


def check_report(out: str, folder: Path, expected: dict[str, str]) -> None:
    """Every hostile file has its line; every line is one line of printable text."""
    lines = out.split("\n")
    for name, want in expected.items():
        want = want.format(folder)
        assert sum(line.startswith(want) for line in lines) == 1, (name, want, out)
    assert all(one_line(line) == line for line in lines), out
    loaded = [line for line in lines if line.startswith("  ") and ": " in line
              and " tasks " in line]
    assert [line.split(":")[0].strip() for line in loaded] == [
        "good.txt", "new\\nline.txt", "truncated.txt"]
    assert sum(line.startswith(("failed: ", "skipped: ")) for line in lines) == 10, out


def stored_documents(db: Path) -> list[str]:
    with open_store(Settings(path=db)) as store:
        rows = store.run("MATCH (d:Document) RETURN d.file AS doc ORDER BY doc")
    return [row["doc"] for row in rows]


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    for name, value in LOWERED.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GRAPH_BACKEND", "embedded")
    folder = tmp_path / "batch"
    return folder, hostile_folder(folder)


def test_incremental_load_reports_each_hostile_file_and_loads_the_good_ones(
    batch: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, expected = batch
    db = tmp_path / "graph.lbdb"
    assert loaders_main(["load", "--db", str(db), str(KAIFENG)]) == 0  # not empty: Cypher path
    capsys.readouterr()
    assert loaders_main(["load", "--db", str(db), str(folder)]) == 0
    check_report(capsys.readouterr().out, folder, expected)
    assert stored_documents(db) == sorted(
        [KAIFENG.name, "good.txt", NEWLINE_NAME, "truncated.txt"])


def test_bulk_load_in_a_process_pool_does_the_same(
    batch: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, expected = batch
    monkeypatch.setattr("loaders.pipeline.POOL_MIN_FILES", 2)
    monkeypatch.setattr("loaders.pipeline._cores", lambda: 2)
    db = tmp_path / "graph.lbdb"
    assert loaders_main(["load", "--db", str(db), str(folder)]) == 0  # empty: bulk path
    check_report(capsys.readouterr().out, folder, expected)
    assert stored_documents(db) == sorted(["good.txt", NEWLINE_NAME, "truncated.txt"])


# --- the walk and the readers on their own ---------------------------------------------


def test_a_link_back_up_the_tree_is_searched_once(tmp_path: Path) -> None:
    (tmp_path / "plans" / "sub").mkdir(parents=True)
    shutil.copy(CHANGZHOU, tmp_path / "plans" / "sub" / "plan.txt")
    (tmp_path / "plans" / "sub" / "up").symlink_to("..")
    (tmp_path / "plans" / "loop").symlink_to("loop")
    files, skipped = iter_documents([tmp_path / "plans"], recursive=True)
    assert files == [tmp_path / "plans" / "sub" / "plan.txt"]
    assert [(s.path.name, s.reason) for s in skipped] == [
        ("loop", "symbolic link loop (the link leads back to itself)"),
        ("up", "folder searched already (a symbolic link leads back to it)"),
    ]


def test_a_folder_that_cannot_be_listed_is_skipped_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    shutil.copy(CHANGZHOU, tmp_path / "plan.txt")
    listing = Path.iterdir

    def iterdir(self: Path):  # as for a folder without read permission (tests run as root)
        if self.name == "locked":
            raise PermissionError(13, "Permission denied")
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    files, skipped = iter_documents([tmp_path, tmp_path / "locked"], recursive=True)
    assert files == [tmp_path / "plan.txt"]
    assert skipped == [(tmp_path / "locked", "cannot list the folder: Permission denied")]


def test_a_deep_folder_tree_is_walked_without_recursion(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(300):  # deeper than 3 frames a level would allow under the 1000 limit
        folder = folder / "d"
    folder.mkdir(parents=True)
    shutil.copy(CHANGZHOU, folder / "plan.txt")
    files, _ = iter_documents([tmp_path / "d"], recursive=True)
    assert files == [folder / "plan.txt"]


def test_docx_with_too_many_paragraphs_is_refused_before_it_is_built(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>一、任务</w:t></w:r></w:p>" * 1001
    xml = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    path = tmp_path / "long.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", xml)
    with pytest.raises(Exception) as caught:
        read_text(path, Limits(max_elements=1000))
    assert caught.value.args[0] == (
        f"{path}: package member 'word/document.xml' takes the document over the limit of "
        "1,000 paragraphs (LOADER_MAX_ELEMENTS)")


def test_html_with_too_many_tags_and_text_over_the_cap_are_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>一、任务</p>" * 2000, encoding="utf-8")
    with pytest.raises(Exception, match=r"up to 2,000 elements is over the limit of 1,000"):
        read_text(page, Limits(max_elements=1000))
    with pytest.raises(Exception, match=r"characters of text, over the limit of 100 "):
        read_text(CHANGZHOU, Limits(max_text_chars=100))


def test_a_pdf_is_read_page_by_page_within_the_page_and_text_caps(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_of(4))
    assert read_text(path, Limits(max_pages=4)).text.count("Task list") == 4
    with pytest.raises(Exception) as caught:
        read_text(path, Limits(max_pages=3))
    assert caught.value.args[0] == (
        f"{path}: PDF of 4 pages is over the limit of 3 pages (LOADER_MAX_PAGES)")
    # A page tree that declares fewer pages than it holds is caught as the pages are read.
    data = pdf_of(4)
    assert data.count(b"/Count 4") == 1
    path.write_bytes(data.replace(b"/Count 4", b"/Count 1"))
    with pytest.raises(Exception) as caught:
        read_text(path, Limits(max_pages=3))
    assert caught.value.args[0] == (
        f"{path}: PDF of more than 3 pages is over the limit of 3 pages (LOADER_MAX_PAGES)")
    # Reading stops at the page whose text passes the cap, not at the end of the document.
    path.write_bytes(pdf_of(200, "x" * 60))
    with pytest.raises(Exception) as caught:
        read_text(path, Limits(max_text_chars=300))
    assert caught.value.args[0] == (
        f"{path}: 315 characters of text in its first 5 page(s), over the limit of 300 "
        "(LOADER_MAX_TEXT_CHARS)")


def test_limits_come_from_the_environment() -> None:
    limits = Limits.from_env({"LOADER_MAX_FILE_MB": "2.5", "LOADER_MAX_ELEMENTS": "10_000",
                              "LOADER_MAX_PAGES": "20"})
    assert (limits.max_file_bytes, limits.max_elements, limits.max_pages) == (
        int(2.5 * MB), 10_000, 20)
    with pytest.raises(ValueError, match="LOADER_MAX_PAGES must be a whole number"):
        Limits.from_env({"LOADER_MAX_PAGES": "2.5"})
    assert Limits.from_env({}) == Limits()
    with pytest.raises(ValueError, match="LOADER_MAX_PART_MB must be a number"):
        Limits.from_env({"LOADER_MAX_PART_MB": "lots"})
    with pytest.raises(ValueError, match="must be a positive number"):
        Limits(max_text_chars=0)


def test_one_line_escapes_what_would_break_or_disguise_a_line() -> None:
    assert one_line("a\nb\r\t\x1b[2J\x85\u202e\u2066\u200f\ufeff\udcff 中文\u3000") == (
        "a\\nb\\r\\t\\x1b[2J\\x85\\u202e\\u2066\\u200f\\ufeff\\xff 中文\u3000")
