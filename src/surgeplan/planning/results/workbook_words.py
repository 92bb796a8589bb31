"""The words of plan.xlsx people read, in the language in force (`i18n.speaking`).

An English workbook keeps the plan.json names as its sheet names and column
headers: they are the contract's own words, and scripts that read plan.xlsx by
them keep working. In another language each sheet and column gets a title from the
catalogs, and each header cell a note saying what the column holds (the record
field's description, from the catalogs) and its plan.json name, so a reader can
still find the column in docs/plan-format.md and in plan.json. Values (ids, kinds,
shift patterns) are identifiers and never translated; numbers stay numbers.

Each title is one literal `pgettext` call (context `plan.xlsx`, so that a word
such as "Start" is translated for this workbook alone), made when the workbook is
written, in its language.
"""

from __future__ import annotations

from surgeplan.i18n import Language, current_language, pgettext


def sheet_titles() -> dict[str, str]:
    """The title of each table's sheet (at most 31 characters, as Excel wants)."""
    return {
        "production": pgettext("plan.xlsx", "Production"),
        "capacity": pgettext("plan.xlsx", "Capacity"),
        "labour": pgettext("plan.xlsx", "Labour"),
        "purchases": pgettext("plan.xlsx", "Purchases"),
        "transfers": pgettext("plan.xlsx", "Transfers"),
        "inventory": pgettext("plan.xlsx", "Inventory"),
        "deliveries": pgettext("plan.xlsx", "Deliveries"),
        "milestones": pgettext("plan.xlsx", "Milestones"),
        "core": pgettext("plan.xlsx", "Core production"),
        "conversions": pgettext("plan.xlsx", "Conversions"),
        "shift_changes": pgettext("plan.xlsx", "Shift changes"),
        "costs": pgettext("plan.xlsx", "Costs"),
        "bottlenecks": pgettext("plan.xlsx", "Bottlenecks"),
        "buckets": pgettext("plan.xlsx", "Periods"),
    }


