"""GOV.UK Design System components as Django template tags, written once here.

Each tag takes the option names of the Design System's Nunjucks macro (`text`, `classes`,
`caption`, `captionClasses`, `firstCellIsHeader`, `titleText`, ...). Where a macro takes HTML
(a summary list row's value, a table cell, a banner's content) the tag is a block and the
HTML is its body; given `text`/`value` instead, the tag has no end tag. A component whose
parts sit inside it (a table's rows, a summary list's rows, a card's actions) keeps what the
parts need (column names, whether a row has actions) in the template context, never on the
nodes, which are shared between requests.

The components drawn many times a page (tags, table cells, summary list rows) are built with
`format_html` rather than an inclusion template each: a 200-row tracker draws 1,600 cells.
Those drawn once a page (banners, pagination, navigation) are templates in `govuk/`.

govuk-frontend-django (0.15, for GOV.UK Frontend 5.9) was tried and not adopted: it builds a
new Jinja environment and compiles the macro for every component (200 tags took 2.1 s) and
keeps render state on template nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from django import template
from django.core.paginator import Page
from django.template import Template
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString, mark_safe

# Lists the errors of the forms given to the error summary as (link, message).
ErrorCollector = Callable[[list[Any]], list[tuple[str, str]]]

TABLE = "_govuk_table"
ROW = "_govuk_table_row"
SUMMARY_LIST = "_govuk_summary_list"
CARD = "_govuk_summary_card"
ERROR_SUMMARY = "_govuk_error_summary"
TASK_LIST = "_govuk_task_list"
EMPTY = SafeString("")
# Stands for a summary list row's "no actions" modifier until the list knows whether any
# of its rows has actions (the Design System adds it only then).
_NO_ACTIONS = SafeString("\x00govuk-no-actions\x00")


def _classes(*parts: object) -> str:
    return " ".join(str(part) for part in parts if part)


def _attr(name: str, value: object) -> SafeString:
    """` name="value"`, or nothing when the value is empty."""
    if value in (None, "", False):
        return EMPTY
    return format_html(' {}="{}"', name, value)


def tag_html(text: object, classes: str = "") -> SafeString:
    """The tag component, for Python callers (a template filter drawing a RAG status)."""
    return format_html('<strong class="{}">{}</strong>', _classes("govuk-tag", classes), text)


# Parsing ---------------------------------------------------------------------------------


@dataclass
class _Parsed:
    args: list[FilterExpression]
    kwargs: dict[str, FilterExpression | _Interpolated]
    nodelist: NodeList | None


def _parse(parser: Parser, token: Token, *, inline_when: tuple[str, ...] = ()) -> _Parsed:
    """Positional and keyword options; the body up to the end tag unless one of
    `inline_when` is given (then the tag stands alone, as `{% govuk_tag text="..." %}`)."""
    bits = token.split_contents()
    name, rest = bits[0], bits[1:]
    args: list[FilterExpression] = []
    kwargs: dict[str, FilterExpression | _Interpolated] = {}
    for bit in rest:
        kwarg = template.base.token_kwargs([bit], parser)
        if kwarg:
            ((key, value),) = kwarg.items()
            text = bit.partition("=")[2]
            if "{{" in text and text[0] == text[-1] and text[0] in "\"'":
                kwargs[key] = _Interpolated(text[1:-1])
            else:
                kwargs[key] = value
        else:
            args.append(parser.compile_filter(bit))
    nodelist = None
    if not any(option in kwargs for option in inline_when):
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
    return _Parsed(args, kwargs, nodelist)


class _Interpolated:
    """An option written as a string with variables in it, `caption="{{ committee.name }}
    recommendations"`: drawn with the context (and escaped) like the page around it."""

    def __init__(self, text: str) -> None:
        self.template = Template(text)

    def resolve(self, context: Context) -> SafeString:
        # A template's output: its variables are escaped.
        return mark_safe(self.template.render(context))  # noqa: S308  # nosec B308 B703


class ComponentNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, parsed: _Parsed) -> None:
        self.args = parsed.args
        self.kwargs = parsed.kwargs
        self.has_body = parsed.nodelist is not None
        self.nodelist = parsed.nodelist if parsed.nodelist is not None else NodeList()

    def options(self, context: Context) -> dict[str, Any]:
        return {key: value.resolve(context) for key, value in self.kwargs.items()}

    def body(self, context: Context) -> SafeString:
        # The body's rendered template: its variables are escaped.
        return mark_safe(self.nodelist.render(context).strip())  # noqa: S308  # nosec B308 B703

    def content(self, context: Context, options: dict[str, Any], text_option: str) -> str:
        """The block's HTML, or the text option escaped."""
        if self.has_body:
            return self.body(context)
        return conditional_escape(options.get(text_option, ""))


