"""One-line texts the scenario commands share."""

from __future__ import annotations

from pathlib import Path

from surgeplan.scenario import Scenario

SCENARIO_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
FORMAT_DOC = "docs/scenario-format.md"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(scenario: Scenario) -> str:
    """Sites, work centers, items and milestones, as one line."""
    work_centers = sum(len(site.work_centers) for site in scenario.sites)
    return ", ".join(
        (
            _plural(len(scenario.sites), "site"),
            _plural(work_centers, "work center"),
            _plural(len(scenario.items), "item"),
            _plural(len(scenario.demand.milestones), "milestone"),
        )
    )


def validate_hint(file: Path) -> str:
    """What to do after an invalid scenario: validate again, read the format page."""
    return (
        f"Fix and run `surgeplan validate {file}` again; every field is described "
        f"in {FORMAT_DOC} (or run `surgeplan schema`)."
    )
