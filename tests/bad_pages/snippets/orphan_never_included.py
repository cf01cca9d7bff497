"""A snippet that no page includes: the suite must name it."""

print("nobody shows this")
#> nobody shows this
