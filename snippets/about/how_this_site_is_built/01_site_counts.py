"""The pages this site has, counted from mkdocs.yml and docs/ when built."""

from sitebuild.site_facts import nav_pages, pages_with_math

pages = nav_pages()  # the docs/ files the nav of mkdocs.yml lists
math = pages_with_math(pages)  # \( \), \[ \] or $$ in the source
print(len(pages), "pages in the nav,", len(math), "with math")
#> 27 pages in the nav, 20 with math
