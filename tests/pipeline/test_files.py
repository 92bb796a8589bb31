from pathlib import Path

import pytest

from surgeplan.pipeline import files


def test_a_failed_writer_leaves_the_old_file_and_no_partial_one(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(path: Path) -> None:
        path.write_text("half a pl", encoding="utf-8")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        files.write_with(target, half_then_fail)

    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["plan.json"]


def test_the_partial_file_keeps_the_targets_suffix(tmp_path: Path) -> None:
    seen: list[str] = []

    def write(path: Path) -> None:
        seen.append(path.suffix)
        path.touch()

    files.write_with(tmp_path / "plan.xlsx", write)

    assert seen == [".xlsx"]
    assert (tmp_path / "plan.xlsx").exists()


def test_an_interrupt_removes_the_files_being_written(tmp_path: Path) -> None:
    def interrupted(path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        files.remove_partial_files()
        assert not path.exists()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        files.write_with(tmp_path / "risk.json", interrupted)

    assert list(tmp_path.iterdir()) == []
