"""Corpus cases of issue 11's wrong numbers, pending values, blank forms, discovery, escapes
and alias bombs (imported by _make_corpus.py, which writes them)."""

ESC = "\x1b"


def add(case, unit, sh):
    rank_unit = "rank unit.yaml --criteria ../_shared/criteria"
    validate_unit = "validate unit.yaml --criteria ../_shared/criteria"
    penalty = {"9.2": "{value: 1, self_points: 1}", "9.1": "{value: 2, self_points: 2}"}
    case(
        "claims-penalty-self-total",
        rank_unit + " --format csv",
        {"unit.yaml": unit(penalty)},
        exit_code=0,
    )
    case(
        "claims-penalty-claims-csv",
        rank_unit + " --format csv --claims",
        {"unit.yaml": unit({"9.2": "{value: 2, self_points: 1}"})},
        exit_code=0,
    )
    case("pending-warning-once-per-framework", f"rank {sh} --format csv", {}, exit_code=0)
    # a year's forms folder before any form is back (the pre-filled ones moved out once sent)
    case(
        "forms-folder-without-forms",
        "rank forms --criteria ../_shared/criteria",
        {"forms/ghi-chu.txt": "Phiếu của các đơn vị đặt vào đây khi gửi về.\n"},
    )
    case("pending-strict-is-an-error", f"rank {sh} --strict --format csv", {})
    blank = dict.fromkeys(("1.1", "1.10", "1.2", "010", "2.1", "2.2", "2.3"), "{value: null}")
    case("blank-form-rank", rank_unit, {"unit.yaml": unit(blank)})
    case("blank-form-validate", validate_unit, {"unit.yaml": unit(blank)})
    case(
        "blank-form-roster-allow-absent",
        "rank units --criteria ../_shared/criteria --roster roster.csv --allow-absent --format csv",
        {
            "units/u9.yaml": unit(blank),
            "units/u1.yaml": open_shared("u1.yaml"),
            "roster.csv": "unit_id,unit_name,group\nu1,Đơn vị Một,office\nu9,Đơn vị Chín,office\n",
        },
        exit_code=0,
    )
    case(
        "evidence-not-needed-for-zero-points",
        validate_unit,
        {"unit.yaml": unit({"1.1": '{value: "no", self_points: 0}'})},
        exit_code=0,
    )
    case(
        "evidence-invisible-characters",
        validate_unit,
        {"unit.yaml": unit({"1.1": '{value: on_time, evidence: [" ", "\\u200b", "\\ufeff\\t"]}'})},
    )
    case(
        "nfc-escaped-duplicate-unit-id",
        "validate units --criteria ../_shared/criteria",
        {
            "units/a.yaml": unit(head=head('"Vie\\u0323\\u0302t"')),
            "units/b.yaml": unit(head=head("Việt")),
        },
    )
    case(
        "terminal-escape-in-key-and-name",
        validate_unit,
        {"unit.yaml": unit({'"\\e]0;owned\\a\\e[2J"': "{value: 1}"})},
    )
    case(
        "terminal-escape-in-roster-name",
        f"rank {sh} --roster roster.csv",
        {
            "roster.csv": "unit_id,unit_name,group\nu1,Đơn vị Một,office\nu2,Đơn vị Hai,office\n"
            f"u7,{ESC}]0;owned\x07{ESC}[2J,office\n"
        },
    )
    case(
        "terminal-escape-in-table",
        rank_unit,
        {"unit.yaml": unit(head=head("u9", name='"Đơn vị \\e]0;owned\\a\\e[2J"'))},
        exit_code=0,
    )
    piece = "x" * 10_000
    bomb = (
        head("u9")
        + f"notes:\n  a: &a {piece}\n  b: &b [{', '.join(['*a'] * 100)}]\n"
        + f"  c: [{', '.join(['*b'] * 11)}]\n"
    )
    case("alias-text-bomb", validate_unit, {"unit.yaml": bomb})
    case(
        "discovery-near-miss-names",
        "validate units --criteria ../_shared/criteria",
        {
            "units/u1.yaml": open_shared("u1.yaml"),
            "units/u2.yaml.txt": open_shared("u2.yaml"),
            "units/u3.yaml ": open_shared("u2.yaml"),
            "units/u4.YAML.bak": open_shared("u2.yaml"),
        },
        exit_code=0,
    )
    case(
        "history-column-new-and-was",
        f"rank {sh} --previous previous.csv --id-map id-map.csv --format csv",
        {
            "previous.csv": "framework,group,rank,unit_id,unit_name,index\n"
            "compact-2025,office,1,old-1,Cũ,50\n",
            "id-map.csv": "old_id,new_id\nold-1,u1\n",
        },
        exit_code=0,
    )
    case(
        "gaps-rival-at-100-can-only-tie",
        "--lang en gaps ../_shared/units/u1.yaml --criteria ../_shared/criteria "
        "--ranking ranking.csv",
        {
            "ranking.csv": "framework,group,rank,unit_id,unit_name,index\n"
            "compact-2025,office,1,u5,Đơn vị Năm,100.00\ncompact-2025,office,2,u6,Sáu,99.00\n"
        },
        exit_code=0,
    )


def head(unit_id, name="Đơn vị Chín"):
    return (
        f"unit: {{id: {unit_id}, name: {name}, group: office}}\nframework: compact-2025\nanswers:\n"
    )


def open_shared(name):
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "_shared", "units", name), encoding="utf-8") as fh:
        return fh.read()
