"""Reading both parts of an e-mail in tests: the text body and its HTML alternative."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Simple HTML that every mail client and screen reader understands: no images, no scripts, no
# tables for layout, no styles.
SIMPLE_TAGS = {"html", "head", "meta", "title", "body", "h1", "h2", "p", "ul", "li", "a", "br"}


@dataclass
class HtmlPart:
    source: str
    lang: str = ""
    tags: set[str] = field(default_factory=set)
    headings: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, the link's text)
    words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """What a reader sees in the body, entities decoded and spaces collapsed."""
        return " ".join(" ".join(self.words).split())


class _Reader(HTMLParser):
    def __init__(self, part: HtmlPart) -> None:
        super().__init__(convert_charrefs=True)
        self.part = part
        self.open: list[str] = []
        self.href = ""
        self.link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.part.tags.add(tag)
        attributes = dict(attrs)
        if tag == "html":
            self.part.lang = attributes.get("lang") or ""
        if tag == "a":
            self.href, self.link_text = attributes.get("href") or "", []
        if tag not in {"meta", "br"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag == "a":
            self.part.links.append((self.href, " ".join("".join(self.link_text).split())))
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data):
        if "head" in self.open:
            return
        self.part.words.append(data)
        if "h1" in self.open or "h2" in self.open:
            self.part.headings.append(data.strip())
        if "a" in self.open:
            self.link_text.append(data)


def html_part(message) -> HtmlPart:
    """The message's HTML alternative, read; it must be simple, accessible HTML."""
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    part = HtmlPart(source=content)
    reader = _Reader(part)
    reader.feed(content)
    reader.close()
    assert part.lang == "en-GB", "the language is stated for screen readers"
    assert part.headings, "a heading says what the message is"
    assert part.tags <= SIMPLE_TAGS, part.tags - SIMPLE_TAGS
    assert all(text for _, text in part.links), "every link says where it goes"
    return part


def assert_same_facts(message, facts: list[str]) -> HtmlPart:
    """Each fact is in the text body, and in the HTML as words or as a link's address."""
    part = html_part(message)
    for fact in facts:
        assert fact in message.body, fact
        assert fact in part.text or fact in {href for href, _ in part.links}, fact
    return part
