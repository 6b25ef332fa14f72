"""A tracker set in parts, joined into one tagged PDF, with its running header and footer.

Pure: PDFs in, one PDF out. Typst holds a whole document's layout in memory (about a megabyte
a page), so a long tracker is set a few dozen pages at a time (see pdf.py) and the parts are
joined here: pages in order, each part's structure tree under the first part's Document
element, the parent tree renumbered, each part's table-header IDs made unique and the later
parts' bookmarks put under the title's. The running header and footer ("Page X of Y") need
the page count, so Typst sets them afterwards on empty pages (furniture.typ), which become
form XObjects drawn over the parts' pages; Typst marks them as artifacts, as it does in a
document set whole.

This reads only what Typst writes (a classic cross-reference table, one object per number,
no object streams) and fails loudly on anything else rather than guess; a general PDF library
would copy the parts' tens of thousands of structure elements one Python object at a time,
taking seconds and hundreds of megabytes for a long tracker. Objects are copied as bytes with
their references renumbered; only the few dictionaries that change are parsed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# A reference, or a literal string's delimiters and escapes (references inside strings are
# text, so the scan tracks how deep in parentheses it is).
_REFERENCE_OR_STRING = re.compile(rb"\\.|[()]|(?<![\d.])(\d+) 0 R(?![\w.])", re.S)
_REFERENCE = re.compile(rb"(?<![\d.])(\d+) 0 R(?![\w.])")
# Between objects' texts renumbered in one pass: no string can hold a raw line break.
_SEPARATOR = b"\nendobj\n"
_LENGTH = re.compile(rb"/Length (\d+)(?![\d.]| \d+ R)")
_TOKEN = re.compile(
    rb"\s*(<<|>>|\[|\]|\(|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|[-+]?(?:\d+\.?\d*|\.\d+)|true|false|null)"
)
_STREAM = re.compile(rb">>\s*stream\r?\n")
_N_PAGES = re.compile(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>")


class MergeError(ValueError):
    """A part is not laid out as Typst writes PDFs."""


class Name(bytes):
    """A PDF name, with its slash."""


@dataclass(frozen=True)
class Ref:
    number: int


@dataclass(frozen=True)
class Raw:
    """A value written back exactly as it was read: a string, a real number, a boolean."""

    text: bytes


Value = object  # dict[Name, Value] | list[Value] | Name | Ref | Raw | int | None


@dataclass
class _Object:
    text: bytes  # the object, or a stream's dictionary
    data: bytes | None = None  # a stream's bytes, as stored


class _Source:
    """The objects of one PDF by number, and its trailer."""

    def __init__(self, pdf: bytes) -> None:
        start = pdf.rfind(b"startxref")
        if start < 0:
            raise MergeError("no startxref")
        xref = int(pdf[start + 9 :].split()[0])
        lines = pdf[xref:start].split(b"\n")
        if lines[0].strip() != b"xref":
            raise MergeError("no classic cross-reference table")
        offsets: dict[int, int] = {}
        index = 1
        while not lines[index].startswith(b"trailer"):
            first, count = (int(x) for x in lines[index].split())
            for number in range(first, first + count):
                index += 1
                entry = lines[index].split()
                if entry[2] == b"n":
                    offsets[number] = int(entry[0])
            index += 1
        self.trailer = _parse(pdf[pdf.index(b"trailer", xref) + 7 : start])
        following = dict(itertools.pairwise([*sorted(offsets.values()), xref]))
        self.objects: dict[int, _Object] = {}
        for number, offset in offsets.items():
            header = f"{number} 0 obj".encode()
            if not pdf.startswith(header, offset):
                raise MergeError(f"object {number} is not where the table says")
            body = pdf[offset + len(header) : following[offset]].strip()
            stream = _STREAM.search(body)
            if stream is None:
                self.objects[number] = _Object(body.removesuffix(b"endobj").strip())
                continue
            text = body[: stream.start() + 2]
            quick = _LENGTH.search(text) if b"(" not in text else None
            length = int(quick.group(1)) if quick else _get(_parse(text), "/Length")
            if not isinstance(length, int):
                raise MergeError(f"stream {number} has no direct length")
            self.objects[number] = _Object(text, body[stream.end() : stream.end() + length])

    def value(self, number: int) -> Value:
        return _parse(self.objects[number].text)


def joined(parts: Iterable[bytes], furniture: Callable[[int], Sequence[bytes]]) -> bytes:
    """The parts' pages in order as one document, with the pages ``furniture`` sets for that
    many pages (in one PDF or several) drawn over them. Each part is let go once copied."""
    merger = _Merger()
    for index, part in enumerate(parts):
        merger.add_part(_Source(part), index)
        del part
    merger.add_furniture([_Source(pdf) for pdf in furniture(len(merger.pages))])
    return merger.write()


class _Merger:
    def __init__(self) -> None:
        self.objects: dict[int, _Object] = {}
        self.next_number = 1
        self.pages: list[tuple[int, int]] = []  # each page, and its part's first parent key
        self.parents: list[tuple[int, Ref | None]] = []  # the parent tree's (key, value) pairs
        self.ids: list[tuple[bytes, Ref | None]] = []  # the ID tree's (name, element) pairs
        self.roles: dict[Name, Value] = {}
        self.next_key = 0
        self.root_pages = self._allocate()
        self.tree = self._allocate()
        self.catalog = self.info = self.document = 0
        self.metadata: int | None = None
        self.outlines: int | None = None
        self.trailer_id: Value = None

    def _allocate(self) -> int:
        self.next_number += 1
        return self.next_number - 1

    def add_part(self, source: _Source, index: int) -> None:
        root = _ref(source.trailer, "/Root")
        catalog = _dict(source.value(root))
        tree_number = _ref(catalog, "/StructTreeRoot")
        tree = _dict(source.value(tree_number))
        kids = _get(tree, "/K")
        document = kids[0] if isinstance(kids, list) and len(kids) == 1 else kids
        if not isinstance(document, Ref):
            raise MergeError("the structure tree has no single Document element")
        offset = self.next_number - 1
        pages = _page_numbers(source, _ref(catalog, "/Pages"))
        # The part's own roots are replaced: its pages hang from the one page tree, its
        # elements from the first part's Document, its bookmarks from the title's.
        redirect = {_ref(catalog, "/Pages"): self.root_pages, tree_number: self.tree}
        dropped = {tree_number, *_page_tree_nodes(source, _ref(catalog, "/Pages"))}
        outlines = _get(catalog, "/Outlines")
        if index:
            redirect[document.number] = self.document
            dropped |= {root, document.number, _ref(source.trailer, "/Info")}
            dropped |= {
                x.number for x in (_get(catalog, "/Metadata"), outlines) if isinstance(x, Ref)
            }
            if isinstance(outlines, Ref) and self.outlines is not None:
                redirect[outlines.number] = self._title_bookmark()
        # The element IDs (Typst gives them to header cells, which the cells below name): a
        # later part's get its number in front, as every part numbers its tables from one.
        ids = _pairs(_get(tree, "/IDTree"), "/Names", source)
        if not all(isinstance(name, Raw) and name.text.startswith(b"(") for name, _ in ids):
            raise MergeError("an element ID is not a literal string")
        names = _Names([name.text for name, _ in ids if isinstance(name, Raw)], index)
        self._copy(source, offset, redirect, dropped, names)

        self.pages += [(page + offset, self.next_key) for page in pages]
        for key, value in _pairs(_get(tree, "/ParentTree"), "/Nums", source):
            if not isinstance(key, int):
                raise MergeError("unexpected parent tree entry")
            self.parents.append((key + self.next_key, _moved(value, offset, redirect)))
        for name, element in ids:
            assert isinstance(name, Raw)
            self.ids.append((names.renamed(name.text), _moved(element, offset, redirect)))
        roles = _get(tree, "/RoleMap")
        if isinstance(roles, dict):
            self.roles.update(roles)
        self.next_key += _int(tree, "/ParentTreeNextKey")
        if index == 0:
            self.catalog = root + offset
            self.info = _ref(source.trailer, "/Info") + offset
            self.trailer_id = _get(source.trailer, "/ID")
            self.document = document.number + offset
            metadata = _get(catalog, "/Metadata")
            self.metadata = metadata.number + offset if isinstance(metadata, Ref) else None
            self.outlines = outlines.number + offset if isinstance(outlines, Ref) else None
        else:
            self._adopt(_dict(source.value(document.number)), offset, redirect)
            if isinstance(outlines, Ref) and self.outlines is not None:
                self._adopt_bookmarks(_dict(source.value(outlines.number)), offset)

    def _copy(
        self,
        source: _Source,
        offset: int,
        redirect: dict[int, int],
        dropped: set[int],
        names: _Names | None = None,
    ) -> None:
        """The source's objects, less ``dropped``, renumbered, with its element IDs renamed."""
        numbers = [number for number in source.objects if number not in dropped]
        # Most objects hold no string but element IDs, so a reference there cannot be text
        # inside a string: the quick pass. Anything else may hold a title, and is read minding
        # its strings.
        quick: list[int] = []
        careful: list[int] = []
        for number in numbers:
            text = source.objects[number].text
            plain = b"(" not in text or (names is not None and names.only_ids(text))
            (quick if plain else careful).append(number)
        for group, renumber in ((quick, _renumber_quick), (careful, _renumber)):
            if not group:
                continue
            blob = renumber(
                _SEPARATOR.join(source.objects[n].text for n in group), offset, redirect
            )
            if names is not None:
                blob = names.rename(blob)
            for number, text in zip(group, blob.split(_SEPARATOR), strict=True):
                self.objects[number + offset] = _Object(text, source.objects[number].data)
        self.next_number += max(source.objects)

    def _adopt(self, document: dict[Name, Value], offset: int, redirect: dict[int, int]) -> None:
        """The part's top-level elements, appended to the first part's Document."""
        moved = [_moved(kid, offset, redirect) for kid in _list(_get(document, "/K"))]
        first = self._value(self.document)
        first[Name(b"/K")] = _list(_get(first, "/K")) + [kid for kid in moved if kid is not None]
        self._store(self.document, first)

    def _title_bookmark(self) -> int:
        assert self.outlines is not None
        last = _get(self._value(self.outlines), "/Last")
        if not isinstance(last, Ref):
            raise MergeError("the first part's outline is empty")
        return last.number

    def _adopt_bookmarks(self, outlines: dict[Name, Value], offset: int) -> None:
        """The part's top-level bookmarks, after the title's last child (their parent, by the
        redirection of the part's outline root), counted as visible."""
        title_number = self._title_bookmark()
        item = _moved(_get(outlines, "/First"), offset, {})
        added = 0
        while item is not None:
            values = self._value(item.number)
            following = _moved(_get(values, "/Next"), 0, {})
            values.pop(Name(b"/Next"), None)
            values.pop(Name(b"/Prev"), None)
            title = self._value(title_number)
            last = _get(title, "/Last")
            if isinstance(last, Ref):
                values[Name(b"/Prev")] = last
                previous = self._value(last.number)
                previous[Name(b"/Next")] = item
                self._store(last.number, previous)
                title = self._value(title_number)
            else:
                title[Name(b"/First")] = item
            title[Name(b"/Last")] = item
            self._store(title_number, title)
            self._store(item.number, values)
            added += 1 + max(0, _int(values, "/Count") if _has(values, "/Count") else 0)
            item = following
        for number in (title_number, self.outlines):
            assert number is not None
            values = self._value(number)
            count = _int(values, "/Count") if _has(values, "/Count") else 0
            values[Name(b"/Count")] = count + added
            self._store(number, values)

    def add_furniture(self, sources: Iterable[_Source]) -> None:
        """Each furniture page's content as a form XObject drawn over the body's page, and the
        pages' keys into the parent tree moved past the earlier parts'."""
        save = self._new_stream(b"q\n")
        restore = self._new_stream(b"Q\n")
        forms: list[int] = []
        for source in sources:
            offset = self.next_number - 1
            root = _ref(source.trailer, "/Root")
            catalog = _dict(source.value(root))
            pages = _page_numbers(source, _ref(catalog, "/Pages"))
            # Only each page's content and what it draws with are kept.
            dropped = {root, _ref(source.trailer, "/Info"), *pages}
            dropped |= set(_page_tree_nodes(source, _ref(catalog, "/Pages")))
            for entry in ("/Metadata", "/Outlines", "/StructTreeRoot"):
                value = _get(catalog, entry)
                if isinstance(value, Ref):
                    dropped.add(value.number)
            tree = _get(catalog, "/StructTreeRoot")
            if isinstance(tree, Ref):
                tree_values = _dict(source.value(tree.number))
                dropped |= {k.number for k in _list(_get(tree_values, "/K")) if isinstance(k, Ref)}
                dropped |= {
                    v.number
                    for _, v in _pairs(_get(tree_values, "/ParentTree"), "/Nums", source)
                    if isinstance(v, Ref)
                }
            for page in pages:
                values = _dict(source.value(page))
                contents = _get(values, "/Contents")
                if not isinstance(contents, Ref):
                    raise MergeError("a furniture page has more than one content stream")
                stream = _dict(source.value(contents.number))
                stream[Name(b"/Type")] = Name(b"/XObject")
                stream[Name(b"/Subtype")] = Name(b"/Form")
                stream[Name(b"/BBox")] = _get(values, "/MediaBox")
                stream[Name(b"/Resources")] = _get(values, "/Resources")
                source.objects[contents.number].text = _serialise(stream)
                forms.append(contents.number + offset)
            self._copy(source, offset, {}, dropped)
        if len(forms) != len(self.pages):
            raise MergeError(f"{len(forms)} furniture pages for {len(self.pages)} pages")
        for (page, key), form in zip(self.pages, forms, strict=True):
            values = self._value(page)
            if _has(values, "/StructParents"):
                values[Name(b"/StructParents")] = _int(values, "/StructParents") + key
            for annotation in _list(_get(values, "/Annots")):
                if isinstance(annotation, Ref):
                    found = self._value(annotation.number)
                    if _has(found, "/StructParent"):
                        found[Name(b"/StructParent")] = _int(found, "/StructParent") + key
                        self._store(annotation.number, found)
            resources = _get(values, "/Resources")
            found = (
                self._value(resources.number) if isinstance(resources, Ref) else _dict(resources)
            )
            xobjects = _get(found, "/XObject")
            xobjects = dict(xobjects) if isinstance(xobjects, dict) else {}
            name = Name(b"/Fx%d" % form)
            xobjects[name] = Ref(form)
            found[Name(b"/XObject")] = xobjects
            if isinstance(resources, Ref):
                self._store(resources.number, found)
            else:
                values[Name(b"/Resources")] = found
            draw = self._new_stream(b"q " + bytes(name) + b" Do Q\n")
            contents = _list(_get(values, "/Contents"))
            values[Name(b"/Contents")] = [Ref(save), *contents, Ref(restore), Ref(draw)]
            self._store(page, values)

    def write(self) -> bytes:
        self._store(
            self.root_pages,
            {
                Name(b"/Type"): Name(b"/Pages"),
                Name(b"/Count"): len(self.pages),
                Name(b"/Kids"): [Ref(page) for page, _ in self.pages],
            },
        )
        tree: dict[Name, Value] = {
            Name(b"/Type"): Name(b"/StructTreeRoot"),
            Name(b"/K"): [Ref(self.document)],
            Name(b"/ParentTree"): {Name(b"/Nums"): [x for pair in self.parents for x in pair]},
            Name(b"/ParentTreeNextKey"): self.next_key,
        }
        if self.roles:
            tree[Name(b"/RoleMap")] = self.roles
        if self.ids:
            self.ids.sort(key=lambda pair: pair[0])
            tree[Name(b"/IDTree")] = {
                Name(b"/Names"): [x for name, ref in self.ids for x in (Raw(name), ref)]
            }
        self._store(self.tree, tree)
        if self.metadata is not None:
            self._count_pages(self.metadata)
        return self._serialised()

    def _count_pages(self, number: int) -> None:
        """The page count in the XMP metadata, which the first part wrote for itself."""
        metadata = self.objects[number]
        values = _dict(_parse(metadata.text))
        if metadata.data is None or _has(values, "/Filter"):
            return
        data = _N_PAGES.sub(b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(self.pages), metadata.data)
        values[Name(b"/Length")] = len(data)
        self.objects[number] = _Object(_serialise(values), data)

    def _serialised(self) -> bytes:
        """Every object, numbered as it is, and the cross-reference table; the objects are let
        go as they are written."""
        out = [b"%PDF-1.7\n%\x80\x80\x80\x80\n"]
        size = len(out[0])
        offsets: dict[int, int] = {}
        for number in sorted(self.objects):
            obj = self.objects.pop(number)
            offsets[number] = size
            if obj.data is None:
                chunk = b"%d 0 obj\n%s\nendobj\n" % (number, obj.text)
            else:
                chunk = b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (
                    number,
                    obj.text,
                    obj.data,
                )
            out.append(chunk)
            size += len(chunk)
        count = max(offsets) + 1
        table = [b"xref\n0 %d\n0000000000 65535 f\r\n" % count]
        table += [
            b"%010d 00000 n\r\n" % offsets[n] if n in offsets else b"0000000000 65535 f\r\n"
            for n in range(1, count)
        ]
        trailer: dict[Name, Value] = {
            Name(b"/Size"): count,
            Name(b"/Root"): Ref(self.catalog),
            Name(b"/Info"): Ref(self.info),
        }
        if self.trailer_id is not None:
            trailer[Name(b"/ID")] = self.trailer_id
        table.append(b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (_serialise(trailer), size))
        return b"".join(out + table)

    def _value(self, number: int) -> dict[Name, Value]:
        return _dict(_parse(self.objects[number].text))

    def _store(self, number: int, values: dict[Name, Value]) -> None:
        old = self.objects.get(number)
        self.objects[number] = _Object(_serialise(values), old.data if old else None)

    def _new_stream(self, data: bytes) -> int:
        number = self._allocate()
        self.objects[number] = _Object(_serialise({Name(b"/Length"): len(data)}), data)
        return number


