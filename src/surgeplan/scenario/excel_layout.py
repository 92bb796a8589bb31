"""Where each part of a scenario lives in a workbook: sheets, their columns and parents.

One sheet per list of records, one row per record. A child sheet (WorkCenters) names
its parent record (a site) by id columns (`site`); the records of one parent keep the
order of their rows. Columns are the model's field names, so the mapping is exact:
nested models and distributions are spread over dotted columns
(`calendar.shifts_per_day`, `duration_weeks.low`). The reader and the writer both
follow `SHEETS`; the columns come from the pydantic models, so a new field appears in
the workbook without touching this file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel

from surgeplan.scenario.buildings import BuildingConversion, ConvertedWorkCenter
from surgeplan.scenario.demand import (
    CoreDemand,
    CoreRateChange,
    Milestone,
    TargetRevision,
)
from surgeplan.scenario.economics import Economics
from surgeplan.scenario.excel_columns import Column, ColumnKind, model_columns
from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.formats import (
    FORMAT_1,
    MONEY_RENAMES_1_TO_2,
    READABLE_FORMATS,
    SCENARIO_FORMAT,
)
from surgeplan.scenario.gates import Gate
from surgeplan.scenario.items import BomLine, Item, Operation
from surgeplan.scenario.opening_state import (
    DeliveredUnits,
    DoneConversion,
    PoolState,
    PurchaseInTransit,
    ShipmentInTransit,
    StockOnHand,
    UnitsMade,
    WorkInProgress,
)
from surgeplan.scenario.program import Program
from surgeplan.scenario.risks import (
    BufferStock,
    CyberIncident,
    LearningUncertainty,
    Mitigation,
    MitigationCombination,
    RiskEffect,
    Risks,
    SiteDisruption,
    StaffOptOut,
    StationBreakdown,
    SupplierRisk,
)
from surgeplan.scenario.sites import (
    CalendarException,
    Changeover,
    Conversion,
    CoreLoad,
    CrewLearning,
    DeliveryPoint,
    ShiftPattern,
    Shutdown,
    Site,
    WorkCenter,
    WorkforcePool,
)
from surgeplan.scenario.supply import CapacityStep, Lane, Supplier, SupplierRamp
from surgeplan.scenario.workforce_terms import LabourLoan


class SheetShape(Enum):
    """How the rows of a sheet become scenario data."""

    RECORDS = "records"  # one row per record of a list
    VALUES = "values"  # one row per value of a list of plain values
    MAPPING = "mapping"  # one row per key: value of a mapping
    FIELDS = "fields"  # one row per field of a single record (field | value)


@dataclass(frozen=True)
class SheetLayout:
    """One sheet: which records it holds and how its rows find their parent."""

    name: str
    path: str  # from the top (or from the parent record) to the list or record
    columns: tuple[Column, ...]
    shape: SheetShape = SheetShape.RECORDS
    parent: str | None = None
    key: tuple[str, ...] = ()  # own fields that, after the parent's key, name a row

    def column(self, name: str) -> Column | None:
        """The column with this header, if the sheet has it."""
        for column in self.columns:
            if column.name == name:
                return column
        return None

    @property
    def parent_columns(self) -> tuple[Column, ...]:
        """Columns naming the parent record."""
        return tuple(column for column in self.columns if column.is_parent)


INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
FIELD_HEADER, VALUE_HEADER, MEANING_HEADER = "field", "value", "meaning"
NOTE_PREFIX = "#"  # a column whose header starts with it holds the planner's notes

# Columns whose values are ids of other rows: (sheet, column) where the ids live,
# used for drop-downs. Capabilities and risk ids have no sheet of their own: the
# writer lists the ones it knows on the Lists sheet.
REFERENCES: dict[str, tuple[str, str]] = {
    "site": ("Sites", "id"),
    "origin": ("Sites", "id"),
    "from_site": ("Sites", "id"),
    "to_site": ("Sites", "id"),
    "network_zone": ("Sites", "network_zone"),
    "work_center": ("WorkCenters", "id"),
    "initial_shift_pattern": ("ShiftPatterns", "id"),
    "skill": ("Workforce", "skill"),
    "delivery_point": ("DeliveryPoints", "id"),
    "item": ("Items", "id"),
    "parent_item": ("Items", "id"),
    "from_item": ("Items", "id"),
    "to_item": ("Items", "id"),
    "product": ("Items", "id"),
    "operation": ("Routing", "id"),
    "supplier": ("Suppliers", "id"),
    "mitigation": ("Mitigations", "id"),
    "building": ("BuildingConversions", "id"),
    "capability": (LISTS_SHEET, "capability"),
    "risk": (LISTS_SHEET, "risk"),
}
LISTS_COLUMNS = ("capability", "risk")


def _parent(name: str, about: str) -> Column:
    return Column(name, ColumnKind.TEXT, about, is_required=True, is_parent=True)


SITE = _parent("site", N_("Id of the site (a row of sheet Sites)."))
WORK_CENTER = _parent("work_center", N_("Id of the work center at that site."))
ITEM = _parent("item", N_("Id of the item (a row of sheet Items)."))
MITIGATION = _parent("mitigation", N_("Id of the mitigation (a row of Mitigations)."))
BUILDING = _parent("building", N_("Id of the building conversion at that site."))


def _records(
    name: str,
    model: type[BaseModel],
    path: str,
    *,
    parent: tuple[str, tuple[Column, ...]] | None = None,
    key: tuple[str, ...] = (),
    skip: tuple[str, ...] = (),
) -> SheetLayout:
    own = model_columns(model, skip=skip)
    parent_name, parent_columns = parent if parent else (None, ())
    return SheetLayout(name, path, (*parent_columns, *own), parent=parent_name, key=key)


def _fields(name: str, model: type[BaseModel], path: str) -> SheetLayout:
    return SheetLayout(name, path, tuple(model_columns(model)), shape=SheetShape.FIELDS)


FORMAT_ROW = Column(
    "format",
    ColumnKind.CHOICE,
    N_(
        "Format and version of the scenario: %(format)s (%(older)s is read too; "
        "`surgeplan convert` upgrades it)."
    ),
    choices=READABLE_FORMATS,
    at_root=True,
    values=(("format", SCENARIO_FORMAT), ("older", FORMAT_1)),
)
_SITE_CHILDREN = (
    "calendar.public_holidays",
    "calendar.shutdowns",
    "calendar.exceptions",
)
_SITE_LISTS = ("work_centers", "workforce", "learning", "building_conversions")
_WC_LISTS = ("shift_patterns", "conversions", "core_load", "changeovers")
_AT_WC = ("WorkCenters", (SITE, WORK_CENTER))
_RISK_SHEETS = (
    ("SiteDisruptions", SiteDisruption, "site_disruptions"),
    ("CyberIncidents", CyberIncident, "cyber_incidents"),
    ("SupplierRisks", SupplierRisk, "supplier_risks"),
    ("SupplierRampRisks", SupplierRamp, "supplier_ramps"),
    ("StationBreakdowns", StationBreakdown, "station_breakdowns"),
    ("StaffOptOut", StaffOptOut, "staff_opt_out"),
    ("LearningUncertainty", LearningUncertainty, "learning_uncertainty"),
)

# The opening state's lists (scenario/opening_state.py); its `cause` is a re-plan's
# note and stays out of workbooks.
_OPENING_SHEETS = (
    ("OpeningMade", UnitsMade, "made"),
    ("OpeningStock", StockOnHand, "stock"),
    ("OpeningWIP", WorkInProgress, "work_in_progress"),
    ("OpeningInTransit", PurchaseInTransit, "in_transit"),
    ("OpeningShipments", ShipmentInTransit, "shipments"),
    ("OpeningDelivered", DeliveredUnits, "delivered"),
    ("OpeningPeople", PoolState, "people"),
    ("OpeningConversions", DoneConversion, "conversions_done"),
)

_PROGRAM = _fields("Program", Program, "program")
SHEETS: tuple[SheetLayout, ...] = (
    SheetLayout(
        "Program", "program", (FORMAT_ROW, *_PROGRAM.columns), shape=SheetShape.FIELDS
    ),
    _records("Sites", Site, "sites", key=("id",), skip=_SITE_CHILDREN + _SITE_LISTS),
    SheetLayout(
        "Holidays",
        "calendar.public_holidays",
        (SITE, Column("date", ColumnKind.DATE, N_("A day the site is closed."), True)),
        shape=SheetShape.VALUES,
        parent="Sites",
    ),
    _records("Shutdowns", Shutdown, "calendar.shutdowns", parent=("Sites", (SITE,))),
    _records(
        "CalendarExceptions",
        CalendarException,
        "calendar.exceptions",
        parent=("Sites", (SITE,)),
    ),
    _records(
        "WorkCenters",
        WorkCenter,
        "work_centers",
        parent=("Sites", (SITE,)),
        key=("id",),
        skip=_WC_LISTS,
    ),
    _records("ShiftPatterns", ShiftPattern, "shift_patterns", parent=_AT_WC),
    _records("Conversions", Conversion, "conversions", parent=_AT_WC),
    _records("CoreLoad", CoreLoad, "core_load", parent=_AT_WC),
    _records("Changeovers", Changeover, "changeovers", parent=_AT_WC),
    _records("Workforce", WorkforcePool, "workforce", parent=("Sites", (SITE,))),
    _records("CrewLearning", CrewLearning, "learning", parent=("Sites", (SITE,))),
    _records(
        "BuildingConversions",
        BuildingConversion,
        "building_conversions",
        parent=("Sites", (SITE,)),
        key=("id",),
        skip=("work_centers",),
    ),
    _records(
        "BuildingWorkCenters",
        ConvertedWorkCenter,
        "work_centers",
        parent=("BuildingConversions", (SITE, BUILDING)),
    ),
    _records("DeliveryPoints", DeliveryPoint, "delivery_points", key=("id",)),
    _records("Items", Item, "items", key=("id",), skip=("bom", "routing")),
    _records(
        "BOM",
        BomLine,
        "bom",
        parent=("Items", (_parent("parent_item", N_("Id of the item made of it.")),)),
    ),
    _records(
        "Routing",
        Operation,
        "routing",
        parent=("Items", (ITEM,)),
        key=("id",),
        skip=("labour_hours_by_skill",),
    ),
    SheetLayout(
        "Labour",
        "labour_hours_by_skill",
        (
            ITEM,
            _parent("operation", N_("Id of the operation in that item's routing.")),
            Column("skill", ColumnKind.TEXT, N_("Skill of the people doing it."), True),
            Column(
                "labour_hours_per_unit",
                ColumnKind.NUMBER,
                N_("Labour hours of this skill per unit at the first unit."),
                True,
            ),
        ),
        shape=SheetShape.MAPPING,
        parent="Routing",
    ),
    _records("Suppliers", Supplier, "suppliers", key=("id",), skip=("capacity_ramp",)),
    _records(
        "SupplierRamp",
        CapacityStep,
        "capacity_ramp",
        parent=("Suppliers", (_parent("supplier", N_("Id of the supplier.")),)),
    ),
    _records("Lanes", Lane, "lanes"),
    _records("LabourLoans", LabourLoan, "labour_loans"),
    _records(
        "Milestones", Milestone, "demand.milestones", key=("id",), skip=("revisions",)
    ),
    _records(
        "MilestoneRevisions",
        TargetRevision,
        "revisions",
        parent=(
            "Milestones",
            (_parent("milestone", N_("Id of the milestone (a row of Milestones).")),),
        ),
    ),
    _records(
        "CoreDemand",
        CoreDemand,
        "demand.core",
        key=("item", "site"),
        skip=("changes",),
    ),
    _records(
        "CoreRateChanges",
        CoreRateChange,
        "changes",
        parent=("CoreDemand", (ITEM, SITE)),
    ),
    _fields("Economics", Economics, "economics"),
    # The risks' own settings (the reference prior); their lists have sheets below.
    SheetLayout(
        "RiskSettings",
        "risks",
        tuple(model_columns(Risks, skip=tuple(path for *_, path in _RISK_SHEETS))),
        shape=SheetShape.FIELDS,
    ),
    *(_records(name, model, f"risks.{path}") for name, model, path in _RISK_SHEETS),
    _records(
        "Mitigations",
        Mitigation,
        "mitigations",
        key=("id",),
        skip=("effects", "buffer_stock"),
    ),
    _records(
        "MitigationEffects",
        RiskEffect,
        "effects",
        parent=("Mitigations", (MITIGATION,)),
    ),
    _records(
        "BufferStock",
        BufferStock,
        "buffer_stock",
        parent=("Mitigations", (MITIGATION,)),
    ),
    *(
        _records(name, model, f"opening_state.{path}")
        for name, model, path in _OPENING_SHEETS
    ),
    _records(
        "MitigationCombinations", MitigationCombination, "mitigation_combinations"
    ),
    _records("Gates", Gate, "gates"),
)

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
REQUIRED_SHEETS = (
    "Program",
    "Sites",
    "DeliveryPoints",
    "Items",
    "Milestones",
    "Economics",
)
IGNORED_SHEETS = (INSTRUCTIONS_SHEET, LISTS_SHEET)


def normalized(name: str) -> str:
    """A sheet or column name as compared: case, spaces, '_' and '-' do not count."""
    return "".join(char for char in name.lower() if char not in " _-")


_FORMAT_1_COLUMNS = {
    normalized(old): normalized(new) for old, new in MONEY_RENAMES_1_TO_2.items()
}


def column_key(name: str) -> str:
    """A column or field name as compared, with format 1's money names read as today's.

    A workbook written by an older release keeps working: its `hourly_cost`
    column is the `hourly_cost` field (`surgeplan convert` renames the headers).
    """
    key = normalized(name)
    return _FORMAT_1_COLUMNS.get(key, key)
