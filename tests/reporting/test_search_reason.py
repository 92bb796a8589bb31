"""Why the confidence search stopped, in the document's language."""

from __future__ import annotations

import datetime as dt

from surgeplan.i18n import Language, speaking
from surgeplan.planning.results.records_confidence import (
    ConfidenceRecord,
    ReasonKind,
    ReasonPart,
)
from surgeplan.reporting.search_reason import search_reason

ENGLISH_WORDS = ("plan found", "milestone", "reserve", "runs", "within", "search")


def out_of_reach(parts: list[ReasonPart]) -> ConfidenceRecord:
    return ConfidenceRecord(
        target=0.9,
        is_reached=False,
        runs=2000,
        seed=11,
        iterations=8,
        milestones=[],
        reason="out of reach: the English sentence",
        reason_parts=parts,
    )


EVERY_CLAUSE = [
    ReasonPart(kind=ReasonKind.BEST_FOUND, milestone="m-500", share=0.72, runs=2000),
    ReasonPart(
        kind=ReasonKind.CAPACITY_TAKEN, milestone="m-500", date=dt.date(2027, 6, 4)
    ),
    ReasonPart(kind=ReasonKind.NOT_IN_HORIZON, milestone="m-2000"),
    ReasonPart(
        kind=ReasonKind.NOT_BEFORE,
        milestone="m-5000",
        date=dt.date(2027, 12, 24),
        weeks=3.0,
    ),
    ReasonPart(kind=ReasonKind.RESERVE_REFUSED, share=0.15),
    ReasonPart(kind=ReasonKind.SEARCH_STOPPED, plans=8),
    ReasonPart(kind=ReasonKind.NOTHING_HELPED),
    ReasonPart(kind=ReasonKind.RESERVE_KEPT, share=0.05),
]


def test_a_french_document_words_every_clause_in_french_with_french_figures() -> None:
    record = out_of_reach(EVERY_CLAUSE)

    with speaking(Language.FR):
        french = search_reason(record)

    assert "hors d\u2019atteinte" in french
    assert "72\u202f%" in french
    assert "2\u202f000 tirages simulés" in french
    assert "24 déc. 2027" in french
    assert "3 semaines" in french
    assert "8 plans" in french
    for word in ENGLISH_WORDS:
        assert word not in french, word
    assert french.count("\u202f; ") == len(EVERY_CLAUSE) - 1


def test_the_english_document_words_the_clauses_as_the_search_did() -> None:
    record = out_of_reach(EVERY_CLAUSE[:2])

    with speaking(Language.EN):
        english = search_reason(record)

    assert english.startswith(
        "out of reach: the best plan found gives m-500 at 72 % of 2,000 simulated "
        "runs; m-500: aiming it earlier no longer moves the plan"
    )


def test_a_reached_target_names_the_target_and_the_lowest_odds() -> None:
    part = ReasonPart(
        kind=ReasonKind.REACHED, milestone="m-500", share=0.93, runs=1, plans=1
    )
    record = out_of_reach([part]).model_copy(update={"is_reached": True})

    with speaking(Language.EN):
        english = search_reason(record)

    assert english == (
        "every key milestone is on time in at least 90 % of 1 simulated run "
        "(lowest: m-500 at 93 %) after 1 plan"
    )


def test_a_plan_written_before_the_clauses_keeps_its_english_sentence() -> None:
    with speaking(Language.FR):
        assert search_reason(out_of_reach([])) == "out of reach: the English sentence"
