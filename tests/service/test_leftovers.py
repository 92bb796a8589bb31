import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from world import World

from surgeplan.service.jobs.leftovers import (
    remove_leftovers,
    run_folder_prefix,
    upload_folder_prefix,
)
from surgeplan.service.jobs.supervisor import JobSupervisor


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_folders_of_a_killed_service_are_removed_and_live_ones_kept(
    tmp_path: Path,
) -> None:
    pid = dead_pid()
    dead_run = tmp_path / f"surgeplan-run-{pid}-7-abc"
    dead_upload = tmp_path / f"surgeplan-upload-{pid}-xyz"
    live_run = tmp_path / (run_folder_prefix(8) + "def")
    live_upload = tmp_path / (upload_folder_prefix() + "ghi")
    unrelated = tmp_path / f"other-{pid}-7"
    for folder in (dead_run, dead_upload, live_run, live_upload, unrelated):
        folder.mkdir()
        (folder / "scenario.yaml").write_text("program: secret\n")

    removed = remove_leftovers(tmp_path)

    assert sorted(removed) == sorted([dead_run, dead_upload])
    assert not dead_run.exists()
    assert not dead_upload.exists()
    assert live_run.exists()
    assert live_upload.exists()
    assert unrelated.exists()
    assert str(os.getpid()) in live_run.name


def test_a_starting_service_removes_the_run_folders_a_killed_one_left(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    leftover = tmp_path / f"surgeplan-run-{dead_pid()}-1-abc"
    leftover.mkdir()
    (leftover / "scenario.yaml").write_text("program: secret\n")
    supervisor = JobSupervisor(world.database, world.settings)

    supervisor.start()
    supervisor.stop()

    assert not leftover.exists()
