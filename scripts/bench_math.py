"""Compare this site's build-time KaTeX with Material's documented MathJax recipe, page by page.

Builds the same pages twice into temporary folders:

* "KaTeX at build": mkdocs.yml as it is (hooks/katex.py renders every formula to HTML while building);
* "MathJax recipe": Material for MkDocs' documented recipe (pymdownx.arithmatex generic, a MathJax
  config script, MathJax 3 tex-mml-chtml.js), with MathJax self-hosted from bench/node_modules
  instead of the CDN, and the KaTeX hook left out.

Each build is served on 127.0.0.1 by a server that gzips text as static hosts do, and every page is
opened in a fresh Chromium context (cold cache) to measure the bytes transferred (gzip on the wire,
and raw), the request count, the math JavaScript loaded, the time until all math is typeset
(KaTeX: DOMContentLoaded, the math is already in the HTML; MathJax: MathJax.startup.promise
resolved) and the cumulative layout shift. Lighthouse (mobile preset, performance only, median of
3 runs) scores the most math-heavy page of each build.

Prints a Markdown table; not a test. Installs its Node tools with `npm ci --prefix bench` on first use.

    .venv/bin/python scripts/bench_math.py [--lighthouse-runs 3] [--pages reference/shapes/ ...] [--by-size]
        [--json bench/results/math.json]

--by-size also scores, in this site's build, the pages with the fewest and the median number of
elements next to the most math-heavy one, to show how the score follows the length of a page.

--mathml also builds the site with formulas as MathML alone (mkdocs.yml extra.math_output: mathml,
hooks/katex.py) and compares it with KaTeX's HTML on the pages with the most elements: bytes,
elements and Lighthouse, the two builds' runs taken in turn so that both see the same machine load.
--not-found also scores the 404 page (served under site_url's path, as a host serves it).

--all scores every page of this site and the 404, each the median of --lighthouse-runs, against
TARGET; with --baseline REF it also builds the commit REF (git archive into a temporary folder) and
scores its pages in the same turns, one run of each build in turn, so that both see the same load.

Pages are the English edition's (the Chinese edition, under zh/, has the same page frame).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))  # run as a file (python scripts/bench_math.py): the repository's packages are beside scripts/

from sitebrowser import CHROMIUM_ARGS, VIEWPORT, chromium_path, launch_chromium, serve, site_pages  # noqa: E402
from sitebuild import config as site_config  # noqa: E402

MATHJAX_CONFIG = """window.MathJax = {
  tex: {
    inlineMath: [["\\\\(", "\\\\)"]],
    displayMath: [["\\\\[", "\\\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  }
};

document$.subscribe(() => {
  MathJax.startup.output.clearCache()
  MathJax.typesetClear()
  MathJax.texReset()
  MathJax.typesetPromise()
})
"""

# Installed before any page script: layout shifts, and the moment MathJax's first typeset resolves.
MEASURE_INIT = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: 'layout-shift', buffered: true});
const poll = setInterval(() => {
  const mj = window.MathJax;
  if (mj && mj.startup && mj.startup.promise) {
    clearInterval(poll);
    mj.startup.promise.then(() => { window.__typeset = performance.now(); });
  }
}, 2);
"""


def npm_ci() -> None:
    """bench/node_modules from bench/package-lock.json, only when missing or older than the lock."""
    stamp = BENCH / "node_modules" / ".package-lock-installed"
    lock = BENCH / "package-lock.json"
    if stamp.is_file() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    print("installing bench tools: npm ci --prefix bench", file=sys.stderr)
    subprocess.run(["npm", "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    stamp.touch()


def recipe_config(tmp: Path) -> Path:
    """mkdocs.yml with the KaTeX hook swapped for Material's MathJax recipe (an INHERIT variant; paths absolute).

    Its docs/ is a copy holding the self-hosted MathJax the recipe's scripts load (add_mathjax), so
    the build's own check that every extra_javascript file exists holds for the recipe too.
    """
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs", docs)
    add_mathjax(docs)
    # The site's template overrides, minus main.html (which holds back the search index until the
    # reader searches): the recipe loads the index with every page, as Material does by default.
    overrides = tmp / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    (overrides / "main.html").unlink()
    scripts = ["javascripts/mathjax.js", "assets/mathjax/tex-mml-chtml.js"]
    return site_config.variant(
        tmp / "mkdocs-mathjax.yml",
        hooks=[str(ROOT / hook) for hook in site_config.hooks() if hook != "hooks/katex.py"],
        watch=[],
        theme={"custom_dir": str(overrides)},
        extra_javascript=[*scripts, *site_config.load().get("extra_javascript", [])],
        strict=False,
        docs_dir=str(docs),
    )


def mathml_config(tmp: Path) -> Path:
    """mkdocs.yml with extra.math_output: mathml (formulas as MathML alone): an INHERIT variant, paths absolute."""
    return site_config.variant(
        tmp / "mkdocs-mathml.yml",
        hooks=[str(ROOT / hook) for hook in site_config.hooks()],
        watch=[],
        theme={"custom_dir": str(ROOT / "overrides")},
        extra={"math_output": "mathml"},
        docs_dir=str(ROOT / "docs"),
    )


def build(config: Path, site: Path, cwd: Path = ROOT) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"build failed ({config.name}):\n{result.stdout}\n{result.stderr}")


def add_mathjax(docs: Path) -> None:
    """Self-host MathJax where the recipe's scripts point: the config file and the es5 bundle with its fonts."""
    (docs / "javascripts").mkdir(exist_ok=True)
    (docs / "javascripts" / "mathjax.js").write_text(MATHJAX_CONFIG)
    shutil.copytree(BENCH / "node_modules" / "mathjax" / "es5", docs / "assets" / "mathjax", dirs_exist_ok=True)


def gzipped(file: Path) -> bool:
    return file.suffix in (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb")


def is_math_js(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith((".js", ".mjs")) and ("mathjax" in path or "katex" in path)


def measure_page(browser, base: str, site: Path, path: str, mathjax: bool) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(MEASURE_INIT)
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(base + path, wait_until="load")
    if mathjax:
        page.wait_for_function("() => window.__typeset !== undefined", timeout=60_000)
        typeset = page.evaluate("() => window.__typeset")
    else:
        typeset = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    page.wait_for_timeout(500)  # late shifts: web fonts, images
    cls = page.evaluate("() => window.__cls")
    math_count = page.evaluate("() => document.querySelectorAll('.katex, mjx-container, .arithmatex > math').length")
    elements = page.evaluate("() => document.getElementsByTagName('*').length")
    wire = raw = math_js = index = 0
    for request in requests:
        parts = urlsplit(request.url)
        file = site / unquote(parts.path).lstrip("/")
        if parts.path.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            continue
        body = file.read_bytes()
        # What the gzip server sends (worker requests report no sizes in the browser, so count from the file).
        sent = len(gzip.compress(body, compresslevel=6)) if gzipped(file) else len(body)
        raw += len(body)
        wire += sent
        if is_math_js(request.url):
            math_js += len(body)
        if parts.path.endswith("search/search_index.json"):
            index += sent
    context.close()
    return {
        "path": path,
        "wire": wire,
        "raw": raw,
        "requests": len(requests),
        "math_js": math_js,
        "index": index,
        "typeset_ms": typeset,
        "cls": cls,
        "math": math_count,
        "elements": elements,
    }


def lighthouse(url: str, runs: int) -> list[float]:
    env = dict(os.environ, CHROME_PATH=chromium_path())
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    scores = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.json"
            cmd = [
                str(BENCH / "node_modules" / ".bin" / "lighthouse"),
                url,
                "--only-categories=performance",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={flags}",
                "--quiet",
            ]
            subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)
            scores.append(json.loads(out.read_text())["categories"]["performance"]["score"])
    return scores


def lighthouse_in_turn(urls: dict[str, str], runs: int) -> dict[str, list[float]]:
    """The same page in several builds, one run of each in turn, so that a change of load hits all alike."""
    scores: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            scores[name] += lighthouse(url, 1)
    return scores


TARGET = 0.95  # Lighthouse mobile performance every page must reach, median of 3 (issue: a light page)


def hosted(tmp: Path, name: str, site: Path) -> Path:
    """A folder that holds `site` under site_url's path, as a host serves it (the 404 page's links need it)."""
    prefix = site_url_path()
    host = tmp / f"host-{name}"
    (host / prefix).parent.mkdir(parents=True, exist_ok=True)
    (host / prefix).symlink_to(site)
    return host


def baseline_site(tmp: Path, ref: str) -> Path:
    """The site as commit `ref` builds it: its files from git archive, this checkout's tools (venv, node_modules)."""
    source = tmp / "baseline-src"
    source.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    (source / "node_modules").symlink_to(ROOT / "node_modules")
    site = tmp / "baseline"
    build(source / "mkdocs.yml", site, cwd=source)
    return site


def every_page(sites: dict[str, Path], tmp: Path, pages: list[str], runs: int) -> dict[str, dict[str, list[float]]]:
    """{page: {build: [score, ...]}} for every page and the 404, one run of each build in turn."""
    prefix = site_url_path()
    scores: dict[str, dict[str, list[float]]] = {}
    with contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(serve(hosted(tmp, name, site), gzip=True)) for name, site in sites.items()}
        for path in [*pages, "404.html"]:
            urls = {name: f"{base}{prefix}/{path}" for name, base in bases.items()}
            scores[path] = lighthouse_in_turn(urls, runs)
            print(f"  /{path}: " + ", ".join(f"{name} {runs_}" for name, runs_ in scores[path].items()), file=sys.stderr)
    return scores


def site_url_path() -> str:
    return urlsplit(site_config.load().get("site_url") or "").path.strip("/")


def commit() -> str:
    """The checkout's commit, marked when it has uncommitted changes (or why it cannot be told)."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "unknown: not a git checkout"
    dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    return head.stdout.strip() + (" with uncommitted changes" if dirty.stdout.strip() else "")


def kb(n: float) -> str:
    return f"{n / 1024:.0f} KB" if n >= 10 * 1024 else f"{n / 1024:.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--by-size", action="store_true", help="also score the smallest and the median page of this site")
    parser.add_argument("--pages", nargs="*", help="URL paths to measure (default: every page)")
    parser.add_argument("--mathml", action="store_true", help="also compare MathML alone with KaTeX's HTML")
    parser.add_argument("--not-found", action="store_true", help="also score the 404 page")
    parser.add_argument("--all", action="store_true", help=f"score every page and the 404 against {TARGET}")
    parser.add_argument("--baseline", metavar="REF", help="with --all: also score the pages of git commit REF, in turn")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file (bench/results/math.json)")
    args = parser.parse_args()

    npm_ci()
    load_before = os.getloadavg()  # recorded with --json: a busy machine lowers the Lighthouse scores
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-math-") as tmp_name:
        tmp = Path(tmp_name)
        sites = {"katex": tmp / "katex", "mathjax": tmp / "mathjax"}
        if args.mathml:
            sites["mathml"] = tmp / "mathml"
        started = time.time()
        build(ROOT / "mkdocs.yml", sites["katex"])
        build(recipe_config(tmp), sites["mathjax"])
        if args.mathml:
            build(mathml_config(tmp), sites["mathml"])
        print(f"built both sites in {time.time() - started:.0f} s", file=sys.stderr)

        pages = args.pages or [p for p in site_pages(sites["katex"]) if not p.startswith("zh/")]
        results: dict[str, list[dict]] = {}
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name, site in sites.items():
                with serve(site, gzip=True) as base:
                    results[name] = [measure_page(browser, base, site, p, name == "mathjax") for p in pages]
            browser.close()

        heavy = max(results["katex"], key=lambda r: r["math"])["path"]
        index_size = len(gzip.compress((sites["katex"] / "search" / "search_index.json").read_bytes(), compresslevel=6))
        scores = {}
        for name in ("katex", "mathjax"):
            with serve(sites[name], gzip=True) as base:
                scores[name] = lighthouse(base + heavy, args.lighthouse_runs)
        side_by_side = {}
        if args.mathml:
            longest = [r["path"] for r in sorted(results["katex"], key=lambda r: -r["elements"])[:3]]
            with serve(sites["katex"], gzip=True) as html_base, serve(sites["mathml"], gzip=True) as mathml_base:
                for path in longest:
                    side_by_side[path] = lighthouse_in_turn({"katex": html_base + path, "mathml": mathml_base + path}, args.lighthouse_runs)
        not_found = None
        if args.not_found:
            with serve(hosted(tmp, "katex", sites["katex"]), gzip=True) as base:
                not_found = lighthouse(f"{base}{site_url_path()}/404.html", args.lighthouse_runs)
        all_pages = None
        if args.all:
            builds = {"this": sites["katex"]}
            if args.baseline:
                builds[args.baseline] = baseline_site(tmp, args.baseline)
            all_pages = every_page(builds, tmp, pages, args.lighthouse_runs)
        ladder = []
        if args.by_size:
            by_size = sorted(results["katex"], key=lambda r: r["elements"])
            picks = [by_size[0], by_size[len(by_size) // 2]]
            with serve(sites["katex"], gzip=True) as base:
                for r in picks:
                    if r["path"] != heavy:
                        ladder.append((r, lighthouse(base + r["path"], args.lighthouse_runs)))
            ladder.append((next(r for r in results["katex"] if r["path"] == heavy), scores["katex"]))

    def on(name: str, path: str) -> dict:
        return next(r for r in results[name] if r["path"] == path)

    k, m = on("katex", heavy), on("mathjax", heavy)
    total = {name: sum(r["wire"] for r in rs) for name, rs in results.items()}
    math_pages = [r["path"] for r in results["katex"] if r["math"]]

    def median_typeset(name: str) -> float:
        return statistics.median(on(name, p)["typeset_ms"] for p in math_pages) if math_pages else float("nan")

    rows = [
        ("Transferred, gzip (most math-heavy page)", "≤ 150 KB", kb(k["wire"]), kb(m["wire"])),
        (
            "… of which the site-wide search index",
            "",
            kb(k["index"]) if k["index"] else f"none (its {kb(index_size)} come when the reader searches)",
            kb(m["index"]),
        ),
        ("Transferred, uncompressed (same page)", "", kb(k["raw"]), kb(m["raw"])),
        ("Requests (same page)", "", str(k["requests"]), str(m["requests"])),
        ("Math JavaScript loaded (same page)", "none", kb(k["math_js"]) if k["math_js"] else "none", kb(m["math_js"])),
        ("Transferred vs. the recipe (same page)", "≤ 0.3×", f"{k['wire'] / m['wire']:.2f}×", "1×"),
        (
            "… both without the search index (same page)",
            "≤ 0.3×",
            f"{(k['wire'] - k['index']) / (m['wire'] - m['index']):.2f}×",
            "1×",
        ),
        ("Transferred vs. the recipe (all pages)", "≤ 0.3×", f"{total['katex'] / total['mathjax']:.2f}×", "1×"),
        (
            f"Math typeset, median over the {len(math_pages)} pages with math",
            "",
            f"{median_typeset('katex'):.0f} ms",
            f"{median_typeset('mathjax'):.0f} ms",
        ),
        (
            "Cumulative layout shift, worst page",
            "0",
            f"{max(r['cls'] for r in results['katex']):.3f}",
            f"{max(r['cls'] for r in results['mathjax']):.3f}",
        ),
        (
            f"Lighthouse mobile performance (median of {args.lighthouse_runs})",
            f"≥ {TARGET}",
            f"{statistics.median(scores['katex']):.2f}",
            f"{statistics.median(scores['mathjax']):.2f}",
        ),
    ]
    if args.json:
        record = {
            "measured": datetime.date.today().isoformat(),
            "built_from": commit(),
            "cores": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": os.getloadavg(),
            "lighthouse_runs": args.lighthouse_runs,
            "heaviest_page": heavy,
            "search_index_gzip": index_size,
            "pages": results,
            "lighthouse": {name: {heavy: runs} for name, runs in scores.items()},
        }
        for r, runs in ladder:
            record["lighthouse"]["katex"][r["path"]] = runs
        if side_by_side:  # KaTeX's HTML (katex) and MathML alone (mathml), runs taken in turn
            record["lighthouse_side_by_side"] = side_by_side
        if not_found is not None:
            record["lighthouse_404"] = not_found
        if all_pages is not None:
            record["lighthouse_every_page"] = all_pages
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(record, indent=1) + "\n")
    print(f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores; most math-heavy page: /{heavy}")
    print(f"({k['math']} formulas; Lighthouse runs: KaTeX {scores['katex']}, MathJax {scores['mathjax']})\n")
    print("| Measure | Target | KaTeX at build (this site) | Material's MathJax recipe |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if ladder:
        print(f"\nLighthouse mobile performance by page size, this site (median of {args.lighthouse_runs}):\n")
        print("| Page | Elements | Formulas | Transferred, gzip | Lighthouse | Runs |")
        print("| --- | --- | --- | --- | --- | --- |")
        for r, runs in ladder:
            print(f"| /{r['path']} | {r['elements']} | {r['math']} | {kb(r['wire'])} | {statistics.median(runs):.2f} | {runs} |")
    if side_by_side:
        print(f"\nKaTeX's HTML beside MathML alone, the pages with the most elements (Lighthouse median of {args.lighthouse_runs}, runs in turn):\n")
        print("| Page | Formulas | Elements HTML / MathML | Transferred HTML / MathML | Lighthouse HTML / MathML | Runs HTML; MathML |")
        print("| --- | --- | --- | --- | --- | --- |")
        for path, runs in side_by_side.items():
            h, x = on("katex", path), on("mathml", path)
            print(
                f"| /{path} | {h['math']} | {h['elements']} / {x['elements']} | {kb(h['wire'])} / {kb(x['wire'])} | "
                f"{statistics.median(runs['katex']):.2f} / {statistics.median(runs['mathml']):.2f} | {runs['katex']}; {runs['mathml']} |"
            )
    if all_pages is not None:
        names = list(next(iter(all_pages.values())))
        print(f"\nLighthouse mobile performance, every page (median of {args.lighthouse_runs}, builds in turn; target {TARGET}):\n")
        print("| Page | Elements | Transferred, gzip | " + " | ".join(f"Lighthouse {n}" for n in names) + " | Runs | Meets |")
        print("| --- | --- | --- | " + " | ".join("---" for _ in names) + " | --- | --- |")
        for path, by_build in all_pages.items():
            r = next((r for r in results["katex"] if r["path"] == path), None)
            medians = [statistics.median(by_build[n]) for n in names]
            size = f"{r['elements']} | {kb(r['wire'])}" if r else "404 | "
            cells = [f"/{path}", size, *(f"{m:.2f}" for m in medians), "; ".join(str(by_build[n]) for n in names)]
            print("| " + " | ".join(cells) + f" | {'yes' if medians[0] >= TARGET else 'no'} |")
        meets = sum(statistics.median(b["this"]) >= TARGET for b in all_pages.values())
        print(f"\n{meets} of {len(all_pages)} pages meet {TARGET}; load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    if not_found is not None:
        print(f"\nLighthouse, the 404 page: {statistics.median(not_found):.2f} (runs {not_found})")
    print("\nPer page (gzip transferred, requests, elements, typeset ms, CLS; MathML: transferred, requests, elements, CLS):")
    for r in results["katex"]:
        o = on("mathjax", r["path"])
        line = (
            f"  /{r['path']:<40} KaTeX {kb(r['wire']):>7} {r['requests']:>3} {r['elements']:>5} {r['typeset_ms']:>6.0f} {r['cls']:.3f}"
            f"   MathJax {kb(o['wire']):>7} {o['requests']:>3} {o['typeset_ms']:>6.0f} {o['cls']:.3f}"
        )
        if "mathml" in results:
            x = on("mathml", r["path"])
            line += f"   MathML {kb(x['wire']):>7} {x['requests']:>3} {x['elements']:>5} {x['cls']:.3f}"
        print(line)


if __name__ == "__main__":
    main()
