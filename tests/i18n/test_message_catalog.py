"""The located messages of a wrong scenario, the service's problems and the actuals'
messages are extracted into the catalogs, so `test_catalogs` fails on any of them
left without French.

babel.cfg maps the scenario modules to one extractor (`description_extractor`) that
yields their field descriptions and their gettext calls: losing either half, or the
service's and execution's modules, fails here.
"""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from surgeplan.i18n import Language, catalog_path, gettext, speaking

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "message",
    [
        # scenario/messages.py (pydantic's wording), a model validator, a check
        "must be greater than or equal to %(bound)s",
        "end_date is before start_date",
        "unknown %(kind)s '%(value)s'; did you mean '%(close)s'?",
        # the readers
        "not valid YAML: %(problem)s",
        "cell %(cell)s holds a formula (%(formula)s); type the value",
        # a field description, from the same extractor
        "First day of the plan. Weekly buckets start on this day.",
        # the service and the actuals
        "Invalid scenario",
        "the request does not match the API; see errors",
        "no lane '%(lane)s' in the scenario",
    ],
)
def test_the_messages_of_each_kind_are_extracted(
    extracted: Catalog, message: str
) -> None:
    assert extracted.get(message) is not None


def test_a_marked_message_reads_in_french_from_the_catalog() -> None:
    with (ROOT / "src" / "surgeplan" / catalog_path(Language.FR)).open("rb") as po:
        french = read_po(po, locale="fr")
    entry = french.get("not valid YAML: %(problem)s")

    assert entry is not None
    with speaking(Language.FR):
        assert gettext("not valid YAML: %(problem)s") == entry.string