def _renumber(text: bytes, offset: int, redirect: dict[int, int]) -> bytes:
    """``text`` with every reference outside strings moved by ``offset`` or redirected."""
    depth = 0

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal depth
        token = match.group(0)
        if token == b"(":
            depth += 1
        elif token == b")":
            depth = max(0, depth - 1)
        elif depth == 0:
            number = int(match.group(1))
            return b"%d 0 R" % redirect.get(number, number + offset)
        return token

    return _REFERENCE_OR_STRING.sub(replace, text)


def _renumber_quick(text: bytes, offset: int, redirect: dict[int, int]) -> bytes:
    """``text``, which holds no strings but IDs, with every reference moved or redirected."""

    def replace(match: re.Match[bytes]) -> bytes:
        number = int(match.group(1))
        return b"%d 0 R" % redirect.get(number, number + offset)

    return _REFERENCE.sub(replace, text)


class _Names:
    """A part's element IDs (literal strings, parentheses and all), and the same IDs renamed
    for a later part: "(U1x0y0)" in the third part is "(P3-U1x0y0)"."""

    def __init__(self, ids: list[bytes], index: int) -> None:
        self.index = index
        longest_first = sorted(set(ids), key=len, reverse=True)
        self.pattern = (
            re.compile(b"|".join(re.escape(name) for name in longest_first)) if ids else None
        )

    def renamed(self, name: bytes) -> bytes:
        return b"(P%d-%s" % (self.index + 1, name[1:]) if self.index else name

    def rename(self, text: bytes) -> bytes:
        if self.pattern is None or not self.index:
            return text
        return self.pattern.sub(lambda match: self.renamed(match.group(0)), text)

    def only_ids(self, text: bytes) -> bool:
        """Whether every string in ``text`` is one of the IDs."""
        return self.pattern is not None and b"(" not in self.pattern.sub(b"", text)


