"""The dashboard's language: the person's choice, else the browser's, else English.

The seeded world of the service tests (tests/service/world.py) on a real SQLite
file, with program Alpha's actuals, status and re-plan (execution_world.py). Every
main page is requested in French and read as a person reads it (text, labels,
chart titles, axes and legends); no English sentence may be left. What the
program's own files and results say (names, messages, causes) is quoted as
written, and taken out before the words are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from bs4 import BeautifulSoup
from english_words import english_pattern
from execution_world import ExecutionIds, seed_execution
from fastapi.testclient import TestClient
from world import World, build_world

from surgeplan.i18n import Language, current_language
from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade
from surgeplan.store.roles import Role
from surgeplan.store.tables import User
from surgeplan.web.session import SESSION_COOKIE

ENGLISH = english_pattern("yet", "run", "upload", "start", "sign", "none")
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}
ENGLISH_BROWSER = {"Accept-Language": "en-GB,en;q=0.9"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The seeded service on a fresh SQLite database (one per module)."""
    folder = tmp_path_factory.mktemp("languages")
    url = f"sqlite:///{folder / 'surgeplan.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    built = build_world(url, folder)
    with built.client:
        built.execution = seed_execution(built)  # type: ignore[attr-defined]
        yield built
    built.database.dispose()


def browser(world: World, role: Role = Role.ADMIN) -> TestClient:
    client = world.client
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, world.a.access_by_role[role])
    return client


def main_pages(world: World) -> list[str]:
    """The pages people work in, program Alpha's, as its admin sees them."""
    a = world.a
    program = f"/programs/{a.program}"
    scenario = f"{program}/scenarios/{a.scenario}"
    execution: ExecutionIds = world.execution  # type: ignore[attr-defined]
    return [
        "/",
        "/account",
        program,
        f"{program}/scenarios",
        scenario,
        f"{scenario}/versions/1",
        f"{scenario}/diff?from=1&to=1",
        f"{program}/runs",
        f"{program}/runs/{a.run}",
        f"{program}/runs/{execution.status_run}",
        f"{program}/runs/{execution.replan_run}",
        f"{program}/compare?first={a.run}&second={execution.replan_run}",
        f"{program}/actuals",
        f"{program}/members",
        f"{program}/audit",
    ]


def strings(value: Any) -> list[str]:
    """Every string inside nested dicts and lists."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


@pytest.fixture(scope="module")
def quoted(world: World) -> list[str]:
    """What the program's records and results say, as the API returns them."""
    base = f"/api/v1/programs/{world.a.program}"
    execution: ExecutionIds = world.execution  # type: ignore[attr-defined]
    runs = (world.a.run, execution.status_run, execution.replan_run)
    paths = [
        base,
        f"{base}/scenarios",
        f"{base}/scenarios/{world.a.scenario}",
        f"{base}/scenarios/{world.a.scenario}/versions",
        f"{base}/runs",
        f"{base}/actuals",
        f"{base}/members",
        *(f"{base}/runs/{run}" for run in runs),
        *(f"{base}/runs/{run}/results" for run in runs),
    ]
    found: list[str] = []
    world.client.cookies.clear()
    for path in paths:
        response = world.client.get(path, headers=world.as_role(Role.ADMIN))
        assert response.status_code == 200, path
        found += strings(response.json())
    return sorted({text for text in found if len(text) > 2}, key=len, reverse=True)


def page_words(html: str) -> str:
    """What a reader sees: text, labels read aloud, and the charts' words."""
    soup = BeautifulSoup(html, "html.parser")
    figures = [
        json.loads(block.get_text())
        for block in soup.find_all("script", attrs={"type": "application/json"})
        if str(block.get("id", "")).startswith("figure-")
    ]
    chart_words = [
        text
        for figure in figures
        for text in (
            [trace.get("name", "") for trace in figure["data"]]
            + [figure["layout"]["title"]["text"]]
            + [
                axis["title"]["text"]
                for key, axis in figure["layout"].items()
                if key.startswith(("xaxis", "yaxis")) and "title" in axis
            ]
        )
    ]
    attributes = [
        str(tag[name])
        for tag in soup.find_all(True)
        for name in READ_ATTRIBUTES
        if tag.has_attr(name)
    ]
    # Code and file contents are identifiers and YAML, shown as they are.
    for tag in soup(["script", "style", "code", "pre"]):
        tag.decompose()
    return "\n".join([soup.get_text("\n"), *attributes, *chart_words])


def english_left(html: str, quoted: list[str]) -> list[str]:
    text = page_words(html)
    for noun in quoted:
        text = text.replace(noun, " ")
    return [line.strip() for line in text.splitlines() if ENGLISH.search(line)]


def test_every_main_page_in_french_has_no_english_sentence_left(
    world: World, quoted: list[str]
) -> None:
    client = browser(world)
    left: dict[str, list[str]] = {}
    for page in main_pages(world):
        response = client.get(page, headers=FRENCH)
        assert response.status_code == 200, page
        assert '<html lang="fr">' in response.text, page
        if found := english_left(response.text, quoted):
            left[page] = found
    world.client.cookies.clear()
    signin = world.client.get("/signin", headers=FRENCH).text
    if found := english_left(signin, quoted):
        left["/signin"] = found
    assert left == {}


def test_the_same_reading_finds_english_on_the_english_pages(
    world: World, quoted: list[str]
) -> None:
    # The check can fail: the same pages in English are full of English words.
    client = browser(world)
    for page in main_pages(world):
        response = client.get(page, headers=ENGLISH_BROWSER)
        assert '<html lang="en">' in response.text, page
        assert english_left(response.text, quoted), page


