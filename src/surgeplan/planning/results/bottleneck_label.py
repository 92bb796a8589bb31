"""How every document names a bottleneck, so the summary, report and brief agree.

`Plan.tightest_bottleneck` says which one; this says it in words. Only the site's
display name (which the scenario knows, not the plan) is passed in.
"""

from __future__ import annotations

from surgeplan.planning.results.records import BottleneckRecord


def bottleneck_label(record: BottleneckRecord, site_name: str | None = None) -> str:
    """'work center Chassis plant assembly-line', 'supplier avionics-partner'."""
    kind = record.kind.value.replace("_", " ")
    where = f"{site_name or record.site} " if record.site else ""
    return f"{kind} {where}{record.resource}"
