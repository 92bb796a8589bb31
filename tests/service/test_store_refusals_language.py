"""The data layer's refusals: said in the caller's language, recorded in English."""

from __future__ import annotations

from sqlalchemy import select
from world import World

from surgeplan.i18n import Language, speaking
from surgeplan.store.errors import NotFoundError, StoreError
from surgeplan.store.roles import Role
from surgeplan.store.tables import AuditRow

FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9"}


def test_a_refusal_is_worded_in_the_language_of_the_request() -> None:
    refusal = NotFoundError(
        "there is no scenario {scenario_id} in this program", scenario_id=41
    )

    with speaking(Language.FR):
        french = refusal.worded()
        recorded = refusal.detail

    assert french == "ce programme n\u2019a pas de sc\u00e9nario 41"
    assert recorded == "there is no scenario 41 in this program"
    assert str(refusal) == recorded


def test_text_given_as_a_sentence_keeps_its_braces() -> None:
    refusal = StoreError("there is no user 'a{b}'")

    with speaking(Language.FR):
        assert refusal.worded() == "there is no user 'a{b}'"
    assert refusal.detail == "there is no user 'a{b}'"


def test_a_french_caller_reads_the_refusal_in_french_and_the_trail_keeps_english(
    world: World,
) -> None:
    missing = 987_654_321

    response = world.client.get(
        f"/api/v1/programs/{missing}", headers={**world.as_role(Role.VIEWER), **FRENCH}
    )

    body = response.json()
    assert response.status_code == 404, body
    assert body["detail"] == f"il n\u2019y a pas de programme {missing}"
    with world.database.read() as session:
        reasons = list(
            session.execute(
                select(AuditRow.detail).where(AuditRow.action == "access.denied")
            ).scalars()
        )
    assert any(f"there is no program {missing}" in reason for reason in reasons)
    assert not any("programme" in reason for reason in reasons)


def test_the_same_refusal_without_accept_language_is_english(world: World) -> None:
    response = world.client.get(
        f"/api/v1/programs/{world.a.program}/scenarios/987654321",
        headers=world.as_role(Role.VIEWER),
    )

    assert response.json()["detail"] == (
        "there is no scenario 987654321 in this program"
    )
