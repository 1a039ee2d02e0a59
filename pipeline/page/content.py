"""Main-content extraction: site profile, then generic scoring, then a fallback.

The three layers follow trafilatura's design. Page-level work (finding the article
container among menus, sidebars and footers) runs on the lxml tree; the container
alone then goes to `cleaner` for captions, link boxes and paragraphs. The result says which layer won.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass, field
from itertools import islice

from lxml import etree

from .chrome import (
    CAPTION_CLASS,
    CONTENT_CLASS,
    LEAD_CLASS,
    NON_CONTENT_TAGS,
    is_chrome_label,
    is_chrome_line,
    is_hidden,
)
from .cleaner import clean_container
from .dom import Element, all_text, class_tokens, elements, link_density, remove, select, select_one, text_of
from .profiles import SiteProfile

_PARAGRAPH_LIKE = ("p", "td", "pre", "blockquote", "li", "h2", "h3", "h4", "div")
_MIN_PARAGRAPH = 25
_LEAD_SELECTORS = "[class*=sapo], [class*=chapeau], [class*=lead], p.description, h2.description"
_SAPO_CLASS = re.compile(r"introtext", re.I)
_LEAD_TAGS = frozenset({"h2", "p", "div", "td", "span", "b", "strong", "em"})


@dataclass
class Content:
    """The article body as paragraphs, plus what was set aside from it."""

    paragraphs: list[str]
    layer: str  # "profile", "generic" or "fallback"
    lead: str | None = None
    byline: str | None = None
    images: list[dict[str, str | None]] = field(default_factory=list)
    link_density: float = 0.0
    teasers: int = 0  # repeated linked headlines: the mark of a listing page


def chrome_forms(root: Element) -> list[Element]:
    """Search, login, poll and comment forms; a form that wraps the page or the article is structure."""
    forms = list(root.iter("form"))
    if not forms:
        return []
    sizes = [len(text_of(form)) for form in forms]
    page_chars = len(text_of(root)) if max(sizes) >= 1000 else None  # small forms never wrap the page
    doomed = []
    for form, size in zip(forms, sizes):
        if form.find(".//h1") is not None or (page_chars is not None and size >= 0.4 * page_chars):
            continue
        if sum(1 for p in form.iter("p") if len(text_of(p)) >= 80) >= 3:
            continue
        doomed.append(form)
    return doomed


def strip_chrome(root: Element, keep: Element | None = None) -> None:
    """Remove comments, non-content tags, chrome forms and blocks whose class or id names chrome."""
    # The kept body and its ancestors must survive; a set makes the check O(1) per element.
    protected = {keep, *keep.iterancestors()} if keep is not None else set()
    doomed = list(root.iter(etree.Comment)) + [f for f in chrome_forms(root) if f not in protected]
    page_chars: list[int] = []  # measured once, when a chrome-named block first needs it
    # Depth first, without entering a block already doomed: its descendants go with it.
    stack = [root]
    while stack:
        el = stack.pop()
        if _doomed(el, root, protected, page_chars):
            doomed.append(el)
        else:
            stack.extend(child for child in reversed(el) if isinstance(child.tag, str))
    for el in doomed:
        remove(el)


_NON_CONTENT = frozenset(NON_CONTENT_TAGS)


def _doomed(el: Element, root: Element, protected: set[Element | None], page_chars: list[int]) -> bool:
    """Whether strip_chrome removes the element: a non-content tag, a hidden block, a block named chrome."""
    if el.tag in _NON_CONTENT and not (el.tag == "aside" and _fact_box(el)):
        return el not in protected
    if el.tag in ("html", "body") or el in protected:
        return False
    if is_hidden(el):
        return not _hidden_body(el)
    classes, ident = el.get("class"), el.get("id")
    if not classes and not ident:
        return False
    label = f"{classes or ''} {ident or ''}".strip()
    return bool(label) and is_chrome_label(label) and el.find(".//h1") is None and not _prose(el) \
        and not _holds_the_page(el, root, page_chars) and not _holds_running_text(el, label, root, page_chars)


# itemprop holds a list of names: Blogger writes itemprop="description articleBody".
_ARTICLE_BODY = re.compile(r"(^|\s)articleBody(\s|$)")
_MARKED_BODY = etree.XPath('.//*[contains(concat(" ", normalize-space(@itemprop), " "), " articleBody ")]')
_BODY_CLASS = re.compile(r"(body|content|noidung|chi-?tiet|fck)", re.I)


def _fact_box(aside: Element) -> bool:
    """An <aside> inside the article body is a fact box or a quote of the article (HTML5's "tangential"
    content), not the page's sidebar: its parent or grandparent is the body, and it is not a list of links."""
    near = list(islice(aside.iterancestors(), 2))
    in_body = any(_ARTICLE_BODY.search(a.get("itemprop") or "") or any(_BODY_CLASS.search(t) for t in class_tokens(a))
                  for a in near)
    return in_body and 40 <= len(text_of(aside)) <= 1500 and link_density(aside) < 0.3


