"""Jinja2 templates of the web pages (autoescaped; inline CSS; no scripts, no external assets)."""

from __future__ import annotations

CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #6e6e73; --line: #d2d2d7;
  --accent: #0a5ad4; --bg: #fff; --card: #f7f7f9; --warn: #fff4d6; --ok: #e8f5e9; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ed; --muted: #a1a1a6;
  --line: #3a3a3c; --accent: #6aa6ff; --bg: #161617; --card: #1f1f21; --warn: #3a3115;
  --ok: #1c2e1e; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem 1rem 3rem; background: var(--bg);
  color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header.top { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: center;
  border-bottom: 1px solid var(--line); padding-bottom: .6rem; margin-bottom: 1rem; }
header.top a.brand { font-weight: 700; color: var(--fg); }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; line-height: 1.3; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; }
form.search { display: flex; gap: .4rem; margin: 0 0 1rem; }
input[type=search], input[type=text], input[type=url], input[type=date], textarea {
  width: 100%; padding: .45rem .6rem; font: inherit; border: 1px solid var(--line);
  border-radius: 6px; background: var(--bg); color: var(--fg); }
textarea { min-height: 12rem; }
button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; cursor: pointer; }
label { display: block; margin: .7rem 0 .2rem; font-weight: 600; }
ul.events { list-style: none; padding: 0; margin: 0; }
ul.events li { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: .7rem 1rem; margin: .6rem 0; }
ul.events li a.title { font-weight: 600; }
.brief { font-size: 1.05rem; }
sup { font-size: .7rem; } sup a { margin-left: .1rem; }
ol.sources { padding-left: 1.6rem; font-size: .95rem; } ol.sources li { margin: .3rem 0;
  overflow-wrap: anywhere; } ol.sources li:target { background: var(--warn); }
.disagree { background: var(--warn); border-radius: 8px; padding: .5rem .9rem; }
.facts { background: var(--ok); border-radius: 8px; padding: .5rem .9rem; }
.disagree ul, .facts ul { margin: .2rem 0; padding-left: 1.2rem; }
mark { background: transparent; color: inherit; font-weight: 700; }
nav.pages { display: flex; gap: 1rem; margin: 1rem 0; }
.problems { color: #b3261e; }
table#feeds { border-collapse: collapse; font-size: .9rem; width: 100%; }
table#feeds td, table#feeds th { border-bottom: 1px solid var(--line); padding: .3rem .4rem;
  text-align: left; vertical-align: top; overflow-wrap: anywhere; }
footer { color: var(--muted); font-size: .8rem; margin-top: 2rem; }
"""

BASE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>{% block title %}newsbrief{% endblock %}</title>
<style>{{ css|safe }}</style>
</head>
<body>
<header class="top"><a class="brand" href="/">newsbrief</a><a href="/">events</a>
<a href="/add">add articles</a><a href="/feeds">feeds</a></header>
<main>{% block main %}{% endblock %}</main>
<footer>newsbrief · {{ counts.articles }} articles, {{ counts.events }} events</footer>
</body>
</html>
"""

INDEX = """{% extends "base.html" %}
{% block title %}{% if q %}{{ q }} · {% endif %}newsbrief events{% endblock %}
{% block main %}
<h1>Events</h1>
<form class="search" method="get" action="/" role="search">
<input type="search" name="q" value="{{ q }}" placeholder="search titles and briefs"
 aria-label="search">
<button type="submit">Search</button>
</form>
{% if q %}<p class="meta" id="result-count">{{ total }} event(s) match “{{ q }}”</p>{% endif %}
{% if items %}
<ul class="events">
{% for it in items %}
<li><a class="title" href="/events/{{ it.id }}">{{ it.title }}</a>
<p class="meta">{{ it.outlets }} outlet(s) · {{ it.size }} article(s) · {{ it.dates }}
{% if it.pending %} · brief pending{% endif %}</p>
{% if it.headline %}<div>{{ it.headline }}</div>{% endif %}</li>
{% endfor %}
</ul>
{% else %}
<p>No events{% if q %} match this search{% endif %}. <a href="/add">Add articles</a>.</p>
{% endif %}
<nav class="pages">
{% if page > 1 %}<a rel="prev" href="{{ prev_url }}">← newer page</a>{% endif %}
<span class="meta">page {{ page }} of {{ pages }}</span>
{% if page < pages %}<a rel="next" href="{{ next_url }}">next page →</a>{% endif %}
</nav>
{% endblock %}
"""

