"""JSON-LD into a page without letting a headline out of its ``<script>`` element."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The escapes of Django's json_script: with <, > and & written as JSON \u escapes, no text
# in the data (say a headline "</script><script>alert(1)</script>") can close the element
# or start a comment, and the JSON still parses back to exactly the same strings.
_SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(nodes: list[dict]) -> SafeString:
    """One ``<script type="application/ld+json">`` holding ``nodes``, each with its own
    ``@context``, as a JSON array. (A single ``@graph`` document is equivalent JSON-LD, but
    structured-data-testing-tool does not look inside ``@graph``; an array every reader takes.)

    A JSON-LD block is data, not code: browsers never run it, so the page's CSP
    (``script-src 'self'``) neither blocks it nor needs a nonce for it.
    """
    document = [{"@context": "https://schema.org", **node} for node in nodes]
    text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
