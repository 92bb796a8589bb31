from variant_derivation import VARIANTS, variant_texts

from surgeplan.scenario import load_scenario


def test_shipped_variants_follow_from_the_drone_example() -> None:
    for name, text in variant_texts().items():
        shipped = (VARIANTS / name).read_text(encoding="utf-8")
        assert shipped == text, (
            f"examples/variants/{name} no longer follows from examples/uav-surge.yaml:"
            " run .venv/bin/python tests/reporting/variant_derivation.py"
        )


def test_each_variant_is_a_valid_scenario() -> None:
    names = {path.name: load_scenario(path).sites for path in VARIANTS.glob("*.yaml")}

    assert {name: len(sites) for name, sites in names.items()} == {
        "chassis-only.yaml": 1,
        "both-plants.yaml": 2,
        "both-plants-abroad.yaml": 3,
    }
