"""/docs is Swagger UI from the package: no CDN, no inline script, where enabled."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from world import World


def test_the_docs_page_loads_every_file_from_the_service_itself(world: World) -> None:
    page = world.client.get("/docs")
    assert page.status_code == 200
    assert "http://" not in page.text
    assert "https://" not in page.text
    assert "<script>" not in page.text  # scripts come from files only
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources
    for source in sources:
        answer = world.client.get(source)
        assert answer.status_code == 200, source
        assert len(answer.content) > 0
    script = world.client.get("/docs/assets/start.js").text
    assert '"/openapi.json"' in script
    bundle = world.client.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.headers["content-type"].startswith("text/javascript")
    assert world.client.get("/openapi.json").json()["openapi"].startswith("3.")


def test_the_docs_page_keeps_a_policy_without_inline_scripts(world: World) -> None:
    policy = world.client.get("/docs").headers["content-security-policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_only_the_bundles_listed_files_are_served(world: World) -> None:
    for name in ("index.html", "swagger-initializer.js", "../../__init__.py"):
        assert world.client.get(f"/docs/assets/{name}").status_code == 404


def test_without_docs_enabled_neither_the_page_nor_its_files_exist(
    database_url: str, tmp_path: Path
) -> None:
    from surgeplan.service.app import create_app
    from surgeplan.service.settings import Settings

    app = create_app(
        Settings(
            db=database_url,
            start_jobs=False,
            audit_key_file=tmp_path / "audit.key",
            checkpoint_file=tmp_path / "audit.checkpoints",
        )
    )
    with TestClient(app) as client:
        assert client.get("/docs").status_code == 404
        assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 404
        assert client.get("/docs/assets/start.js").status_code == 404