def _hidden_body(el: Element) -> bool:
    """A hidden block that still holds article text: the rest of a long story behind "Xem tiếp",
    an articleBody a theme hides for its own script to show. Hidden metadata, labels and
    screen-reader captions are short."""
    return _ARTICLE_BODY.search(el.get("itemprop") or "") is not None or bool(_MARKED_BODY(el)) \
        or len(all_text(el)) >= 600


def _prose(el: Element) -> bool:
    """A paragraph of running text is content whatever its class says (a page builder's generated
    "kt-adv-heading…" class on the first paragraph of a post)."""
    if el.tag != "p":
        return False
    text = text_of(el)
    return len(text) >= 150 and link_density(el) < 0.3


_DISCUSSION = re.compile(r"comment|binhluan|binh-luan|y-?kien|discussion|reply|related|lienquan|tinkhac|other", re.I)


def _holds_running_text(el: Element, label: str, root: Element, page_chars: list[int]) -> bool:
    """A block named like chrome that holds several paragraphs of running text and a good part of
    the page's text is the article's wrapper (Liferay's "widget-content" around a blog entry),
    unless it names a discussion or related stories. A site's promotion box has long paragraphs too,
    but is a small part of its page."""
    if not len(el) or _DISCUSSION.search(label):
        return False
    long_paragraphs = 0
    for p in el.iter("p"):
        if len(text_of(p)) >= 150 and link_density(p) < 0.3:
            long_paragraphs += 1
            if long_paragraphs == 3:
                return _share_of_page(el, root, page_chars) > 0.25
    return False


def _holds_the_page(el: Element, root: Element, page_chars: list[int]) -> bool:
    """A block named like chrome that holds most of the page's text is a layout wrapper
    (Olivero's "sidebar-grid" around the main column), not chrome."""
    if not len(el):
        return False  # a wrapper has children
    return _share_of_page(el, root, page_chars) > 0.4


def _share_of_page(el: Element, root: Element, page_chars: list[int]) -> float:
    """The part of the page's text (measured once per page, in `page_chars`) that the element holds."""
    if not page_chars:  # the body's text: the head's scripts and styles are not the page's text
        body = root.find("body")
        page_chars.append(len(all_text(body if body is not None else root)) or 1)
    return len(all_text(el)) / page_chars[0]


_BLOCKS = frozenset("p div table tbody tr td th ul ol li dl h1 h2 h3 h4 h5 h6 section article blockquote pre "
                    "form header footer nav aside figure main center".split())


