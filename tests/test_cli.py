"""The loader and query command lines on real files, good and bad."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from loaders.__main__ import main as loaders_main
from queries.cli import main as queries_main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
KAIFENG = SAMPLES / "002_56b0b1f0d4126dc9.txt"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "graph.lbdb"
    monkeypatch.setenv("GRAPH_BACKEND", "embedded")
    monkeypatch.setenv("GRAPH_PATH", str(db))
    return tmp_path


def bad_files(folder: Path) -> dict[str, Path]:
    files = {
        "empty": b"",
        "binary": bytes(range(256)) * 4,
        "undecodable": "一、重点任务\n1.加快建设。".encode() + b"\xff\xfe\xfa\x80\x81",
        "no-tasks": "关于做好节日值班工作的通知\n请各单位做好值班安排。\n".encode(),
    }
    out = {}
    for name, data in files.items():
        out[name] = folder / f"{name}.txt"
        out[name].write_bytes(data)
    return out


def test_parse_json_is_the_schema_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert loaders_main(["parse", str(KAIFENG), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["city"] == "开封市"
    assert {"doc", "title", "tasks"} <= record.keys()
    first = record["tasks"][0]
    assert {"no", "section", "title", "leads", "units", "implied", "source"} <= first.keys()
    assert first["source"] == "attachment" and first["inferred_lead"] == first["units"][0]


@pytest.mark.parametrize("kind", ["empty", "binary", "undecodable", "no-tasks"])
def test_bad_file_gives_one_line_error(kind: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = bad_files(tmp_path)[kind]
    assert loaders_main(["parse", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: ") and str(path) in err and "\n" not in err


def test_bad_files_never_half_load_and_good_ones_still_load(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = env / "plans"
    folder.mkdir()
    bad_files(folder)
    shutil.copy(KAIFENG, folder)
    assert loaders_main(["load", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "1 loaded" in out
    for kind in ("empty", "binary", "undecodable", "no-tasks"):
        assert f"failed: {folder / kind}.txt" in out
    assert queries_main(["cypher", "MATCH (d:Document) RETURN d.file AS f", "--format",
                         "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"f": KAIFENG.name}]


def test_nothing_loaded_exits_non_zero(env: Path) -> None:
    folder = env / "bad"
    folder.mkdir()
    bad_files(folder)
    assert loaders_main(["load", str(folder)]) == 1


@pytest.mark.parametrize("what", ["missing", "empty", "bad"])
def test_a_rebuild_that_reads_nothing_leaves_the_graph_as_it_was(
        what: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in a folder name must not empty the graph."""
    assert loaders_main(["load", str(SAMPLES)]) == 0
    folder = env / what
    if what != "missing":
        folder.mkdir()
    if what == "bad":
        bad_files(folder)
    capsys.readouterr()
    assert loaders_main(["load", "--rebuild", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "nothing was rebuilt" in err and "unchanged" in err
    assert queries_main(["cypher", "MATCH (d:Document) RETURN count(d) AS n", "--format",
                         "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 5}]


def test_reload_is_idempotent_and_counts_match(env: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert loaders_main(["load", str(SAMPLES)]) == 0
    capsys.readouterr()
    assert loaders_main(["load", str(SAMPLES)]) == 0
    assert "5 unchanged" in capsys.readouterr().out
    assert queries_main(["cypher", "MATCH (t:Task) RETURN count(t) AS n", "--format",
                         "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 141}]


def test_headline_query_worked_example(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Counting tasks that mention 5G, departments only, the top agency in 开封."""
    loaders_main(["load", str(SAMPLES)])
    capsys.readouterr()
    assert queries_main(["run", "top_agencies", "--param", "sector=5G", "--param", "city=开封",
                         "--param", "kind=department", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["name"] == "市工业和信息化局"
    assert rows[0]["tasks"] > rows[1]["tasks"]


def test_console_refuses_writes(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loaders_main(["load", str(KAIFENG)])
    capsys.readouterr()
    assert queries_main(["cypher", "MATCH (t:Task) DETACH DELETE t"]) == 1
    assert "Error:" in capsys.readouterr().err
    assert queries_main(["cypher", "MATCH (t:Task) RETURN count(t) AS n", "--format",
                         "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 22}]


DISTRICT_NO_ISSUER = (
    "数字乡村建设方案\n一、重点任务\n1.完善农村网络。推进光纤入村。（责任单位：区工信局）\n"
)


def test_jurisdiction_flag_and_manifest(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(DISTRICT_NO_ISSUER, encoding="utf-8")
    assert loaders_main(["parse", str(plan), "--json", "--jurisdiction", "江苏省"]) == 0
    assert json.loads(capsys.readouterr().out)["province"] == "江苏省"
    (tmp_path / "plans.yaml").write_text("jurisdictions:\n  plan.txt: 常州市武进区\n",
                                         encoding="utf-8")
    assert loaders_main(["parse", str(plan), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["city"] == "常州市武进区"
    assert loaders_main(["parse", str(plan), "--jurisdiction", "火星"]) == 1
    assert "unknown jurisdiction" in capsys.readouterr().err


REALDOCS = Path(__file__).resolve().parent / "realdocs"
FIGURES = "  task P="  # how a scored document's line goes on after its name


def score_lines(argv: list[str], capsys: pytest.CaptureFixture[str],
                code: int = 0) -> list[str]:
    assert loaders_main(["score", *argv]) == code
    return capsys.readouterr().out.splitlines()


def test_score_reports_each_real_plan_then_overall(capsys: pytest.CaptureFixture[str]) -> None:
    lines = score_lines([str(REALDOCS / "gold"), str(REALDOCS / "docs")], capsys)
    docs = [g.stem + ".txt" for g in sorted((REALDOCS / "gold").glob("*.json"))]
    scored = [line.split(FIGURES)[0] for line in lines if FIGURES in line]
    assert scored == docs
    assert lines[-1].startswith("overall txt (17 documents, ")


def test_score_all_keeps_txt_and_html_apart(capsys: pytest.CaptureFixture[str]) -> None:
    lines = score_lines([str(REALDOCS / "gold"), str(REALDOCS / "docs"), "--ext", "all"], capsys)
    overall = [line.split(":")[0] for line in lines if line.startswith("overall")]
    assert [o.split(",")[0] for o in overall] == ["overall txt (17 documents",
                                                  "overall html (7 documents"]
    assert sum(1 for line in lines if ".html" + FIGURES in line) == 7


@pytest.fixture
def one_bad_plan(tmp_path: Path) -> tuple[Path, Path]:
    """A gold folder of two plans whose documents are one real .txt and one binary file."""
    gold, docs = tmp_path / "gold", tmp_path / "docs"
    gold.mkdir()
    docs.mkdir()
    for name in ("jn_kechuang_2021", "sd_zzycx_2023"):
        shutil.copy(REALDOCS / "gold" / f"{name}.json", gold)
    shutil.copy(REALDOCS / "docs" / "jn_kechuang_2021.txt", docs)
    (docs / "sd_zzycx_2023.txt").write_bytes(bytes(range(256)) * 4)
    return gold, docs


def test_score_a_bad_plan_gives_one_error_line_and_others_still_count(
        one_bad_plan: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    lines = score_lines([str(p) for p in one_bad_plan], capsys)
    errors = [line for line in lines if "error:" in line]
    assert errors == [line for line in lines if "sd_zzycx_2023.txt  error: " in line]
    assert len(errors) == 1 and str(one_bad_plan[1] / "sd_zzycx_2023.txt") in errors[0]
    assert any(line.startswith("jn_kechuang_2021.txt" + FIGURES) for line in lines)
    assert any(line.startswith("sd_zzycx_2023.txt  task P=0.000 R=0.000 F1=0.000")
               for line in lines)
    assert lines[-1].startswith("overall txt (2 documents, 1 failed): ")


def test_score_verbose_lists_each_missed_task(one_bad_plan: tuple[Path, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    lines = score_lines([*map(str, one_bad_plan), "--verbose"], capsys)
    gold = json.loads((one_bad_plan[0] / "sd_zzycx_2023.json").read_text(encoding="utf-8"))
    start = lines.index("sd_zzycx_2023.txt  task P=0.000 R=0.000 F1=0.000  "
                        "pair P=0.000 R=0.000 F1=0.000  lead P=0.000 R=0.000 F1=0.000")
    missed = lines[start + 1:start + 1 + len(gold["tasks"])]
    assert missed == [f"  missing task {t['no']} {t['title']}" for t in gold["tasks"]]


def test_score_below_a_floor_exits_one(one_bad_plan: tuple[Path, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    lines = score_lines([*map(str, one_bad_plan), "--min-task", "0.99"], capsys, code=1)
    assert lines[-1].endswith("BELOW MINIMUM")
