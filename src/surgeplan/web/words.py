"""What the dashboard calls roles, run kinds and states and traffic lights, in words.

The enums' values stay the identifiers forms send and the API returns; people read
these words instead, in the page's language.
"""

from __future__ import annotations

from surgeplan.i18n import pgettext
from surgeplan.store.records import RunKind, RunState
from surgeplan.store.roles import Role
from surgeplan.web.summary import Light


def role_label(role: Role) -> str:
    """A member's role, as the pages name it."""
    return {
        Role.ADMIN: pgettext("role", "admin"),
        Role.PLANNER: pgettext("role", "planner"),
        Role.VIEWER: pgettext("role", "viewer"),
        Role.AUDITOR: pgettext("role", "auditor"),
    }[role]


def run_kind_label(kind: RunKind) -> str:
    """A kind of run, as the pages name it."""
    return {
        RunKind.VALIDATE: pgettext("run kind", "validate"),
        RunKind.PLAN: pgettext("run kind", "plan"),
        RunKind.SCHEDULE: pgettext("run kind", "schedule"),
        RunKind.SIMULATE: pgettext("run kind", "simulate"),
        RunKind.MITIGATE: pgettext("run kind", "mitigate"),
        RunKind.REPORT: pgettext("run kind", "report"),
        RunKind.BRIEF: pgettext("run kind", "brief"),
        RunKind.COMPARE: pgettext("run kind", "compare"),
        RunKind.STATUS: pgettext("run kind", "status"),
        RunKind.REPLAN: pgettext("run kind", "replan"),
    }[kind]


def run_state_label(state: RunState) -> str:
    """A run's state, as the pages name it."""
    return {
        RunState.QUEUED: pgettext("run state", "queued"),
        RunState.RUNNING: pgettext("run state", "running"),
        RunState.DONE: pgettext("run state", "done"),
        RunState.FAILED: pgettext("run state", "failed"),
        RunState.CANCELLED: pgettext("run state", "cancelled"),
    }[state]


def light_label(light: Light) -> str:
    """A milestone's traffic light, as words for people who do not see its colour."""
    return {
        Light.GREEN: pgettext("light", "on track"),
        Light.AMBER: pgettext("light", "at risk"),
        Light.RED: pgettext("light", "late"),
        Light.UNKNOWN: pgettext("light", "unknown"),
    }[light]


GLOBALS = {
    "role_label": role_label,
    "run_kind_label": run_kind_label,
    "run_state_label": run_state_label,
    "light_label": light_label,
}
