"""Reads a data file kept next to this snippet: __file__ is the snippet's path."""

from pathlib import Path

rows = Path(__file__).with_name("data_beside.csv").read_text().splitlines()
print(len(rows), rows[0])
#> 2 in,out
