"""Problems speak the caller's language: `Accept-Language`, English without it.

On the real app with a real SQLite file (the `world`): a broken scenario upload is
read in a child process, its located problems said in French for a French caller;
request validation, a missing token and an unknown route too. The problem's `type`
stays the English slug, whatever the language. Two requests in two languages at
the same time, on a real server with real threads, each get their own language.
"""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
from live_server import served
from world import World

from surgeplan.i18n import N_, gettext
from surgeplan.service.problems import ProblemError
from surgeplan.store.roles import Role

INVALID = Path(__file__).parents[1] / "data" / "invalid"
FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}


def upload(world: World, name: str, headers: dict[str, str]) -> httpx.Response:
    program, scenario = world.a.program, world.a.scenario
    response: httpx.Response = world.client.post(
        f"/api/v1/programs/{program}/scenarios/{scenario}/versions/upload",
        files={"file": (name, (INVALID / name).read_bytes())},
        headers={**world.as_role(Role.PLANNER), "If-Match": "*", **headers},
    )
    return response


def test_a_broken_upload_is_a_french_problem_for_a_french_caller(
    world: World,
) -> None:
    response = upload(world, "unknown-site-in-lane.yaml", FRENCH)

    body = response.json()
    assert response.status_code == 422, body
    assert response.headers["content-language"] == "fr"
    assert body["type"] == "urn:surgeplan:problem:invalid-scenario"
    assert body["title"] == "Scénario invalide"
    assert body["detail"] == "le scénario présente 1 anomalie\u202f; voir errors"
    assert body["errors"][0]["message"] == (
        "site 'plnt' introuvable\u202f; vouliez-vous dire 'plant'\u202f?"
    )
    assert body["errors"][0]["line"] > 0


def test_the_same_upload_without_accept_language_is_answered_in_english(
    world: World,
) -> None:
    response = upload(world, "unknown-site-in-lane.yaml", {})

    body = response.json()
    assert response.status_code == 422, body
    assert response.headers["content-language"] == "en"
    assert body["type"] == "urn:surgeplan:problem:invalid-scenario"
    assert body["title"] == "Invalid scenario"
    assert body["detail"] == "the scenario has 1 problem; see errors"
    assert body["errors"][0]["message"] == "unknown site 'plnt'; did you mean 'plant'?"


def test_a_broken_workbook_upload_keeps_its_cells_and_speaks_french(
    world: World,
) -> None:
    response = upload(world, "xlsx-formula-in-cell.xlsx", FRENCH)

    body = response.json()
    assert response.status_code == 422, body
    located = body["errors"][0]
    assert (located["sheet"], located["row"]) == ("WorkCenters", 2)
    assert located["message"] == (
        "la cellule E2 contient une formule (=1+1)\u202f; saisissez la valeur"
    )


def test_request_validation_names_the_field_and_says_why_in_french(
    world: World,
) -> None:
    response = world.client.post(
        f"/api/v1/programs/{world.a.program}/scenarios",
        json={"content": "x"},
        headers={**world.as_role(Role.PLANNER), **FRENCH},
    )

    body = response.json()
    assert response.status_code == 422, body
    assert body["type"] == "urn:surgeplan:problem:invalid-request"
    assert body["title"] == "Requête non valide"
    assert body["detail"] == "la requête ne correspond pas à l'API\u202f; voir errors"
    assert {"location": "body.name", "message": "est obligatoire mais absent"} in body[
        "errors"
    ]


def test_a_missing_token_and_an_unknown_route_are_refused_in_french(
    world: World,
) -> None:
    unauthorized = world.client.get("/api/v1/programs", headers=FRENCH).json()
    missing = world.client.get(
        "/api/v1/nowhere", headers={**world.as_role(Role.PLANNER), **FRENCH}
    ).json()

    assert unauthorized["type"] == "urn:surgeplan:problem:unauthorized"
    assert unauthorized["title"] == "Non authentifié"
    assert unauthorized["detail"].startswith("connectez-vous et envoyez le jeton")
    assert missing["type"] == "urn:surgeplan:problem:not-found"
    assert (missing["title"], missing["detail"]) == ("Introuvable", "Introuvable")


def test_a_language_the_service_does_not_speak_gets_english(world: World) -> None:
    response = world.client.get(
        "/api/v1/programs", headers={"Accept-Language": "de-DE,de;q=0.9"}
    )

    assert response.json()["title"] == "Unauthorized"


def test_two_callers_in_two_languages_at_once_each_get_their_own(
    world: World,
) -> None:
    both_inside = threading.Barrier(2)

    def probe() -> None:
        # A sync endpoint, run in the thread pool: both are inside it at once.
        both_inside.wait(timeout=10)
        raise ProblemError(422, N_("Invalid request"), gettext("the name is blank"))

    world.app.add_api_route("/language-probe", probe, methods=["GET"])
    answers: dict[str, dict[str, str]] = {}

    def ask(client: httpx.Client, language: str) -> None:
        response = client.get("/language-probe", headers={"Accept-Language": language})
        answers[language] = response.json()

    with served(world.app) as base, httpx.Client(base_url=base) as client:
        threads = [
            threading.Thread(target=ask, args=(client, language))
            for language in ("fr", "en")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert answers["fr"]["detail"] == "le nom est vide"
    assert answers["fr"]["title"] == "Requête non valide"
    assert answers["en"]["detail"] == "the name is blank"
    assert answers["en"]["title"] == "Invalid request"
