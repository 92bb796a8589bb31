import json

from surgeplan.planning import ConstraintFamily, Violation


def test_a_violation_prints_its_family_as_the_text_it_always_had() -> None:
    violation = Violation(
        ConstraintFamily.CORE_LOAD, "chassis-plant/line-1", "too much"
    )

    assert str(violation) == "core load: chassis-plant/line-1: too much"


def test_a_family_equals_and_serialises_as_its_text() -> None:
    family: str = ConstraintFamily.SUPPLIER_CAPACITY

    assert family == "supplier capacity"
    assert json.dumps({"family": ConstraintFamily.GATE}) == '{"family": "gate"}'


def test_every_family_has_its_own_lowercase_text() -> None:
    texts = [family.value for family in ConstraintFamily]

    assert len(set(texts)) == len(texts)
    assert all(text == text.lower() and text.strip() == text for text in texts)