def _page_tree_nodes(source: _Source, node: int) -> list[int]:
    """The page tree's own nodes (not its pages)."""
    values = _dict(source.value(node))
    if _get(values, "/Type") != b"/Pages":
        return []
    nodes = [node]
    for kid in _list(_get(values, "/Kids")):
        if isinstance(kid, Ref):
            nodes += _page_tree_nodes(source, kid.number)
    return nodes


def _moved(value: Value, offset: int, redirect: dict[int, int]) -> Ref | None:
    if not isinstance(value, Ref):
        return None
    return Ref(redirect.get(value.number, value.number + offset))


def _page_numbers(source: _Source, node: int) -> list[int]:
    values = _dict(source.value(node))
    if _get(values, "/Type") == b"/Page":
        return [node]
    pages: list[int] = []
    for kid in _list(_get(values, "/Kids")):
        if not isinstance(kid, Ref):
            raise MergeError("a page tree's kid is not a reference")
        pages += _page_numbers(source, kid.number)
    return pages


def _pairs(tree: Value, key: str, source: _Source) -> list[tuple[Value, Value]]:
    """A number or name tree's (key, value) pairs, whether flat or split into kids."""
    if isinstance(tree, Ref):
        tree = source.value(tree.number)
    if not isinstance(tree, dict):
        return []
    flat = _list(_get(tree, key))
    pairs = list(zip(flat[::2], flat[1::2], strict=True))
    for kid in _list(_get(tree, "/Kids")):
        pairs += _pairs(kid, key, source)
    return pairs