def column_titles() -> dict[str, str]:
    """The title of each column, by its plan.json name (or its date column's)."""
    return {
        "item": pgettext("plan.xlsx", "Item"),
        "operation": pgettext("plan.xlsx", "Operation"),
        "site": pgettext("plan.xlsx", "Site"),
        "work_center": pgettext("plan.xlsx", "Work center"),
        "bucket": pgettext("plan.xlsx", "Period (number)"),
        "bucket_start": pgettext("plan.xlsx", "Period start"),
        "units": pgettext("plan.xlsx", "Units"),
        "hours": pgettext("plan.xlsx", "Hours"),
        "labour_hours": pgettext("plan.xlsx", "Labour hours"),
        "hours_per_unit": pgettext("plan.xlsx", "Hours per unit"),
        "shift_pattern": pgettext("plan.xlsx", "Shift pattern"),
        "available_hours": pgettext("plan.xlsx", "Available hours"),
        "overtime_hours": pgettext("plan.xlsx", "Overtime hours"),
        "program_hours": pgettext("plan.xlsx", "Program hours"),
        "core_hours": pgettext("plan.xlsx", "Core production hours"),
        "utilisation": pgettext("plan.xlsx", "Utilisation"),
        "skill": pgettext("plan.xlsx", "Skill"),
        "headcount": pgettext("plan.xlsx", "Qualified people"),
        "trainees": pgettext("plan.xlsx", "Trainees"),
        "hires": pgettext("plan.xlsx", "Hires"),
        "volunteers": pgettext("plan.xlsx", "Volunteers"),
        "people_lent": pgettext("plan.xlsx", "People lent"),
        "people_borrowed": pgettext("plan.xlsx", "People borrowed"),
        "supplier": pgettext("plan.xlsx", "Supplier"),
        "arrival_bucket": pgettext("plan.xlsx", "Arrival period (number)"),
        "arrival_start": pgettext("plan.xlsx", "Arrival period start"),
        "cost_eur": pgettext("plan.xlsx", "Cost"),
        "lane": pgettext("plan.xlsx", "Lane"),
        "origin": pgettext("plan.xlsx", "Origin"),
        "destination": pgettext("plan.xlsx", "Destination"),
        "milestone": pgettext("plan.xlsx", "Milestone"),
        "delivery_point": pgettext("plan.xlsx", "Delivery point"),
        "id": pgettext("plan.xlsx", "Id"),
        "due_date": pgettext("plan.xlsx", "Due date"),
        "due_bucket": pgettext("plan.xlsx", "Due period (number)"),
        "quantity": pgettext("plan.xlsx", "Cumulative quantity due"),
        "delivered_by_due": pgettext("plan.xlsx", "Delivered by the due date"),
        "met_bucket": pgettext("plan.xlsx", "Period met (number)"),
        "met_date": pgettext("plan.xlsx", "Date met"),
        "weeks_late": pgettext("plan.xlsx", "Weeks late"),
        "earliest_bucket": pgettext("plan.xlsx", "Earliest period (number)"),
        "earliest_date": pgettext("plan.xlsx", "Earliest date"),
        "limited_by": pgettext("plan.xlsx", "Held back by"),
        "demand": pgettext("plan.xlsx", "Demand"),
        "produced": pgettext("plan.xlsx", "Produced"),
        "shortfall": pgettext("plan.xlsx", "Shortfall"),
        "conversion": pgettext("plan.xlsx", "Conversion"),
        "start_bucket": pgettext("plan.xlsx", "Start period (number)"),
        "start_date": pgettext("plan.xlsx", "Start date"),
        "ready_bucket": pgettext("plan.xlsx", "Ready period (number)"),
        "ready_date": pgettext("plan.xlsx", "Ready date"),
        "capex_eur": pgettext("plan.xlsx", "Capex"),
        "from_pattern": pgettext("plan.xlsx", "Pattern before"),
        "to_pattern": pgettext("plan.xlsx", "Pattern after"),
        "kind": pgettext("plan.xlsx", "Kind"),
        "amount_eur": pgettext("plan.xlsx", "Amount"),
        "resource": pgettext("plan.xlsx", "Resource"),
        "first_bucket": pgettext("plan.xlsx", "First period (number)"),
        "first_start": pgettext("plan.xlsx", "First period start"),
        "last_bucket": pgettext("plan.xlsx", "Last period (number)"),
        "last_start": pgettext("plan.xlsx", "Last period start"),
        "binding_buckets": pgettext("plan.xlsx", "Binding periods"),
        "units_per_extra_hour": pgettext("plan.xlsx", "Units per extra hour"),
        "shadow_price": pgettext("plan.xlsx", "Shadow price"),
        "index": pgettext("plan.xlsx", "Number"),
        "start": pgettext("plan.xlsx", "Start"),
        "end": pgettext("plan.xlsx", "End"),
    }


def speaks_plan_names() -> bool:
    """Whether the workbook shows plan.json's own names (in English)."""
    return current_language() is Language.EN


def summary_sheet_title() -> str:
    """The name of the key figures' sheet."""
    return pgettext("plan.xlsx", "Summary")


def header_note(name: str, meaning: str) -> str:
    """The note on a translated header: what the column holds, and its plan.json name.

    The meaning is the field's description (translated from the catalogs, where
    babel.cfg's `field_descriptions` method extracts the records' descriptions).
    """
    named = pgettext(
        "plan.xlsx", "Name in plan.json and docs/plan-format.md: {name}"
    ).format(name=name)
    return f"{meaning}\n{named}" if meaning else named


def bucket_date_meaning(index_title: str) -> str:
    """What a column added beside a bucket index holds."""
    return pgettext("plan.xlsx", "First day of the period in '{column}'.").format(
        column=index_title
    )
