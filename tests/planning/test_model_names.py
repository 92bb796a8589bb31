"""The planning model written to LP and MPS files keeps readable names."""

from __future__ import annotations

from pathlib import Path

import highspy
import pytest
from planning_cases import make_scenario

from surgeplan.planning.model.builder import ModelBuilder, lp_names, solver_names
from surgeplan.planning.planner import run_planner


def test_a_block_per_bucket_is_named_by_family_key_and_bucket() -> None:
    names = solver_names("make", ("drone", "chassis-plant"), 13)

    assert names[12] == "make[drone,chassis-plant,b12]"


def test_a_block_of_one_has_no_bucket_and_blanks_become_underscores() -> None:
    assert solver_names("volunteers", ("Chassis plant", "assembler"), 1) == [
        "volunteers[Chassis_plant,assembler]"
    ]


def test_the_builder_names_every_row_and_column_once() -> None:
    builder = ModelBuilder()
    builder.add_variables("make", ("drone", "plant"), 3)
    builder.add_variables("hires", ("plant", "assembler"), 3)
    builder.add_rows("capacity", ("plant", "line"), 3)

    columns = builder.column_names()

    assert len(columns) == len(set(columns)) == builder.num_columns
    assert builder.row_names() == [
        "capacity[plant,line,b0]",
        "capacity[plant,line,b1]",
        "capacity[plant,line,b2]",
    ]


def test_lp_names_use_round_brackets_and_underscores_and_stay_apart() -> None:
    names = ["make[drone,chassis-plant,b1]", "make[drone,chassis_plant,b1]"]

    assert lp_names(names) == [
        "make(drone,chassis_plant,b1)",
        "make(drone,chassis_plant,b1)#1",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("suffix", "make_name", "capacity_name"),
    [
        (
            ".mps",
            "make[drone,chassis-plant,b11]",
            "capacity[chassis-plant,assembly-line,b0]",
        ),
        (
            ".lp",
            "make(drone,chassis_plant,b11)",
            "capacity(chassis_plant,assembly_line,b0)",
        ),
    ],
)
def test_the_written_model_names_columns_and_rows_and_reads_back(
    tmp_path: Path, suffix: str, make_name: str, capacity_name: str
) -> None:
    path = tmp_path / f"model{suffix}"

    run_planner(make_scenario(), time_limit_s=30, write_mps=path)

    text = path.read_text()
    assert make_name in text
    assert capacity_name in text
    assert " c0 " not in text
    assert " r0 " not in text
    # HiGHS reads its own file back with the same names.
    highs = highspy.Highs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("output_flag", False)
    assert highs.readModel(str(path)) == highspy.HighsStatus.kOk
    assert make_name in highs.getLp().col_names_
