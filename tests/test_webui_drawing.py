"""The pure parts of the viewer, without Flask: network building, placement, highlighting."""

from __future__ import annotations

import pytest

from webui.drawing import PINNED_LABELS, build_agency_network, build_network, pick_nodes, task_graph
from webui.highlight import Segment, highlight
from webui.placement import place


def edge(agency: str, task: str, basis: str = "listed", kind: str = "department",
         name: str = "") -> dict[str, str]:
    return {"agency_id": agency, "agency": name or f"市{agency}局", "city": "常州市",
            "kind": kind, "task_id": task, "task": f"任务{task}", "no": task, "doc_id": "d",
            "basis": basis}


# A hub agency on ten tasks, each task shared with one agency of its own.
STAR = [edge("hub", f"t{i}", "first_listed" if i % 2 else "listed") for i in range(10)] + [
    edge(f"a{i}", f"t{i}") for i in range(10)]


def test_network_has_one_node_per_agency_and_task_with_positions() -> None:
    view = build_network(STAR, link=lambda kind, key: f"/{kind}/{key}")
    assert len(view.nodes) == 21 and len(view.edges) == 20
    assert {n["url"] for n in view.nodes} >= {"/agency/hub", "/task/t0"}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in view.nodes)
    assert view.options["physics"]["enabled"] is False
    assert view.omitted == {"agency": 0, "task": 0}


def test_a_lead_and_a_listed_row_for_one_pair_make_one_lead_edge() -> None:
    graph = task_graph([edge("x", "t", "listed"), edge("x", "t", "first_listed")])
    assert graph.number_of_edges() == 1 and graph.edges["a:x", "t:t"]["basis"] == "first_listed"


def test_cap_keeps_the_busiest_nodes_and_reports_the_rest() -> None:
    view = build_network(STAR, max_nodes=5)
    assert len(view.nodes) == 5 and view.nodes[0]["id"] == "a:hub"
    assert view.total == {"agency": 11, "task": 10}
    assert view.omitted["agency"] + view.omitted["task"] == 16


def test_cap_keeps_the_focus_neighbourhood_first() -> None:
    graph = task_graph(STAR)
    kept = pick_nodes(graph, 3, focus="a:a7")
    assert kept[:2] == ["a:a7", "t:t7"]


def pair(a: str, b: str, shared: int, led_a: int = 0, led_b: int = 0) -> dict[str, object]:
    return {"agency_a": f"市{a}局", "agency_b": f"市{b}局", "city": "常州市", "shared": shared,
            "led_by_a": led_a, "led_by_b": led_b}


AGENCIES = {(f"市{k}局", "常州市"): {"id": k, "name": f"市{k}局", "city": "常州市",
                                     "kind": kind}
            for k, kind in (("x", "department"), ("y", "department"), ("z", "party"))}


def test_agency_network_joins_pairs_weighted_by_shared_tasks() -> None:
    view = build_agency_network([pair("x", "y", 2, led_a=1), pair("x", "z", 1)], AGENCIES,
                                link=lambda kind, key: f"/{kind}/{key}")
    assert {n["id"] for n in view.nodes} == {"a:x", "a:y", "a:z"}
    assert {n["url"] for n in view.nodes} == {"/agency/x", "/agency/y", "/agency/z"}
    titles = {tuple(sorted((e["from"], e["to"]))): e["title"] for e in view.edges}
    assert titles[("a:x", "a:y")].startswith("共同任务 2 项\n市x局 牵头 1 项")
    assert view.kinds == {"department": 2, "party": 1}
    busiest = next(n for n in view.nodes if n["id"] == "a:x")
    assert busiest["size"] == max(n["size"] for n in view.nodes)


def test_a_pair_naming_an_unknown_agency_is_left_out() -> None:
    view = build_agency_network([pair("x", "y", 3), pair("x", "w", 5)], AGENCIES)
    assert {n["id"] for n in view.nodes} == {"a:x", "a:y"}


