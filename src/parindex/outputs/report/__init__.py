"""The published report: an HTML file with inline SVG charts, and the decision appendix in Word.

Nothing here is imported by `score`, `rank` or `--help`: matplotlib, Jinja2 and python-docx
load only when `report` runs.
"""
