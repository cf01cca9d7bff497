"""What the installed Material for MkDocs says about its end of life."""

from sitebuild.site_facts import material_notice

version, notice = material_notice().split(": ", 1)
print(version)
#> mkdocs-material 9.8.1
print(notice)  # the line it prints at the top of every build
#> Material for MkDocs reaches end of life on May 5, 2027.