def tag_compiler(node_class: type[ComponentNode], *, inline_when: tuple[str, ...] = ()) -> Any:
    def compile_tag(parser: Parser, token: Token) -> ComponentNode:
        return node_class(_parse(parser, token, inline_when=inline_when))

    return compile_tag


# Table -----------------------------------------------------------------------------------


@dataclass
class _Table:
    stack: bool
    first_cell_is_header: bool
    labels: list[str] = field(default_factory=list)
    head: list[str] = field(default_factory=list)
    has_bodies: bool = False


@dataclass
class _Row:
    column: int = 0


class TableNode(ComponentNode):
    """`{% govuk_table caption=... captionClasses=... classes=... firstCellIsHeader=True
    scrollRegion="label" %}`: a table; `scrollRegion` wraps it in a labelled, focusable region
    that scrolls sideways on its own, and the class `scrutineer-table--stack` stacks its rows
    on small screens, each cell under its column's name (data-label)."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        classes = str(opts.get("classes") or "")
        state = _Table(
            stack="scrutineer-table--stack" in classes.split(),
            first_cell_is_header=bool(opts.get("firstCellIsHeader")),
        )
        with context.push({TABLE: state}):
            body = self.body(context)
        if not state.has_bodies:
            body = format_html('<tbody class="govuk-table__body">{}</tbody>', body)
        head = EMPTY
        if state.head:
            head = format_html(
                '<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>',
                format_html_join("", "{}", ((cell,) for cell in state.head)),
            )
        caption = EMPTY
        if opts.get("caption"):
            caption = format_html(
                '<caption class="{}">{}</caption>',
                _classes("govuk-table__caption", opts.get("captionClasses")),
                opts["caption"],
            )
        html = format_html(
            '<table class="{}">{}{}{}</table>',
            _classes("govuk-table", classes),
            caption,
            head,
            body,
        )
        if opts.get("scrollRegion"):
            html = format_html(
                '<div class="scrutineer-table-scroll" role="region" aria-label="{}" tabindex="0">'
                "{}</div>",
                opts["scrollRegion"],
                html,
            )
        return html


class TableHeadNode(ComponentNode):
    """`{% govuk_table_head %}` with a `{% govuk_table_header %}` for each column."""

    def render(self, context: Context) -> str:
        state: _Table | None = context.get(TABLE)
        with context.push({ROW: None}):
            html = self.body(context)
        if state is None:
            return format_html(
                '<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>',
                html,
            )
        state.head.append(html)
        return ""


class TableHeaderNode(ComponentNode):
    """A column's header: `text` (or HTML as the body), `format="numeric"`, `classes`,
    `colspan`, `rowspan`; `label` names the column for stacked cells when it is HTML."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        content = self.content(context, opts, "text")
        state: _Table | None = context.get(TABLE)
        colspan = int(opts.get("colspan") or 1)
        if state is not None:
            # The header's text, as the data-label attribute will escape it again.
            label = str(opts["label"] if "label" in opts else unescape(strip_tags(content)))
            state.labels.extend([label.strip()] * colspan)
        return format_html(
            '<th scope="col" class="{}"{}{}>{}</th>',
            _classes(
                "govuk-table__header",
                opts.get("format") and f"govuk-table__header--{opts['format']}",
                opts.get("classes"),
            ),
            _attr("colspan", opts.get("colspan")),
            _attr("rowspan", opts.get("rowspan")),
            content,
        )


class TableBodyNode(ComponentNode):
    """`{% govuk_table_body %}`: only for a table of several row groups (one tbody each);
    otherwise the table puts its rows in one body itself."""

    def render(self, context: Context) -> str:
        state: _Table | None = context.get(TABLE)
        if state is not None:
            state.has_bodies = True
        return format_html('<tbody class="govuk-table__body">{}</tbody>', self.body(context))


