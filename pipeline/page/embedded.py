"""Article bodies that a page carries only as data: JSON-LD `articleBody` and framework state scripts.

Script-rendered pages (Next.js `__NEXT_DATA__`, Nuxt `window.__NUXT__`, other SPA state) ship
the article to the browser as JSON or as JavaScript literals and build the DOM there; the
server's HTML holds no body. The longest prose-like string in that data is the body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .cleaner import clean_body
from .dom import Element

# Vietnamese teams name the fields in Vietnamese too: noiDung (content), chiTiet (detail), tomTat (summary).
_BODY_KEYS = ("articlebody", "content", "body", "detail", "fulltext", "text", "html", "description", "noidung", "chitiet")
# Framework state by name, and any global a script sets to an object or to JSON.parse(...)
# ("window.__DATA__ = {...}", "window.INITIAL_STATE = JSON.parse('...')", SvelteKit, React Router).
_STATE_SCRIPT = re.compile(r"__NEXT_DATA__|__NUXT__|__[A-Z_]*(?:STATE|DATA|CONTEXT|PROPS)__|__remixContext|"
                           r"self\.__next_f|__sveltekit|__staticRouterHydrationData|"
                           r"(?:window|self|globalThis)\.[A-Za-z_$][\w$]*\s*=\s*(?:\{|JSON\.parse\(|\(?\s*function\b|\(\s*\()",
                           re.I)
_JSON_PARSE = re.compile(r"JSON\.parse\(\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')\s*\)", re.S)
# Data scripts by type: JSON, and Qwik's serialised state.
_JSON_TYPES = ("application/json", "qwik/json")
# A JavaScript string literal, double- or single-quoted, with escapes.
_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.){200,})"|\'((?:[^\'\\\n]|\\.){200,})\'', re.S)
_TAGGED = re.compile(r"<\s*(p|br|div|h[2-6]|ul|li|figure|strong|em)\b", re.I)
_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_BODY = 200


_LEAD_KEYS = ("sapo", "description", "lead", "summary", "excerpt", "intro", "chapeau", "abstract", "subtitle", "tomtat",
              "tom_tat", "mota", "mo_ta")
_BLOCK_KEYS = ("text", "content", "html", "value", "body", "data")
_CITE_KEYS = ("attribution", "cite", "citation")


def _block_text(block: dict[str, Any]) -> str:
    """The text of one content block ({"type": "paragraph", "text": ...}, {"items": [...]})."""
    for key in _BLOCK_KEYS:
        value = block.get(key)
        if isinstance(value, str):
            # A quote block names its speaker beside the words, printed on a line of its own.
            cite = next((c for k in _CITE_KEYS if isinstance(c := block.get(k), str) and c.strip()), None)
            return f"{value}\n\n{cite}" if cite else value
        if isinstance(value, dict):
            return _block_text(value)
    items = block.get("items")
    if isinstance(items, list):
        return "\n\n".join(i if isinstance(i, str) else _block_text(i) for i in items if isinstance(i, (str, dict)))
    # Rich-text trees (Slate, Lexical, Sanity's Portable Text): a paragraph's children are runs of one line.
    children = block.get("children")
    if isinstance(children, list):
        return "".join(c if isinstance(c, str) else _block_text(c) for c in children if isinstance(c, (str, dict)))
    return ""


def _strings(value: Any) -> Iterator[tuple[str, str, dict[str, Any] | None]]:
    """(key, text, the object it sits in) for every string of a JSON value, and for every list of
    content blocks (a body stored block by block) the blocks' texts joined."""
    stack: list[tuple[str, Any, dict[str, Any] | None]] = [("", value, None)]
    while stack:
        key, item, parent = stack.pop()
        if isinstance(item, str):
            yield key, item, parent
        elif isinstance(item, dict):
            stack.extend((str(k), v, item) for k, v in item.items())
        elif isinstance(item, list):
            blocks = [_block_text(v) for v in item if isinstance(v, dict)]
            if sum(1 for b in blocks if b.strip()) >= 3:
                yield key, "\n\n".join(b for b in blocks if b.strip()), parent
            stack.extend((key, v, parent) for v in item)


