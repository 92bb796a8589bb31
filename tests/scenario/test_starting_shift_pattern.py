from surgeplan.scenario.sites import ShiftPattern, WorkCenter

ONE_SHIFT = ShiftPattern(id="1x8", shifts_per_day=1)
TWO_SHIFTS = ShiftPattern(id="2x8", shifts_per_day=2)


def test_a_work_center_starts_on_its_initial_pattern() -> None:
    center = WorkCenter(
        id="paint",
        stations=2,
        shift_patterns=[ONE_SHIFT, TWO_SHIFTS],
        initial_shift_pattern="2x8",
    )

    assert center.starting_shift_pattern() == TWO_SHIFTS


def test_without_an_initial_pattern_it_starts_on_its_first_one() -> None:
    center = WorkCenter(id="paint", stations=2, shift_patterns=[ONE_SHIFT, TWO_SHIFTS])

    assert center.starting_shift_pattern() == ONE_SHIFT


def test_without_patterns_it_runs_the_site_calendar() -> None:
    assert WorkCenter(id="paint", stations=2).starting_shift_pattern() is None
