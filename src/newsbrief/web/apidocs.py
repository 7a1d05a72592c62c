"""``/docs``: the API described from its OpenAPI schema, as a static page.

FastAPI's Swagger UI loads its script and style from a CDN, which fails offline and is
blocked by the app's Content-Security-Policy anyway; this page needs neither: it is
rendered on the server from ``app.openapi()``, with no script, and links to
``/openapi.json`` for tools that read the schema.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, select_autoescape

__all__ = ["render_docs"]

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} API</title><style>{{ css }}
.op { border-top: 1px solid #ddd; padding: .6em 0; }
.method { font-weight: bold; font-family: monospace; margin-right: .5em; }
table.params td, table.params th { padding: .1em .6em; text-align: left; }
</style></head>
<body><main>
<h1>{{ title }} API</h1>
<p>{{ summary }}. The machine-readable schema (OpenAPI {{ openapi }}) is at
<a href="/openapi.json">/openapi.json</a>; errors are JSON <code>{"detail": ...}</code>.</p>
{% for op in ops %}
<section class="op" id="{{ op.anchor }}">
<h2><span class="method">{{ op.method }}</span><code>{{ op.path }}</code></h2>
{% if op.summary %}<p>{{ op.summary }}</p>{% endif %}
{% if op.params %}
<table class="params"><tr><th>parameter</th><th>in</th><th>type</th><th>required</th></tr>
{% for p in op.params %}<tr><td><code>{{ p.name }}</code></td><td>{{ p.where }}</td>
<td>{{ p.type }}</td><td>{{ "yes" if p.required else "no" }}</td></tr>{% endfor %}
</table>
{% endif %}
{% if op.bodies %}<p>Body: {{ op.bodies | join(", ") }}</p>{% endif %}
<p>Answers: {{ op.answers | join(", ") }}</p>
</section>
{% endfor %}
</main></body></html>
"""

_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_TEMPLATE = _ENV.from_string(_PAGE)


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    kind = str(schema.get("type", schema.get("$ref", "any").rsplit("/", 1)[-1]))
    bounds = [
        f"{word} {schema[key]}"
        for key, word in (
            ("minimum", "≥"),
            ("maximum", "≤"),
            ("minLength", "length ≥"),
            ("maxLength", "length ≤"),
        )
        if key in schema
    ]
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


def render_docs(schema: dict[str, Any], css: str) -> str:
    """The HTML of ``/docs`` for an OpenAPI ``schema``."""
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": f"{method}-{path}".replace("/", "-").strip("-"),
                    "summary": op.get("summary", ""),
                    "params": [
                        {
                            "name": p.get("name", ""),
                            "where": p.get("in", ""),
                            "type": _type(p.get("schema", {})),
                            "required": bool(p.get("required")),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "bodies": list(op.get("requestBody", {}).get("content", {})),
                    "answers": list(op.get("responses", {})),
                }
            )
    info = schema.get("info", {})
    return _TEMPLATE.render(
        title=info.get("title", "API"),
        summary=info.get("summary", ""),
        openapi=schema.get("openapi", ""),
        ops=ops,
        css=css,
    )
