"""Notebook pages read like the site's other code: each result shown once, code in the site's colours.

A notebook cell on this site holds what it prints twice: as `#>` lines under each print, and as the
output stored in the file, which is what the page shows (mkdocs-jupyter does not execute it). The
harness checks both against one run of the cell (docs_harness/notebook.py). A cell whose output is
exactly its `#>` lines loses the output area on the page (the notebook file and the checks are
unchanged); any other output stays, so nothing printed is ever hidden. The style below
lets code use the full column on a phone (no "In [1]:" prompts there), wraps long lines at spaces
like the site's other code, and takes the colours of Material's code blocks in both schemes.

A heading of a notebook's Markdown cell may end with an explicit id, ``## 这个层 {#the-layer}``, as
the Chinese notebook's do so that links to the English anchors work. mkdocs-jupyter ignores
attr_list and would show ``{#the-layer}`` in the heading and the table of contents: the id is moved
into the heading's ``id`` (and its ``¶`` link, and the TOC entry) and the text is removed.

Everything below the "MkDocs glue" line is a thin wrapper around the plain functions above it.
"""

from __future__ import annotations

import html as html_lib
import logging
import re

log = logging.getLogger("mkdocs.hooks.notebook_cells")

ECHO = "#> "


def echoed_lines(source: str) -> list[str]:
    """The `#>` lines of a cell's source, as the output they promise."""
    lines = []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == "#>" or stripped.startswith(ECHO):
            lines.append(stripped[len(ECHO) :] if stripped != "#>" else "")
    return lines


def drop_echoed_outputs(content: str) -> tuple[str, int, int]:
    """`content` with the output area of each code cell whose text output equals its `#>` lines removed.

    Returns (html, cells dropped, cells with an output kept).
    """
    from selectolax.lexbor import LexborHTMLParser

    # Parsed inside a wrapper so that the notebook's leading <style> elements stay where they are
    # (parsed as a document, they would be moved into a <head> and lost with it).
    tree = LexborHTMLParser(f'<div id="notebook-cells-root">{content}</div>')
    dropped = kept = 0
    for cell in tree.css("div.jp-CodeCell"):
        if cell.parent is not None and "jp-CodeCell" in (cell.parent.attributes.get("class") or ""):
            continue  # mkdocs-jupyter nests a cell in a cell; the outer one holds both areas
        source = cell.css_first(".clipboard-copy-txt")
        outputs = cell.css(".jp-Cell-outputWrapper")
        if source is None or not outputs:
            continue
        texts = [node.text(deep=True) for node in cell.css(".jp-Cell-outputWrapper .jp-OutputArea-output")]
        plain = [node.text(deep=True) for node in cell.css('.jp-Cell-outputWrapper .jp-OutputArea-output[data-mime-type="text/plain"] pre')]
        promised = echoed_lines(html_lib.unescape(source.text(deep=True)))
        if promised and len(plain) == len(texts) and "".join(plain).rstrip("\n").split("\n") == promised:
            for node in outputs:
                node.decompose()
            dropped += 1
        else:
            kept += 1
    return tree.css_first("#notebook-cells-root").inner_html, dropped, kept


_HEADING = re.compile(r"<h(?P<level>[1-6])\b(?P<attrs>[^>]*)>(?P<inner>.*?)</h(?P=level)>", re.S)
_EXPLICIT_ID = re.compile(r"[ \t]*\{#(?P<id>[A-Za-z0-9_][\w:.-]*)\}[ \t]*(?=<a class=\"anchor-link\"|$)")
_ID_ATTR = re.compile(r'\bid="[^"]*"')
_ANCHOR_HREF = re.compile(r'(<a class="anchor-link" href="#)[^"]*(")')


def split_explicit_id(title: str) -> tuple[str, str | None]:
    """'这个层 {#the-layer}' -> ('这个层', 'the-layer'); a title without one is returned as it is, None."""
    m = _EXPLICIT_ID.search(title)
    if m is None or m.end() != len(title):
        return title, None
    return title[: m.start()], m["id"]


def explicit_heading_ids(content: str) -> tuple[str, dict[str, str]]:
    """Headings whose text ends with {#id}: that id set on the heading and its ¶ link, the text removed.

    Returns the HTML and {id the heading had: its explicit id}, for the table of contents.
    """
    moved: dict[str, str] = {}

    def fix(m: re.Match) -> str:
        inner = m["inner"]
        found = _EXPLICIT_ID.search(inner)
        if found is None:
            return m[0]
        new = found["id"]
        old = re.search(r'\bid="([^"]*)"', m["attrs"])
        if old is not None:
            moved[old[1]] = new
        attrs = _ID_ATTR.sub(f'id="{new}"', m["attrs"]) if old is not None else f'{m["attrs"]} id="{new}"'
        inner = _ANCHOR_HREF.sub(rf"\g<1>{new}\g<2>", inner[: found.start()] + inner[found.end():])
        return f'<h{m["level"]}{attrs}>{inner}</h{m["level"]}>'

    return _HEADING.sub(fix, content), moved


