"""Everything the planning model is indexed by, derived once from the scenario.

Only routes that can happen get variables: an item is made at a site only if every
operation of its routing has a work center there (now or after a conversion) and
the site has a workforce pool for every skill the operation needs; an item moves on
a lane only if it can be at the origin and is needed at the destination.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.keys import ItemSite, SitePool, SiteWorkCenter
from surgeplan.planning.model.replan_anchor import PlanAnchor
from surgeplan.planning.targets import PlanTargets
from surgeplan.scenario import Scenario
from surgeplan.scenario.calendar import Bucket
from surgeplan.scenario.demand import Milestone
from surgeplan.scenario.sites import WorkforcePool
from surgeplan.scenario.supply import Lane, Supplier

CALENDAR_PATTERN = "calendar"


@dataclass
class PatternInfo:
    """A shift pattern of a work center and the effective hours it gives per bucket.

    `first_bucket` is the first bucket it may be worked in if it is not the initial
    pattern: a switch asked for at the start is ready then (its lead time).
    """

    id: str
    effective_hours: FloatArray
    fixed_cost_per_bucket_eur: FloatArray
    switch_cost_eur: float
    first_bucket: int


@dataclass
class ConversionInfo:
    """A conversion of a work center; `ready_bucket[b]`: when one begun in b is done."""

    index: int
    site: str
    work_center: str
    id: str
    adds: set[str]
    removes: set[str]
    capex_eur: float
    ready_bucket: IntArray
    earliest_bucket: int
    efficiency_after: float | None


@dataclass
class WorkCenterInfo:
    """A work center with its patterns, overtime and core load per bucket."""

    index: int
    site: str
    id: str
    capabilities: set[str]
    efficiency: float
    patterns: list[PatternInfo]
    initial_pattern: int
    overtime_hours: FloatArray
    core_hours_by_capability: dict[str, FloatArray]
    conversions: list[ConversionInfo] = field(default_factory=list)

    @property
    def key(self) -> SiteWorkCenter:
        """(site, work center)."""
        return SiteWorkCenter(self.site, self.id)


@dataclass
class OperationRoute:
    """One operation of an item at one work center that can do it."""

    item: str
    site: str
    operation_index: int
    operation_id: str
    work_center: int
    hours_per_unit: float
    setup_hours_per_unit: float
    labour_hours_by_skill: dict[str, float]
    needs_conversions: list[int]
    lost_by_conversions: list[int]
    efficiency_penalty: float


@dataclass
class SupplyRoute:
    """A supplier delivering its item to one site; `arrival_bucket[b]` as for lanes."""

    supplier: Supplier
    site: str
    arrival_bucket: IntArray
    capacity_by_bucket: FloatArray


@dataclass
class LaneRoute:
    """An item that may travel on a lane; `arrival_bucket[b]`: if sent in b, arrives."""

    lane: Lane
    item: str
    arrival_bucket: IntArray


@dataclass
class MilestoneGroup:
    """Milestones of one item at one delivery point, in due order.

    `due_buckets` hold the due dates, against which lateness is measured; the planner
    aims at `aim_buckets`, earlier by the planning buffer (`plan_ahead_weeks`).
    """

    item: str
    delivery_point: str
    milestones: list[Milestone]
    due_buckets: list[int]
    aim_buckets: list[int]
    # Milestones whose aim comes from `PlanTargets` (weighed more than a buffer).
    targeted: frozenset[str] = frozenset()


@dataclass
class CoreDemandInfo:
    """Core demand of an item at a site, per bucket."""

    item: str
    site: str
    demand: FloatArray
    is_hard: bool
    penalty_per_unit_eur: float


@dataclass
class PlanningIndex:
    """The sets and per-bucket data the planning model is built from."""

    scenario: Scenario
    buckets: list[Bucket]
    weeks: FloatArray
    open_share: dict[str, FloatArray]
    work_centers: list[WorkCenterInfo]
    conversions: list[ConversionInfo]
    made_at: dict[str, list[str]]
    routes: list[OperationRoute]
    pools: dict[SitePool, WorkforcePool]
    supply: list[SupplyRoute]
    lanes: list[LaneRoute]
    groups: list[MilestoneGroup]
    core: list[CoreDemandInfo]
    stock_points: list[ItemSite]
    targets: PlanTargets = field(default_factory=PlanTargets)
    # Family milestone id -> the other groups counting toward it (milestones_family).
    family: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Units entering each (item, site) stock from the opening state, per bucket.
    receipts: dict[ItemSite, FloatArray] = field(default_factory=dict)
    # The scenario as given (plans carry its hash); `scenario` has its yields folded
    # in and the opening people and conversions applied.
    stated_scenario: Scenario | None = None
    # A re-plan's old decisions and their weights (planning/model/rows_replan.py).
    anchor: PlanAnchor | None = None

    @property
    def horizon(self) -> int:
        """Number of buckets."""
        return len(self.buckets)
