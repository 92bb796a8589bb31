"""The commented scenario `surgeplan init` writes: valid, and a guide to the format."""

from __future__ import annotations

from surgeplan.scenario.excel_words import N_, Translate

SCENARIO_TEMPLATE = """\
# A surgeplan scenario (format surgeplan/2).
# Every field is described in docs/scenario-format.md; `surgeplan schema` prints the
# JSON Schema. Check this file with `surgeplan validate scenario.yaml` and look at it
# with `surgeplan show scenario.yaml`.
#
# Conventions: ids use letters, digits, '-', '_' and '.'; dates are YYYY-MM-DD; the
# money is in the program's currency; other units are in the field name (_weeks,
# _hours, _per_week); shares are 0 to 1.
format: surgeplan/2

program:
  name: My surge program
  currency: EUR
  start_date: 2027-01-04        # a Monday: weekly buckets start on this day
  time_bucket: week             # day, week or month
  horizon_buckets: 26           # 26 weeks
  # detailed_weeks: 13          # optional: weekly to here, then 4-week buckets (faster)
  plan_ahead_weeks: 0           # planning buffer: aim to meet milestones this early
  product: widget               # the item of kind 'program' being delivered

sites:
  - id: plant
    name: Example plant
    country: FR                 # ISO 3166 two-letter code
    network_zone: plant-ot      # sites on one network share a zone (cyber risks)
    threat_level: low           # low, moderate, high or severe
    calendar:
      working_days: [mon, tue, wed, thu, fri]
      shifts_per_day: 2
      hours_per_shift: 8
      public_holidays: []
      shutdowns: []             # e.g. - {start_date: 2027-08-02, end_date: 2027-08-20}
      # exceptions:             # a holiday a work center (or the site) works anyway
      #   - {date: 2027-05-13, work_center: assembly-cell}
    work_centers:
      - id: assembly-cell
        capabilities: [assembly]
        stations: 2             # parallel identical stations
        efficiency: 0.8         # OEE, 0 to 1
        # core_load:            # station hours a week taken by core production
        #   - {capability: assembly, hours_per_week: 20}
        # conversions:          # what converting this work center would give
        #   - id: add-testing
        #     adds_capabilities: [testing]
        #     capex: 250000
        #     lead_time_weeks: 8
    workforce:
      - skill: assembler
        headcount: 200
        volunteer_share: 0.25   # share of the headcount willing to join the program
        initially_qualified: 10
        hourly_cost: 40
        training_lead_time_weeks: 2
        trainees_per_week_max: 5
        # training_cost_per_trainee: 3000  # paid by volunteers and hires alike
        # hires_per_week_max: 4
        # hires_max_total: 40
        # recruiting_lead_time_weeks: 3    # before the first hire can be decided
        # hires_per_week_ramp: 1           # n x this in the n-th week of recruiting
        # attrition_share_per_week: 0.005  # leavers, replaced by training or hiring

delivery_points:
  - id: customer
    name: Customer depot
    country: FR

items:
  - id: widget
    name: Widget
    kind: program               # program, component or core
    bom:
      - item: kit
        quantity_per: 1
    routing:
      - id: assemble
        capability: assembly
        hours_per_unit: 4       # station hours at the first unit
        labour_hours_by_skill: {assembler: 6}
    learning_rate: 0.9          # hours fall to 90 % each time output doubles
    learning_floor_share: 0.5
  - id: kit
    name: Parts kit
    kind: component
    sourcing: buy               # bought items need a supplier

suppliers:
  - id: kit-supplier
    item: kit
    sites: [plant]
    country: DE
    lead_time_weeks: 2
    capacity_per_week: 200
    unit_cost: 500

lanes:
  - id: plant-to-customer
    origin: plant
    destination: customer
    lead_time_weeks: 1
    cost_per_unit: 20

demand:
  milestones:                   # cumulative quantities, never decreasing over time
    - id: first-batch
      item: widget
      delivery_point: customer
      due_date: 2027-03-26
      cumulative_quantity: 100
      late_penalty_per_unit_week: 1000
    - id: full-order
      item: widget
      delivery_point: customer
      due_date: 2027-06-25
      cumulative_quantity: 500
      late_penalty_per_unit_week: 1000
  core: []                      # weekly demand of core products to protect

economics:
  contract_unit_price: 2500
  contract_duration_years: 3
  discount_rate: 0.08

risks:                          # what the simulator draws; all lists may stay empty
  site_disruptions: []
  cyber_incidents: []
  supplier_risks:
    - id: kit-supplier-failure
      supplier: kit-supplier
      kind: failure             # failure (ships nothing) or delay
      probability_per_week: 0.01
      duration_weeks: {distribution: triangular, low: 1, mode: 2, high: 6}

mitigations: []
"""

# The worked example's names: data a planner replaces, but the first thing they
# read on each sheet, so a French workbook says them in French.
EXAMPLE_NAMES = (
    N_("My surge program"),
    N_("Example plant"),
    N_("Customer depot"),
    N_("Widget"),
    N_("Parts kit"),
)


def template_with_names(translate: Translate) -> str:
    """The template with its example's names in `translate`'s language."""
    text = SCENARIO_TEMPLATE
    for name in EXAMPLE_NAMES:
        text = text.replace(f"name: {name}\n", f"name: {translate(name)}\n", 1)
    return text
