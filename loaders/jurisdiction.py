"""Tell which jurisdiction issued a plan, from the gazetteer in data/jurisdictions.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.datafiles import read_yaml

DATA = Path(__file__).with_name("data") / "jurisdictions.yaml"
# 国务院 / 国务院办公厅 / 国发〔2020〕1号 / 国办发〔2021〕5号
# The district or county after a city's name in an issuer: 武进区人民政府, 溧阳市人民政府
DISTRICT_ISSUER = r"市?([\u4e00-\u9fff]{1,5}?(?:区|县|市))(?:人民政府|政府)"
# A city named only in the body must be named this often to count as the issuer.
MIN_BODY_MENTIONS = 3
NATIONAL = re.compile(r"^国务院|^国(?:办)?发〔")
# Departments named in unit lists tell the plan's level: `（省工信厅牵头，省财政厅配合）`.
LIST_START = r"(?:^|[、，,：:（(；;\n])"
PROVINCE_UNIT = re.compile(LIST_START + r"省[\u4e00-\u9fff]{1,12}?(?:厅|局|委|办)")
CITY_UNIT = re.compile(LIST_START + r"市[\u4e00-\u9fff]{1,12}?(?:局|委|办)")


@dataclass(frozen=True)
class Jurisdiction:
    city: str | None
    province: str | None
    level: str  # national, province, city

    @property
    def name(self) -> str:
        return self.city or self.province or "国务院"


class Gazetteer:
    """Provinces and prefecture-level cities, with short names for matching text."""

    def __init__(self, provinces: list[dict], cities: list[dict], zones: list[dict]) -> None:
        self.provinces = provinces
        self.cities = cities
        self.zones = zones
        self.province_level = {p["name"]: p["level"] for p in provinces}

    @classmethod
    @cache
    def load(cls, path: Path = DATA) -> Gazetteer:
        data = read_yaml(path, ValueError)
        municipalities = [
            {"name": p["name"], "short": p["short"], "province": None}
            for p in data["provinces"]
            if p["level"] in ("municipality", "sar")
        ]
        return cls(data["provinces"], data["cities"] + municipalities, data.get("zones", []))

    def place_names(self) -> tuple[str, ...]:
        """Short and full names that mark a unit as carrying its own place."""
        names = {c["short"] for c in self.cities} | {p["short"] for p in self.provinces}
        names |= {z["short"] for z in self.zones}
        return tuple(sorted(n for n in names if len(n) >= 2))

    def short(self, name: str | None) -> str | None:
        for c in self.cities:
            if c["name"] == name:
                return c["short"]
        for p in self.provinces:
            if p["name"] == name:
                return p["short"]
        return None

    def detect(self, head: str, body: str) -> Jurisdiction:
        """Pick the issuer's jurisdiction: names in `head` (title, issuer, number) count
        most; names in the body decide when the head names no place."""
        if NATIONAL.search(head):
            return Jurisdiction(None, None, "national")
        named = max(self.cities, key=lambda c: head.count(c["short"]))
        if named["short"] in head:
            return self._district(named, head) or Jurisdiction(
                named["name"], named.get("province"), "city")
        for p in self.provinces:
            if p["short"] in head and p["level"] != "municipality":
                return Jurisdiction(None, p["name"], "province")
        scores = {c["name"]: self._score(c, body) for c in self.cities}
        if len(PROVINCE_UNIT.findall(body)) > max(2, len(CITY_UNIT.findall(body))):
            named = {p["name"]: body.count(p["short"]) for p in self.provinces}
            for city in self.cities:
                if city.get("province") in named:
                    named[city["province"]] += scores[city["name"]]
            province = max(named, key=named.__getitem__)  # by its name and its cities'
            if named[province] >= MIN_BODY_MENTIONS:
                return Jurisdiction(None, province, "province")
        best = max(self.cities, key=lambda c: scores[c["name"]])
        if scores[best["name"]] >= MIN_BODY_MENTIONS:
            return Jurisdiction(best["name"], best.get("province"), "city")
        return Jurisdiction(None, None, "city")

    @staticmethod
    def _district(city: dict, head: str) -> Jurisdiction | None:
        """`常州市武进区人民政府办公室`: a district or county of the city issued the plan."""
        for prefix in (city["name"], city["short"]):
            m = re.search(re.escape(prefix) + DISTRICT_ISSUER, head)
            if m:
                return Jurisdiction(city["name"] + m.group(1), city.get("province"), "district")
        return None

    def lookup(self, name: str) -> Jurisdiction:
        """A jurisdiction named by the user (a flag or a manifest): 常州, 江苏省, 国务院,
        常州市武进区."""
        if NATIONAL.search(name) or name in ("国家", "全国"):
            return Jurisdiction(None, None, "national")
        for p in self.provinces:
            if name in (p["name"], p["short"]) and p["level"] != "municipality":
                return Jurisdiction(None, p["name"], "province")
        for c in self.cities:
            if name in (c["name"], c["short"]):
                return Jurisdiction(c["name"], c.get("province"), "city")
            if name.startswith((c["name"], c["short"])):
                district = self._district(c, name + "人民政府")
                if district:
                    return district
        raise ValueError(f"unknown jurisdiction {name!r}: give a province, city or district "
                         "name such as 江苏省, 常州 or 常州市武进区, or 国务院")

    @staticmethod
    def _score(city: dict, body: str) -> int:
        return body.count(city["name"]) + body.count(city["short"])
