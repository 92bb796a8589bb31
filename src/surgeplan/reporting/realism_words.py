"""The realism check's sentences in the document's language.

`RealismReport` (realism.json) says its verdicts in English for programs and the
CLI; the documents say them again here from the report's figures, sentence by
sentence, in the language in force. In English each reads exactly as realism.json
has it (a test holds them equal on the drone example).
"""

from __future__ import annotations

from surgeplan.i18n import gettext
from surgeplan.realism.comparison import (
    MEASURES,
    Boldness,
    LearningCheck,
    MeasureRow,
    RealismReport,
)
from surgeplan.reporting.formatting import number, realism_figure

_BOLDER_LOWER = {spec.key for spec in MEASURES if spec.bolder is Boldness.LOWER}


def realism_label(row: MeasureRow) -> str:
    """What a measure is, in words."""
    labels = {
        "weeks_to_first_unit": gettext("Weeks from the decision to the first unit"),
        "weeks_to_half_rate": gettext(
            "Weeks from the first unit to 50 % of the final rate"
        ),
        "weeks_to_ninety_rate": gettext(
            "Weeks from the first unit to 90 % of the final rate"
        ),
        "final_rate_multiple": gettext(
            "Final rate as a multiple of the rate before the surge"
        ),
        "milestones_met_share": gettext("Share of the first schedule's milestones met"),
    }
    return labels.get(row.measure, row.label)


def _figure(value: float, unit: str) -> str:
    if unit == "weeks":
        return gettext("{figure} weeks").format(figure=number(value, 1))
    return realism_figure(value, unit)


def realism_verdict(row: MeasureRow) -> str:
    """Where the plan stands among the surges on record, on one measure."""
    if row.plan is None:
        if row.measure == "final_rate_multiple":
            return gettext(
                "not comparable: the scenario gives no rate before the surge"
            )
        return gettext("not comparable: the plan delivers no product")
    shown = _figure(row.plan, row.unit)
    if row.boldest_program is None or row.boldest_value is None:
        return gettext("{figure}; no precedent on record gives this measure").format(
            figure=shown
        )
    best = gettext("{program}, {figure}").format(
        program=row.boldest_program, figure=_figure(row.boldest_value, row.unit)
    )
    faster = row.measure in _BOLDER_LOWER
    if row.bolder_than == row.ranked_count:
        sentence = (
            gettext("{figure}: faster than every surge on record (the best: {best})")
            if faster
            else gettext("{figure}: beyond every surge on record (the best: {best})")
        )
    elif row.bolder_than == 0:
        sentence = (
            gettext("{figure}: slower than every surge on record (the best: {best})")
            if faster
            else gettext("{figure}: below every surge on record (the best: {best})")
        )
    else:
        sentence = (
            gettext(
                "{figure}: faster than {count} of {ranked} on record (the best: {best})"
            )
            if faster
            else gettext(
                "{figure}: above {count} of {ranked} on record (the best: {best})"
            )
        )
    return sentence.format(
        figure=shown, best=best, count=row.bolder_than, ranked=row.ranked_count
    )


def _share(value: float) -> str:
    return realism_figure(value, "share")


def learning_verdict(learning: LearningCheck) -> str:
    """The plan's learning rate against the industries on record."""
    rate = learning.plan_learning_rate
    if rate is None or rate >= 1.0:
        return gettext("the plan assumes no learning on the product")
    if learning.beyond_record and learning.range_low is not None:
        return gettext(
            "{rate} per doubling: faster learning than any industry on record "
            "({low} to {high})"
        ).format(
            rate=_share(rate),
            low=_share(learning.range_low),
            high=_share(learning.range_high or learning.range_low),
        )
    if learning.typical_low is not None and rate < learning.typical_low:
        return gettext(
            "{rate} per doubling: faster than the typical {low} to {high}; industry "
            "averages predict single plants poorly"
        ).format(
            rate=_share(rate),
            low=_share(learning.typical_low),
            high=_share(learning.typical_high or learning.typical_low),
        )
    return gettext("{rate} per doubling: within the range on record").format(
        rate=_share(rate)
    )


def realism_flags(report: RealismReport) -> list[str]:
    """What no precedent achieved, one sentence each."""
    flags = [
        gettext("{measure}: {verdict}").format(
            measure=realism_label(row), verdict=realism_verdict(row)
        )
        for row in report.measures
        if row.beyond_record
    ]
    if report.learning.beyond_record:
        flags.append(
            gettext("Learning rate: {verdict}").format(
                verdict=learning_verdict(report.learning)
            )
        )
    return flags
