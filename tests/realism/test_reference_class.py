"""The shipped reference class: every figure cites a source, and bad data is refused."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

from surgeplan.realism.reference import ReferenceClass, load_reference_class


def test_the_reference_class_loads_with_the_programs_the_issue_names() -> None:
    reference = load_reference_class()
    names = " ".join(program.name for program in reference.programs)

    for expected in ("Ventec", "Ford", "VentilatorChallengeUK", "155 mm", "Liberty"):
        assert expected in names
    assert "B-24" in names
    assert reference.contracts_cut


def test_every_source_says_when_it_was_read_or_where_it_was_found() -> None:
    reference = load_reference_class()

    for source in reference.sources:
        assert source.read_on is not None or source.found_in
        assert source.url.startswith(("http://", "https://"))
        assert source.published <= dt.date(2026, 12, 7)


def test_every_program_has_a_dated_figure_with_a_reliability() -> None:
    for program in load_reference_class().programs:
        figures = [*program.observations, *program.schedule]
        assert figures, program.id
        for figure in program.observations:
            assert figure.as_published
            assert figure.reliability


def test_a_figure_citing_an_unknown_source_is_refused() -> None:
    data = load_reference_class().model_dump(mode="json")
    data["programs"][0]["observations"][0]["source"] = "nowhere"

    with pytest.raises(ValidationError, match="unknown sources: nowhere"):
        ReferenceClass.model_validate(data)


def test_an_observation_must_give_exactly_one_figure() -> None:
    data = load_reference_class().model_dump(mode="json")
    data["programs"][0]["observations"][0]["units_per_week"] = 10.0

    with pytest.raises(ValidationError, match="cumulative_units or units_per_week"):
        ReferenceClass.model_validate(yaml.safe_load(yaml.safe_dump(data)))
