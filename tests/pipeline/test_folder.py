import json
from pathlib import Path

import pytest

from surgeplan.pipeline import documents, plans, risks
from surgeplan.pipeline.errors import MismatchError, MissingInputError
from surgeplan.pipeline.folder import MANIFEST_FILE, Artefact, RunFolder
from surgeplan.pipeline.options import DocumentOptions
from surgeplan.pipeline.plans import PlanInUse
from surgeplan.pipeline.risk_options import SimulationOptions
from surgeplan.planning.results.plan import plan_hash
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal.yaml"

FEW_RUNS = SimulationOptions(runs=200, contribution_runs=100)


def another_plan(used: PlanInUse, folder: RunFolder) -> PlanInUse:
    """The same scenario's plan, with other decisions, written over plan.json."""
    production = [
        record.model_copy(update={"units": record.units + 1})
        for record in used.plan.production
    ]
    changed = used.plan.model_copy(update={"production": production})
    path = folder.file(Artefact.PLAN)
    path.write_text(changed.to_json(), encoding="utf-8")
    return PlanInUse(changed, path)


def test_every_stage_records_the_scenario_and_plan_it_was_made_from(
    folder: RunFolder, used: PlanInUse, minimal: Scenario
) -> None:
    risks.simulate(minimal, used, folder, FEW_RUNS)

    origins = json.loads((folder.path / MANIFEST_FILE).read_text("utf-8"))["origins"]

    assert origins["plan.json"]["plan_hash"] is None
    assert origins["risk.json"]["plan_hash"] == plan_hash(used.plan)
    assert origins["risk.json"]["scenario_hash"] == used.plan.scenario_hash


def test_risk_results_of_another_plan_are_refused_naming_the_command(
    folder: RunFolder, used: PlanInUse, minimal: Scenario
) -> None:
    risks.simulate(minimal, used, folder, FEW_RUNS)
    replaced = another_plan(used, folder)

    with pytest.raises(MismatchError) as refusal:
        documents.gather(minimal, folder, DocumentOptions())

    assert "risk.json' was made from another plan than" in refusal.value.message
    assert f"`surgeplan simulate {MINIMAL} --out {folder.path}`" in (
        refusal.value.message
    )
    assert plan_hash(replaced.plan) != plan_hash(used.plan)


def test_the_same_plan_solved_again_still_pairs(
    folder: RunFolder, used: PlanInUse, minimal: Scenario
) -> None:
    risks.simulate(minimal, used, folder, FEW_RUNS)
    again = used.plan.model_copy(
        update={"solver": used.plan.solver.model_copy(update={"total_seconds": 99.0})}
    )
    folder.file(Artefact.PLAN).write_text(again.to_json(), encoding="utf-8")

    found = documents.gather(minimal, folder, DocumentOptions())

    assert found.risk is not None


def test_a_plan_of_another_scenario_version_is_refused(
    folder: RunFolder, minimal: Scenario
) -> None:
    changed = minimal.model_copy(
        update={"program": minimal.program.model_copy(update={"name": "Other"})}
    )

    with pytest.raises(MismatchError) as refusal:
        plans.read_plan(changed, folder)

    assert "was made from another version of" in refusal.value.message
    assert "`surgeplan plan" in refusal.value.message


def test_a_missing_plan_names_the_command_that_makes_it(
    tmp_path: Path, minimal: Scenario
) -> None:
    with pytest.raises(MissingInputError) as refusal:
        documents.gather(minimal, RunFolder(tmp_path, MINIMAL), DocumentOptions())

    assert refusal.value.message == (
        f"no {tmp_path / 'plan.json'}: make it with "
        f"`surgeplan plan {MINIMAL} --out {tmp_path}`"
    )


def test_an_unreadable_run_json_keeps_the_scenario_check(
    folder: RunFolder, used: PlanInUse, minimal: Scenario
) -> None:
    risks.simulate(minimal, used, folder, FEW_RUNS)
    (folder.path / MANIFEST_FILE).write_text("{not json", encoding="utf-8")

    found = documents.gather(minimal, folder, DocumentOptions())

    assert found.risk is not None


def test_the_documents_never_plan(folder: RunFolder, minimal: Scenario) -> None:
    documents.write_report(documents.gather(minimal, folder, DocumentOptions()), folder)

    origins = json.loads((folder.path / MANIFEST_FILE).read_text("utf-8"))["origins"]
    assert origins["report.html"]["plan_hash"] == plan_hash(
        plans.read_plan(minimal, folder).plan
    )
    assert not folder.file(Artefact.SENSITIVITY).exists()


def test_every_result_reads_back_with_the_plan_it_was_made_from(
    folder: RunFolder, used: PlanInUse, minimal: Scenario
) -> None:
    written = plans.save_business_case(minimal, used, folder)

    assert plans.read_business_case(minimal, used, folder) == written
    assert plans.read_scenario_snapshot(folder) == minimal

    replaced = another_plan(used, folder)
    with pytest.raises(MismatchError):
        plans.read_business_case(minimal, replaced, folder)
