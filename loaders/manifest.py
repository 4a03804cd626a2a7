"""Jurisdictions set by hand, for plans whose issuer cannot be read from the text.

A folder of plans may hold a `plans.yaml` beside the documents:

    # which government issued each plan, where the text does not say
    jurisdictions:
      数字乡村方案.docx: 常州市武进区
      5G行动计划.pdf: 江苏省

A `--jurisdiction` flag on the command line sets one for every file it loads instead.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from loaders.errors import LoaderError
from loaders.jurisdiction import Gazetteer, Jurisdiction

MANIFEST = "plans.yaml"


def read_manifest(folder: Path) -> dict[str, Jurisdiction]:
    """File name → jurisdiction, from `plans.yaml` in `folder` (empty when absent)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = data.get("jurisdictions") or {}
        return {str(name): named(str(place)) for name, place in entries.items()}
    except (yaml.YAMLError, AttributeError, ValueError) as err:
        raise LoaderError(path, f"not a plans manifest: {err}") from None


def named(place: str) -> Jurisdiction:
    """The jurisdiction a person typed: 常州, 江苏省, 国务院, 常州市武进区."""
    return Gazetteer.load().lookup(place.strip())
