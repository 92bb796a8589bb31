"""/docs: Swagger UI from the package's own copy, for admins who enable it (`--dev`).

FastAPI's built-in page loads Swagger UI from a CDN: blank behind a firewall or with
the network cut. This page takes the script and style sheet from the
`swagger-ui-bundle-v2` package (Swagger UI 5, which reads the OpenAPI 3.1 that FastAPI
writes) and starts it from a script file, not an inline one, so that the page keeps a
Content-Security-Policy without `unsafe-inline` scripts (`middleware.DOCS_CSP`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Response
from fastapi.responses import FileResponse, HTMLResponse

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"
# The only files served from the bundle's folder (nothing else of it is reachable).
ASSET_TYPES = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
START_SCRIPT = """\
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
"""
PAGE = f"""\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>surgeplan service API</title>
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="{ASSETS_PATH}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_PATH}/start.js"></script>
</body>
</html>
"""


def bundle_folder() -> Path:
    """The folder of Swagger UI's files in the installed `swagger-ui-bundle-v2`."""
    import swagger_ui_bundle  # type: ignore[import-untyped]

    return Path(swagger_ui_bundle.swagger_ui_path)


def docs_router() -> APIRouter:
    """The routes of /docs and its files (mounted only where docs are enabled)."""
    router = APIRouter(include_in_schema=False)
    folder = bundle_folder()

    @router.get(DOCS_PATH)
    def docs_page() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @router.get(ASSETS_PATH + "/start.js")
    def start_script() -> Response:
        return Response(START_SCRIPT, media_type="text/javascript; charset=utf-8")

    for name, media_type in ASSET_TYPES.items():
        router.add_api_route(
            f"{ASSETS_PATH}/{name}",
            _file_route(folder / name, media_type),
            methods=["GET"],
        )
    return router


def _file_route(path: Path, media_type: str) -> Callable[[], FileResponse]:
    def serve_file() -> FileResponse:
        return FileResponse(path, media_type=media_type)

    return serve_file
