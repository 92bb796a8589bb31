"""Hypothesis strategies for small random valid scenarios that a planner can solve.

`valid_scenarios()` draws 1-3 sites of 1-3 work centers, a program item with a one-
or two-level bill of materials, a bought kit with its suppliers, lanes to every
delivery point, 1-3 growing milestones inside an 8-30 week horizon, sometimes core
products (whose load stays well inside their work center's capacity), risks and
mitigations. Numbers are modest and have a few decimals; optional fields are
sometimes set. Text fields sometimes hold what spreadsheets mangle ('=1+1', '007').
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from surgeplan.scenario import Scenario
from surgeplan.scenario.validation import unlocated, validate_data

Data = dict[str, Any]
SITE_IDS = ("plant", "north-plant", "007", "line.b", "Plant_3")
POINT_IDS = ("customer", "depot.2")
SKILLS = ("assembler", "machinist")
COUNTRIES = ("FR", "DE", "PL", "ES", "CZ")
WEEK_PATTERNS = (
    ["mon", "tue", "wed", "thu", "fri"],
    ["mon", "tue", "wed", "thu", "fri", "sat"],
    ["mon", "tue", "wed", "thu"],
)
TRICKY_TEXTS = (
    "=1+1",
    '=HYPERLINK("http://example.com")',
    "#N/A",
    "'quoted",
    "007",
    "3.14",
    "TRUE",
    "2027-01-04",
    "a, b; c",
    "Zürich \u2013 Ünité \U0001d518",
    "two\nlines",
)
FIRST_MONDAY = dt.date(2026, 1, 5)


def decimals(low: float, high: float, places: int = 2) -> st.SearchStrategy[float]:
    """Numbers between low and high with at most `places` decimals."""
    scale = 10**places
    return st.integers(round(low * scale), round(high * scale)).map(lambda n: n / scale)


def texts() -> st.SearchStrategy[str]:
    """Names and descriptions: empty, tricky for spreadsheets, or random text."""
    alphabet = st.characters(categories=("L", "N", "P", "S", "Zs"))
    return st.one_of(
        st.just(""), st.sampled_from(TRICKY_TEXTS), st.text(alphabet, max_size=24)
    )


def _maybe(
    draw: st.DrawFn, record: Data, key: str, values: st.SearchStrategy[Any]
) -> None:
    """Set an optional field about half of the time."""
    if draw(st.booleans()):
        record[key] = draw(values)


def distributions(low: float, high: float) -> st.SearchStrategy[Data]:
    """Any of the four distributions, with parameters between low and high."""
    values = decimals(low, high)
    fixed = values.map(lambda v: {"distribution": "fixed", "value": v})
    uniform = (
        st.lists(values, min_size=2, max_size=2)
        .map(sorted)
        .map(lambda v: {"distribution": "uniform", "low": v[0], "high": v[1]})
    )
    triangular = (
        st.lists(values, min_size=3, max_size=3)
        .map(sorted)
        .map(
            lambda v: {
                "distribution": "triangular",
                "low": v[0],
                "mode": v[1],
                "high": v[2],
            }
        )
    )
    lognormal = st.builds(
        lambda median, sigma: {
            "distribution": "lognormal",
            "median": median,
            "sigma": sigma,
        },
        decimals(max(low, 0.01), high),
        decimals(0.05, 1.5),
    )
    return st.one_of(fixed, uniform, triangular, lognormal)


def _weekly_hours(calendar: Data, work_center: Data) -> float:
    days = len(calendar.get("working_days", WEEK_PATTERNS[0]))
    shift_hours = calendar.get("shifts_per_day", 2) * calendar.get(
        "hours_per_shift", 8.0
    )
    return float(
        work_center["stations"]
        * shift_hours
        * days
        * work_center.get("efficiency", 0.8)
    )


def _site(
    draw: st.DrawFn, site_id: str, start: dt.date, horizon: int, caps: list[str]
) -> Data:
    calendar: Data = {}
    _maybe(draw, calendar, "working_days", st.sampled_from(WEEK_PATTERNS))
    _maybe(draw, calendar, "shifts_per_day", st.integers(1, 3))
    _maybe(draw, calendar, "hours_per_shift", decimals(6, 10, 1))
    days = st.integers(0, 7 * horizon - 1).map(lambda n: start + dt.timedelta(days=n))
    _maybe(draw, calendar, "public_holidays", st.lists(days, max_size=2, unique=True))
    if draw(st.integers(0, 3)) == 0:
        first = draw(days)
        calendar["shutdowns"] = [
            {
                "start_date": first,
                "end_date": first + dt.timedelta(days=draw(st.integers(0, 4))),
                "reason": draw(texts()),
            }
        ]
    site: Data = {
        "id": site_id,
        "name": draw(texts()),
        "country": draw(st.sampled_from(COUNTRIES)),
        "network_zone": draw(st.sampled_from(("ot-a", "ot-b"))),
        "calendar": calendar,
    }
    _maybe(draw, site, "threat_level", st.sampled_from(("low", "moderate", "high")))
    count = draw(st.integers(1, 3))
    site["work_centers"] = [
        _work_center(draw, f"wc-{n}" if n else "10", calendar, caps if n == 0 else None)
        for n in range(count)
    ]
    site["workforce"] = [_pool(draw, skill) for skill in SKILLS]
    return site


def _work_center(
    draw: st.DrawFn, wc_id: str, calendar: Data, caps: list[str] | None
) -> Data:
    extra = draw(
        st.lists(st.sampled_from(("assembly", "machining", "testing")), unique=True)
    )
    work_center: Data = {
        "id": wc_id,
        "capabilities": list(dict.fromkeys([*(caps or []), *extra])),
        "stations": draw(st.integers(1, 5)),
        "efficiency": draw(decimals(0.6, 0.95)),
    }
    _maybe(draw, work_center, "name", texts())
    _maybe(draw, work_center, "overtime_hours_per_week_max", decimals(0, 10, 1))
    _maybe(draw, work_center, "changeover_hours_default", decimals(0, 2, 1))
    if draw(st.booleans()):
        work_center["shift_patterns"] = [
            {"id": "one-shift", "shifts_per_day": 1},
            {
                "id": "three-shift",
                "shifts_per_day": 3,
                "hours_per_shift": draw(decimals(6, 8, 1)),
                "working_days": draw(st.sampled_from(WEEK_PATTERNS)),
                "fixed_cost_per_week": draw(decimals(0, 5000)),
                "switch_cost": draw(decimals(0, 20000)),
                "switch_lead_time_weeks": draw(st.integers(0, 3)),
            },
        ]
        _maybe(draw, work_center, "initial_shift_pattern", st.just("one-shift"))
    if draw(st.booleans()):
        # 'legacy' is used by nothing, so converting it away never strands a load.
        work_center["capabilities"].append("legacy")
        conversion: Data = {
            "id": "convert",
            "adds_capabilities": draw(st.sampled_from((["testing"], ["coating"]))),
            "removes_capabilities": ["legacy"],
            "capex": draw(decimals(0, 500_000)),
            "lead_time_weeks": draw(st.integers(0, 6)),
        }
        _maybe(draw, conversion, "efficiency_after", decimals(0.5, 0.9))
        _maybe(draw, conversion, "earliest_start_date", st.just(dt.date(2026, 1, 5)))
        work_center["conversions"] = [conversion]
    if work_center["capabilities"] and draw(st.booleans()):
        share = draw(decimals(0.05, 0.3))
        work_center["core_load"] = [
            {
                "capability": work_center["capabilities"][0],
                "hours_per_week": round(
                    share * _weekly_hours(calendar, work_center), 1
                ),
            }
        ]
    if draw(st.booleans()):
        work_center["changeovers"] = [
            {"from_item": "drone", "to_item": "kit", "hours": draw(decimals(0, 4, 1))}
        ]
    return work_center


def _pool(draw: st.DrawFn, skill: str) -> Data:
    headcount = draw(st.integers(20, 300))
    share = draw(decimals(0.2, 0.8))
    volunteers = int(headcount * share + 1e-9)
    pool: Data = {
        "skill": skill,
        "headcount": headcount,
        "volunteer_share": share,
        "initially_qualified": draw(st.integers(volunteers // 2, volunteers)),
        "hourly_cost": draw(decimals(20, 80)),
    }
    _maybe(draw, pool, "hours_per_week", decimals(30, 40, 1))
    _maybe(draw, pool, "training_lead_time_weeks", st.integers(0, 3))
    _maybe(draw, pool, "trainees_per_week_max", st.integers(1, 10))
    _maybe(draw, pool, "training_cost_per_person", decimals(0, 3000))
    _maybe(draw, pool, "hires_per_week_max", st.integers(0, 5))
    _maybe(draw, pool, "hires_max_total", st.integers(0, 50))
    _maybe(draw, pool, "overtime_share_max", decimals(0, 0.2))
    return pool


def _operation(draw: st.DrawFn, op_id: str, capability: str, skill: str | None) -> Data:
    operation: Data = {
        "id": op_id,
        "capability": capability,
        "hours_per_unit": draw(decimals(0.5, 20)),
    }
    if skill is not None:
        operation["labour_hours_by_skill"] = {skill: draw(decimals(0.5, 10))}
    _maybe(draw, operation, "batch_size", st.integers(1, 5))
    _maybe(draw, operation, "setup_hours", decimals(0, 2, 1))
    _maybe(draw, operation, "is_splittable", st.booleans())
    _maybe(draw, operation, "transfer_batch_size", st.integers(1, 5))
    return operation


def _items(draw: st.DrawFn, has_frame: bool, has_core: bool) -> list[Data]:
    routing = [_operation(draw, "assemble", "assembly", "assembler")]
    if draw(st.booleans()):
        routing.append(_operation(draw, "test", "testing", None))
    drone: Data = {
        "id": "drone",
        "name": draw(texts()),
        "kind": "program",
        "bom": [{"item": "kit", "quantity_per": draw(st.sampled_from((1, 2, 0.5)))}],
        "routing": routing,
    }
    _maybe(draw, drone, "learning_rate", decimals(0.75, 1))
    _maybe(draw, drone, "learning_floor_share", decimals(0.2, 0.8))
    _maybe(draw, drone, "prior_cumulative_units", st.integers(0, 10))
    _maybe(draw, drone, "material_cost_per_unit", decimals(0, 5000))
    _maybe(draw, drone, "holding_cost_per_unit_week", decimals(0, 50))
    items = [drone, {"id": "kit", "kind": "component", "sourcing": "buy"}]
    if has_frame:
        drone["bom"].append({"item": "frame", "quantity_per": 1})
        frame = {
            "id": "frame",
            "kind": "component",
            "routing": [_operation(draw, "machine", "machining", "machinist")],
        }
        if draw(st.booleans()):
            frame["bom"] = [{"item": "kit", "quantity_per": 1}]
        items.append(frame)
    if has_core:
        core_op = {"id": "press", "capability": "pressing", "hours_per_unit": 1.0}
        items.append({"id": "car-part", "kind": "core", "routing": [core_op]})
    return items


def _suppliers(draw: st.DrawFn, site_ids: list[str], start: dt.date) -> list[Data]:
    capacity = draw(decimals(200, 2000))
    main: Data = {
        "id": "kit-supplier",
        "item": "kit",
        "sites": site_ids,
        "country": draw(st.sampled_from(COUNTRIES)),
        "lead_time_weeks": draw(st.integers(0, 3)),
        "capacity_per_week": capacity,
        "unit_cost": draw(decimals(10, 900)),
    }
    _maybe(draw, main, "name", texts())
    _maybe(draw, main, "minimum_order_units", decimals(0, 10))
    _maybe(draw, main, "is_single_source", st.booleans())
    if draw(st.booleans()):
        main["capacity_ramp"] = [
            {"from_date": start, "units_per_week": round(capacity / 2, 2)},
            {"from_date": start + dt.timedelta(weeks=3), "units_per_week": capacity},
        ]
    suppliers = [main]
    if draw(st.booleans()):
        suppliers.append(
            {
                "id": "second-source",
                "item": "kit",
                "sites": site_ids[:1],
                "country": "FR",
                "lead_time_weeks": 1,
                "capacity_per_week": draw(decimals(10, 200)),
                "unit_cost": draw(decimals(10, 900)),
            }
        )
    return suppliers


def _lanes(
    draw: st.DrawFn, site_ids: list[str], point_ids: list[str], item_ids: list[str]
) -> list[Data]:
    carried = st.lists(
        st.sampled_from([i for i in item_ids if i != "kit"]), min_size=1, unique=True
    )
    lanes: list[Data] = []
    for origin in site_ids:
        for destination in [*point_ids, *(s for s in site_ids if s != origin)]:
            if destination in site_ids and not draw(st.booleans()):
                continue
            lane: Data = {
                "id": f"{origin}-to-{destination}",
                "origin": origin,
                "destination": destination,
                "lead_time_weeks": draw(st.integers(0, 2)),
            }
            _maybe(draw, lane, "cost_per_unit", decimals(0, 100))
            _maybe(draw, lane, "capacity_units_per_week", decimals(500, 5000))
            _maybe(draw, lane, "items", carried)
            lanes.append(lane)
    return lanes


def _milestones(
    draw: st.DrawFn, start: dt.date, horizon: int, rate: float, point_ids: list[str]
) -> list[Data]:
    slack = 6  # supplier and lane lead times, and a week to make the first units
    weeks = draw(
        st.lists(st.integers(slack + 1, horizon), min_size=1, max_size=3, unique=True)
    )
    milestones: list[Data] = []
    quantity = 0
    for number, week in enumerate(sorted(weeks), start=1):
        quantity = max(quantity + 1, int(rate * (week - slack)))
        milestone: Data = {
            "id": f"m{number}",
            "item": "drone",
            "delivery_point": draw(st.sampled_from(point_ids)),
            "due_date": start + dt.timedelta(weeks=week, days=-1),
            "cumulative_quantity": quantity,
        }
        _maybe(draw, milestone, "late_penalty_per_unit_week", decimals(0, 2000))
        milestones.append(milestone)
    return milestones


def _core_demand(draw: st.DrawFn, site: Data, start: dt.date, horizon: int) -> Data:
    # One shift, the least any pattern gives, so the load fits whatever the plan picks.
    calendar = {**site["calendar"], "shifts_per_day": 1}
    hours = _weekly_hours(calendar, site["work_centers"][0])
    units = round(draw(decimals(0.02, 0.1)) * hours, 1)  # the core op takes 1 h a unit
    demand: Data = {"item": "car-part", "site": site["id"], "units_per_week": units}
    if draw(st.booleans()):
        week = draw(st.integers(1, horizon - 1))
        change = {
            "from_date": start + dt.timedelta(weeks=week),
            "units_per_week": units / 2,
        }
        demand["changes"] = [change]
    if draw(st.booleans()):
        demand["is_protected"] = False
        demand["shortfall_penalty_per_unit"] = draw(decimals(0, 500))
    return demand


def _economics(draw: st.DrawFn) -> Data:
    economics: Data = (
        {"contract_unit_price": draw(decimals(1000, 50_000))}
        if draw(st.booleans())
        else {
            "contract_value": draw(decimals(1e6, 1e9, 0)),
            "contract_units_total": draw(st.integers(100, 10_000)),
        }
    )
    _maybe(draw, economics, "contract_duration_years", st.integers(1, 10))
    _maybe(draw, economics, "discount_rate", decimals(0, 0.15, 3))
    _maybe(draw, economics, "overhead_share", decimals(0, 0.3))
    _maybe(draw, economics, "fixed_overhead_per_year", decimals(0, 1e6, 0))
    _maybe(draw, economics, "depreciation_years", st.integers(1, 10))
    _maybe(draw, economics, "tax_rate", decimals(0, 0.35))
    _maybe(draw, economics, "annual_units_after_horizon", decimals(0, 5000, 0))
    return economics


def _risks(draw: st.DrawFn, sites: list[Data]) -> Data:
    site_ids = [site["id"] for site in sites]
    chance = decimals(0, 0.05, 3)
    risks: Data = {
        "site_disruptions": [
            {
                "id": "sabotage",
                "site": draw(st.sampled_from(site_ids)),
                "probability_per_week": draw(chance),
                "duration_weeks": draw(distributions(0.5, 4)),
                "description": draw(texts()),
            }
        ],
        "cyber_incidents": [
            {
                "id": "ransomware",
                "network_zone": sites[0]["network_zone"],
                "target": draw(st.sampled_from(("it", "ot"))),
                "probability_per_week": draw(chance),
                "duration_weeks": draw(distributions(0.5, 3)),
            }
        ],
        "supplier_risks": [
            {
                "id": "kit-late",
                "supplier": "kit-supplier",
                "kind": draw(st.sampled_from(("failure", "delay"))),
                "probability_per_week": draw(chance),
                "duration_weeks": draw(distributions(0.5, 4)),
                "capacity_loss_share": draw(decimals(0.2, 1)),
            }
        ],
        "station_breakdowns": [
            {
                "id": "press-breaks",
                "capability": "assembly",
                "mtbf_hours": draw(decimals(50, 500)),
                "mttr_hours": draw(decimals(1, 8)),
            }
        ],
        "staff_opt_out": [
            {
                "id": "opt-out",
                "site": site_ids[0],
                "skill": "assembler",
                "volunteer_share": draw(distributions(0.1, 0.8)),
                "absence_rate": draw(decimals(0, 0.1)),
            }
        ],
        "learning_uncertainty": [
            {
                "id": "slow-learning",
                "item": "drone",
                "learning_rate": draw(distributions(0.75, 1)),
            }
        ],
    }
    return {group: risks[group] for group in risks if draw(st.booleans())}


def _mitigations(draw: st.DrawFn, risks: Data, site_id: str) -> list[Data]:
    parameters = {
        "site_disruptions": "probability_per_week",
        "cyber_incidents": "duration_weeks",
        "supplier_risks": "capacity_loss_share",
        "station_breakdowns": "mttr_hours",
        "staff_opt_out": "absence_rate",
        "learning_uncertainty": "learning_rate",
    }
    mitigations: list[Data] = []
    for number, (group, entries) in enumerate(risks.items(), start=1):
        effect: Data = {"risk": entries[0]["id"], "parameter": parameters[group]}
        if group in ("site_disruptions", "supplier_risks", "staff_opt_out") and draw(
            st.booleans()
        ):
            effect["set"] = draw(decimals(0, 1))
        else:
            effect["multiply"] = draw(decimals(0, 1.5))
        mitigation: Data = {
            "id": f"mitigation-{number}",
            "cost": draw(decimals(0, 1e5)),
        }
        _maybe(draw, mitigation, "name", texts())
        _maybe(draw, mitigation, "lead_time_weeks", st.integers(0, 4))
        mitigation["effects"] = [effect]
        mitigations.append(mitigation)
    if draw(st.booleans()):
        stock = {"item": "kit", "site": site_id, "units": draw(decimals(1, 100))}
        mitigations.append({"id": "kit-stock", "cost": 5000.0, "buffer_stock": [stock]})
    return mitigations


@st.composite
def scenario_data(draw: st.DrawFn) -> Data:
    """Plain data (as the YAML loader gives) of a small valid scenario."""
    start = FIRST_MONDAY + dt.timedelta(weeks=draw(st.integers(0, 150)))
    horizon = draw(st.integers(8, 30))
    site_ids = draw(st.permutations(SITE_IDS))[: draw(st.integers(1, 3))]
    point_ids = list(POINT_IDS[: draw(st.integers(1, 2))])
    has_frame, has_core = draw(st.booleans()), draw(st.booleans())
    core_index = draw(st.integers(0, len(site_ids) - 1))
    sites = []
    for index, site_id in enumerate(site_ids):
        caps = ["assembly", "testing", "machining"] if index == 0 else []
        if has_core and index == core_index:
            caps.append("pressing")
        sites.append(_site(draw, site_id, start, horizon, caps))
    items = _items(draw, has_frame, has_core)
    one_shift = {**sites[0]["calendar"], "shifts_per_day": 1}
    hours_per_unit = sum(
        operation["hours_per_unit"]
        for item in items[:3]
        for operation in item.get("routing", [])
    )
    rate = 0.3 * _weekly_hours(one_shift, sites[0]["work_centers"][0]) / hours_per_unit
    data: Data = {
        "format": "surgeplan/2",
        "program": {
            "name": draw(texts().filter(str.strip)),
            "start_date": start,
            "horizon_buckets": horizon,
            "product": "drone",
        },
        "sites": sites,
        "delivery_points": [
            {
                "id": point,
                "name": draw(texts()),
                "country": draw(st.sampled_from(COUNTRIES)),
            }
            for point in point_ids
        ],
        "items": items,
        "suppliers": _suppliers(draw, list(site_ids), start),
        "lanes": _lanes(draw, list(site_ids), point_ids, [i["id"] for i in items]),
        "demand": {"milestones": _milestones(draw, start, horizon, rate, point_ids)},
        "economics": _economics(draw),
    }
    _maybe(draw, data["program"], "currency", st.sampled_from(("EUR", "USD", "GBP")))
    _maybe(draw, data["program"], "description", texts())
    if horizon > 2 and draw(st.booleans()):
        data["program"]["detailed_weeks"] = draw(st.integers(1, horizon - 1))
        _maybe(draw, data["program"], "coarse_bucket_weeks", st.integers(2, 5))
    if has_core:
        data["demand"]["core"] = [_core_demand(draw, sites[core_index], start, horizon)]
    if draw(st.booleans()):
        data["risks"] = _risks(draw, sites)
        data["mitigations"] = _mitigations(draw, data["risks"], site_ids[0])
        if len(data["mitigations"]) >= 2 and draw(st.booleans()):
            members = [mitigation["id"] for mitigation in data["mitigations"][:2]]
            data["mitigation_combinations"] = [{"id": "both", "mitigations": members}]
    return data


def valid_scenarios() -> st.SearchStrategy[Scenario]:
    """Small random scenarios that pass every validation check."""
    return scenario_data().map(lambda data: validate_data(data, unlocated()))
