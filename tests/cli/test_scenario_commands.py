"""The scenario commands (init, validate, show, schema, convert) and exit codes."""

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from surgeplan import __version__
from surgeplan.cli import convert_command
from surgeplan.cli import main as cli_main
from surgeplan.cli.errors import ExitCode
from surgeplan.scenario import load_scenario

ROOT = Path(__file__).parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"
HAS_EXCEL = all(
    importlib.util.find_spec(f"surgeplan.scenario.{name}") is not None
    for name in ("excel_reader", "excel_writer")
)
needs_excel = pytest.mark.skipif(
    not HAS_EXCEL, reason="the Excel reader/writer is absent"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli_main.app, list(args))


def minimal_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINIMAL.read_text("utf-8"))
    return data


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


def test_version_prints_the_package_version() -> None:
    result = run("--version")

    assert result.exit_code == 0
    assert __version__ in result.stdout


@pytest.mark.parametrize("command", ["init", "validate", "show", "schema", "convert"])
def test_every_command_help_carries_an_example(command: str) -> None:
    result = run(command, "--help")

    assert result.exit_code == 0
    assert f"Example: surgeplan {command}" in result.stdout


def test_validate_the_minimal_example_prints_one_ok_line() -> None:
    result = run("validate", str(MINIMAL))

    assert result.exit_code == 0
    assert result.stdout.strip() == (
        f"OK {MINIMAL}: 1 site, 1 work center, 2 items, 2 milestones"
    )
    assert result.stderr == ""


def test_validate_reports_every_problem_on_stderr_with_a_hint(tmp_path: Path) -> None:
    data = minimal_data()
    data["suppliers"][0]["sites"] = ["plantt"]
    data["items"][0]["bom"][0]["item"] = "kitt"
    scenario = write_yaml(tmp_path / "broken.yaml", data)

    result = run("validate", str(scenario))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert any("items[0].bom[0].item: unknown item 'kitt'" in line for line in lines)
    assert any("suppliers[0].sites[0]: unknown site 'plantt'" in line for line in lines)
    assert lines[-1].startswith("2 problems found. Fix and run `surgeplan validate")
    assert "Traceback" not in result.output


def test_validate_a_folder_merges_its_included_files(tmp_path: Path) -> None:
    data = minimal_data()
    write_yaml(tmp_path / "supply.yaml", {"suppliers": data.pop("suppliers")})
    write_yaml(tmp_path / "scenario.yaml", {**data, "include": ["supply.yaml"]})

    result = run("validate", str(tmp_path))

    assert result.exit_code == 0, result.output
    assert "1 site, 1 work center, 2 items, 2 milestones" in result.stdout


