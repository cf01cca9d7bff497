"""Lighthouse mobile performance scores from the same committed run."""

import statistics

from sitebuild.site_facts import measured

TARGET = 0.98  # the score this site aims for, mobile preset
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
#> katex /math/gradients/: 0.86, misses 0.98
#>   the most formulas: 62 formulas, 3620 elements
#> katex /about/versions/: 1.00, meets 0.98
#>   the fewest elements: 0 formulas, 391 elements
#> katex /background/history/: 0.94, misses 0.98
#>   the median page by elements: 17 formulas, 1597 elements
#> mathjax /math/gradients/: 0.69, misses 0.98
#>   the most formulas: 62 formulas, 4168 elements