def test_french_pages_write_figures_and_dates_the_french_way(world: World) -> None:
    execution: ExecutionIds = world.execution  # type: ignore[attr-defined]
    page = browser(world).get(
        f"/programs/{world.a.program}/runs/{execution.status_run}", headers=FRENCH
    )
    text = BeautifulSoup(page.text, "html.parser").get_text(" ")
    assert "42\u202f%" in text  # the forecast's odds, a narrow no-break space
    assert "17 janv. 2027" in text  # the status date
    assert "1,5" in text  # weeks behind, with a decimal comma
    assert "Prévu face au réalisé" in text


def test_french_charts_carry_french_titles_and_plotlys_french_locale(
    world: World,
) -> None:
    execution: ExecutionIds = world.execution  # type: ignore[attr-defined]
    html = (
        browser(world)
        .get(f"/programs/{world.a.program}/runs/{execution.status_run}", headers=FRENCH)
        .text
    )
    soup = BeautifulSoup(html, "html.parser")
    block = soup.find("script", id="plotly-locale")
    assert block is not None
    locale = json.loads(block.get_text())
    assert locale["name"] == "fr"
    assert locale["format"]["shortMonths"][0] == "janv."
    assert locale["format"]["decimal"] == ","
    titles = [
        json.loads(figure.get_text())["layout"]["title"]["text"]
        for figure in soup.find_all("script", attrs={"type": "application/json"})
        if str(figure.get("id", "")).startswith("figure-")
    ]
    assert "Prévu face au réalisé jusqu'à la semaine 2" in titles


def test_english_pages_carry_no_plotly_locale(world: World) -> None:
    execution: ExecutionIds = world.execution  # type: ignore[attr-defined]
    html = (
        browser(world)
        .get(f"/programs/{world.a.program}/runs/{execution.status_run}")
        .text
    )
    assert 'id="plotly-locale"' not in html
    assert "Plan against actual to week 2" in html


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("fr-FR,fr;q=0.9", "fr"),
        ("fr-CA", "fr"),
        ("de-DE,en;q=0.5,fr;q=0.4", "en"),
        ("de-DE,fr;q=0.5", "fr"),
        ("de-DE", "en"),
        ("not a header ;;; q=x", "en"),
    ],
)
def test_before_sign_in_the_browsers_accept_language_is_the_guess(
    world: World, header: str | None, expected: str
) -> None:
    world.client.cookies.clear()
    headers = {"Accept-Language": header} if header is not None else {}
    response = world.client.get("/signin", headers=headers)
    assert f'<html lang="{expected}">' in response.text
    assert response.headers["Content-Language"] == expected


def _csrf(client: TestClient) -> str:
    found = re.search(
        r'<meta name="csrf-token" content="([^"]+)"', client.get("/account").text
    )
    assert found
    return found.group(1)


def _stored_language(world: World, role: Role) -> str | None:
    with world.database.read() as session:
        user = session.get(User, world.a.user_by_role[role])
        assert user is not None
        return user.language


def test_a_persons_choice_wins_over_the_browser_and_clearing_it_gives_it_back(
    world: World,
) -> None:
    client = browser(world, Role.VIEWER)
    home = f"/programs/{world.a.program}"
    assert '<html lang="en">' in client.get(home, headers=ENGLISH_BROWSER).text
    sent = client.post(
        "/account/language",
        data={"language": "fr", "csrf_token": _csrf(client)},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert _stored_language(world, Role.VIEWER) == "fr"
    # An English browser, and the page is French: the person chose.
    page = client.get(home, headers=ENGLISH_BROWSER).text
    assert '<html lang="fr">' in page
    assert "Jalons" in page
    account = client.get("/account", headers=ENGLISH_BROWSER).text
    assert re.search(r'<option value="fr" lang="fr"\s+selected>Français', account)
    client.post("/account/language", data={"language": "", "csrf_token": _csrf(client)})
    assert _stored_language(world, Role.VIEWER) is None
    assert '<html lang="en">' in client.get(home, headers=ENGLISH_BROWSER).text
    assert '<html lang="fr">' in client.get(home, headers=FRENCH).text


def test_the_language_form_needs_the_sessions_token_and_a_language_spoken(
    world: World,
) -> None:
    client = browser(world, Role.AUDITOR)
    refused = client.post("/account/language", data={"language": "fr"})
    assert refused.status_code == 403
    unknown = client.post(
        "/account/language", data={"language": "de", "csrf_token": _csrf(client)}
    )
    assert unknown.status_code == 422
    assert _stored_language(world, Role.AUDITOR) is None


def test_pages_rendered_at_the_same_time_never_mix_their_languages(
    world: World,
) -> None:
    token = world.a.access_by_role[Role.PLANNER]
    page = f"/programs/{world.a.program}/scenarios"

    def fetch(language: str) -> tuple[str, str]:
        with TestClient(world.client.app) as client:
            client.cookies.set(SESSION_COOKIE, token)
            header = FRENCH if language == "fr" else ENGLISH_BROWSER
            text = client.get(page, headers=header).text
        return language, text

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(fetch, ["fr", "en"] * 8))
    for language, text in answers:
        assert f'<html lang="{language}">' in text
        heading = "Scénarios" if language == "fr" else "Scenarios"
        assert f"<h1>{heading}</h1>" in text
    # The requests' languages stayed in the requests.
    assert current_language() is Language.EN
