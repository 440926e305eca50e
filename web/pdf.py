"""HTML to PDF with WeasyPrint, byte for byte the same for the same page.

A court may compare two exports of the same ``known_at``: the PDF's identifier is
derived from the page, no creation date is written, and fontTools (which stamps each
embedded font subset with the time it was made) is pinned by SOURCE_DATE_EPOCH.
Nothing is fetched while rendering: the page carries its styles, and free text is
escaped before it gets here (A14).
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from typing import Any


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError("The audit PDF fetches nothing.")


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained page."""
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    with warnings.catch_warnings():
        # Imported on first use (it is heavy); it warns that it would prefer the
        # HarfBuzz subsetter, which this machine's fontTools fallback stands in for.
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import HTML
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    pdf: bytes = HTML(string=html, url_fetcher=_refuse).write_pdf(pdf_identifier=identifier)
    return pdf