def _lead(parent: dict[str, Any] | None, body: str) -> str | None:
    """The sapo stored beside the body (JSON-LD `description`, a `sapo` field), unless the body holds it."""
    for key, value in (parent or {}).items():
        if isinstance(value, str) and any(k in key.lower() for k in _LEAD_KEYS) and 40 <= len(value) <= 1200:
            if _new_lead(lead := " ".join(value.split()), body):
                return lead
    return None


def _new_lead(lead: str, body: str) -> bool:
    """Whether a sapo stored beside the body is one a reader sees above it: the body does not open
    with it, nor with a paragraph it merely restates."""
    return lead[:60] not in " ".join(body.split()) and not _restates(lead, _opening(body))


def _opening(body: str) -> str:
    """The first paragraph of a body given as text or as HTML."""
    paragraphs = (re.sub(r"<[^>]*>", " ", part).strip() for part in re.split(r"</p>|<br\s*/?>|\n", body, flags=re.I))
    return next((p for p in paragraphs if p), "")


def _restates(lead: str, opening: str) -> bool:
    """Whether a search summary says again what the body's opening paragraph says: nearly all of its
    words are that paragraph's (a rewrite of the lead for search engines, not a sapo above it)."""
    words = {w.casefold() for w in _WORD.findall(lead)}
    return len(words) >= 6 and len(words & {w.casefold() for w in _WORD.findall(opening)}) >= 0.85 * len(words)


def _prose_score(text: str, key: str) -> float:
    """Long runs of words, sentences and a body-like key make prose; URLs, code and ids do not."""
    words = _WORD.findall(_TAGGED.sub(" ", text))
    if len(words) < 30 or text.lstrip().startswith(("{", "[", "function", "http")):
        return 0.0
    sentences = text.count(". ") + text.count(".\n") + text.count("</p>")
    bonus = 1.5 if key.lower().replace("_", "") in _BODY_KEYS else 1.0
    return len(words) * (1 + min(sentences, 30) / 30) * bonus


def _decode_js(raw: str, quote: str) -> str | None:
    if quote == "'":
        raw = raw.replace('\\"', '"').replace('"', '\\"').replace("\\'", "'")
    try:
        return json.loads(f'"{raw}"')
    except ValueError:
        return None


def page_scripts(root: Element) -> list[tuple[str, str, str]]:
    """(type, id, code) of the page's scripts, read before chrome stripping removes them."""
    scripts = [((s.get("type") or "").lower(), s.get("id") or "", s.text or "") for s in root.iter("script") if s.text]
    scripts = [("application/json", ident, _transfer_state(code)) if _data_type(kind, code) else (kind, ident, code)
               for kind, ident, code in scripts]
    # Astro renders islands server-side but ships their props as JSON in an attribute.
    scripts += [("application/json", "astro-island", _astro_props(props)) for island in root.iter("astro-island")
                if len(props := island.get("props") or "") >= _MIN_BODY]
    # Only data that can carry a body: JSON-LD with an articleBody, JSON, framework state.
    return [(kind, ident, code) for kind, ident, code in scripts
            if (kind == "application/ld+json" and "articlebody" in code.lower())
            or kind == "application/json" or _STATE_SCRIPT.search(code[:2000] + ident)]