def _inline_text(el: Element) -> str:
    """The element's own running text: its text and that of inline children (span, font, b, a, br ...),
    not the text of nested blocks. Old portals write paragraphs as <span>s and <br>s in a <div> or <td>."""
    if len(el) == 0:
        return " ".join((el.text or "").split())
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _BLOCKS:
            parts.append(all_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _best_container(root: Element) -> Element | None:
    """Readability-style scoring: each paragraph feeds its parent and grandparent."""
    scores: dict[Element, float] = {}
    running: dict[Element, int] = {}  # blocks of running text (80+ characters) and their length
    for node in elements(root, *_PARAGRAPH_LIKE):
        text = _inline_text(node) if node.tag in ("div", "td") else text_of(node)
        if len(text) < _MIN_PARAGRAPH:
            continue
        if len(text) >= 80:
            running[node] = len(text)
        score = 1 + min(text.count(","), 10) + min(len(text) // 100, 3)
        if node.tag in ("div", "td") and len(text) >= 400:
            # A block of running text split by <br> is paragraphs, not one: it can be the body itself.
            credits = [(node, score * min(len(text) // 300, 10))]
        else:
            credits = []
        ancestor = node.getparent()
        for depth in range(2):
            if ancestor is None:
                break
            credits.append((ancestor, score / (1 + depth)))
            ancestor = ancestor.getparent()
        for target, credit in credits:
            if target not in scores:
                scores[target] = 10.0 if any(CONTENT_CLASS.search(t) for t in class_tokens(target)) else 0.0
            scores[target] += credit
    if not scores:
        return None
    top = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:8]
    best, best_score = max(((node, score * (1 - link_density(node))) for node, score in top), key=lambda i: i[1])
    return _widen(best, running) if best_score > 5 else None


_LAYOUT_CLASS = re.compile(r"(container|row|col|clearfix|wrapper|inner|d-|hidden|visible|span\d|grid|flex|pull-)", re.I)


def _widen(best: Element, running: dict[Element, int]) -> Element:
    """The body split into a run of same-classed sibling items (Drupal Paragraphs, block editors,
    portal fragments): climb to the element holding the run when a sibling item of the chosen
    block's branch also holds running text."""
    ancestors = {node: {node, *node.iterancestors()} for node in running}

    def held(el: Element) -> int:
        return sum(n for node, n in running.items() if el in ancestors[node])

    def kind(el: Element) -> tuple[str, str]:
        first = (el.get("class") or "").split(" ")[0]
        return el.tag, "" if _LAYOUT_CLASS.match(first) else first  # grid classes name no content

    inside, child = held(best), best
    for _ in range(5):
        parent = child.getparent()
        if parent is None or parent.tag in ("body", "html") or link_density(parent) >= 0.3:
            break
        tag, first_class = kind(child)
        run = [s for s in parent if kind(s) == (tag, first_class)] if first_class else []
        if len(run) > 1 and sum(held(s) for s in run) >= 1.3 * inside:
            return parent
        child = parent
    return best


def _one_copy(body: Element) -> Element:
    """A container that holds the article twice (a desktop and a mobile copy side by side, one hidden
    by a responsive class) gives the fuller copy alone, headline, byline and related box included once."""
    node = body
    for _ in range(6):
        total = len(text_of(node))
        if not total:
            return body
        sized = sorted(((len(text), text, c) for c in node if isinstance(c.tag, str) for text in [text_of(c)]),
                       key=lambda i: -i[0])
        if sized and sized[0][0] >= 0.9 * total:
            node = sized[0][2]  # a wrapper: look inside
            continue
        if len(sized) >= 2 and sized[1][0] >= 0.25 * total and all(_a_copy(c) for _, _, c in sized[:2]):
            first, second = (Counter(text.lower().split()) for _, text, _ in sized[:2])
            if sum((first & second).values()) >= 0.7 * sum(second.values()):
                # The copy that comes first (the desktop one, as a rule) unless the other is clearly fuller.
                earlier = min(sized[:2], key=lambda item: node.index(item[2]))
                return earlier[2] if earlier[0] * 1.1 >= sized[0][0] else sized[0][2]
        return body
    return body


def _a_copy(el: Element) -> bool:
    """A block that can hold a whole article: a container of several paragraphs, not a paragraph."""
    return el.tag in _COPY_TAGS and (sum(1 for _ in islice(el.iter("p"), 2)) == 2
                                     or sum(1 for _ in islice(el.iter("br"), 3)) == 3)


_COPY_TAGS = frozenset({"div", "article", "section", "main", "td", "tr", "table", "tbody", "center"})


def _has_headline_link(el: Element) -> bool:
    return any(len(text_of(a)) >= 20 for a in list(el.iter("a"))[:5])


def _sibling_teasers(container: Element) -> int:
    """Same-shaped children or siblings (up to three ancestors) that each link a headline.

    The scorer may pick a single teaser of a listing; its repeated siblings give it away.
    """
    counts = [0]
    probes: list[tuple[Element, Element | None]] = [(container, None)]
    node = container
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            break
        probes.append((parent, node))
        node = parent
    for parent, probe in probes:
        shapes: dict[tuple[str, str], int] = {}
        for child in parent:
            if not isinstance(child.tag, str) or child.tag in ("p", "br", "span", "a"):
                continue
            if _has_headline_link(child):
                shape = (child.tag, child.get("class") or "")
                shapes[shape] = shapes.get(shape, 0) + 1
        if probe is None:
            counts.append(max(shapes.values(), default=0))
        else:
            counts.append(shapes.get((probe.tag, probe.get("class") or ""), 0))
    return max(counts)


# Separators between a page title's parts ("Headline - Site", "Site > Section > Headline"); a colon is
# not one: Vietnamese headlines often hold one ("Nghệ An: ...").
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—»>]+|::)\s+")
_HEADLINE_TAGS = ("h1", "h2", "h3", "span", "td", "div", "b", "strong", "font", "p", "a")


def _headline(root: Element, title: str | None) -> Element | None:
    """The element that prints the headline: the one whose text is the page's title or the longest
    part of its <title> (or ends one: "In bài viết: <headline>"), an <h1> first; else the longest <h1>.
    A site-name <h1>, a hidden "Điều hướng" <h1> or a module title must not win."""
    title_tag = root.find(".//title")
    page_title = " ".join(text_of(title_tag).split()) if title_tag is not None else ""
    wanted = sorted({" ".join(t.split()) for t in (title, *_TITLE_SEPARATORS.split(page_title))
                     if t and len(t.split()) >= 4}, key=len, reverse=True)
    h1s = list(root.iter("h1"))
    for want in wanted:  # the longest part first: a site name is the shorter one
        # Headings before other tags: a breadcrumb's last link may repeat the headline above it.
        for tags in (("h1",), ("h2", "h3"), _HEADLINE_TAGS):
            for el in (h1s if tags == ("h1",) else root.iter(*tags)):
                # Own text first; a heading may wrap its text in an <a> or <span>.
                own = el.text or (all_text(el)[:80] if el.tag in ("h1", "h2", "h3") else "")
                own = " ".join(own.split())
                # It ends the title and is most of it: a tag link "nhà đại đoàn kết" only ends one.
                if own and own[:15] in want and len(text := text_of(el)) >= max(15, len(want) // 2) \
                        and want.endswith(text):
                    return el
    return max(h1s, key=lambda h1: len(text_of(h1).split())) if h1s else None


def _lead_text(node: Element, classed: bool, headline: str = "") -> str | None:
    # A description kept for search engines, hidden from readers, is not the sapo; nor is a bare URL.
    if any(is_hidden(el) for el in (node, *islice(node.iterancestors(), 12))):
        return None
    text = _visible_text(node)
    if " " not in text:
        return None
    low, high = (40, 1200) if classed else (60, 800)
    if low <= len(text) <= high and link_density(node) < 0.3 and not is_chrome_line(text) and text != headline:
        return text
    return None


def _visible_text(node: Element) -> str:
    """The node's text without what it hides (SharePoint's display:none "Tóm tắt" label in the summary)."""
    hidden = [el for el in node.iterdescendants(etree.Element) if is_hidden(el)]
    if not hidden:
        return text_of(node)
    copy = deepcopy(node)
    for el in [el for el in copy.iterdescendants(etree.Element) if is_hidden(el)]:
        remove(el)
    return text_of(copy)


def _following(anchor: Element | None) -> list[Element]:
    """The 80 elements after the headline, where its sapo and an editor's note stand."""
    return anchor.xpath("following::*[position() <= 80]") if anchor is not None else []


def find_lead(root: Element, profile: SiteProfile | None, anchor: Element | None = None,
              following: list[Element] | None = None) -> str | None:
    """The sapo: the profile's selector; after the headline `anchor`, a sapo-like class, else the
    first text block; a sapo-like class anywhere on a page whose headline is not found. `following`
    is `_following(anchor)` when the caller has it already."""
    if profile and profile.lead:
        node = select_one(root, profile.lead)
        if node is not None and (text := _lead_text(node, classed=True)):
            return text
    headline = text_of(anchor) if anchor is not None else ""
    following = _following(anchor) if following is None else following
    for i, node in enumerate(following):
        # Further down, only Joomla's intro text (K2's itemIntroText sits below the image block and the
        # toolbars); a "sapo" or "summary" there is more likely a related story's teaser.
        pattern = LEAD_CLASS if i < 40 else _SAPO_CLASS
        if any(pattern.search(t) for t in class_tokens(node)) and (text := _lead_text(node, True, headline)):
            return text
    if anchor is None:
        node = select_one(root, _LEAD_SELECTORS)
        return _lead_text(node, classed=True) if node is not None else None
    # Many sites put the sapo in an unmarked block right after the headline, outside the body.
    for node in following[:20]:
        if node.tag not in _LEAD_TAGS or any(child.tag in _BLOCKS for child in node.iter() if child is not node) \
                or CAPTION_CLASS.search(node.get("class") or ""):  # a cover image's caption is not the sapo
            continue
        if text := _lead_text(node, False, headline):
            return text
    return None


# The editor's note that opens a column or an investigation ("LTS: ...", "Lời tòa soạn: ...").
_EDITOR_NOTE = re.compile(r"^(?:lts|lời tòa soạn|lời toà soạn|lời ban biên tập|lời bbt)\s*[:.–-]", re.I)


def _editor_note(following: list[Element]) -> str | None:
    """An editor's note printed between the headline and the body (`following` it), outside the body's
    own block."""
    for node in following[:40]:
        if node.tag in ("p", "div", "em", "i", "section") and _EDITOR_NOTE.match(text := text_of(node)) \
                and 40 <= len(text) <= 1200:
            return text
    return None


def _profile_body(root: Element, profile: SiteProfile | None) -> Element | None:
    if not profile or not profile.body:
        return None
    body = select_one(root, profile.body)
    if body is not None:
        for selector in profile.drop:
            for node in select(body, selector):
                remove(node)
    return body


def _marked_body(root: Element) -> Element | None:
    """The one element that schema.org microdata marks as the article body (Joomla, many themes)."""
    marked = _MARKED_BODY(root)
    if len(marked) == 1 and len(text_of(marked[0])) >= 200:
        return marked[0]
    return None


def extract_content(root: Element, profile: SiteProfile | None = None, title: str | None = None) -> Content:
    """Find the article body in a page tree (the tree is modified); `title` helps find the headline."""
    body = _profile_body(root, profile)
    layer = "profile" if body is not None else "generic"
    if body is None:
        body = _marked_body(root)
    anchor = _headline(root, title)
    headlines = {" ".join(t.split()) for t in (title, text_of(anchor) if anchor is not None else None) if t}
    following = _following(anchor)
    lead = find_lead(root, profile, anchor, following)
    note = _editor_note(following)
    strip_chrome(root, keep=body)
    if body is None:
        body = _best_container(root.find("body") if root.find("body") is not None else root)
    if body is None:
        paragraphs = [text_of(p) for p in elements(root, "p") if len(text_of(p)) >= 40 and link_density(p) < 0.5]
        return Content([p for p in paragraphs if not is_chrome_line(p)], "fallback", lead=lead)
    body = _one_copy(body)
    density = link_density(body)
    siblings = _sibling_teasers(body)
    cleaned = clean_container(body)
    paragraphs = cleaned.paragraphs
    # A layout that prints the headline in the body's own cell.
    paragraphs = [p for i, p in enumerate(paragraphs) if i >= 3 or p not in headlines]
    if lead:
        # The lead may also sit inside the body: keep one copy, first.
        duplicate = next((i for i, p in enumerate(paragraphs) if p.startswith(lead[:60])), None)
        if duplicate is not None:
            del paragraphs[duplicate]
        paragraphs.insert(0, lead)
    if note and not any(p.startswith(note[:60]) for p in paragraphs):
        paragraphs.insert(0, note)
    return Content(paragraphs, layer, lead=lead, byline=cleaned.byline, images=cleaned.images,
                   link_density=density, teasers=max(siblings, cleaned.teasers))
