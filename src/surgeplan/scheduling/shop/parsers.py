"""Readers for the standard job-shop and flexible job-shop text formats.

Job shop (OR-Library, JSPLIB): first line `n m`, then one line per job with
`machine time` pairs in processing order, machines numbered from 0.

Flexible job shop (Brandimarte, FJSPLIB): first line `jobs machines [average]`,
then one line per job: the number of operations, then for each operation `k`
followed by `k` pairs `machine time`, machines numbered from 1.

Blank lines and lines starting with `#` are skipped in both formats. Every
problem is reported as a `ShopFormatError` naming the file and the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from surgeplan.scheduling.shop.instance import Alternative, Job, Operation, ShopInstance


class ShopFormat(Enum):
    """The text formats `read_shop_instance` understands."""

    JSP = "jsp"
    FJSP = "fjsp"


FLEXIBLE_SUFFIXES = (".fjs", ".fjsp")


class ShopFormatError(ValueError):
    """An instance file that cannot be read, located by file and line."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class _Line:
    number: int
    tokens: list[str]


def _content_lines(text: str) -> Iterator[_Line]:
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            yield _Line(number, stripped.split())


def _integers(line: _Line, file: str) -> list[int]:
    values = []
    for token in line.tokens:
        try:
            value = int(token)
        except ValueError:
            raise ShopFormatError(
                file, line.number, f"expected a whole number, found {token!r}"
            ) from None
        if value < 0:
            raise ShopFormatError(
                file, line.number, f"expected a number >= 0, found {value}"
            )
        values.append(value)
    return values


def _header(lines: list[_Line], file: str, *, flexible: bool) -> tuple[int, int]:
    if not lines:
        raise ShopFormatError(file, None, "the file is empty")
    first = lines[0]
    expected = "`jobs machines [average]`" if flexible else "`jobs machines`"
    allowed_sizes = (2, 3) if flexible else (2,)
    if len(first.tokens) not in allowed_sizes:
        raise ShopFormatError(file, first.number, f"the first line must be {expected}")
    if len(first.tokens) == 3:
        try:
            float(first.tokens[2])
        except ValueError:
            raise ShopFormatError(
                file,
                first.number,
                f"the average number of machines must be a number, "
                f"found {first.tokens[2]!r}",
            ) from None
    job_count, machine_count = _integers(_Line(first.number, first.tokens[:2]), file)
    if job_count == 0 or machine_count == 0:
        raise ShopFormatError(
            file, first.number, "the numbers of jobs and machines must be positive"
        )
    job_lines = len(lines) - 1
    if job_lines < job_count:
        raise ShopFormatError(
            file,
            lines[-1].number,
            f"the header announces {job_count} jobs but only {job_lines} follow",
        )
    if job_lines > job_count:
        raise ShopFormatError(
            file,
            lines[job_count + 1].number,
            f"unexpected line after the {job_count} jobs the header announces",
        )
    return job_count, machine_count


def _alternative(
    machine: int, duration: int, machines: range, file: str, line: _Line, label: str
) -> Alternative:
    if machine not in machines:
        raise ShopFormatError(
            file,
            line.number,
            f"{label}: machine {machine} is out of range "
            f"{machines.start}..{machines.stop - 1}",
        )
    return Alternative(machine, duration)


def parse_jsp(
    text: str, *, name: str = "instance", file: str = "<text>"
) -> ShopInstance:
    """Read a job shop in the standard `n m` format; machines are numbered from 0.

    Raises:
        ShopFormatError: the text does not follow the format.
    """
    lines = list(_content_lines(text))
    _, machine_count = _header(lines, file, flexible=False)
    jobs = []
    for job_index, line in enumerate(lines[1:]):
        values = _integers(line, file)
        if len(values) != 2 * machine_count:
            raise ShopFormatError(
                file,
                line.number,
                f"job {job_index + 1} needs {machine_count} `machine time` pairs "
                f"({2 * machine_count} numbers), found {len(values)} numbers",
            )
        machines = range(machine_count)
        operations = tuple(
            Operation(
                (
                    _alternative(
                        values[i],
                        values[i + 1],
                        machines,
                        file,
                        line,
                        f"operation {i // 2 + 1} of job {job_index + 1}",
                    ),
                )
            )
            for i in range(0, len(values), 2)
        )
        jobs.append(Job(operations))
    return ShopInstance(name, tuple(jobs), tuple(range(machine_count)), False)


def _parse_fjsp_job(line: _Line, file: str, job_index: int, machine_count: int) -> Job:
    values = _integers(line, file)
    operation_count = values[0]
    if operation_count == 0:
        raise ShopFormatError(
            file, line.number, f"job {job_index + 1} has no operations"
        )
    position = 1
    operations = []
    for op_index in range(operation_count):
        label = f"operation {op_index + 1} of job {job_index + 1}"
        if position >= len(values):
            raise ShopFormatError(
                file,
                line.number,
                f"the line ends before {label} (the job announces "
                f"{operation_count} operations)",
            )
        choice_count = values[position]
        if choice_count == 0:
            raise ShopFormatError(file, line.number, f"{label} has no machine")
        pairs_end = position + 1 + 2 * choice_count
        if pairs_end > len(values):
            raise ShopFormatError(
                file,
                line.number,
                f"the line ends inside {label}: it announces {choice_count} "
                f"`machine time` pairs",
            )
        machines = range(1, machine_count + 1)
        alternatives = [
            _alternative(values[i], values[i + 1], machines, file, line, label)
            for i in range(position + 1, pairs_end, 2)
        ]
        try:
            operations.append(Operation(tuple(alternatives)))
        except ValueError as error:
            raise ShopFormatError(file, line.number, f"{label}: {error}") from None
        position = pairs_end
    if position != len(values):
        raise ShopFormatError(
            file,
            line.number,
            f"{len(values) - position} numbers left over after the "
            f"{operation_count} operations of job {job_index + 1}",
        )
    return Job(tuple(operations))


def parse_fjsp(
    text: str, *, name: str = "instance", file: str = "<text>"
) -> ShopInstance:
    """Read a flexible job shop in Brandimarte's format; machines numbered from 1.

    Raises:
        ShopFormatError: the text does not follow the format.
    """
    lines = list(_content_lines(text))
    _, machine_count = _header(lines, file, flexible=True)
    jobs = tuple(
        _parse_fjsp_job(line, file, job_index, machine_count)
        for job_index, line in enumerate(lines[1:])
    )
    return ShopInstance(name, jobs, tuple(range(1, machine_count + 1)), True)


def detect_format(path: Path) -> ShopFormat:
    """`.fjs` (or `.fjsp`) files are flexible job shops; anything else a job shop."""
    return (
        ShopFormat.FJSP if path.suffix.lower() in FLEXIBLE_SUFFIXES else ShopFormat.JSP
    )


def read_shop_instance(
    path: Path, shop_format: ShopFormat | None = None
) -> ShopInstance:
    """Read an instance file; the format follows the extension unless given.

    Raises:
        ShopFormatError: the file is missing, unreadable or malformed.
    """
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ShopFormatError(file, None, "no such file") from None
    except IsADirectoryError:
        raise ShopFormatError(file, None, "is a folder, not an instance file") from None
    except UnicodeDecodeError:
        raise ShopFormatError(file, None, "is not a text file") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ShopFormatError(file, None, f"cannot be read: {reason}") from None
    chosen = shop_format if shop_format is not None else detect_format(path)
    parse = parse_fjsp if chosen is ShopFormat.FJSP else parse_jsp
    return parse(text, name=path.stem, file=file)
