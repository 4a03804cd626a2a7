"""Links of table cells built once per request and filled in per row (webui.tables.link_url)
give the addresses werkzeug's url_for gives, whatever the value holds."""

from __future__ import annotations

import pytest
from flask import Flask, url_for

from webui.tables import Link, link_url

VALUES = ["ag-b8532d89a8cb", "市工业和信息化局", "千兆光网/双千兆", "a b&c=d+e%f#g?h", "5G",
          "'!$()*,;:@", 42, "ag-LinkValue0x7e3b"]
LINKS = [Link("agencies.agency", "agency_id", "v"), Link("sectors.sector", "name", "v"),
         Link("evidence.index", "agency", "v", (("sector", "5G"), ("role", "lead"),
                                                ("kind", None))),
         Link("evidence.index", "partner", "v", (("agency", "ag-1 2"),)),
         Link("tasks.index", "sector", "v", (("city", "常州市"),))]


@pytest.mark.parametrize("link", LINKS, ids=[f"{k.endpoint}:{k.arg}" for k in LINKS])
def test_a_link_is_the_address_url_for_builds(app: Flask, link: Link) -> None:
    with app.test_request_context("/sectors/5G?kind=department"):
        for value in VALUES:
            record = {"v": value}
            assert link_url(link, record) == url_for(link.endpoint, **link.url_args(record))
