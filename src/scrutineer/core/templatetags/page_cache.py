"""``{% remembered "name" part ... %}...{% endremembered %}``: a fragment of a page kept by
the one page cache (``core.page_cache``) until the records change or the day does."""

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe

from scrutineer.core.page_cache import remembered

register = template.Library()


class RememberedNode(template.Node):
    def __init__(self, nodelist: NodeList, name: FilterExpression, parts: list[Any]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context: template.Context) -> SafeString:
        request = context.get("request")
        if request is None:  # rendered outside a request: nothing to key the copy by
            return self.nodelist.render(context)
        parts = [part.resolve(context) for part in self.parts]
        html = remembered(
            request, str(self.name.resolve(context)), lambda: self.nodelist.render(context), *parts
        )
        # The fragment as the template rendered (and escaped) it.
        return mark_safe(html)  # noqa: S308  # nosec B308 B703


@register.tag("remembered")
def do_remembered(parser: Parser, token: Token) -> RememberedNode:
    """The fragment between the tags, named by its first argument and keyed by the others."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
