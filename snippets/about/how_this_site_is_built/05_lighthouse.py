"""Lighthouse mobile performance scores from the same committed run."""

import statistics

from sitebuild.site_facts import measured

TARGET = 0.95  # the score every page of this site must reach, mobile preset
run = measured("math")  # bench/results/math.json
by_size = sorted(run["pages"]["katex"], key=lambda r: r["elements"])
why = {
    run["heaviest_page"]: "the most formulas",
    by_size[0]["path"]: "the fewest elements",
    by_size[len(by_size) // 2]["path"]: "the median page by elements",
}
formulas = {r["path"]: r["math"] for r in by_size}
for build, scores in run["lighthouse"].items():  # katex: this site
    pages = {r["path"]: r for r in run["pages"][build]}
    for path, runs in scores.items():
        score = statistics.median(runs)
        verdict = "meets" if score >= TARGET else "misses"
        print(f"{build} /{path}: {score:.2f}, {verdict} {TARGET}")
        print(f"  {why[path]}: {formulas[path]} formulas, "
              f"{pages[path]['elements']} elements")
#> katex /math/gradients/: 0.99, meets 0.95
#>   the most formulas: 62 formulas, 3446 elements
#> katex /about/versions/: 1.00, meets 0.95
#>   the fewest elements: 0 formulas, 393 elements
#> katex /reference/parameters-and-flops/: 0.98, meets 0.95
#>   the median page by elements: 15 formulas, 1415 elements
#> mathjax /math/gradients/: 0.69, misses 0.95
#>   the most formulas: 62 formulas, 2746 elements
