"""Program roles and what each may do: the one table of need-to-know."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A member's role in a program."""

    ADMIN = "admin"
    PLANNER = "planner"
    VIEWER = "viewer"
    AUDITOR = "auditor"


class Permission(StrEnum):
    """One thing a member may do inside a program."""

    READ = "read"
    READ_COSTS = "read_costs"
    READ_MEMBERS = "read_members"
    EDIT_SCENARIOS = "edit_scenarios"
    SUBMIT_RUNS = "submit_runs"
    CANCEL_ANY_RUN = "cancel_any_run"
    DOWNLOAD_ARTIFACTS = "download_artifacts"
    READ_RUN_LOGS = "read_run_logs"
    READ_AUDIT = "read_audit"
    MANAGE_MEMBERS = "manage_members"
    EDIT_PROGRAM = "edit_program"


# Viewers (the buying agency) read plans but never cost figures or files that may
# carry them; auditors read everything and change nothing.
PERMISSIONS_BY_ROLE: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.PLANNER: frozenset(
        {
            Permission.READ,
            Permission.READ_COSTS,
            Permission.READ_MEMBERS,
            Permission.EDIT_SCENARIOS,
            Permission.SUBMIT_RUNS,
            Permission.DOWNLOAD_ARTIFACTS,
        }
    ),
    Role.AUDITOR: frozenset(
        {
            Permission.READ,
            Permission.READ_COSTS,
            Permission.READ_MEMBERS,
            Permission.DOWNLOAD_ARTIFACTS,
            Permission.READ_AUDIT,
        }
    ),
    Role.ADMIN: frozenset(Permission),
}

# The roles an API token may carry, by the role of the member who creates it.
DELEGABLE_ROLES: dict[Role, frozenset[Role]] = {
    Role.ADMIN: frozenset(Role),
    Role.PLANNER: frozenset({Role.PLANNER, Role.VIEWER}),
    Role.AUDITOR: frozenset({Role.AUDITOR, Role.VIEWER}),
    Role.VIEWER: frozenset({Role.VIEWER}),
}


def narrower_role(first: Role, second: Role) -> Role:
    """The role with fewer permissions (a token's role never outgrows its owner's)."""
    if PERMISSIONS_BY_ROLE[first] <= PERMISSIONS_BY_ROLE[second]:
        return first
    if PERMISSIONS_BY_ROLE[second] <= PERMISSIONS_BY_ROLE[first]:
        return second
    return Role.VIEWER


def allows(role: Role, permission: Permission) -> bool:
    """Whether the role grants the permission."""
    return permission in PERMISSIONS_BY_ROLE[role]
