"""Stage 1, page to clean article: bytes decoded, metadata read, main content found, chrome stripped.

`parse.parse_page` runs the stage: `decode` (charset, mojibake) -> `dom` (lxml) -> `metadata`
(JSON-LD, Open Graph, <meta>, visible lines) and `content` (site profile from `profiles.toml`,
then generic scoring with the chrome patterns of `chrome`, then a fallback) -> `cleaner`
(captions, link boxes and bylines out of the chosen body).
"""
