"""HTML -> PDF through WeasyPrint (which needs pango; see docs/reports.md)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from surgeplan.reporting.errors import ReportingError


class PdfUnavailableError(ReportingError):
    """WeasyPrint or the system libraries it needs are missing."""


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the brief loads nothing from outside the page: {url}")


def _data_urls_only(weasyprint: Any) -> Any:
    """A URL fetcher that loads nothing but `data:` URLs, for any WeasyPrint >= 61."""
    fetcher_class = getattr(weasyprint.urls, "URLFetcher", None)
    if fetcher_class is not None:
        return fetcher_class(allowed_protocols=("data",))
    return _refuse


def write_pdf(html: str, target: Path) -> Path:
    """Lay out self-contained HTML and write it as a PDF.

    The page must fetch nothing: there is no base URL, and only `data:` URLs load,
    whatever a scenario's names or descriptions say.

    Raises:
        PdfUnavailableError: WeasyPrint cannot load (pango missing).
    """
    try:
        import weasyprint
        import weasyprint.urls
    except (ImportError, OSError) as error:
        raise PdfUnavailableError(
            f"cannot write {target.name}: WeasyPrint cannot start ({error}); install "
            "pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0, or run `make "
            "system-deps`)"
        ) from None
    # WeasyPrint logs each CSS property it ignores: not the reader's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, url_fetcher=_data_urls_only(weasyprint))
    document.write_pdf(target)
    return target
