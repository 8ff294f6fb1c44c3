"""The year's settings (`parindex.toml`) and several years of earlier rankings (SPEC §11),
added to the corpus by _make_corpus.py. Each settings case carries its own parindex.toml,
which the run finds in its working directory (the case directory)."""

import os

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_shared")
SH = "../_shared/units --criteria ../_shared/criteria"
YEAR = 'criteria = "../_shared/criteria"\nunits = ["../_shared/units"]\n'
RANKING = "framework,group,rank,unit_id,unit_name,index\n"


def add(case):
    case(
        "settings-bad-toml",
        "rank",
        {"parindex.toml": YEAR + 'appraisal = ["council.csv"\nlang = "vi"\n'},
    )
    case(
        "settings-unknown-keys",
        "rank",
        {
            "parindex.toml": YEAR
            + 'apraisal = ["council.csv"]\nid-map = "map.csv"\n[settings]\nlang = "vi"\n'
        },
    )
    case(
        "settings-key-in-wrong-section",
        "rank",
        {
            "parindex.toml": "year = 2025\n[previous]\n2024 = 'r.csv'\n"
            + YEAR
            + 'dialect = "excel-vi"\n',
            "r.csv": RANKING,
        },
    )
    case(
        "settings-wrong-types",
        "rank",
        {
            "parindex.toml": 'year = "2025"\ncriteria = ["../_shared/criteria"]\n'
            'units = "../_shared/units"\nappraisal = ["a.csv", 7]\nlang = "vn"\n'
            'dialect = "excel"\ndecision = 2025\n'
        },
    )
    case(
        "settings-previous-years",
        "rank",
        {
            "parindex.toml": "year = 2025\n"
            + YEAR
            + "[previous]\n2024 = 'r.csv'\n'2024' = 'r.csv'\n",
            "r.csv": RANKING,
        },
    )
    case(  # a file where the folder of frameworks belongs: said, not "no framework" per form
        "settings-criteria-is-a-file",
        "rank",
        {
            "parindex.toml": 'year = 2025\ncriteria = "r.csv"\nunits = ["../_shared/units"]\n',
            "r.csv": RANKING,
        },
    )
    case(
        "criteria-option-is-a-file",
        "validate ../_shared/units/u1.yaml --criteria r.csv",
        {"r.csv": RANKING},
    )
    case(  # two keys to TOML, one year to parindex
        "settings-previous-year-written-two-ways",
        "rank",
        {
            "parindex.toml": "year = 2025\n"
            + YEAR
            + "[previous]\n2024 = 'r.csv'\n'02024' = 'r.csv'\n",
            "r.csv": RANKING,
        },
    )
    case(
        "settings-previous-not-years",
        "rank",
        {
            "parindex.toml": "year = 2025\n"
            + YEAR
            + "[previous]\nlast = 'r.csv'\n2024.5 = 'r.csv'\n2025 = 'r.csv'\n24 = 'r.csv'\n"
            "2023 = ['r.csv']\n",
            "r.csv": RANKING,
        },
    )
    case(
        "settings-missing-files",
        "rank",
        {
            "parindex.toml": YEAR
            + 'roster = "roster.csv"\nappraisal = ["council/appraisal-2025.xlsx"]\n'
            '[previous]\n2024 = "../2024/results/ranking-2024.csv"\n'
        },
    )
    case(
        "settings-bom-and-tabs",
        "rank --format csv",
        {"parindex.toml": b"\xef\xbb\xbf" + YEAR.replace(" = ", "\t=\t").encode()},
        exit_code=0,
    )
    case(
        "settings-utf16",
        "rank",
        {"parindex.toml": YEAR.encode("utf-16")},
    )
    # --- several years on the command line ---
    case(
        "previous-year-not-a-year",
        f"rank {SH} --previous last=r.csv",
        {"r.csv": RANKING},
    )
    case(
        "previous-year-twice",
        f"rank {SH} --previous 2024=r.csv --previous 2024=s.csv",
        {"r.csv": RANKING, "s.csv": RANKING},
    )
    case(
        "previous-bare-and-dated-same-year",
        f"rank {SH} --previous r.csv --previous 2024=s.csv",
        {"r.csv": RANKING, "s.csv": RANKING},
    )
    case(
        "previous-year-not-before",
        f"rank {SH} --previous 2026=r.csv",
        {"r.csv": RANKING},
    )
    case(
        "previous-year-file-not-a-ranking",
        f"rank {SH} --previous 2023=survey.csv --previous 2024=r.json",
        {
            "survey.csv": "unit_id,criterion,value\nu1,3.1,4\n",
            "r.json": '{"units": []}\n',
        },
    )
    # --- status: forms with problems are counted; only what stops the whole is an error ---
    with open(f"{SHARED}/units/u1.yaml", encoding="utf-8") as handle:
        good = handle.read()
    case(
        "status-counts-every-form",
        "status units --criteria ../_shared/criteria --roster roster.csv --format csv",
        {
            "units/u1.yaml": good,
            "units/u2.yaml": good.replace("id: u1", "id: u2").replace(
                '"1.2": {value: 95', '"1.2": {value: lots'
            ),
            "units/u3.yaml": "unit: {id: u3, name: Ba, group: office}\nframework: compact-2025\nanswers: {}\n",
            "units/u4.yaml": "unit: [\n",
            "units/u5.yaml": good.replace("id: u1", "id: u5"),
            "roster.csv": "unit_id,unit_name,group\nu1,Một,office\nu2,Hai,office\nu3,Ba,office\nu4,Bốn,office\nu6,Sáu,office\n",
        },
        exit_code=0,
    )
    case(
        "status-broken-framework",
        "status ../_shared/units --criteria criteria",
        {"criteria/mini.yaml": "framework: mini-2025\ntitle: Khung\ngroup: office\ncriteria: 3\n"},
    )
    case(
        "status-roster-without-group",
        f"status {SH} --roster roster.csv",
        {"roster.csv": "unit_id,unit_name\nu1,Một\n"},
    )