EVENT = """{% extends "base.html" %}
{% block title %}{{ title }} · newsbrief{% endblock %}
{% block main %}
<article>
<h1>{{ title }}</h1>
<p class="meta">{{ outlets }} outlet(s) · {{ size }} article(s) · {{ dates }}
· event <code>{{ event_id }}</code></p>
<p class="brief" id="brief">{% for s in sentences %}{{ s.text }}<sup>{% for c in s.citations
%}<a class="cite" href="#source-{{ c }}">[{{ c }}]</a>{% endfor %}</sup> {% endfor %}</p>
{% if disagreements %}
<section class="disagree" id="disagreements"><h2>Sources disagree</h2><ul>
{% for d in disagreements %}<li><strong>{{ d.measure }}</strong>:
{% for v in d["values"] %}<mark>{{ v.value }}</mark>{% for c in v.citations
%}<a href="#source-{{ c }}">[{{ c }}]</a>{% endfor %}{% if not loop.last %} vs {% endif %}{% endfor %}
</li>{% endfor %}</ul></section>
{% endif %}
{% if facts %}
<section class="facts" id="facts"><h2>Facts</h2><ul>
{% for f in facts %}<li>{{ f.measure }}: <mark>{{ f.value }}</mark>{% for c in f.citations
%}<a href="#source-{{ c }}">[{{ c }}]</a>{% endfor %}</li>{% endfor %}
</ul></section>
{% endif %}
<h2>Sources</h2>
<ol class="sources">
{% for s in sources %}<li id="source-{{ s.number }}">{% if s.href %}<a href="{{ s.href }}"
 rel="noopener noreferrer nofollow">{{ s.label }}</a>{% else %}{{ s.label }}{% endif %}
 — {{ s.outlet }}{% if s.date %} — {{ s.date }}{% endif %}{% if s.bad_url %}
 <span class="meta">({{ s.bad_url }})</span>{% endif %}{% if s.copy_of %}
 <span class="meta">(copy of [{{ s.copy_of }}])</span>{% endif %}</li>
{% endfor %}
</ol>
</article>
{% endblock %}
"""

ADD = """{% extends "base.html" %}
{% block title %}Add articles · newsbrief{% endblock %}
{% block main %}
<h1>Add articles</h1>
{% if problems %}<ul class="problems" id="problems">{% for p in problems %}<li>{{ p }}</li>
{% endfor %}</ul>{% endif %}
<form method="post" action="/add" enctype="multipart/form-data">
<label for="title">Title</label><input type="text" id="title" name="title" value="{{ form.title }}">
<label for="url">Link (http or https)</label>
<input type="url" id="url" name="url" value="{{ form.url }}">
<label for="date">Date</label><input type="date" id="date" name="date" value="{{ form.date }}">
<label for="text">Article text</label>
<textarea id="text" name="text">{{ form.text }}</textarea>
<label for="files">…or upload files (text, HTML, JSON, JSON Lines, WARC)</label>
<input type="file" id="files" name="files" multiple>
<p><button type="submit">Add</button></p>
</form>
{% endblock %}
"""

FEEDS = """{% extends "base.html" %}
{% block title %}Feeds · newsbrief{% endblock %}
{% block main %}
<h1>Feeds</h1>
{% if feeds %}
<table id="feeds"><thead><tr><th>feed</th><th>last fetched</th><th>last success</th>
<th>links</th><th>state</th></tr></thead><tbody>
{% for f in feeds %}<tr><td><code>{{ f.url }}</code></td><td>{{ f.last_fetch or "never" }}</td>
<td>{{ f.last_success or "never" }}</td><td>{{ f.entries }}</td>
<td>{% if f.failures %}<span class="problems">{{ f.failures }} failure(s) in a row:
{{ f.last_error }}</span>{% else %}ok{% endif %}</td></tr>
{% endfor %}</tbody></table>
{% else %}
<p>No feed fetched yet: run <code>newsbrief watch FEEDS_FILE</code> on this store.</p>
{% endif %}
{% endblock %}
"""

ERROR = """{% extends "base.html" %}
{% block title %}{{ code }} · newsbrief{% endblock %}
{% block main %}<h1>{{ code }}</h1><p>{{ message }}</p><p><a href="/">Back to events</a></p>
{% endblock %}
"""

TEMPLATES = {
    "base.html": BASE,
    "index.html": INDEX,
    "event.html": EVENT,
    "add.html": ADD,
    "feeds.html": FEEDS,
    "error.html": ERROR,
}
