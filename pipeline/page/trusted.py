"""The trusted last layer: trafilatura, consulted before a page is declared "not an article".

trafilatura is a well-kept general extractor with its own fallbacks (readability, jusText);
vnnews's own layers know Vietnamese chrome better, so it is asked only when they find no
article body.
"""

from __future__ import annotations

import logging

from .chrome import is_chrome_line

# trafilatura logs every page it rejects; that is our decision to report, not its.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def trusted_body(html: str, url: str | None = None) -> list[str]:
    """Paragraphs of the main text as trafilatura reads the page, chrome lines removed; [] when it finds none."""
    import trafilatura  # loaded on first use: most pages never need it

    try:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True,
                                   deduplicate=False, with_metadata=False)
    except Exception:  # noqa: BLE001 - a failing last resort means "no body", never a crash
        return []
    if not text:
        return []
    return [line for line in (" ".join(t.split()) for t in text.split("\n")) if line and not is_chrome_line(line)]
