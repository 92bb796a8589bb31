"""The Jinja environment of every page, and what each page carries (CSS, scripts).

Templates come from `reporting/templates/` and are always escaped.
"""

from __future__ import annotations

import base64
import functools
import gzip
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from surgeplan import __version__, i18n
from surgeplan.reporting import realism_words
from surgeplan.reporting.execution_view import parameter_name
from surgeplan.reporting.formatting import FILTERS
from surgeplan.reporting.plotly_locale import plotly_locale

TEMPLATE_PACKAGE = "surgeplan.reporting"


@functools.cache
def environment() -> jinja2.Environment:
    """Templates under `reporting/templates/`; every value is HTML-escaped.

    Scenario text (names, descriptions) comes from users: autoescaping is on for
    every template, whatever its extension. Sentences are marked `_("... %(x)s",
    x=value)` (newstyle gettext: the values are escaped, the sentence is not) and
    read in the language of `i18n.speaking`, looked up at each call, so one cached
    environment serves every language at once.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(TEMPLATE_PACKAGE, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext,
        i18n.ngettext,
        newstyle=True,
        pgettext=i18n.pgettext,
        npgettext=i18n.npgettext,
    )
    env.filters.update(FILTERS)
    env.globals["lang"] = i18n.current_language
    # The realism check's sentences, said again in the page's language.
    env.globals["realism_label"] = realism_words.realism_label
    env.globals["realism_verdict"] = realism_words.realism_verdict
    env.globals["learning_verdict"] = realism_words.learning_verdict
    env.globals["realism_flags_of"] = realism_words.realism_flags
    env.globals["parameter_name"] = parameter_name
    return env


def asset(name: str) -> str:
    """A file of `reporting/templates/` as text (CSS and JS inlined into pages)."""
    return (
        resources.files(TEMPLATE_PACKAGE)
        .joinpath("templates", name)
        .read_text(encoding="utf-8")
    )


@functools.cache
def plotly_bundle() -> str:
    """Plotly's JavaScript, to inline once per page (the page works offline)."""
    from plotly.offline import get_plotlyjs

    bundle: str = get_plotlyjs()
    return bundle


@functools.cache
def packed_plotly_bundle() -> str:
    """Plotly's JavaScript gzipped and in base64: 2.0 MB in the page instead of 4.8.

    Plotly is 95 % of a report; render.js unpacks it with the browser's own
    DecompressionStream before drawing. `mtime=0` keeps the same bytes run after run.
    """
    packed = gzip.compress(plotly_bundle().encode("utf-8"), compresslevel=9, mtime=0)
    return base64.b64encode(packed).decode("ascii")


def page_assets(*stylesheets: str, with_charts: bool = True) -> dict[str, Any]:
    """Template variables for `base.html.j2`: CSS, scripts and the Plotly bundle.

    These are the package's own files, trusted and inserted as they are.
    """
    css = "\n".join(asset(name) for name in ("page.css", *stylesheets))
    return {
        "version": __version__,
        "css": Markup(css),
        "charts_present": with_charts,
        "errors_js": Markup(asset("errors.js")),
        "render_js": Markup(asset("render.js")),
        "plotly_packed": Markup(packed_plotly_bundle()) if with_charts else "",
        "plotly_locale": plotly_locale(i18n.current_language()) if with_charts else "",
    }
