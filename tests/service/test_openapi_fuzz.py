"""Schemathesis over the OpenAPI schema, in process, with real ids for every role.

Half of the generated calls get the seeded program's real ids, so the fuzzing
reaches the handlers and not only the 404s. Checks: no server error, and status
codes, content types, headers and bodies as documented.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from database_fixtures import BACKENDS, PostgresCluster, fresh_url
from hypothesis import HealthCheck, given, settings
from schemathesis import Case
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Err
from schemathesis.schemas import APIOperation
from world import ROLES, World, build_world

pytestmark = pytest.mark.slow
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
_calls = itertools.count()
EXAMPLES = 15


@pytest.fixture(params=BACKENDS)
def fuzz_world(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_cluster: PostgresCluster | str,
    sqlite_template: Path,
) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("fuzz")
    url = fresh_url(request.param, folder, postgres_cluster, sqlite_template)
    built = build_world(url, folder)
    with built.client:
        yield built
    built.database.dispose()


def fuzz_operation(world: World, operation: APIOperation[Any, Any, Any, Any]) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Case[Any]) -> None:
        call = next(_calls)
        role = ROLES[call % len(ROLES)]
        if call % 2 == 0 and case.path_parameters:
            ids = world.a
            real = {
                "program_id": ids.program,
                "scenario_id": ids.scenario,
                "run_id": ids.run,
                "artifact_id": ids.artifact,
                "number": 1,
                "user_id": ids.spare_user,
                "token_id": ids.token_id_by_role[role],
                "table": "plan.production",
            }
            for name in case.path_parameters:
                if name in real:
                    case.path_parameters[name] = real[name]
        case.call_and_validate(headers=world.as_role(role), checks=CHECKS)

    run()


def test_no_server_error_and_every_response_as_documented(fuzz_world: World) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_world.app)
    failures = []
    first_call = next(_calls)
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            failures.append(f"an operation the schema cannot describe: {result.err()}")
            continue
        operation = result.ok()
        if operation.path == "/api/v1/auth/login":
            continue  # throttled per address: fuzzing it only exercises the lock
        try:
            fuzz_operation(fuzz_world, operation)
        except Exception as error:
            failures.append(
                f"{operation.method.upper()} {operation.path}: {error}"[:1500]
            )
    assert failures == []
    assert next(_calls) - first_call > 20 * EXAMPLES
