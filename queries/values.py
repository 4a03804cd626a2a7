"""Parameter values as a person writes them, turned into what the queries compare.

Clerks type the words the pages show: 政府部门 for the kind department, 牵头 for lead,
5g or 第五代移动通信 for the sector 5G, 常州市工信局 or 市工业和信息化局(常州市) for one
agency. Each is read here against the same vocabularies the pages and the loaders use
(queries/data/labels.yaml, loaders/data/sectors.yaml, the agency lexicon), and a value that
names nothing is refused with the values that would be accepted.
"""

from __future__ import annotations

import re

from graph.rows import short_name
from graph.store import Store
from loaders.agencies import AgencyLexicon
from loaders.sectors import SectorTaxonomy, fold
from queries.errors import ParameterError
from queries.labels import load_labels, same, stored_value

AGENCY_ID = re.compile(r"ag-\S*")  # an id, or what an address took for one (a 404, not a name)
# `市工业和信息化局(常州市)`: a name with its city in brackets, as the agency pages title it
NAME_IN_CITY = re.compile(r"(?P<name>.+?)[(（](?P<city>[^()（）]+)[)）]")
SHOWN = 12  # candidates listed in an ambiguity message


def choice_value(name: str, value: str, choices: tuple[str, ...]) -> str:
    """One of `choices`, given as itself or as its word (牵头 is lead)."""
    words = {c: _word(c) for c in choices}
    found = stored_value(value, words)
    if found is None:
        raise ParameterError(f"{name} 不能是 {value!r};可选:{_listing(words)} "
                             f"({name} must be one of {', '.join(choices)})")
    return found


def kind_value(name: str, value: str) -> str:
    """An agency kind, given as stored (department) or by its word (政府部门)."""
    kinds = load_labels().kinds
    found = stored_value(value, kinds)
    if found is None:
        raise ParameterError(f"{name} 没有单位类别 {value!r};可选:{_listing(kinds)} "
                             f"(unknown agency kind)")
    return found


def sector_value(store: Store, name: str, value: str) -> str:
    """A sector name, given by name in any case or width (5g, ５Ｇ) or by one of its
    keywords (第五代移动通信, 千兆); refused, with the graph's sectors listed, otherwise."""
    taxonomy = SectorTaxonomy.load()
    wanted = fold(value.strip())
    named = [s.name for s in taxonomy.sectors if fold(s.name) == wanted]
    if named:
        return named[0]
    by_keyword = [s.name for s in taxonomy.sectors
                  if wanted in s.plain or any(wanted == k for k, _ in s.edged)]
    if len(by_keyword) == 1:
        return by_keyword[0]
    if by_keyword:
        raise ParameterError(f"{name}={value!r} 是多个领域的关键词:{'、'.join(by_keyword)};"
                             f"请写领域名称")
    known = "、".join(row["name"] for row in store.run("sector_list")) or "暂无"
    raise ParameterError(f"{name} 没有领域 {value!r};图谱中的领域:{known} (unknown sector)")


def city_id(store: Store, name: str) -> str:
    """The stored id of a city given by full or short name; queries then compare ids only.

    Resolving here keeps a City look-up (an OPTIONAL MATCH and a collect, two extra
    pipelines) out of every query that filters by city.
    """
    found = [row["id"] for row in store.run("city_id", {"name": name})]
    if name in found or len(found) == 1:
        return name if name in found else found[0]
    if found:
        raise ParameterError(f"city {name!r} is ambiguous: {', '.join(found)}; give the full name")
    known = ", ".join(row["id"] for row in store.run("cities")) or "none yet"
    raise ParameterError(f"no city {name!r} in the graph; cities: {known}")


def agency_value(store: Store, name: str, value: str) -> str:
    """The id of the one agency `value` names: its id, its name with the city in brackets
    (市工业和信息化局(常州市)), or a unit name as plans print it (常州市工信局)."""
    text = "".join(value.split())
    if AGENCY_ID.fullmatch(text):
        return text
    found = agencies_named(store, text)
    if len(found) == 1:
        return found[0][0]
    if not found:
        raise ParameterError(f"{name}: 图谱中没有单位 {value!r};可写单位编号、"
                             f"“市工业和信息化局(常州市)”或“常州市工信局”这样的名称 "
                             f"(no agency by this name)")
    shown = "、".join(f"{n}({c})" for _, n, c in found[:SHOWN])
    raise ParameterError(f"{name}: {value!r} 在多个城市都有:{shown};请写明城市,"
                         f"如 “{found[0][1]}({found[0][2]})” (ambiguous agency)")


def agencies_named(store: Store, text: str) -> list[tuple[str, str, str]]:
    """(id, name, city) of the agencies `text` names, read as the loader reads a unit."""
    city = None
    if m := NAME_IN_CITY.fullmatch(text):
        try:
            city = city_id(store, m["city"])
            text = m["name"]
        except ParameterError:
            pass  # 市发改委(大数据局): the brackets are part of the name
    exact = _lookup(store, text, city)
    if exact:
        return exact
    cities = [city] if city else _cities_named_in(store, text)
    for place in cities:
        ref = AgencyLexicon.load().resolve(text, place)
        hits = [row for row in _lookup(store, ref.name, place) if row[0] == ref.id]
        if hits:
            return hits
    if cities:
        return []
    reference = next((c for c in _all_cities(store) if c.endswith("市")), None)
    ref = AgencyLexicon.load().resolve(text, reference)
    return _lookup(store, ref.name, None) if ref.known else []


def _lookup(store: Store, name: str, city: str | None) -> list[tuple[str, str, str]]:
    return [(r["id"], r["name"], r["city"])
            for r in store.run("agency_lookup", {"name": name, "city": city})]


def _all_cities(store: Store) -> list[str]:
    return [row["id"] for row in store.run("cities")]


def _cities_named_in(store: Store, text: str) -> list[str]:
    """Cities whose full or short name the text starts with (常州市工信局 → 常州市)."""
    return [c for c in _all_cities(store)
            if text.startswith(c) or (len(short_name(c)) >= 2 and text.startswith(short_name(c)))]


def _word(value: str) -> str:
    labels = load_labels()
    for section in (labels.roles, labels.bases, labels.kinds, labels.booleans):
        if value in section:
            return section[value]
    return value


def _listing(words: dict[str, str]) -> str:
    return "、".join(w if same(w) == same(v) else f"{w}({v})" for v, w in words.items())
