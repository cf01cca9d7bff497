"""Build-time KaTeX beside Material's MathJax recipe, from a committed run."""

from sitebuild.site_facts import measured

run = measured("math")  # bench/results/math.json, by scripts/bench_math.py
before, after = run["load_average_before"][0], run["load_average_after"][0]
print("measured", run["measured"], "on", run["cores"], "cores;",
      f"load average {before:.1f} before, {after:.1f} after")
#> measured 2026-12-04 on 2 cores; load average 4.1 before, 1.6 after
katex = {r["path"]: r for r in run["pages"]["katex"]}
mathjax = {r["path"]: r for r in run["pages"]["mathjax"]}
heavy = run["heaviest_page"]  # the page with the most formulas
print(len(katex), "pages; the most math:", heavy,
      katex[heavy]["math"], "formulas")
#> 27 pages; the most math: math/gradients/ 62 formulas


def kb(n: float) -> str:
    return f"{n / 1024:.0f} KB"


def both(key: str, path: str = heavy) -> str:
    return f"KaTeX {kb(katex[path][key])}, MathJax {kb(mathjax[path][key])}"


print("sent, gzip:", both("wire"))
#> sent, gzip: KaTeX 147 KB, MathJax 580 KB
print("  of which the search index:", both("index"))
#>   of which the search index: KaTeX 0 KB, MathJax 89 KB
print("  ratio:", f"{katex[heavy]['wire'] / mathjax[heavy]['wire']:.2f}")
#>   ratio: 0.25
print("math JavaScript:", both("math_js"))
#> math JavaScript: KaTeX 0 KB, MathJax 1146 KB
print("requests: KaTeX", katex[heavy]["requests"],
      "/ MathJax", mathjax[heavy]["requests"])
#> requests: KaTeX 22 / MathJax 26
total = {n: sum(r["wire"] for r in run["pages"][n]) for n in run["pages"]}
print("all pages, ratio:", f"{total['katex'] / total['mathjax']:.2f}")
#> all pages, ratio: 0.23
for name, pages in ("KaTeX", katex), ("MathJax", mathjax):
    worst = max(r["cls"] for r in pages.values())
    print(name, "worst layout shift:", f"{worst:.3f}")
#> KaTeX worst layout shift: 0.000
#> MathJax worst layout shift: 0.194
