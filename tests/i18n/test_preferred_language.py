"""The language a browser or API client asks for, read from Accept-Language."""

from __future__ import annotations

import pytest

from surgeplan.i18n import Language, preferred_language


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", Language.FR),
        ("en-GB,en;q=0.9,fr;q=0.8", Language.EN),
        ("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4", Language.FR),
        ("en;q=0.2, fr-CA;q=0.8", Language.FR),
        ("FR", Language.FR),
        ("fr;q=0, en", Language.EN),
    ],
)
def test_the_highest_ranked_language_surgeplan_speaks_is_chosen(
    header: str, expected: Language
) -> None:
    assert preferred_language(header) is expected


@pytest.mark.parametrize(
    "header", [None, "", "de, es;q=0.5", "*", "fr;q=abc", "fr;q=2", ",,,;"]
)
def test_no_language_is_chosen_when_the_header_names_none_surgeplan_speaks(
    header: str | None,
) -> None:
    assert preferred_language(header) is None


def test_a_huge_header_is_read_only_as_far_as_its_first_ranges() -> None:
    header = ",".join(["de"] * 10_000 + ["fr"])

    assert preferred_language(header) is None
