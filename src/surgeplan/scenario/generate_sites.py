"""Generated sites: calendars, work centers, conversions and core load.

Sites are drafted first (capabilities and work centers); conversions and core load are
added once the items are known, so that conversions expand the capabilities the program
uses and core load never sits on a capability a conversion may remove.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# Capabilities a generated site may have, each with the skill its operations need.
CAPABILITY_SKILLS: dict[str, str] = {
    "machining": "machinist",
    "turning": "machinist",
    "composite-layup": "composite-technician",
    "bonding": "composite-technician",
    "welding": "welder",
    "sheet-forming": "press-operator",
    "surface-treatment": "operator",
    "painting": "operator",
    "heat-treatment": "operator",
    "electronics-assembly": "electronics-technician",
    "harness-assembly": "electronics-technician",
    "mechanical-assembly": "assembler",
    "engine-assembly": "assembler",
    "final-assembly": "assembler",
    "functional-test": "test-engineer",
    "engine-test": "test-engineer",
    "inspection": "inspector",
    "packaging": "logistics-operator",
}
ASSEMBLY_CAPABILITIES = ("final-assembly", "mechanical-assembly", "functional-test")
COUNTRIES = ("FR", "DE", "PL", "ES", "IT", "CZ", "RO", "SE", "NL", "BE", "PT", "FI")
SITES_PER_ZONE = 2
BASE_SHIFTS = 2
HOURS_PER_SHIFT = 8.0
WORKING_DAYS = 5
BASE_HOURS_PER_STATION = BASE_SHIFTS * HOURS_PER_SHIFT * WORKING_DAYS
FIXED_HOLIDAYS = ((1, 1), (5, 1), (12, 25), (12, 26))


@dataclass
class SiteDraft:
    """A site being generated: its document and what later steps need to know."""

    id: str
    zone: str
    document: dict[str, Any]
    capabilities: list[str]
    removable: set[tuple[str, str]] = field(default_factory=set)
    """(work center, capability) pairs a conversion of that work center removes."""

    @property
    def work_centers(self) -> list[dict[str, Any]]:
        """The site's work center documents."""
        centers: list[dict[str, Any]] = self.document["work_centers"]
        return centers


def effective_hours(
    work_center: dict[str, Any], efficiency: float | None = None
) -> float:
    """Station hours a work center gives in a full week of the base calendar."""
    share = work_center["efficiency"] if efficiency is None else efficiency
    return float(work_center["stations"] * BASE_HOURS_PER_STATION * share)


def _calendar(rng: np.random.Generator, start: dt.date, weeks: int) -> dict[str, Any]:
    end = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    holidays: set[dt.date] = set()
    for year in range(start.year, end.year + 1):
        holidays.update(dt.date(year, month, day) for month, day in FIXED_HOLIDAYS)
        # Two more on weekdays, never in a week that already has one.
        for offset in rng.integers(30, 330, size=2):
            day = dt.date(year, 1, 1) + dt.timedelta(days=int(offset))
            day -= dt.timedelta(days=max(0, day.weekday() - 4))
            if all(day.isocalendar()[:2] != h.isocalendar()[:2] for h in holidays):
                holidays.add(day)
    calendar: dict[str, Any] = {
        "shifts_per_day": BASE_SHIFTS,
        "hours_per_shift": HOURS_PER_SHIFT,
        "public_holidays": sorted(day for day in holidays if start <= day <= end),
    }
    if rng.random() < 0.5:
        length = int(rng.integers(2, 4))
        shutdowns = []
        for year in range(start.year, end.year + 1):
            august = dt.date(year, 8, 1)
            first = august + dt.timedelta(days=(7 - august.weekday()) % 7)
            last = first + dt.timedelta(weeks=length) - dt.timedelta(days=1)
            if first >= start and last <= end:
                shutdowns.append(
                    {"start_date": first, "end_date": last, "reason": "summer shutdown"}
                )
        calendar["shutdowns"] = shutdowns
    return calendar


def _shift_patterns(rng: np.random.Generator, stations: int) -> list[dict[str, Any]]:
    return [
        {"id": "2x8", "shifts_per_day": 2},
        {
            "id": "3x8",
            "shifts_per_day": 3,
            "fixed_cost_per_week": float(round(stations * rng.uniform(800, 2000), -2)),
            "switch_cost": float(round(stations * rng.uniform(5e3, 2e4), -3)),
            "switch_lead_time_weeks": int(rng.integers(4, 9)),
        },
    ]


def _work_center(
    rng: np.random.Generator, index: int, capabilities: list[str]
) -> dict[str, Any]:
    stations = int(rng.integers(2, 17))
    center: dict[str, Any] = {
        "id": f"wc-{index:03d}",
        "capabilities": capabilities,
        "stations": stations,
        "efficiency": round(float(rng.uniform(0.65, 0.88)), 2),
        "overtime_hours_per_week_max": float(rng.choice([0.0, 0.0, 4.0, 8.0])),
    }
    if capabilities and rng.random() < 0.35:
        center["shift_patterns"] = _shift_patterns(rng, stations)
        center["initial_shift_pattern"] = "2x8"
    return center