# A small reader and writer of PDF values, for the few dictionaries that change.


def _parse(text: bytes) -> Value:
    value, _ = _value_at(text, 0)
    return value


def _value_at(text: bytes, position: int) -> tuple[Value, int]:
    match = _TOKEN.match(text, position)
    if match is None:
        raise MergeError(f"cannot read {text[position : position + 40]!r}")
    token, position = match.group(1), match.end()
    if token == b"<<":
        values: dict[Name, Value] = {}
        while True:
            match = _TOKEN.match(text, position)
            if match is None:
                raise MergeError("unterminated dictionary")
            if match.group(1) == b">>":
                return values, match.end()
            key, position = _value_at(text, position)
            if not isinstance(key, Name):
                raise MergeError("a dictionary key is not a name")
            values[key], position = _value_at(text, position)
    if token == b"[":
        items: list[Value] = []
        while True:
            match = _TOKEN.match(text, position)
            if match is None:
                raise MergeError("unterminated array")
            if match.group(1) == b"]":
                return items, match.end()
            item, position = _value_at(text, position)
            items.append(item)
    if token == b"(":
        end = _string_end(text, position)
        return Raw(text[position - 1 : end]), end
    if token.startswith(b"/"):
        return Name(token), position
    if token.startswith(b"<"):
        return Raw(token), position
    if token in (b"true", b"false"):
        return Raw(token), position
    if token == b"null":
        return None, position
    reference = re.compile(rb"\s+(\d+)\s+R(?![\w.])").match(text, position)
    if reference is not None and token.isdigit():
        return Ref(int(token)), reference.end()
    return (int(token) if token.lstrip(b"+-").isdigit() else Raw(token)), position


