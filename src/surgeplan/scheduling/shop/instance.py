"""Job-shop and flexible job-shop instances: jobs, their operations, the machines.

Machines keep the numbers the instance file gives them (0-based in the job-shop
format, 1-based in Brandimarte's flexible format), so a schedule reads the same
as the file it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Alternative:
    """One machine an operation may run on, and how long it takes there."""

    machine: int
    duration: int


@dataclass(frozen=True)
class Operation:
    """One step of a job; it runs once, on one of its alternative machines."""

    alternatives: tuple[Alternative, ...]

    def __post_init__(self) -> None:
        if not self.alternatives:
            raise ValueError("an operation needs at least one machine")
        machines = [alternative.machine for alternative in self.alternatives]
        if len(set(machines)) != len(machines):
            raise ValueError(f"an operation lists a machine twice: {machines}")
        if any(alternative.duration < 0 for alternative in self.alternatives):
            raise ValueError("an operation has a negative duration")

    @property
    def min_duration(self) -> int:
        """The shortest duration over the alternatives."""
        return min(alternative.duration for alternative in self.alternatives)

    @property
    def machines(self) -> tuple[int, ...]:
        """The machines the operation may run on."""
        return tuple(alternative.machine for alternative in self.alternatives)

    def duration_on(self, machine: int) -> int | None:
        """The duration on `machine`, or None if the operation cannot run there."""
        for alternative in self.alternatives:
            if alternative.machine == machine:
                return alternative.duration
        return None


@dataclass(frozen=True)
class Job:
    """Operations that run one after the other, in the order given."""

    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class OperationRef:
    """Where an operation sits: its job and its position in that job (0-based)."""

    job: int
    index: int


@dataclass(frozen=True)
class ShopInstance:
    """A (flexible) job shop: jobs to finish as early as possible on machines.

    Attributes:
        name: the instance's name, usually the file's stem.
        jobs: the jobs, in file order.
        machines: the machine numbers, as the instance file numbers them.
        is_flexible: whether operations may choose among several machines.
    """

    name: str
    jobs: tuple[Job, ...]
    machines: tuple[int, ...]
    is_flexible: bool = False
    _refs: tuple[OperationRef, ...] = field(
        init=False, repr=False, compare=False, default=()
    )

    def __post_init__(self) -> None:
        known = set(self.machines)
        if len(known) != len(self.machines):
            raise ValueError("the machine numbers are not unique")
        for job_index, job in enumerate(self.jobs):
            if not job.operations:
                raise ValueError(f"job {job_index} has no operations")
            for operation in job.operations:
                unknown = [m for m in operation.machines if m not in known]
                if unknown:
                    raise ValueError(
                        f"job {job_index} uses machine {unknown[0]}, which is not "
                        f"one of {self.machines[0]}..{self.machines[-1]}"
                    )
        refs = tuple(
            OperationRef(job_index, index)
            for job_index, job in enumerate(self.jobs)
            for index in range(len(job.operations))
        )
        object.__setattr__(self, "_refs", refs)

    @property
    def operation_refs(self) -> tuple[OperationRef, ...]:
        """Every operation, job by job, in routing order."""
        return self._refs

    @property
    def operation_count(self) -> int:
        """How many operations all jobs have together."""
        return len(self._refs)

    def operation(self, ref: OperationRef) -> Operation:
        """The operation at `ref`."""
        return self.jobs[ref.job].operations[ref.index]

    def trivial_lower_bound(self) -> int:
        """The longest job or the busiest machine, whichever is longer.

        For flexible shops the machine load is the total of the shortest
        durations spread evenly over all machines, rounded up.
        """
        job_bound = max(
            (sum(op.min_duration for op in job.operations) for job in self.jobs),
            default=0,
        )
        if self.is_flexible:
            total = sum(self.operation(ref).min_duration for ref in self._refs)
            used = {m for ref in self._refs for m in self.operation(ref).machines}
            load_bound = -(-total // max(len(used), 1))
        else:
            load_by_machine = dict.fromkeys(self.machines, 0)
            for ref in self._refs:
                alternative = self.operation(ref).alternatives[0]
                load_by_machine[alternative.machine] += alternative.duration
            load_bound = max(load_by_machine.values(), default=0)
        return max(job_bound, load_bound)
