"""Long commands show how far they are: counted work fills the progress bar."""

from __future__ import annotations

from surgeplan.cli.console import batches_step


def test_batches_give_the_bar_a_count_and_a_share() -> None:
    said: list[tuple[str, float | None]] = []

    batches_step(lambda text, share: said.append((text, share)), "batches")(3, 4)

    assert said == [("3/4 batches", 0.75)]