class TableRowNode(ComponentNode):
    def render(self, context: Context) -> str:
        opts = self.options(context)
        with context.push({ROW: _Row()}):
            html = self.body(context)
        return format_html(
            '<tr class="{}">{}</tr>', _classes("govuk-table__row", opts.get("classes")), html
        )


class TableCellNode(ComponentNode):
    """A cell: `text` (or HTML as the body), `format="numeric"`, `classes`, `colspan`,
    `rowspan`; `header=True` (or the table's `firstCellIsHeader`) makes it the row's header,
    `scope` says which cells it heads (`row` unless given); `label` overrides the
    column's name shown above it when the table stacks."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        content = self.content(context, opts, "text")
        table: _Table | None = context.get(TABLE)
        row: _Row | None = context.get(ROW)
        column = row.column if row is not None else 0
        if row is not None:
            row.column += int(opts.get("colspan") or 1)
        label = opts.get("label")
        if label is None and table is not None and table.stack and column < len(table.labels):
            label = table.labels[column]
        is_header = opts.get("header")
        if is_header is None:
            is_header = table is not None and table.first_cell_is_header and column == 0
        spans = format_html(
            "{}{}", _attr("colspan", opts.get("colspan")), _attr("rowspan", opts.get("rowspan"))
        )
        if is_header:
            return format_html(
                '<th scope="{}" class="{}"{}{}>{}</th>',
                opts.get("scope") or "row",
                _classes(
                    "govuk-table__header",
                    opts.get("format") and f"govuk-table__header--{opts['format']}",
                    opts.get("classes"),
                ),
                _attr("data-label", label),
                spans,
                content,
            )
        return format_html(
            '<td class="{}"{}{}>{}</td>',
            _classes(
                "govuk-table__cell",
                opts.get("format") and f"govuk-table__cell--{opts['format']}",
                opts.get("classes"),
            ),
            _attr("data-label", label),
            spans,
            content,
        )


# Summary list and summary card -----------------------------------------------------------


@dataclass
class _SummaryList:
    has_actions: bool = False


class SummaryListNode(ComponentNode):
    """`{% govuk_summary_list classes=... %}` around `{% govuk_summary_list_row %}`s."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        state = _SummaryList()
        with context.push({SUMMARY_LIST: state}):
            rows = self.body(context)
        no_actions = " govuk-summary-list__row--no-actions" if state.has_actions else ""
        return format_html(
            '<dl class="{}">{}</dl>',
            _classes("govuk-summary-list", opts.get("classes")),
            # The rows are the body as rendered; only the placeholder changes.
            mark_safe(rows.replace(_NO_ACTIONS, no_actions)),  # noqa: S308  # nosec B308 B703
        )


class SummaryListRowNode(ComponentNode):
    """A row: `key`, and `value` (text) or the value's HTML as the body; `classes`; an
    action as `actionHref`, `actionText` ("Change" unless given) and
    `actionVisuallyHiddenText` (what it changes, for screen readers); `keyId` gives the key
    an id, for a value's link to be described by it."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        value = self.content(context, opts, "value")
        actions = EMPTY
        modifier = EMPTY
        state: _SummaryList | None = context.get(SUMMARY_LIST)
        if opts.get("actionHref"):
            if state is not None:
                state.has_actions = True
            actions = format_html(
                '<dd class="govuk-summary-list__actions">{}</dd>',
                _action_link(
                    opts["actionHref"],
                    opts.get("actionText") or "Change",
                    opts.get("actionVisuallyHiddenText"),
                ),
            )
        elif state is not None:
            modifier = _NO_ACTIONS
        return format_html(
            '<div class="{}{}"><dt class="govuk-summary-list__key"{}>{}</dt>'
            '<dd class="govuk-summary-list__value">{}</dd>{}</div>',
            _classes("govuk-summary-list__row", opts.get("classes")),
            modifier,
            _attr("id", opts.get("keyId")),
            opts.get("key", ""),
            value,
            actions,
        )


def _action_link(href: str, text: str, hidden: object) -> SafeString:
    hidden_html = (
        format_html('<span class="govuk-visually-hidden"> {}</span>', hidden) if hidden else EMPTY
    )
    return format_html('<a class="govuk-link" href="{}">{}{}</a>', href, text, hidden_html)


@dataclass
class _Card:
    title: SafeString = EMPTY
    actions: list[SafeString] = field(default_factory=list)


class SummaryCardNode(ComponentNode):
    """`{% govuk_summary_card title=... headingLevel=2 classes=... %}`: a summary card; its
    title may instead be a `{% govuk_summary_card_title %}` block, its actions are
    `{% govuk_summary_card_action href=... text=... visuallyHiddenText=... %}`s, `id` lets a
    link point at it, and the rest of its body is the card's content (usually a summary list)."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        state = _Card(title=conditional_escape(opts.get("title", "")))
        with context.push({CARD: state}):
            content = self.body(context)
        level = int(opts.get("headingLevel") or 2)
        actions = EMPTY
        if len(state.actions) == 1:
            actions = format_html(
                '<div class="govuk-summary-card__actions">{}</div>', state.actions[0]
            )
        elif state.actions:
            actions = format_html(
                '<ul class="govuk-summary-card__actions">{}</ul>',
                format_html_join(
                    "",
                    '<li class="govuk-summary-card__action">{}</li>',
                    ((action,) for action in state.actions),
                ),
            )
        return format_html(
            '<div class="{}"{}><div class="govuk-summary-card__title-wrapper">'
            '<h{} class="govuk-summary-card__title">{}</h{}>{}</div>'
            '<div class="govuk-summary-card__content">{}</div></div>',
            _classes("govuk-summary-card", opts.get("classes")),
            _attr("id", opts.get("id")),
            level,
            state.title,
            level,
            actions,
            content,
        )


