"""The Jinja environment of every report: templates from the package, always escaped."""

from __future__ import annotations

import functools
from importlib import resources

import jinja2

from surgeplan.reporting.formatting import FILTERS

TEMPLATE_PACKAGE = "surgeplan.reporting"


@functools.cache
def environment() -> jinja2.Environment:
    """Templates under `reporting/templates/`; every value is HTML-escaped.

    Scenario text (names, descriptions) comes from users: autoescaping is on for
    every template, whatever its extension.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(TEMPLATE_PACKAGE, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def asset(name: str) -> str:
    """A file of `reporting/templates/` as text (CSS and JS inlined into pages)."""
    return (
        resources.files(TEMPLATE_PACKAGE)
        .joinpath("templates", name)
        .read_text(encoding="utf-8")
    )
