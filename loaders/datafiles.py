"""The YAML data files kept beside the loaders (lexicon, sectors, synthetic vocabulary)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_yaml(path: Path, error: type[Exception]) -> Any:
    """The file's data; a missing or malformed file raises `error` naming it, so a bad edit
    to a data file is reported as that file's fault rather than as a parser crash."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise error(f"{path}: {err}") from None
