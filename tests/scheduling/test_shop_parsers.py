from pathlib import Path

import pytest

from surgeplan.scheduling.shop import (
    ShopFormat,
    ShopFormatError,
    detect_format,
    parse_fjsp,
    parse_jsp,
    read_shop_instance,
)

BENCHMARKS = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks"


def benchmark_file(relative: str) -> Path:
    path = BENCHMARKS / relative
    if not path.exists():
        pytest.skip(f"benchmark instance {path} is missing (../shared/benchmarks)")
    return path


TWO_JOBS = """\
# a comment line
2 2
0 3 1 2

1 4 0 1
"""

FLEXIBLE = """\
2 3 1.5
2 1 1 5 2 2 4 3 6
1 3 1 2 2 2 3 2
"""


def test_job_shop_text_becomes_jobs_of_single_machine_operations() -> None:
    instance = parse_jsp(TWO_JOBS, name="two")

    assert instance.machines == (0, 1)
    assert not instance.is_flexible
    assert [
        [(op.alternatives[0].machine, op.min_duration) for op in job.operations]
        for job in instance.jobs
    ] == [[(0, 3), (1, 2)], [(1, 4), (0, 1)]]


def test_flexible_text_keeps_machine_numbers_from_one() -> None:
    instance = parse_fjsp(FLEXIBLE, name="flex")

    assert instance.machines == (1, 2, 3)
    assert instance.is_flexible
    first = instance.jobs[0].operations[0]
    assert first.machines == (1,)
    assert instance.jobs[0].operations[1].duration_on(3) == 6
    assert instance.jobs[1].operations[0].machines == (1, 2, 3)


def test_ft06_reads_as_six_jobs_on_six_machines() -> None:
    instance = read_shop_instance(benchmark_file("jsp/ft06.txt"))

    assert instance.name == "ft06"
    assert len(instance.jobs) == 6
    assert instance.machines == tuple(range(6))
    assert instance.jobs[0].operations[0].alternatives[0].machine == 2
    assert instance.jobs[0].operations[0].min_duration == 1


def test_mk01_reads_as_flexible_by_its_extension() -> None:
    path = benchmark_file("fjsp/mk01.fjs")

    instance = read_shop_instance(path)

    assert detect_format(path) is ShopFormat.FJSP
    assert instance.is_flexible
    assert len(instance.jobs) == 10
    assert instance.operation_count == 55
    assert instance.machines == tuple(range(1, 7))


def test_mk06_header_may_declare_unused_machines() -> None:
    instance = read_shop_instance(benchmark_file("fjsp/mk06.fjs"))

    used = {m for job in instance.jobs for op in job.operations for m in op.machines}
    assert len(instance.machines) == 15
    assert len(used) == 10


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", None, "empty"),
        ("2\n0 1\n", 1, "first line"),
        ("2 2\n0 3 1 2\n", 2, "only 1 follow"),
        ("1 2\n0 3 1\n", 2, "needs 2 `machine time` pairs"),
        ("1 2\n0 3 1 x\n", 2, "expected a whole number, found 'x'"),
        ("1 2\n0 3 2 4\n", 2, "machine 2 is out of range 0..1"),
        ("1 2\n0 -3 1 4\n", 2, "expected a number >= 0"),
        ("1 2\n0 3 1 4\n1 1 0 1\n", 3, "unexpected line"),
    ],
)
def test_malformed_job_shop_is_reported_with_its_line(
    text: str, line: int | None, message: str
) -> None:
    with pytest.raises(ShopFormatError) as raised:
        parse_jsp(text, file="bad.txt")

    assert raised.value.line == line
    assert message in str(raised.value)
    assert str(raised.value).startswith("bad.txt")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("1 2 1\n2 1 1 3 0 1 2 2\n", 2, "operation 2 of job 1 has no machine"),
        ("1 2 1\n1 1 3 4\n", 2, "machine 3 is out of range 1..2"),
        ("1 2 1\n1 1 0 4\n", 2, "machine 0 is out of range 1..2"),
        ("1 2 1\n2 1 1 3\n", 2, "the line ends before operation 2 of job 1"),
        ("1 2 1\n1 2 1 3 2\n", 2, "the line ends inside operation 1 of job 1"),
        ("1 2 1\n1 1 1 3 7\n", 2, "1 numbers left over"),
        ("1 2 1\n1 2 1 3 1 4\n", 2, "lists a machine twice"),
        ("1 2 x\n1 1 1 3\n", 1, "average number of machines"),
        ("1 2 1\n0\n", 2, "job 1 has no operations"),
    ],
)
def test_malformed_flexible_shop_is_reported_with_its_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(ShopFormatError) as raised:
        parse_fjsp(text, file="bad.fjs")

    assert raised.value.line == line
    assert message in str(raised.value)
    assert f"bad.fjs:{line}:" in str(raised.value)


def test_missing_file_is_a_format_error_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"

    with pytest.raises(ShopFormatError, match=r"nowhere\.txt: no such file"):
        read_shop_instance(missing)


def test_binary_file_is_refused_as_not_text(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")

    with pytest.raises(ShopFormatError, match="not a text file"):
        read_shop_instance(binary)


def test_explicit_format_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "flex.txt"
    path.write_text(FLEXIBLE)

    instance = read_shop_instance(path, ShopFormat.FJSP)

    assert instance.is_flexible
    assert detect_format(path) is ShopFormat.JSP


def test_importing_the_package_does_not_load_ortools() -> None:
    import subprocess
    import sys

    code = (
        "import sys, surgeplan.scheduling.shop, surgeplan.cli.solve_shop;"
        "print('ortools' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "False"
