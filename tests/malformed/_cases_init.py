"""`init`, the year's folder (SPEC §11): every input it refuses, each a located message with
nothing written (the case directory stays as it is), added to the corpus by _make_corpus.py."""

INIT = "init out --year 2026 --criteria ../_shared/criteria --roster roster.csv"
ROSTER = "unit_id,unit_name,group\nu1,Đơn vị Một,office\nu2,Đơn vị Hai,office\n"
MINI = (
    "framework: mini-2026\ntitle: Khung nhỏ\nyear: 2026\ngroup: office\ncriteria:\n"
    '  - id: "1"\n    name: Một\n    max: 10\n    rule: {kind: points}\n'
)


def add(case):
    case("init-folder-not-empty", INIT, {"roster.csv": ROSTER, "out/notes.txt": "của tôi\n"})
    case("init-folder-is-a-file", INIT, {"roster.csv": ROSTER, "out": "một tệp\n"})
    case(
        "init-folder-parent-missing",
        INIT.replace("init out", "init years/out"),
        {"roster.csv": ROSTER},
    )
    case(
        "init-roster-groups-without-framework",
        INIT,
        {"roster.csv": ROSTER + "u3,Sở Ba,department\nu4,Xã Bốn,commune\nu5,Năm,office\n"},
    )
    case("init-roster-missing", INIT, {})
    case(
        "init-roster-malformed",
        INIT,
        {
            "roster.csv": "unit_id,unit_name,group\nu1,Một,office\nu1,Một lần nữa,office\nu3,,office\n"
        },
    )
    case("init-roster-without-group-column", INIT, {"roster.csv": "unit_id,unit_name\nu1,Một\n"})
    case("init-roster-no-units", INIT, {"roster.csv": "unit_id,unit_name,group\n"})
    case(
        "init-roster-ids-not-file-names",
        INIT,
        {"roster.csv": ROSTER + 'u/3,Ba,office\n"u4 ",Bốn,office\nu5,Năm,"off:ice"\n'},
    )
    case("init-year-not-a-year", INIT.replace("2026", "năm-2026"), {"roster.csv": ROSTER})
    case(
        "init-from-not-a-year-folder",
        "init out --year 2026 --from last",
        {"last/roster.csv": ROSTER},
    )
    case(
        "init-from-not-before",
        "init out --year 2026 --from last",
        {
            "last/parindex.toml": 'year = 2026\ncriteria = "../../_shared/criteria"\n'
            'roster = "roster.csv"\n',
            "last/roster.csv": ROSTER,
        },
    )
    case(
        "init-from-broken-settings",
        "init out --year 2026 --from last",
        {"last/parindex.toml": 'year = 2025\nroster = "gone.csv"\ncriteria = 7\n'},
    )
    case(
        "init-frameworks-with-errors",
        "init out --year 2026 --criteria criteria --roster roster.csv",
        {
            "roster.csv": ROSTER,
            "criteria/mini.yaml": MINI.replace("max: 10", "max: ten"),
            "criteria/notes.yaml": "ghi chú: không phải bộ tiêu chí\n",
        },
    )
    case(
        "init-two-frameworks-one-group",
        "init out --year 2026 --criteria criteria --roster roster.csv",
        {
            "roster.csv": ROSTER,
            "criteria/a.yaml": MINI,
            "criteria/b.yaml": MINI.replace("mini-2026", "mini-2026-b"),
        },
    )
    case(
        "init-every-problem-at-once",
        INIT + " --from last",
        {
            "roster.csv": ROSTER + "u3,Sở Ba,department\n",
            "out/notes.txt": "của tôi\n",
            "last/roster.csv": ROSTER,
        },
    )
    case(
        "settings-allow-absent",
        "rank",
        {
            "parindex.toml": 'criteria = "../_shared/criteria"\nunits = ["../_shared/units"]\n'
            'allow_absent = "yes"\n'
        },
    )
    case(
        "settings-allow-absent-without-roster",
        "rank",
        {
            "parindex.toml": 'criteria = "../_shared/criteria"\nunits = ["../_shared/units"]\n'
            "allow_absent = true\n"
        },
    )