class SummaryCardTitleNode(ComponentNode):
    def render(self, context: Context) -> str:
        state: _Card | None = context.get(CARD)
        if state is not None:
            state.title = self.body(context)
        return ""


class SummaryCardActionNode(ComponentNode):
    def render(self, context: Context) -> str:
        opts = self.options(context)
        state: _Card | None = context.get(CARD)
        if state is not None:
            state.actions.append(
                _action_link(opts["href"], opts.get("text", ""), opts.get("visuallyHiddenText"))
            )
        return ""


# Components drawn from templates in govuk/ -----------------------------------------------


class NotificationBannerNode(ComponentNode):
    """`{% govuk_notification_banner type="success" titleText=... titleId=... %}` with the
    content's HTML as the body, or `text=...` and no end tag."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        success = opts.get("type") == "success"
        return render_to_string(
            "govuk/notification_banner.html",
            {
                "success": success,
                "role": opts.get("role") or ("alert" if success else "region"),
                "titleText": opts.get("titleText") or ("Success" if success else "Important"),
                "titleId": opts.get("titleId") or "govuk-notification-banner-title",
                "text": opts.get("text"),
                "html": self.body(context) if self.has_body else "",
                "classes": opts.get("classes"),
            },
        )


@dataclass
class _ErrorSummary:
    errors: list[tuple[str, str]] = field(default_factory=list)


class ErrorSummaryNode(ComponentNode):
    """`{% govuk_error_summary form other_form %}`: the summary of the forms' errors, each
    linking to its field. With no forms it is a block: `titleText`, `descriptionText`, the
    description's HTML as its body, and a `{% govuk_error_summary_item text=... href=... %}`
    for each error."""

    def __init__(self, parsed: _Parsed, collect: ErrorCollector) -> None:
        super().__init__(parsed)
        self.collect = collect

    def render(self, context: Context) -> str:
        opts = self.options(context)
        if not self.has_body:
            errors = self.collect([arg.resolve(context) for arg in self.args])
            return _error_summary({"errorList": errors}) if errors else ""
        state = _ErrorSummary()
        with context.push({ERROR_SUMMARY: state}):
            description = self.body(context)
        return _error_summary(
            {
                "titleText": opts.get("titleText"),
                "descriptionText": opts.get("descriptionText"),
                "descriptionHtml": description,
                "errorList": state.errors,
            }
        )


def _error_summary(context: dict[str, Any]) -> str:
    return render_to_string("govuk/error_summary.html", context)


def error_summary_compiler(collect: ErrorCollector) -> Any:
    """The error summary's tag: given forms (`{% govuk_error_summary form %}`) it stands
    alone and `collect` lists their errors as (link, message); given none, it is a block."""

    def compile_tag(parser: Parser, token: Token) -> ErrorSummaryNode:
        bits = token.split_contents()
        if any("=" not in bit for bit in bits[1:]):
            forms_ = [parser.compile_filter(bit) for bit in bits[1:]]
            return ErrorSummaryNode(_Parsed(forms_, {}, None), collect)
        return ErrorSummaryNode(_parse(parser, token), collect)

    return compile_tag


class ErrorSummaryItemNode(ComponentNode):
    def render(self, context: Context) -> str:
        opts = self.options(context)
        state: _ErrorSummary | None = context.get(ERROR_SUMMARY)
        if state is not None:
            state.errors.append((opts.get("href") or "", str(opts.get("text", ""))))
        return ""


@dataclass
class _TaskList:
    id_prefix: str
    count: int = 0


class TaskListNode(ComponentNode):
    """`{% govuk_task_list idPrefix=... %}` around `{% govuk_task_list_item %}`s."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        state = _TaskList(id_prefix=str(opts.get("idPrefix") or "task-list"))
        with context.push({TASK_LIST: state}):
            items = self.body(context)
        return format_html(
            '<ul class="{}">{}</ul>', _classes("govuk-task-list", opts.get("classes")), items
        )