def test_the_busiest_agencies_keep_their_labels_on_screen() -> None:
    rows = STAR + [edge(f"b{i}", f"t{i}") for i in range(PINNED_LABELS + 5)]
    view = build_network(rows)
    pinned = [n for n in view.nodes if n["pinned"]]
    assert len(pinned) == PINNED_LABELS and "a:hub" in {n["id"] for n in pinned}
    assert not any(n["pinned"] for n in view.nodes if n["kind"] == "task")


def test_too_many_nodes_are_refused() -> None:
    with pytest.raises(ValueError, match="max_nodes"):
        build_network(STAR, max_nodes=1001)
    with pytest.raises(ValueError, match="max_nodes"):
        build_agency_network([], AGENCIES, max_nodes=0)


def test_tooltips_are_plain_text_and_keep_hostile_names_verbatim() -> None:
    name = '市<img src=x onerror=alert(1)>"局'
    view = build_network([edge("x", "t", name=name)])
    agency = next(n for n in view.nodes if n["id"] == "a:x")
    assert agency["title"].startswith(name) and agency["label"] == name


def test_placement_is_reproducible_and_separates_parts() -> None:
    graph = task_graph([*STAR, edge("far", "lonely")])
    first, second = place(graph), place(graph.copy())
    assert first.positions == second.positions
    assert len(first.parts) == 2
    lonely = first.positions["t:lonely"]
    star_xs = [first.positions[n][0] for n in graph if n not in ("a:far", "t:lonely")]
    assert lonely[0] > max(star_xs) or lonely[1] > max(first.positions[n][1] for n in graph
                                                        if n not in ("a:far", "t:lonely"))


def assignment(mention: str, basis: str, rank: int, sentence: str, start: int = 100,
               length: int = 0) -> dict[str, object]:
    return {"mention": mention, "basis": basis, "rank": rank, "sentence": sentence,
            "start": start, "end": start + length, "source": "inline"}


def test_highlight_marks_the_list_and_each_unit() -> None:
    sentence = "(牵头单位:市发改委;责任单位:市工信局、市财政局)"
    text = "推进建设。" + sentence
    rows = [assignment("市发改委", "explicit", 0, sentence, length=19),
            assignment("市工信局", "listed", 1, sentence, length=19),
            assignment("市财政局", "listed", 2, sentence, length=19)]
    marked = highlight(text, rows)
    assert "".join(s.text for s in marked.text) == text
    assert Segment("市发改委", "lead") in marked.text
    assert Segment("市工信局", "unit") in marked.text and Segment("、", "list") in marked.text
    assert marked.elsewhere == []


def test_highlight_shows_a_first_listed_lead_as_lead() -> None:
    sentence = "(责任单位:市工信局、市教育局)"
    rows = [assignment("市工信局", "first_listed", 0, sentence, length=9),
            assignment("市工信局", "listed", 0, sentence, length=9),
            assignment("市教育局", "listed", 1, sentence, length=9)]
    marked = highlight("任务。" + sentence, rows)
    assert Segment("市工信局", "lead-inferred") in marked.text


def test_highlight_quotes_sentences_printed_elsewhere() -> None:
    rows = [assignment("市商务局", "listed", 0, "3\t推进电商发展\t市商务局")]
    marked = highlight("推进电商发展。", rows)
    assert marked.text == [Segment("推进电商发展。", "")]
    assert Segment("市商务局", "unit") in marked.elsewhere[0].segments


def test_highlight_keeps_markup_as_text() -> None:
    sentence = "(责任单位:市<img src=x>局)"
    marked = highlight("内容<b>。" + sentence, [assignment("市<img src=x>局", "listed", 0,
                                                           sentence, length=11)])
    assert "".join(s.text for s in marked.text) == "内容<b>。" + sentence
    assert Segment("市<img src=x>局", "unit") in marked.text


def test_a_part_of_more_than_500_nodes_is_laid_out() -> None:
    rows = [edge("hub", f"t{i}") for i in range(520)] + [edge(f"a{i % 40}", f"t{i}")
                                                         for i in range(520)]
    view = build_network(rows, max_nodes=1000)
    assert len(view.nodes) == 561 and len({(n["x"], n["y"]) for n in view.nodes}) == 561