def explicit_toc_ids(items) -> None:
    """The same for the table of contents (mkdocs AnchorLink items, nested in .children)."""
    for item in items:
        title, new = split_explicit_id(item.title)
        if new is not None:
            item.title, item.id = title, new
        explicit_toc_ids(item.children)


PHONE = "(max-width: 600px)"
# JupyterLab's own rules come later in the page, some with four classes: the phone rules win with !important.
STYLE = f"""<style id="notebook-cells">
.md-content .jupyter-wrapper :is(.highlight-ipynb, .jp-OutputArea-output) pre {{
  word-break: normal; overflow-wrap: anywhere; white-space: pre-wrap;
  color: var(--md-code-fg-color); font-size: .85em;
}}
.md-content .jupyter-wrapper .highlight-ipynb pre {{ background-color: var(--md-code-bg-color); padding-right: 2.6em; }}  /* clear of the copy button */
.md-content .jupyter-wrapper .jp-InputArea-editor {{ background: var(--md-code-bg-color); border: 0; }}
/* body[...]: above JupyterLab's [data-md-color-scheme=slate] .jupyter-wrapper palette, later in the page */
body[data-md-color-scheme] .md-content .jupyter-wrapper {{
  --jp-mirror-editor-keyword-color: var(--md-code-hl-keyword-color);
  --jp-mirror-editor-operator-color: var(--md-code-hl-operator-color);
  --jp-mirror-editor-punctuation-color: var(--md-code-hl-punctuation-color);
  --jp-mirror-editor-string-color: var(--md-code-hl-string-color);
  --jp-mirror-editor-number-color: var(--md-code-hl-number-color);
  --jp-mirror-editor-comment-color: var(--md-code-hl-comment-color);
  --jp-mirror-editor-builtin-color: var(--md-code-hl-constant-color);
  --jp-mirror-editor-def-color: var(--md-code-hl-function-color);
  --jp-mirror-editor-variable-color: var(--md-code-hl-variable-color);
  --jp-mirror-editor-variable-2-color: var(--md-code-hl-name-color);
  --jp-mirror-editor-error-color: var(--md-code-hl-generic-color);
}}
.md-content .jupyter-wrapper .highlight-ipynb :is(.k, .kn, .kc, .kd, .kp, .kr, .kt, .o, .ow) {{ font-weight: normal; }}
.md-content .jupyter-wrapper .highlight-ipynb :is(.c, .c1, .ch, .cm, .cp, .cpf, .cs) {{ font-style: normal; }}
.md-content .jupyter-wrapper .highlight-ipynb :is(.n, .nn, .nb, .nf, .nc) {{ color: var(--md-code-hl-name-color); }}
.md-content .jupyter-wrapper .highlight-ipynb .nb {{ color: var(--md-code-hl-constant-color); }}
@media {PHONE} {{
  /* overflow visible: not a formatting context, so not narrowed beside the floated edit buttons */
  .md-content .jupyter-wrapper .jp-Notebook {{ padding: 0 !important; overflow: visible !important; }}
  .md-content .jupyter-wrapper .jp-Cell {{ padding: 0 !important; }}
  .md-content .jupyter-wrapper :is(.jp-InputPrompt, .jp-OutputPrompt, .jp-Collapser) {{ display: none !important; }}
}}
</style>"""


def executes_problem(plugin_config) -> str:
    """Why mkdocs-jupyter's configuration would publish output nobody checked ("" if it would not)."""
    if plugin_config is not None and plugin_config.get("execute"):
        return (
            "mkdocs.yml: mkdocs-jupyter has execute: true, so the build would run the notebook in a Jupyter kernel "
            "and publish output the harness never checked; set execute: false (the harness stores the checked "
            "outputs: pytest docs/notebooks --update-outputs)"
        )
    return ""


# ----------------------------------------------------------------------------- MkDocs glue


def on_config(config, **kwargs):
    plugin = config.plugins.get("mkdocs-jupyter")
    problem = executes_problem(plugin.config if plugin is not None else None)
    if problem:
        from mkdocs.exceptions import PluginError

        raise PluginError(problem)
    return config


def on_page_content(html: str, page, config, files, **kwargs) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    out, dropped, kept = drop_echoed_outputs(html)
    out, moved = explicit_heading_ids(out)
    explicit_toc_ids(page.toc)
    if page.title:
        page.title = split_explicit_id(page.title)[0]
    if moved:
        log.info(f"notebook headings, page '{page.file.src_uri}': {len(moved)} explicit ids set, their {{#id}} text removed")
    log.info(f"notebook cells, page '{page.file.src_uri}': {dropped} outputs shown as #> lines, {kept} kept")
    return out


def on_post_page(output: str, page, config, **kwargs) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return output.replace("</head>", STYLE + "</head>", 1)
