"""The YAML data files kept beside the loaders (lexicon, sectors, synthetic vocabulary)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's loader where PyYAML was built with it (its wheels are): the same safe subset of
# YAML, read several times faster, which every parser process pays at start-up.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, error: type[Exception]) -> Any:
    """The file's data; a missing or malformed file raises `error` naming it, so a bad edit
    to a data file is reported as that file's fault rather than as a parser crash."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, yaml.YAMLError) as err:
        raise error(f"{path}: {err}") from None
