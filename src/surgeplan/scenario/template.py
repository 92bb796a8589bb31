"""The commented scenario `surgeplan init` writes: valid, and a guide to the format.

`SCENARIO_TEMPLATE` is the English file. In another language (`surgeplan init
--lang fr`) its comments and its example's names are said in that language and
`program.language` is set; keys, ids and values stay as they are, so the file reads
as the same scenario. Every comment is a message below, marked with `N_`.
"""

from __future__ import annotations

import re
import textwrap

from surgeplan.scenario.excel_words import N_, Translate, untranslated
from surgeplan.scenario.program import Language

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
      shutdowns: []             # periods the whole site is closed, e.g.:
      #   - {start_date: 2027-08-02, end_date: 2027-08-20}
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


# The opening comment: a title line, then paragraphs wrapped to COMMENT_WIDTH.
HEADER_TITLE = N_("A surgeplan scenario (format surgeplan/2).")
HEADER_PARAGRAPHS = (
    N_(
        "Every field is described in docs/scenario-format.md; `surgeplan schema` "
        "prints the JSON Schema. Check this file with `surgeplan validate "
        "scenario.yaml` and look at it with `surgeplan show scenario.yaml`."
    ),
    N_(
        "Conventions: ids use letters, digits, '-', '_' and '.'; dates are "
        "YYYY-MM-DD; the money is in the program's currency; other units are in the "
        "field name (_weeks, _hours, _per_week); shares are 0 to 1."
    ),
)
COMMENT_WIDTH = 86
# The comment at the end of a line, after the key (or a commented-out key) and
# at least one space: `start_date: 2027-01-04        # a Monday: ...`.
TRAILING_COMMENT = re.compile(r"^(?P<code>.*?\S)(?P<gap>\s+)# (?P<text>.+)$")
COMMENTS = (
    N_("a Monday: weekly buckets start on this day"),
    N_("day, week or month"),
    N_("26 weeks"),
    N_("optional: weekly to here, then 4-week buckets (faster)"),
    N_("planning buffer: aim to meet milestones this early"),
    N_("the item of kind 'program' being delivered"),
    N_("ISO 3166 two-letter code"),
    N_("sites on one network share a zone (cyber risks)"),
    N_("low, moderate, high or severe"),
    N_("periods the whole site is closed, e.g.:"),
    N_("a holiday a work center (or the site) works anyway"),
    N_("parallel identical stations"),
    N_("OEE, 0 to 1"),
    N_("station hours a week taken by core production"),
    N_("what converting this work center would give"),
    N_("share of the headcount willing to join the program"),
    N_("paid by volunteers and hires alike"),
    N_("before the first hire can be decided"),
    N_("n x this in the n-th week of recruiting"),
    N_("leavers, replaced by training or hiring"),
    N_("program, component or core"),
    N_("station hours at the first unit"),
    N_("hours fall to 90 % each time output doubles"),
    N_("bought items need a supplier"),
    N_("cumulative quantities, never decreasing over time"),
    N_("weekly demand of core products to protect"),
    N_("what the simulator draws; all lists may stay empty"),
    N_("failure (ships nothing) or delay"),
)
LANGUAGE_COMMENT = N_("language of the report, the brief and plan.xlsx: en or fr")
CURRENCY_LINE = "  currency: EUR\n"
COMMENT_COLUMN = 32


def template_header(translate: Translate) -> str:
    """The opening comment, in `translate`'s language."""
    wrapped = [
        textwrap.fill(
            translate(paragraph),
            COMMENT_WIDTH,
            initial_indent="# ",
            subsequent_indent="# ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        for paragraph in HEADER_PARAGRAPHS
    ]
    return f"# {translate(HEADER_TITLE)}\n" + "\n#\n".join(wrapped) + "\n"


def _translated_line(line: str, translate: Translate) -> str:
    found = TRAILING_COMMENT.match(line)
    if found is None or found["text"] not in COMMENTS:
        return line
    return f"{found['code']}{found['gap']}# {translate(found['text'])}"


def yaml_template(
    language: Language = Language.EN, translate: Translate = untranslated
) -> str:
    """The YAML template with comments and example names in `translate`'s language.

    Outside English the program also declares its `language`, so that the
    documents made from the scenario speak it too.
    """
    if language is Language.EN:
        return SCENARIO_TEMPLATE
    english_header = template_header(untranslated)
    body = template_with_names(translate).removeprefix(english_header)
    lines = [_translated_line(line, translate) for line in body.split("\n")]
    language_line = f"  language: {language.value}".ljust(COMMENT_COLUMN)
    text = template_header(translate) + "\n".join(lines)
    return text.replace(
        CURRENCY_LINE,
        f"{CURRENCY_LINE}{language_line}# {translate(LANGUAGE_COMMENT)}\n",
        1,
    )
