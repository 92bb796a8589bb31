"""End-to-end journeys in headless Chromium against a real service on 127.0.0.1.

One test, in the order people meet the program: the admin sets it up, the planner
uploads the drone workbook with an error, fixes it, plans and simulates; a viewer
of another program finds nothing of it; the program's viewer sees no cost; the
auditor verifies the trail. Each page is checked (console, requests, axe-core) and
photographed. The workbook is the drone example without its confidence target, so
that the plan run is one solve (seconds) rather than a confidence search.

The journey runs twice, with English browsers and with French ones (Accept-Language
fr-FR), each on its own fresh service. What the test clicks and reads is looked up
in the catalog of the browser's language (`Words`), so a button the French page
names differently from its catalog fails the French run. The auditor chooses the
other language on their account page, which then wins over their browser.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from live_site import Site, running_site
from visitor import Visitor

from surgeplan.i18n import Language, gettext, ngettext, pgettext, speaking
from surgeplan.service.downloads import workbook_bytes

REPOSITORY = Path(__file__).resolve().parents[2]
RUN_WAIT_MS = 180_000
pytestmark = [pytest.mark.browser, pytest.mark.slow]
BROWSER_LOCALES = {Language.EN: "en-GB", Language.FR: "fr-FR"}
SPACES = re.compile(r"[\s\u202f\u00a0]+")


def flat(text: str) -> str:
    """Text with every run of spaces (narrow no-break ones too) as one space."""
    return SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Words:
    """What the pages say in one language, read from its catalog."""

    language: Language

    def __call__(self, message: str, **values: object) -> str:
        with speaking(self.language):
            text = gettext(message)
        return text % values if values else text

    def plural(self, singular: str, plural: str) -> str:
        with speaking(self.language):
            return ngettext(singular, plural, 2)

    def kind(self, value: str) -> str:
        with speaking(self.language):
            return pgettext("run kind", value)

    def state(self, value: str) -> str:
        with speaking(self.language):
            return pgettext("run state", value)

    @property
    def other(self) -> Words:
        return Words(Language.EN if self.language is Language.FR else Language.FR)


@pytest.fixture(params=list(Language), ids=lambda language: language.value)
def language(request: pytest.FixtureRequest) -> Language:
    """The language of the browsers of one run of the journey."""
    found: Language = request.param
    return found


@pytest.fixture
def site(
    language: Language, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """A fresh service for each language's journey (the journey starts empty)."""
    with running_site(tmp_path_factory.mktemp(f"web-{language.value}")) as running:
        yield running


def drone_workbook(tmp_path: Path, *, broken: bool) -> Path:
    """The drone example as a workbook; `broken` puts text in a quantity cell."""
    text = (REPOSITORY / "examples" / "uav-surge.yaml").read_text("utf-8")
    text = text.replace("  confidence: 0.8\n", "")
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(text)))
    if broken:
        book["Milestones"]["E2"] = "ten"
    path = tmp_path / ("drone-broken.xlsx" if broken else "drone.xlsx")
    book.save(path)
    return path


def what_if_yaml(tmp_path: Path) -> Path:
    """The drone example asking 520 units by month 6 instead of 500."""
    text = (REPOSITORY / "examples" / "uav-surge.yaml").read_text("utf-8")
    text = text.replace("  confidence: 0.8\n", "")
    changed = re.sub(
        r"(id: fr-month-6\n(?:.*\n){0,4}?\s*cumulative_quantity: )500",
        r"\g<1>520",
        text,
    )
    assert changed != text
    path = tmp_path / "what-if.yaml"
    path.write_text(changed, "utf-8")
    return path


WEEK_20 = REPOSITORY / "examples" / "uav-surge-week-20" / "actuals.xlsx"


def broken_actuals(tmp_path: Path) -> Path:
    """The week-20 actuals workbook naming an item the drone scenario does not have."""
    book = openpyxl.load_workbook(WEEK_20)
    book["completions"]["B2"] = "gizmo"
    path = tmp_path / "actuals-broken.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def axe() -> Any:
    """axe-core, as shipped inside the axe-playwright-python package."""
    module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return module.Axe()


def _program_id(url: str) -> int:
    found = re.search(r"/programs/(\d+)", url)
    assert found, url
    return int(found.group(1))


def _add_member(
    admin: Visitor, words: Words, program_id: int, username: str, role: str
) -> None:
    admin.page.goto(f"/programs/{program_id}/members")
    admin.page.fill("#username", username)
    admin.page.select_option("#role", role)
    admin.page.click(f"text={words('Add member')}")
    admin.page.wait_for_selector(f"td:text-is('{username}')")


def _wait_for_done(visitor: Visitor, words: Words) -> None:
    visitor.page.click(f"text={words('Start the run')}")
    visitor.page.wait_for_selector("#run-status")
    visitor.page.wait_for_selector("#run-status.state-done", timeout=RUN_WAIT_MS)
    done = words("State: %(state)s", state=words.state("done"))
    assert flat(done) in flat(visitor.page.inner_text("#run-status"))