def _string_end(text: bytes, position: int) -> int:
    """Where the literal string that opened just before ``position`` ends."""
    depth = 1
    while depth:
        match = re.compile(rb"\\.|[()]", re.S).search(text, position)
        if match is None:
            raise MergeError("unterminated string")
        position = match.end()
        if match.group(0) == b"(":
            depth += 1
        elif match.group(0) == b")":
            depth -= 1
    return position


def _serialise(value: Value) -> bytes:
    if isinstance(value, dict):
        return b"<<" + b"".join(bytes(k) + b" " + _serialise(v) for k, v in value.items()) + b">>"
    if isinstance(value, list):
        return b"[" + b" ".join(_serialise(item) for item in value) + b"]"
    if isinstance(value, Ref):
        return b"%d 0 R" % value.number
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Name):
        return bytes(value)
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if value is None:
        return b"null"
    raise MergeError(f"cannot write {value!r}")


def _has(values: Value, key: str) -> bool:
    return isinstance(values, dict) and Name(key.encode()) in values


def _get(values: Value, key: str) -> Value:
    return values.get(Name(key.encode())) if isinstance(values, dict) else None


def _dict(value: Value) -> dict[Name, Value]:
    if not isinstance(value, dict):
        raise MergeError("expected a dictionary")
    return value


def _list(value: Value) -> list[Value]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ref(values: Value, key: str) -> int:
    value = _get(values, key)
    if not isinstance(value, Ref):
        raise MergeError(f"{key} is not a reference")
    return value.number


def _int(values: Value, key: str) -> int:
    value = _get(values, key)
    if not isinstance(value, int):
        raise MergeError(f"{key} is not an integer")
    return value
