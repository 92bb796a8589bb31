"""One-line texts the scenario commands share."""

from __future__ import annotations

from pathlib import Path

from surgeplan.i18n import gettext, ngettext
from surgeplan.scenario import Scenario

SCENARIO_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
FORMAT_DOC = "docs/scenario-format.md"


def summary_line(scenario: Scenario) -> str:
    """Sites, work centers, items and milestones, as one line."""
    sites = len(scenario.sites)
    work_centers = sum(len(site.work_centers) for site in scenario.sites)
    items = len(scenario.items)
    milestones = len(scenario.demand.milestones)
    return ", ".join(
        (
            ngettext("%(num)d site", "%(num)d sites", sites) % {"num": sites},
            ngettext("%(num)d work center", "%(num)d work centers", work_centers)
            % {"num": work_centers},
            ngettext("%(num)d item", "%(num)d items", items) % {"num": items},
            ngettext("%(num)d milestone", "%(num)d milestones", milestones)
            % {"num": milestones},
        )
    )


def validate_hint(file: Path) -> str:
    """What to do after an invalid scenario: validate again, read the format page."""
    return gettext(
        "Fix and run `surgeplan validate %(file)s` again; every field is described "
        "in %(doc)s (or run `surgeplan schema`)."
    ) % {"file": file, "doc": FORMAT_DOC}


def fix_hint(file: Path) -> str:
    """What to do after a scenario a document command cannot read."""
    return gettext("Fix and run `surgeplan validate %(file)s` again.") % {"file": file}
