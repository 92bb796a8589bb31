"""End-to-end journeys in headless Chromium against a real service on 127.0.0.1.

One test, in the order people meet the program: the admin sets it up, the planner
uploads the drone workbook with an error, fixes it, plans and simulates; a viewer
of another program finds nothing of it; the program's viewer sees no cost; the
auditor verifies the trail. Each page is checked (console, requests, axe-core) and
photographed. The workbook is the drone example without its confidence target, so
that the plan run is one solve (seconds) rather than a confidence search.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from live_site import Site
from visitor import Visitor

from surgeplan.service.downloads import workbook_bytes

REPOSITORY = Path(__file__).resolve().parents[2]
RUN_WAIT_MS = 180_000
pytestmark = [pytest.mark.browser, pytest.mark.slow]


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


def _add_member(admin: Visitor, program_id: int, username: str, role: str) -> None:
    admin.page.goto(f"/programs/{program_id}/members")
    admin.page.fill("#username", username)
    admin.page.select_option("#role", role)
    admin.page.click("text=Add member")
    admin.page.wait_for_selector(f"td:text-is('{username}')")


def _wait_for_run(planner: Visitor, kind: str) -> None:
    planner.page.select_option("#kind", kind)
    if kind == "plan":
        planner.page.fill("#confidence", "none")
    if kind == "simulate":
        planner.page.fill("#runs", "300")
    planner.page.click("text=Start the run")
    planner.page.wait_for_selector("#run-status")
    planner.page.wait_for_selector("text=State: done", timeout=RUN_WAIT_MS)
    planner.page.wait_for_selector(".plot .main-svg")


def test_admin_planner_viewers_and_auditor_each_see_what_they_may(
    site: Site, browser: Any, axe: Any, tmp_path: Path
) -> None:
    # The admin signs in, creates the program and another one, and adds members.
    admin = Visitor.open(browser, site.url, site.shots)
    admin.page.goto("/signin")
    admin.check("signin", axe)
    admin.sign_in("ada")
    assert "not a member of any program" in admin.page.inner_text("main")
    admin.check("programs-empty", axe)
    admin.page.fill("#name", "Other program")
    admin.page.click("text=Create program")
    other_id = _program_id(admin.page.url)
    _add_member(admin, other_id, "val", "viewer")
    admin.page.goto("/")
    admin.page.fill("#name", "Drone surge")
    admin.page.click("text=Create program")
    program_id = _program_id(admin.page.url)
    assert "no scenario yet" in admin.page.inner_text("main")
    admin.check("program-empty", axe)
    for username, role in (("pat", "planner"), ("aud", "auditor"), ("vic", "viewer")):
        _add_member(admin, program_id, username, role)
    admin.check("members", axe)

    # The planner uploads the workbook with an error, sees it located, fixes it.
    planner = Visitor.open(browser, site.url, site.shots)
    planner.sign_in("pat")
    planner.page.click("text=Drone surge")
    planner.page.click("nav.program-nav >> text=Scenarios")
    planner.page.fill("#name", "baseline")
    planner.page.click("text=Add scenario")
    scenario_url = planner.page.url
    planner.page.set_input_files("#file", drone_workbook(tmp_path, broken=True))
    planner.expected_statuses.add(422)
    planner.page.click("text=Upload and validate")
    issues = planner.page.inner_text("table.issues")
    assert "Milestones" in issues, issues
    assert "row 2" in issues, issues
    planner.check("upload-error", axe)
    planner.expected_statuses.discard(422)
    planner.page.set_input_files("#file", drone_workbook(tmp_path, broken=False))
    planner.page.fill("#message", "fixed the test-units quantity")
    planner.page.click("text=Upload and validate")
    planner.page.wait_for_selector("text=fixed the test-units quantity")
    planner.check("scenario", axe)

    # ... plans it, then simulates it, and sees the odds on the program home.
    _wait_for_run(planner, "plan")
    planner.check("run-plan", axe)
    planner.page.goto(scenario_url)
    _wait_for_run(planner, "simulate")
    planner.check("run-simulate", axe)
    planner.page.goto(f"/programs/{program_id}")
    odds = planner.page.locator("table.milestones td.num").all_inner_texts()
    assert any(text.endswith("%") for text in odds), odds
    assert "Bottleneck" in planner.page.inner_text("main")
    planner.check("program-home", axe)
    planner.page.click("nav.program-nav >> text=Compare")
    planner.page.click("button:text-is('Compare')")
    planner.page.wait_for_selector(".side-by-side")
    planner.check("compare", axe)

    # The planner uploads the week-20 actuals (first with an error), runs a status
    # against the plan and sees the exceptions, here and on the program home.
    planner.page.click("nav.program-nav >> text=Actuals")
    planner.page.select_option("#scenario", label="baseline v1")
    planner.page.set_input_files("#file", broken_actuals(tmp_path))
    planner.expected_statuses.add(422)
    planner.page.click("text=Upload and check")
    issues = planner.page.inner_text("table.issues")
    assert "completions" in issues, issues
    assert "gizmo" in issues, issues
    planner.check("actuals-error", axe)
    planner.expected_statuses.discard(422)
    planner.page.select_option("#scenario", label="baseline v1")
    planner.page.set_input_files("#file", WEEK_20)
    planner.page.fill("#message", "weeks 1-20 from the plants")
    planner.page.click("text=Upload and check")
    planner.page.wait_for_selector("text=weeks 1-20 from the plants")
    planner.check("actuals", axe)
    planner.page.select_option("#kind", "status")
    planner.page.fill("#runs", "300")
    planner.page.click("text=Start the run")
    planner.page.wait_for_selector("#run-status")
    planner.page.wait_for_selector("text=State: done", timeout=RUN_WAIT_MS)
    planner.page.wait_for_selector("#plot-plan_vs_actual .main-svg")
    exceptions = planner.page.inner_text("table.exceptions")
    assert "behind" in planner.page.inner_text("main")
    assert "fr-" in exceptions, exceptions
    planner.check("run-status", axe)
    planner.page.goto(f"/programs/{program_id}")
    assert "Plan vs actual at week 20" in planner.page.inner_text("ul.alerts")
    planner.check("program-home-actuals", axe)
    # ... and plans again from them: the new plan and what it changed.
    planner.page.click("nav.program-nav >> text=Actuals")
    planner.page.select_option("#kind", "replan")
    planner.page.click("text=Start the run")
    planner.page.wait_for_selector("#run-status")
    planner.page.wait_for_selector("text=State: done", timeout=RUN_WAIT_MS)
    planner.page.wait_for_selector("#diff-title")
    assert "Cause: actuals to week 20" in planner.page.inner_text("main")
    assert planner.page.locator("table.diff tbody tr").count() > 0
    planner.check("run-replan", axe)

    # A what-if copy and a diff between two versions.
    planner.page.goto(scenario_url)
    planner.page.fill("#copy-1", "baseline what-if")
    planner.page.click("button:text-is('Copy')")
    planner.page.wait_for_selector("h1:text-is('baseline what-if')")
    planner.page.set_input_files("#file", what_if_yaml(tmp_path))
    planner.page.click("text=Upload and validate")
    planner.page.wait_for_selector("td a:text-is('v2')")
    planner.page.select_option("#from", "1")
    planner.page.select_option("#to", "2")
    planner.page.click("text=Show the differences")
    assert "milestones" in planner.page.inner_text("ul.paths")
    planner.check("diff", axe)
    planner.page.goto(scenario_url)
    planner.page.click("text=v1")
    planner.page.wait_for_selector("pre.yaml")
    planner.check("version", axe)

    # A viewer of another program sees nothing of it, not even its name.
    outsider = Visitor.open(browser, site.url, site.shots)
    outsider.sign_in("val")
    assert "Drone surge" not in outsider.page.content()
    assert "Other program" in outsider.page.inner_text("main")
    outsider.expected_statuses.add(404)
    outsider.page.goto(f"/programs/{program_id}")
    assert "Drone surge" not in outsider.page.content()
    assert "Not found" in outsider.page.inner_text("h1")
    outsider.check("not-found", axe)

    # The program's viewer sees the plan and the odds but no cost figure.
    viewer = Visitor.open(browser, site.url, site.shots)
    viewer.sign_in("vic")
    viewer.page.goto(f"/programs/{program_id}/runs")
    viewer.page.click("table >> text=simulate >> xpath=../td[1]/a")
    viewer.page.wait_for_selector(".plot .main-svg")
    text = viewer.page.inner_text("main")
    assert "Costs by kind" not in text
    assert "plan.costs" not in text
    viewer.check("run-viewer", axe)
    viewer.page.click("nav.program-nav >> text=Scenarios")
    viewer.page.click("text=baseline")
    assert "format=xlsx" not in viewer.page.content()  # workbooks carry costs

    # The auditor reads the trail and verifies it.
    auditor = Visitor.open(browser, site.url, site.shots)
    auditor.sign_in("aud")
    auditor.page.goto(f"/programs/{program_id}/audit")
    auditor.page.click("text=Verify the trail")
    auditor.page.wait_for_selector("text=Intact")
    auditor.check("audit", axe)

    for visitor in (admin, planner, outsider, viewer, auditor):
        visitor.close()
