"""hooks/notebook_cells.py: a notebook cell shows each result once, as its checked `#>` lines."""

from __future__ import annotations

from conftest import load_hook

hook = load_hook("notebook_cells.py", "site_notebook_cells_hook")


def cell(source: str, output: str, mime: str = "text/plain") -> str:
    """A code cell as mkdocs-jupyter renders it: highlighted source, copy text, one output area."""
    return (
        '<div class="jp-Cell jp-CodeCell jp-Notebook-cell"><div class="jp-Cell-inputWrapper">'
        f'<div class="highlight-ipynb"><pre>{source}</pre></div><div class="clipboard-copy-txt">{source}</div></div>'
        '<div class="jp-Cell-outputWrapper"><div class="jp-OutputArea">'
        f'<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="{mime}"><pre>{output}</pre></div>'
        "</div></div></div>"
    )


def test_echoed_lines_are_the_promised_output():
    assert hook.echoed_lines("print(x.shape)\n#> torch.Size([3])\nprint(1)\n    #> 1\n#>\n# a comment") == ["torch.Size([3])", "1", ""]


def test_an_output_equal_to_its_echo_lines_is_dropped_and_the_styles_before_it_stay():
    page = "<style>.jp-a{color:red}</style>" + cell("print(x.shape)\n#&gt; torch.Size([3])", "torch.Size([3])\n")
    out, dropped, kept = hook.drop_echoed_outputs(page)
    assert (dropped, kept) == (1, 0)
    assert "jp-OutputArea" not in out and "#&gt; torch.Size([3])" in out
    assert out.startswith("<style>.jp-a{color:red}</style>"), "a leading style element was moved or lost"


def test_an_output_that_differs_from_its_echo_lines_stays():
    """The bad input: a cell whose output says more than its `#>` lines keeps its output on the page."""
    page = cell("print(x.shape)\nprint(2)\n#&gt; torch.Size([3])", "torch.Size([3])\n2\n")
    out, dropped, kept = hook.drop_echoed_outputs(page)
    assert (dropped, kept) == (0, 1)
    assert "jp-OutputArea" in out and "<pre>torch.Size([3])\n2\n</pre>" in out


def test_a_rich_output_and_a_cell_without_echo_lines_stay():
    page = cell("x", "x", mime="text/html") + cell("print(1)", "1\n")
    out, dropped, kept = hook.drop_echoed_outputs(page)
    assert (dropped, kept) == (0, 2)
    assert out.count("jp-OutputArea-output") == 2


def test_an_explicit_heading_id_becomes_the_id_and_leaves_the_text():
    page = (
        '<h2 id="the-layer">这个层 {#the-layer}<a class="anchor-link" href="#the-layer">¶</a></h2>'
        '<h2 id="nnlinear-的-x">`nn.Linear` 的 x {#the-x}<a class="anchor-link" href="#nnlinear-的-x">¶</a></h2>'
        '<h3 id="plain">Plain<a class="anchor-link" href="#plain">¶</a></h3>'
        "<p>{#not-a-heading}</p>"
    )
    out, moved = hook.explicit_heading_ids(page)
    assert out == (
        '<h2 id="the-layer">这个层<a class="anchor-link" href="#the-layer">¶</a></h2>'
        '<h2 id="the-x">`nn.Linear` 的 x<a class="anchor-link" href="#the-x">¶</a></h2>'
        '<h3 id="plain">Plain<a class="anchor-link" href="#plain">¶</a></h3>'
        "<p>{#not-a-heading}</p>"
    )
    assert moved == {"the-layer": "the-layer", "nnlinear-的-x": "the-x"}


def test_an_explicit_id_is_taken_out_of_the_table_of_contents():
    from mkdocs.structure.toc import AnchorLink

    top = AnchorLink("逐个形状 {#shape-by-shape}", "shape-by-shape", 1)
    child = AnchorLink("展平 等价 {#the-flatten-equivalence}", "展平-等价-the-flatten-equivalence", 3)
    plain = AnchorLink("Summary", "summary", 2)
    top.children = [child, plain]
    hook.explicit_toc_ids([top])
    assert [(a.title, a.id) for a in (top, child, plain)] == [
        ("逐个形状", "shape-by-shape"), ("展平 等价", "the-flatten-equivalence"), ("Summary", "summary")]
    assert hook.split_explicit_id("a {#b} c") == ("a {#b} c", None), "only a trailing {#id} is an id"


def test_a_build_that_would_execute_the_notebook_is_refused():
    """The bad input: mkdocs-jupyter with execute: true would publish a Jupyter kernel's output, not the checked one."""
    assert hook.executes_problem({"execute": True}) == (
        "mkdocs.yml: mkdocs-jupyter has execute: true, so the build would run the notebook in a Jupyter kernel "
        "and publish output the harness never checked; set execute: false (the harness stores the checked "
        "outputs: pytest docs/notebooks --update-outputs)"
    )
    assert hook.executes_problem({"execute": False, "include_source": True}) == ""


def test_the_site_publishes_the_notebook_as_stored():
    from conftest import ROOT
    from mkdocs.config import load_config

    plugin = load_config(str(ROOT / "mkdocs.yml")).plugins.get("mkdocs-jupyter")
    assert plugin is not None and hook.executes_problem(plugin.config) == ""