class TaskListItemNode(ComponentNode):
    """An item: `title` (or its HTML as the body), `href`, `hint`, and its status as
    `statusText` (plain, "Completed") or `statusTag` with `statusTagClasses` (a tag)."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        state: _TaskList | None = context.get(TASK_LIST)
        if state is None:
            state = _TaskList(id_prefix="task-list")
        state.count += 1
        prefix = f"{state.id_prefix}-{state.count}"
        status = conditional_escape(opts.get("statusText") or "")
        if opts.get("statusTag"):
            status = tag_html(opts["statusTag"], opts.get("statusTagClasses") or "")
        return render_to_string(
            "govuk/task_list_item.html",
            {
                "title": self.content(context, opts, "title"),
                "href": opts.get("href"),
                "hint": opts.get("hint"),
                "hintId": f"{prefix}-hint",
                "statusId": f"{prefix}-status",
                "status": status,
            },
        )


class PhaseBannerNode(ComponentNode):
    """`{% govuk_phase_banner tag="Beta" %}` with the banner's HTML as the body."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        return render_to_string(
            "govuk/phase_banner.html",
            {
                "tag": opts.get("tag"),
                "tagClasses": opts.get("tagClasses"),
                "html": self.content(context, opts, "text"),
                "classes": opts.get("classes"),
            },
        )


class ServiceNavigationNode(ComponentNode):
    """`{% govuk_service_navigation navigation=items ariaLabel=... navigationLabel=...
    navigationId=... menuButtonText=... %}`: `navigation` items have `href`, `text`,
    `active` and optionally `classes`; the body is the `navigationEnd` slot, made of
    `{% govuk_service_navigation_item %}`s."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        return render_to_string(
            "govuk/service_navigation.html",
            {
                "navigation": opts.get("navigation") or [],
                "ariaLabel": opts.get("ariaLabel") or "Service information",
                "navigationLabel": opts.get("navigationLabel") or "Menu",
                "navigationId": opts.get("navigationId") or "navigation",
                "menuButtonText": opts.get("menuButtonText") or "Menu",
                "navigationEnd": self.body(context),
            },
        )


class ServiceNavigationItemNode(ComponentNode):
    """An item of the navigation whose content is not a plain link (a sign-out button):
    `classes`, and its HTML as the body."""

    def render(self, context: Context) -> str:
        opts = self.options(context)
        return format_html(
            '<li class="{}">{}</li>',
            _classes("govuk-service-navigation__item", opts.get("classes")),
            self.body(context),
        )


def pagination_context(page: Page, query: str = "", landmark_label: str = "") -> dict[str, Any]:
    """The pagination component's options (previous, next, items) for a page of a list;
    `query` is the rest of the query string, kept on every link."""
    prefix = f"?{query}&page=" if query else "?page="
    if page.paginator.num_pages < 2:
        return {"items": []}
    return {
        "landmarkLabel": landmark_label or "Pagination",
        "previous": {"href": f"{prefix}{page.previous_page_number()}"}
        if page.has_previous()
        else None,
        "next": {"href": f"{prefix}{page.next_page_number()}"} if page.has_next() else None,
        "items": [
            {"number": number, "href": f"{prefix}{number}", "current": number == page.number}
            for number in page.paginator.page_range
        ],
    }
