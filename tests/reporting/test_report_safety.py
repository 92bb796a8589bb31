import base64
import gzip
import json

from page_reading import element, figures_of, script_text, soup_of
from plan_fixtures import HOSTILE_IMAGE, HOSTILE_NAME, make_plan, scenario_data

from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.report import render_report
from surgeplan.scenario import Scenario

OUR_SCRIPTS = 2  # error capture, chart drawing (Plotly is a gzipped data block)
DATA_BLOCKS = ("application/json", "application/gzip-base64")
MOST_BYTES = 2_500_000


def hostile_page() -> str:
    data = scenario_data(site_name=HOSTILE_NAME)
    data["program"]["name"] = HOSTILE_IMAGE
    data["program"]["description"] = "</script><script>alert(1)</script>"
    scenario = Scenario.model_validate(data)
    return render_report(scenario, make_plan(scenario))


def test_user_text_never_becomes_markup() -> None:
    soup = soup_of(hostile_page())

    executable = [
        script
        for script in soup.find_all("script")
        if script.get("type") not in DATA_BLOCKS
    ]
    assert len(executable) == OUR_SCRIPTS
    assert not any("pwned" in (script.string or "") for script in executable)
    assert not any("alert(1)" in (script.string or "") for script in executable)
    assert soup.find("img") is None
    assert HOSTILE_IMAGE in element(soup, "h1").get_text()


def test_user_text_in_chart_data_cannot_close_its_script_block() -> None:
    page = hostile_page()
    soup = soup_of(page)

    for block in soup.find_all("script", attrs={"type": "application/json"}):
        assert "<" not in script_text(block)
        json.loads(script_text(block))
    labels = json.dumps(figures_of(page)["utilisation"]["data"][0]["y"])
    assert "&lt;script&gt;" in labels


def test_the_page_fetches_nothing(drone_scenario: Scenario, drone_plan: Plan) -> None:
    soup = soup_of(render_report(drone_scenario, drone_plan))

    assert soup.find("link") is None
    assert all(not script.get("src") for script in soup.find_all("script"))
    assert all(not tag.get("src") for tag in soup.find_all(src=True))
    policy = element(soup, "meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "default-src 'none'" in str(policy["content"])


def test_plotly_is_inlined_once_and_packed(
    drone_scenario: Scenario, drone_plan: Plan
) -> None:
    page = render_report(drone_scenario, drone_plan)

    bundles = soup_of(page).find_all("script", attrs={"type": DATA_BLOCKS[1]})
    assert len(bundles) == 1
    plotly = gzip.decompress(base64.b64decode(script_text(bundles[0]))).decode("utf-8")
    assert "plotly.js v" in plotly
    assert len(page.encode("utf-8")) < MOST_BYTES


def test_the_packed_plotly_is_the_same_bytes_every_time(
    drone_scenario: Scenario, drone_plan: Plan
) -> None:
    first = render_report(drone_scenario, drone_plan)
    second = render_report(drone_scenario, drone_plan)

    def packed(page: str) -> str:
        return script_text(
            element(soup_of(page), "script", attrs={"type": DATA_BLOCKS[1]})
        )

    assert packed(first) == packed(second)


def test_the_page_has_print_styles(drone_scenario: Scenario, drone_plan: Plan) -> None:
    style = script_text(
        element(soup_of(render_report(drone_scenario, drone_plan)), "style")
    )

    assert "@media print" in style
    assert "break-before: page" in style
    assert ".modebar" in style