def _wait_for_run(planner: Visitor, words: Words, kind: str) -> None:
    planner.page.select_option("#kind", kind)
    if kind == "plan":
        planner.page.fill("#confidence", "none")
    if kind == "simulate":
        planner.page.fill("#runs", "300")
    _wait_for_done(planner, words)
    planner.page.wait_for_selector(".plot .main-svg")


def _in_main(visitor: Visitor, text: str) -> bool:
    return flat(text) in flat(visitor.page.inner_text("main"))


def test_admin_planner_viewers_and_auditor_each_see_what_they_may(
    site: Site, browser: Any, axe: Any, tmp_path: Path, language: Language
) -> None:
    words = Words(language)
    locale = BROWSER_LOCALES[language]

    def visitor() -> Visitor:
        return Visitor.open(browser, site.url, site.shots, locale=locale)

    def shot(name: str) -> str:
        # English keeps the names docs/dashboard.md shows; French ones say fr-.
        return name if language is Language.EN else f"fr-{name}"

    # The admin signs in, creates the program and another one, and adds members.
    admin = visitor()
    admin.page.goto("/signin")
    assert admin.page.get_attribute("html", "lang") == language.value
    admin.check(shot("signin"), axe)
    admin.sign_in("ada")
    assert _in_main(
        admin, words("You are not a member of any program yet. Create one below.")
    )
    admin.check(shot("programs-empty"), axe)
    admin.page.fill("#name", "Other program")
    admin.page.click(f"text={words('Create program')}")
    other_id = _program_id(admin.page.url)
    _add_member(admin, words, other_id, "val", "viewer")
    admin.page.goto("/")
    admin.page.fill("#name", "Drone surge")
    admin.page.click(f"text={words('Create program')}")
    program_id = _program_id(admin.page.url)
    assert _in_main(admin, words("Start here"))
    admin.check(shot("program-empty"), axe)
    for username, role in (("pat", "planner"), ("aud", "auditor"), ("vic", "viewer")):
        _add_member(admin, words, program_id, username, role)
    admin.check(shot("members"), axe)

    # The planner uploads the workbook with an error, sees it located, fixes it.
    planner = visitor()
    planner.sign_in("pat")
    planner.page.click("text=Drone surge")
    planner.page.click(f"nav.program-nav >> text={words('Scenarios')}")
    planner.page.fill("#name", "baseline")
    planner.page.click(f"text={words('Add scenario')}")
    scenario_url = planner.page.url
    planner.page.set_input_files("#file", drone_workbook(tmp_path, broken=True))
    planner.expected_statuses.add(422)
    planner.page.click(f"text={words('Upload and validate')}")
    issues = flat(planner.page.inner_text("table.issues"))
    assert "Milestones" in issues, issues
    located = words("sheet %(sheet)s, row %(row)s", sheet="Milestones", row=2)
    assert flat(located) in issues, issues
    planner.check(shot("upload-error"), axe)
    planner.expected_statuses.discard(422)
    planner.page.set_input_files("#file", drone_workbook(tmp_path, broken=False))
    planner.page.fill("#message", "fixed the test-units quantity")
    planner.page.click(f"text={words('Upload and validate')}")
    planner.page.wait_for_selector("text=fixed the test-units quantity")
    planner.check(shot("scenario"), axe)

    # ... plans it, then simulates it, and sees the odds on the program home.
    _wait_for_run(planner, words, "plan")
    planner.check(shot("run-plan"), axe)
    planner.page.goto(scenario_url)
    _wait_for_run(planner, words, "simulate")
    planner.check(shot("run-simulate"), axe)
    planner.page.goto(f"/programs/{program_id}")
    odds = planner.page.locator("table.milestones td.num").all_inner_texts()
    assert any(text.endswith("%") for text in odds), odds
    assert _in_main(planner, words("Bottleneck"))
    planner.check(shot("program-home"), axe)
    planner.page.click(f"nav.program-nav >> text={words('Compare')}")
    planner.page.click(f"button:text-is('{words('Compare')}')")
    planner.page.wait_for_selector(".side-by-side")
    planner.check(shot("compare"), axe)

    # The planner uploads the week-20 actuals (first with an error), runs a status
    # against the plan and sees the exceptions, here and on the program home.
    planner.page.click(f"nav.program-nav >> text={words('Actuals')}")
    planner.page.select_option("#scenario", label="baseline v1")
    planner.page.set_input_files("#file", broken_actuals(tmp_path))
    planner.expected_statuses.add(422)
    planner.page.click(f"text={words('Upload and check')}")
    issues = planner.page.inner_text("table.issues")
    assert "completions" in issues, issues
    assert "gizmo" in issues, issues
    planner.check(shot("actuals-error"), axe)
    planner.expected_statuses.discard(422)
    planner.page.select_option("#scenario", label="baseline v1")
    planner.page.set_input_files("#file", WEEK_20)
    planner.page.fill("#message", "weeks 1-20 from the plants")
    planner.page.click(f"text={words('Upload and check')}")
    planner.page.wait_for_selector("text=weeks 1-20 from the plants")
    planner.check(shot("actuals"), axe)
    planner.page.select_option("#kind", "status")
    planner.page.fill("#runs", "300")
    _wait_for_done(planner, words)
    planner.page.wait_for_selector("#plot-plan_vs_actual .main-svg")
    exceptions = planner.page.inner_text("table.exceptions")
    assert _in_main(planner, words("Weeks behind"))
    assert "fr-" in exceptions, exceptions
    if language is Language.FR:
        # Plotly drew the dates with French month names (the page's locale).
        ticks = " ".join(
            planner.page.locator("#plot-plan_vs_actual .xtick text").all_text_contents()
        )
        assert re.search(r"janv|févr|mars|avr|mai|juin", ticks), ticks
    planner.check(shot("run-status"), axe)
    planner.page.goto(f"/programs/{program_id}")
    alert = words.plural(
        "Plan vs actual at week {week}: {milestone} {units} units "
        "({weeks} week) behind plan since week {since}; why: {cause}",
        "Plan vs actual at week {week}: {milestone} {units} units "
        "({weeks} weeks) behind plan since week {since}; why: {cause}",
    )
    heading = alert.split("{week}")[0] + "20"
    assert flat(heading) in flat(planner.page.inner_text("ul.alerts"))
    planner.check(shot("program-home-actuals"), axe)
    # ... and plans again from them: the new plan and what it changed.
    planner.page.click(f"nav.program-nav >> text={words('Actuals')}")
    planner.page.select_option("#kind", "replan")
    _wait_for_done(planner, words)
    planner.page.wait_for_selector("#diff-title")
    assert _in_main(planner, words("Cause: %(cause)s", cause="actuals to week 20"))
    assert planner.page.locator("table.diff tbody tr").count() > 0
    planner.check(shot("run-replan"), axe)

    # A what-if copy and a diff between two versions.
    planner.page.goto(scenario_url)
    planner.page.fill("#copy-1", "baseline what-if")
    planner.page.click(f"button:text-is('{words('Copy')}')")
    planner.page.wait_for_selector("h1:text-is('baseline what-if')")
    planner.page.set_input_files("#file", what_if_yaml(tmp_path))
    planner.page.click(f"text={words('Upload and validate')}")
    planner.page.wait_for_selector("td a:text-is('v2')")
    planner.page.select_option("#from", "1")
    planner.page.select_option("#to", "2")
    planner.page.click(f"text={words('Show the differences')}")
    assert "milestones" in planner.page.inner_text("ul.paths")
    planner.check(shot("diff"), axe)
    planner.page.goto(scenario_url)
    planner.page.click("text=v1")
    planner.page.wait_for_selector("pre.yaml")
    planner.check(shot("version"), axe)

    # A viewer of another program sees nothing of it, not even its name.
    outsider = visitor()
    outsider.sign_in("val")
    assert "Drone surge" not in outsider.page.content()
    assert "Other program" in outsider.page.inner_text("main")
    outsider.expected_statuses.add(404)
    outsider.page.goto(f"/programs/{program_id}")
    assert "Drone surge" not in outsider.page.content()
    assert words("Not found") in outsider.page.inner_text("h1")
    outsider.check(shot("not-found"), axe)

    # The program's viewer sees the plan and the odds but no cost figure.
    viewer = visitor()
    viewer.sign_in("vic")
    viewer.page.goto(f"/programs/{program_id}/runs")
    viewer.page.click(f"table >> text={words.kind('simulate')} >> xpath=../td[1]/a")
    viewer.page.wait_for_selector(".plot .main-svg")
    text = viewer.page.inner_text("main")
    assert words("Costs by kind") not in text
    assert "plan.costs" not in text
    viewer.check(shot("run-viewer"), axe)
    viewer.page.click(f"nav.program-nav >> text={words('Scenarios')}")
    viewer.page.click("text=baseline")
    assert "format=xlsx" not in viewer.page.content()  # workbooks carry costs

    # The auditor reads in the other language (their choice wins over the
    # browser), then reads the trail and verifies it.
    auditor = visitor()
    auditor.sign_in("aud")
    auditor.page.goto("/account")
    auditor.page.select_option("#language", words.other.language.value)
    auditor.page.click(f"text={words('Save the language')}")
    auditor.page.wait_for_url(site.url + "/account")
    assert auditor.page.get_attribute("html", "lang") == words.other.language.value
    auditor.check(shot("account"), axe)
    auditor.page.goto(f"/programs/{program_id}/audit")
    auditor.page.click(f"text={words.other('Verify the trail')}")
    auditor.page.wait_for_selector(".verdict.light-green")
    intact = re.search(
        r"<strong>(.+?)\s*:</strong>",
        words.other(
            "<strong>Intact:</strong> %(rows)s rows chained, %(checkpoints)s signed "
            "checkpoints agree."
        ),
    )
    assert intact
    assert intact.group(1) in auditor.page.inner_text(".verdict")
    auditor.check(shot("audit"), axe)

    for one in (admin, planner, outsider, viewer, auditor):
        one.close()