def _astro_props(code: str) -> str:
    """Astro ships an island's props with each value tagged by its type (`"title":[0,"..."]`,
    `"people":[1,[[0,{...}]]]`): made plain JSON again."""
    try:
        props = json.loads(code)
    except ValueError:
        return code

    def plain(value: Any, depth: int = 0) -> Any:
        if depth > 30:
            return None
        if isinstance(value, dict):
            return {k: plain(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list) and len(value) == 2 and isinstance(value[0], int):
            kind, inner = value
            if kind == 1 and isinstance(inner, list):
                return [plain(v, depth + 1) for v in inner]
            return plain(inner, depth + 1) if isinstance(inner, dict) else inner
        return value

    return json.dumps(plain(props), ensure_ascii=False)


_CODE_TYPES = ("", "text/javascript", "application/javascript", "module", "application/ld+json")


def _data_type(kind: str, code: str) -> bool:
    """A script that holds data rather than code: JSON, Qwik's state, and any other non-JavaScript
    type whose content is a JSON object or array (Ember FastBoot's "fastboot/shoebox")."""
    return kind in _JSON_TYPES or (kind not in _CODE_TYPES and code.lstrip()[:1] in ("{", "["))


# Angular's server-side TransferState (`<script id="serverApp-state">`, Angular before 16) escapes
# the JSON it embeds with these entities; "&a;" is the ampersand and is undone last.
_NG_ESCAPES = (("&q;", '"'), ("&s;", "'"), ("&l;", "<"), ("&g;", ">"), ("&a;", "&"))


def _transfer_state(code: str) -> str:
    """JSON as Angular's TransferState wrote it, made plain JSON again."""
    if "&q;" not in code[:200]:
        return code
    for escaped, char in _NG_ESCAPES:
        code = code.replace(escaped, char)
    return code


def _candidates(scripts: list[tuple[str, str, str]]) -> Iterator[tuple[str, str, dict[str, Any] | None]]:
    for kind, ident, code in scripts:
        if kind == "application/ld+json":
            yield from ((k, t, p) for k, t, p in _strings(_json(code)) if k.lower() == "articlebody")
        else:  # page_scripts kept only JSON and framework state besides JSON-LD
            # Pure JSON, or JSON assigned to a global ("window.__NUXT__={...};").
            data = _json(code) if kind == "application/json" else _parsed_state(code)
            if data is not None:
                yield from _strings(data)
                continue
            for match in _JS_STRING.finditer(code):  # a JS object literal or an IIFE: read its strings
                raw, quote = (match.group(1), '"') if match.group(1) is not None else (match.group(2), "'")
                text = _decode_js(raw, quote)
                if text and _FLIGHT_ROW.match(text):
                    yield from _flight_strings(text)
                elif text:
                    yield "", text, None


# Next.js App Router's flight data (`self.__next_f.push([1,"8:[...]"])`): rows of "id:JSON".
_FLIGHT_ROW = re.compile(r"^[0-9a-f]{1,4}:[\[{\"]")


def _flight_strings(text: str) -> Iterator[tuple[str, str, dict[str, Any] | None]]:
    """The strings of each flight row's JSON, so that the article's fields are read, not the row."""
    for row in text.split("\n"):
        if _FLIGHT_ROW.match(row) and (data := _json(row[row.index(":") + 1:])) is not None:
            yield from _strings(data)
        elif row.strip():
            yield "", row, None


_DECODER = json.JSONDecoder(strict=False)


def _parsed_state(code: str) -> Any:
    """The state a script sets: an object literal in JSON form, or the string given to JSON.parse."""
    if (m := _JSON_PARSE.search(code)) is not None:
        raw = m.group(1)
        text = _decode_js(raw[1:-1], raw[0])
        if text is not None and (data := _json(text)) is not None:
            return data
    return _json_prefix(code)


def _json_prefix(code: str) -> Any:
    """The JSON object a script assigns to a global ("window.__INITIAL_STATE__={...};(function(){...}())"):
    read from its first brace to where the object ends, whatever code follows."""
    start = code.find("{")
    if start < 0:
        return None
    try:
        return _DECODER.raw_decode(code, start)[0]
    except ValueError:
        return None


def _json(code: str) -> Any:
    try:
        return json.loads(code, strict=False)
    except ValueError:
        return None


def _paragraphs(text: str) -> list[str]:
    if "\n\n" in text.strip():
        # Blocks joined by blank lines (a body stored block by block); each may hold inline markup.
        return [p for block in re.split(r"\n\s*\n", text) for p in _block_paragraphs(block)]
    return _block_paragraphs(text)


def _block_paragraphs(text: str) -> list[str]:
    if _TAGGED.search(text):
        return clean_body(text).paragraphs
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


@dataclass
class Embedded:
    """An article carried as data: its paragraphs (the sapo first) and the headline stored beside them."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    anchor: str | None = None  # the body's opening words, to find it in the scripts


_TITLE_KEYS = ("title", "headline", "name")


# The headline written as a literal beside the body ("title":"...", Vietnamese "tieuDe").
_JS_TITLE = re.compile(r"\b(?:title|headline|tieuDe|tieu_de)\"?\s*:\s*\"((?:[^\"\\\n]|\\.){10,300})\"", re.I)
# A sapo written as a JS literal beside the body (SvelteKit, Nuxt 2: `sapo:"..."`, unquoted keys).
_JS_LEAD = re.compile(r"\b(?:sapo|lead|summary|excerpt|description|intro|tomTat|tom_tat|moTa|mo_ta)\"?\s*:\s*"
                      r"\"((?:[^\"\\\n]|\\.){40,1200})\"", re.I)


def body_at(code: str, anchor: str | None) -> int:
    """Where a body that opens with `anchor` stands in a script's code (as written, or with \\u
    escapes), or -1."""
    if not anchor:
        return -1
    escaped = json.dumps(anchor)[1:-1]
    # devalue and serialize-javascript also escape "/" (as \u002F) so that no "</script>" can appear.
    forms = {anchor, escaped, *(f.replace("/", slash) for f in (anchor, escaped) for slash in ("\\u002F", "\\u002f"))}
    return max(code.find(form) for form in forms)


def fields_before(pattern: re.Pattern[str], code: str, at: int) -> list[re.Match[str]]:
    """The fields `pattern` finds in the 5,000 characters before the body at `at`, nearest first: the
    article's own fields stand just before its body, a related item's elsewhere."""
    return list(pattern.finditer(code, max(0, at - 5000), at))[::-1] if at >= 0 else []


def _near_body(code: str, at: int, pattern: re.Pattern[str], accept: Callable[[str], bool]) -> str | None:
    """The value of the field nearest before the body at `at` that `pattern` finds and `accept` takes."""
    for m in fields_before(pattern, code, at):
        value = _decode_js(m.group(1), '"')
        if value and accept(value := " ".join(value.split())):
            return value
    return None


def _anchor(body: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", body).split())[:30]


def _in_code(scripts: list[tuple[str, str, str]], body: str, pattern: re.Pattern[str],
             accept: Callable[[str], bool]) -> str | None:
    """A field written as a literal beside a body that was found as a bare string or in a block list."""
    for kind, _, code in scripts:
        at = body_at(code, _anchor(body))
        if kind != "application/ld+json" and at >= 0 and (value := _near_body(code, at, pattern, accept)) is not None:
            return value
    return None


def embedded_body(scripts: list[tuple[str, str, str]]) -> Embedded:
    """The article body carried as data in the page's scripts (the sapo stored beside it first),
    with no paragraphs when there is none."""
    best, best_score, best_parent = None, 0.0, None
    for key, text, parent in _candidates(scripts):
        if len(text) < _MIN_BODY:
            continue
        score = _prose_score(text, key)
        if score > best_score:
            best, best_score, best_parent = text, score, parent
    if best is None:
        return Embedded()
    # The sapo beside the body in its object, else the nearest one before it in the code (a body
    # stored as blocks sits in an object of its own, apart from the article's fields).
    lead = (_lead(best_parent, best) if best_parent is not None else None) or _in_code(
        scripts, best, _JS_LEAD, lambda v: len(v) >= 40 and _new_lead(v, best))
    title = next((" ".join(t.split()) for k in _TITLE_KEYS if isinstance(t := (best_parent or {}).get(k), str)
                  and 3 <= len(t.split()) <= 40), None) \
        or _in_code(scripts, best, _JS_TITLE, lambda v: 3 <= len(v.split()) <= 40)
    return Embedded(([lead] if lead else []) + _paragraphs(best), title, _anchor(best))
