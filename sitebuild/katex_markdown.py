"""Formulas rendered by KaTeX inside Python-Markdown itself: for a generator that runs no MkDocs hook.

Zensical reads ``markdown_extensions`` from mkdocs.yml but ignores ``hooks:``, so this extension
does what hooks/katex.py does per page: after arithmatex (generic mode) has left its
``\\(...\\)`` and ``\\[...\\]`` spans, a postprocessor hands each one to KaTeX
(sitebuild/katex.py). A formula KaTeX rejects raises MathError naming the TeX, which stops the
build. Fonts are written afterwards from the built site: sitebuild/katex_fonts.py ``subset_site``.

    markdown_extensions:
      - sitebuild.katex_markdown:
          output: html    # or mathml
"""

from __future__ import annotations

from markdown import Extension
from markdown.postprocessors import Postprocessor

from sitebuild.katex import OUTPUTS, KatexRenderer, render_arithmatex

_renderer = KatexRenderer()  # one Node process for the whole build
_cache: dict[tuple[str, bool, str], str] = {}


class MathError(ValueError):
    """KaTeX refused a formula."""


class _KatexPostprocessor(Postprocessor):
    def __init__(self, md, output: str):
        super().__init__(md)
        self.output = output

    def render(self, tex: str, display: bool) -> str:
        key = (tex, display, self.output)
        if key not in _cache:
            _cache[key] = _renderer.render(tex, display, self.output)
        return _cache[key]

    def run(self, text: str) -> str:
        content, results = render_arithmatex(text, self.render)
        errors = [f"{formula.tex!r}: {error}" for formula, _, error in results if error is not None]
        if errors:
            raise MathError("KaTeX cannot render: " + "; ".join(errors) + "; fix the TeX")
        return content


class KatexExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"output": ["html", f"KaTeX output, one of {', '.join(OUTPUTS)}"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        output = self.getConfig("output")
        if output not in OUTPUTS:
            raise MathError(f"sitebuild.katex_markdown: output is {output!r}; write one of {', '.join(OUTPUTS)}")
        # after raw HTML is put back (priority 30), so arithmatex's spans are in the text
        md.postprocessors.register(_KatexPostprocessor(md, output), "katex", 5)


def makeExtension(**kwargs):
    return KatexExtension(**kwargs)