def test_validate_a_missing_file_is_invalid_input(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nowhere.yaml"))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "no such file" in result.stderr


def test_show_prints_every_table_of_the_minimal_example() -> None:
    result = run("show", str(MINIMAL))

    assert result.exit_code == 0
    for title in (
        "Sites",
        "Capacity by capability and site",
        "Program milestones",
        "Core load",
        "Suppliers",
        "Risks",
    ):
        assert title in result.stdout
    # 2 stations x (5 days x 2 shifts x 8 hours) x 0.8 efficiency
    assert "128" in result.stdout
    assert "first-batch" in result.stdout
    assert "kit-supplier" in result.stdout


def test_show_lists_capabilities_gained_by_conversion_and_core_load(
    tmp_path: Path,
) -> None:
    data = minimal_data()
    work_center = data["sites"][0]["work_centers"][0]
    work_center["core_load"] = [{"capability": "assembly", "hours_per_week": 32}]
    work_center["conversions"] = [
        {
            "id": "add-testing",
            "adds_capabilities": ["testing"],
            "capex": 100_000,
            "lead_time_weeks": 6,
            "efficiency_after": 0.5,
        }
    ]
    scenario = write_yaml(tmp_path / "converted.yaml", data)

    result = run("show", str(scenario), "--wide")

    assert result.exit_code == 0, result.output
    assert (
        "after conversion 'add-testing' of 'assembly-cell' (6 weeks)" in result.stdout
    )
    assert "80" in result.stdout  # 2 x 80 x 0.5 hours after the conversion
    assert "25%" in result.stdout  # 32 of 128 hours


def test_show_an_invalid_scenario_is_invalid_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: surgeplan/2\n", "utf-8")

    result = run("show", str(broken))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "'program' is required but missing" in result.stderr


def test_schema_prints_a_json_schema_the_minimal_example_satisfies() -> None:
    result = run("schema")

    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "surgeplan scenario (surgeplan/2)"
    assert schema["type"] == "object"
    assert "Site" in schema["$defs"]
    document = json.loads(json.dumps(minimal_data(), default=str))
    if importlib.util.find_spec("jsonschema") is not None:
        import jsonschema

        jsonschema.validate(document, schema)
    elif importlib.util.find_spec("jsonschema_rs") is not None:
        import jsonschema_rs

        jsonschema_rs.validate(schema, document)
    else:
        assert set(schema["required"]) <= set(document)


def test_schema_out_file_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "scenario.schema.json"

    result = run("schema", "--out-file", str(target))

    assert result.exit_code == 0
    assert json.loads(target.read_text("utf-8"))["title"].startswith("surgeplan")


def test_schema_out_file_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    result = run("schema", "--out-file", str(tmp_path / "missing" / "schema.json"))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_init_writes_a_scenario_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "new-surge"

    result = run("init", str(folder))

    assert result.exit_code == 0
    assert run("validate", str(folder / "scenario.yaml")).exit_code == 0
    assert run("validate", str(folder)).exit_code == 0
    assert "#" in (folder / "scenario.yaml").read_text("utf-8")


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "scenario.yaml"
    target.write_text("mine\n", "utf-8")

    refused = run("init", str(tmp_path))

    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert "already exists; pass --force" in refused.stderr
    assert target.read_text("utf-8") == "mine\n"
    assert run("init", str(tmp_path), "--force").exit_code == 0
    assert target.read_text("utf-8") != "mine\n"


def test_init_into_a_file_says_it_is_not_a_folder(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("", "utf-8")

    result = run("init", str(taken))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "exists and is not a folder" in result.stderr


@needs_excel
def test_init_excel_writes_a_workbook_that_validates(tmp_path: Path) -> None:
    result = run("init", str(tmp_path), "--excel")

    assert result.exit_code == 0, result.output
    assert run("validate", str(tmp_path / "scenario.xlsx")).exit_code == 0


def test_convert_yaml_to_json_and_back_keeps_the_scenario(tmp_path: Path) -> None:
    as_json = tmp_path / "minimal.json"
    back = tmp_path / "back.yaml"

    assert run("convert", str(MINIMAL), str(as_json)).exit_code == 0
    assert run("convert", str(as_json), str(back)).exit_code == 0

    assert load_scenario(back) == load_scenario(MINIMAL)


@needs_excel
def test_convert_yaml_to_xlsx_and_back_keeps_the_scenario(tmp_path: Path) -> None:
    workbook = tmp_path / "minimal.xlsx"
    back = tmp_path / "back.yaml"

    to_excel = run("convert", str(MINIMAL), str(workbook))
    from_excel = run("convert", str(workbook), str(back))

    assert to_excel.exit_code == 0, to_excel.output
    assert from_excel.exit_code == 0, from_excel.output
    assert load_scenario(back) == load_scenario(MINIMAL)


def test_convert_an_invalid_scenario_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: surgeplan/2\nprogram: {}\n", "utf-8")
    target = tmp_path / "out.json"

    result = run("convert", str(broken), str(target))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "program.name" in result.stderr
    assert not target.exists()


def test_convert_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("mine\n", "utf-8")

    refused = run("convert", str(MINIMAL), str(target))

    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert "pass --force" in refused.stderr
    assert run("convert", str(MINIMAL), str(target), "--force").exit_code == 0
    assert load_scenario(target) == load_scenario(MINIMAL)


def test_convert_to_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    result = run("convert", str(MINIMAL), str(tmp_path / "out.txt"))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "give TARGET a .yaml, .yml, .json or .xlsx extension" in result.stderr


def test_convert_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    result = run("convert", str(MINIMAL), str(tmp_path / "missing" / "out.yaml"))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "the folder" in result.stderr
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_an_output_that_may_not_be_written_is_invalid_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.yaml"

    def refuse(*_: object) -> Path:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(convert_command, "save_scenario", refuse)

    result = run("convert", str(MINIMAL), str(target))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert f"cannot write '{target}': permission denied" in result.stderr
