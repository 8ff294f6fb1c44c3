"""Results → files and screens: records, CSV/JSON/XLSX writers, atomic files, terminal views."""
