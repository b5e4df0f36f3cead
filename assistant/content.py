"""Content data files shipped with the package (assistant/data/*.yaml)."""

from __future__ import annotations

from importlib import resources

import yaml


def load(name: str) -> dict:
    """One data file, parsed."""
    return yaml.safe_load(resources.files("assistant").joinpath(f"data/{name}").read_text("utf-8"))