def draft_sites(
    rng: np.random.Generator, sites: int, work_centers: int, start: dt.date, weeks: int
) -> list[SiteDraft]:
    """Sites with calendars and work centers (no conversions or core load yet)."""
    per_site = [
        work_centers // sites + (1 if i < work_centers % sites else 0)
        for i in range(sites)
    ]
    catalogue = list(CAPABILITY_SKILLS)
    drafts: list[SiteDraft] = []
    counter = 0
    for index, count in enumerate(per_site):
        wanted = int(np.clip(2 + count // 4, 3, 8))
        wanted = min(wanted, count)
        chosen = [str(c) for c in rng.choice(catalogue, size=wanted, replace=False)]
        # The first site can assemble and test; every site can assemble something.
        required = ["final-assembly", "functional-test"] if index == 0 else []
        if not required and not set(chosen) & set(ASSEMBLY_CAPABILITIES):
            required = ["final-assembly"]
        chosen = [*required, *(c for c in chosen if c not in required)][:wanted]
        centers = []
        for position in range(count):
            counter += 1
            if position < wanted:
                own = [chosen[position]]
            elif rng.random() < 0.06:
                own = []  # a vacant hall, only useful after a conversion
            else:
                own = [chosen[int(rng.integers(wanted))]]
            if own and rng.random() < 0.3:
                extra = chosen[int(rng.integers(wanted))]
                if extra not in own:
                    own.append(extra)
            centers.append(_work_center(rng, counter, own))
        site_id = f"site-{index + 1:02d}"
        zone = f"zone-{index // SITES_PER_ZONE + 1}"
        document: dict[str, Any] = {
            "id": site_id,
            "name": f"Generated site {index + 1}",
            "country": COUNTRIES[index % len(COUNTRIES)],
            "threat_level": str(rng.choice(["low", "low", "moderate", "high"])),
            "network_zone": zone,
            "calendar": _calendar(rng, start, weeks),
            "work_centers": centers,
            "workforce": [],
        }
        drafts.append(SiteDraft(site_id, zone, document, chosen))
    return drafts


def add_conversions(
    rng: np.random.Generator,
    drafts: list[SiteDraft],
    program_capabilities: dict[str, set[str]],
    start: dt.date,
) -> None:
    """Conversions adding a capability of the site, favouring what the program uses."""
    for draft in drafts:
        wanted = sorted(program_capabilities.get(draft.id, set())) or draft.capabilities
        holders: dict[str, int] = {}
        for center in draft.work_centers:
            for capability in center["capabilities"]:
                holders[capability] = holders.get(capability, 0) + 1
        for center in draft.work_centers:
            if center["capabilities"] and rng.random() >= 0.15:
                continue
            options = [c for c in wanted if c not in center["capabilities"]]
            if not options:
                continue
            adds = options[int(rng.integers(len(options)))]
            conversion: dict[str, Any] = {
                "id": f"convert-to-{adds}",
                "adds_capabilities": [adds],
                "capex": float(round(center["stations"] * rng.uniform(3e5, 1.5e6), -4)),
                "lead_time_weeks": int(rng.integers(6, 21)),
                "efficiency_after": round(float(rng.uniform(0.55, 0.75)), 2),
            }
            losable = [c for c in center["capabilities"] if holders[c] > 1]
            if losable and rng.random() < 0.3:
                removed = losable[0]
                conversion["removes_capabilities"] = [removed]
                holders[removed] -= 1
                draft.removable.add((center["id"], removed))
            if rng.random() < 0.2:
                delay = dt.timedelta(weeks=int(rng.integers(4, 13)))
                conversion["earliest_start_date"] = start + delay
            center["conversions"] = [conversion]


def add_core_load(rng: np.random.Generator, drafts: list[SiteDraft]) -> None:
    """Core station hours on some work centers, never on a capability they may lose."""
    for draft in drafts:
        for center in draft.work_centers:
            kept = [
                c
                for c in center["capabilities"]
                if (center["id"], c) not in draft.removable
            ]
            if not kept or rng.random() >= 0.4:
                continue
            hours = effective_hours(center) * float(rng.uniform(0.15, 0.3))
            center["core_load"] = [
                {"capability": kept[0], "hours_per_week": round(hours)}
            ]


def firm_capacity(draft: SiteDraft) -> dict[str, float]:
    """Free effective hours per capability, counting only work centers that keep it."""
    capacity: dict[str, float] = {}
    for center in draft.work_centers:
        if not center["capabilities"]:
            continue
        core = sum(load["hours_per_week"] for load in center.get("core_load", []))
        share = (effective_hours(center) - core) / len(center["capabilities"])
        for capability in center["capabilities"]:
            if (center["id"], capability) not in draft.removable:
                capacity[capability] = capacity.get(capability, 0.0) + share
    return capacity


def program_capacity(
    draft: SiteDraft, used: set[str], *, with_conversions: bool = True
) -> dict[str, float]:
    """Free effective hours per capability, conversions included.

    A work center's hours are shared among the capabilities in `used` it has (the
    program's and core products'), so idle capabilities do not hide capacity.
    """
    capacity: dict[str, float] = {}
    for center in draft.work_centers:
        core = sum(load["hours_per_week"] for load in center.get("core_load", []))
        sharing = [c for c in center["capabilities"] if c in used]
        sharing = sharing or center["capabilities"]
        for capability in sharing:
            free = effective_hours(center) - core
            capacity[capability] = capacity.get(capability, 0.0) + free / len(sharing)
        if not with_conversions:
            continue
        for conversion in center.get("conversions", []):
            after = effective_hours(center, conversion["efficiency_after"])
            for capability in conversion["adds_capabilities"]:
                capacity[capability] = capacity.get(capability, 0.0) + 0.5 * after
    return capacity
