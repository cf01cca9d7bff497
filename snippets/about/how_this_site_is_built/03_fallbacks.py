"""The English pages built by ProperDocs and by Zensical, beside MkDocs."""

from sitebuild.site_facts import measured

run = measured("theme-fallbacks")  # bench/results/theme-fallbacks.json
print("measured", run["measured"], "with mkdocs", run["mkdocs"])
#> measured 2026-12-03 with mkdocs 1.6.1
pd, zs = run["properdocs"], run["zensical"]
print(f"ProperDocs {pd['version']}: {pd['files_that_differ']} of "
      f"{pd['files']} files differ, all in one tag only:")
#> ProperDocs 1.6.7: 23 of 97 files differ, all in one tag only:
print("  the generator meta tag:", pd["generator_tag"])
#>   the generator meta tag: mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1
others = pd["files_that_differ_without_the_generator_tag"]
print("  files that differ in anything else:", others)
#>   files that differ in anything else: 0
print(f"Zensical {zs['version']}: said {' / '.join(zs['build_output'])!r}")
#> Zensical 0.0.73: said 'Build started / No issues found'
print("  pages with rendered formulas:", zs["pages_with_katex_html"],
      "(MkDocs:", zs["pages_with_katex_html_mkdocs"], end=")\n")
#>   pages with rendered formulas: 0 (MkDocs: 18)
print("  diagram files:", zs["diagram_files"],
      "(MkDocs:", zs["diagram_files_mkdocs"], end=")\n")
#>   diagram files: 0 (MkDocs: 6)
print("  notebook page built:", zs["notebook_page_built"])
#>   notebook page built: False
print("  pages with a last-updated date from git:", zs["pages_with_git_date"],
      "(MkDocs:", zs["pages_with_git_date_mkdocs"], end=")\n")
#>   pages with a last-updated date from git: 0 (MkDocs: 22)
newer = zs["newer_version_tried"]
outcome, reason = newer["pip_install"].split(": ", 1)
print(f"Zensical {newer['version']}: pip install {outcome}:", reason,
      sep="\n  ")
#> Zensical 0.1.1: pip install failed:
#>   No matching distribution found for zensical-ui==0.0.42
