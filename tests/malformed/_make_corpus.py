"""Writes the inputs and cmd.txt of every case in tests/malformed/ (see README.md).

    python tests/malformed/_make_corpus.py && pytest tests/cli/test_malformed.py --update-golden

expected.txt is never written here: --update-golden records what the CLI says, and every
new or changed line must be read before it is committed. Rewriting the corpus gives the
XLSX cases new timestamps inside the archives; that is harmless.
"""

import io
import os
import shutil
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))
CASES = {}


def case(name, cmd, files, exit_code=1):
    assert name not in CASES, name
    CASES[name] = (cmd, files, exit_code)


UNIT_CMD = "validate unit.yaml --criteria ../_shared/criteria"
RANK_UNIT = "rank unit.yaml --criteria ../_shared/criteria"
SH = "../_shared/units --criteria ../_shared/criteria"

BASE = {
    "1.1": '{value: on_time, self_points: 10, evidence: ["KH 9/KH-U9"]}',
    "1.10": "{value: yes, self_points: 5}",
    "1.2": "{value: 95, self_points: 10}",
    "010": "{value: 50}",
    "2.1": "{value: 0}",
    "2.2": "{value: 3}",
    "2.3": "{value: 7}",
}
HEAD = "unit: {id: u9, name: Đơn vị Chín, group: office}\nframework: compact-2025\nanswers:\n"


def unit(over=None, extra="", head=HEAD):
    over = over or {}
    lines = []
    for key, text in BASE.items():
        if key in over:
            if over[key] is None:
                continue
            text = over[key]
        lines.append(f'  "{key}": {text}\n')
    for key, text in over.items():
        if key not in BASE:
            lines.append(f"  {key}: {text}\n")
    return head + "".join(lines) + extra


MINI = """framework: mini-2025
title: Khung nhỏ
group: office
bands:
  - {min: 80, label: Tốt}
  - {min: 0, label: Đạt}
criteria:
  - id: "1"
    name: Lĩnh vực một
    max: 10
    criteria:
      - id: "1.1"
        name: Kế hoạch
        max: 6
        rule:
          kind: choice
          options: {on_time: 6, late: 3, "no": 0}
      - id: "1.2"
        name: Tỷ lệ
        max: 4
        rule:
          kind: bands
          bands:
            - {above: 90, points: 4}
            - {at_least: 70, points: 2}
"""


def mini(*pairs):
    text = MINI
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def fw_case(name, *pairs, extra_files=None):
    files = {"criteria/mini.yaml": mini(*pairs)}
    files.update(extra_files or {})
    case(name, "validate criteria", files)


def cp1258(text):
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = next(m for m in d if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", d.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


# ---- YAML syntax, types, encodings ----
case(
    "yaml-unclosed-flow-mapping",
    UNIT_CMD,
    {"unit.yaml": unit({"1.2": "{value: 95, self_points: 10"})},
)
case("yaml-mapping-value-in-plain-scalar", UNIT_CMD, {"unit.yaml": unit({"2.2": "value: 3: 4"})})
case("yaml-tab-indentation", UNIT_CMD, {"unit.yaml": unit().replace('  "1.2"', '\t"1.2"')})
case(
    "yaml-unclosed-quote",
    UNIT_CMD,
    {"unit.yaml": unit({"1.1": '{value: "on_time, evidence: [x]}'})},
)
case(
    "yaml-bad-indentation",
    UNIT_CMD,
    {"unit.yaml": unit().replace('  "2.1"', '    "2.1"').replace('  "2.2"', ' "2.2"')},
)
case("yaml-two-documents", UNIT_CMD, {"unit.yaml": unit() + "---\nunit: {id: u10}\n"})
case(
    "yaml-top-level-list",
    UNIT_CMD,
    {
        "unit.yaml": "- unit: {id: u9, name: Đơn vị Chín, group: office}\n- framework: compact-2025\n"
    },
)
case("yaml-top-level-scalar", UNIT_CMD, {"unit.yaml": "Đơn vị Chín tự đánh giá\n"})
case("yaml-empty-file", UNIT_CMD, {"unit.yaml": b""})
case("yaml-only-comments", UNIT_CMD, {"unit.yaml": "# phiếu tự đánh giá\n# chưa điền\n"})
case("yaml-mapping-as-key", UNIT_CMD, {"unit.yaml": unit(extra="  ? {a: 1}\n  : {value: 1}\n")})
case(
    "enc-invalid-utf8", UNIT_CMD, {"unit.yaml": unit().encode().replace(b"Ch\xc3\xadn", b"Ch\xedn")}
)
case("enc-utf16-with-bom", UNIT_CMD, {"unit.yaml": unit().encode("utf-16")})
case("enc-utf16-without-bom", UNIT_CMD, {"unit.yaml": unit().encode("utf-16-le")})
case("enc-windows-1258", UNIT_CMD, {"unit.yaml": cp1258(unit())})
case(
    "enc-nul-byte",
    UNIT_CMD,
    {"unit.yaml": unit().encode().replace(b'"2.2": {value: 3}', b'"2.2": {value: 3\x00}')},
)
case(
    "yaml-control-character",
    UNIT_CMD,
    {"unit.yaml": unit().replace("answers:\n", "answers:  # ghi chú \x1f\n")},
)
case(
    "yaml-duplicate-inside-duplicate",
    UNIT_CMD,
    {"unit.yaml": unit() + 'answers:\n  "1.1": {value: late}\n  "1.1": {value: late}\n'},
)
case(
    "enc-utf8-bom-control", UNIT_CMD, {"unit.yaml": b"\xef\xbb\xbf" + unit().encode()}, exit_code=0
)

# ---- duplicate keys at every level ----
case("dup-key-top-level", UNIT_CMD, {"unit.yaml": unit(extra="framework: compact-2024\n")})
case(
    "dup-key-unit", UNIT_CMD, {"unit.yaml": unit(head=HEAD.replace("id: u9,", "id: u9, id: u10,"))}
)
case("dup-key-answers", UNIT_CMD, {"unit.yaml": unit(extra='  "1.10": {value: "no"}\n')})
case(
    "dup-key-answers-quoted-and-plain", UNIT_CMD, {"unit.yaml": unit(extra="  1.2: {value: 80}\n")}
)
case(
    "dup-key-in-answer",
    UNIT_CMD,
    {"unit.yaml": unit({"1.2": "{value: 95, self_points: 10, value: 60}"})},
)
case(
    "dup-key-framework-node",
    "validate criteria",
    {
        "criteria/mini.yaml": mini(
            (
                "        name: Tỷ lệ\n        max: 4\n",
                "        name: Tỷ lệ\n        max: 4\n        max: 5\n",
            )
        )
    },
)
case(
    "dup-key-rule-options",
    "validate criteria",
    {
        "criteria/mini.yaml": mini(
            ('{on_time: 6, late: 3, "no": 0}', '{on_time: 6, late: 3, "no": 0, late: 2}')
        )
    },
)
case(
    "dup-key-option-no-quoted-and-plain",
    "validate criteria",
    {
        "criteria/mini.yaml": mini(
            ('{on_time: 6, late: 3, "no": 0}', '{on_time: 6, late: 3, "no": 0, no: 1}')
        )
    },
)

# ---- ids YAML 1.1 would misread ----
case(
    "ids-yaml11-control",
    UNIT_CMD,
    {
        "unit.yaml": HEAD
        + "  1.1: {value: no, self_points: 0, evidence: KH 9}\n  1.10: {value: yes}\n  1.2: {value: 95}\n  010: {value: 50}\n  2.1: {value: 0}\n  2.2: {value: 3}\n  2.3: {value: 7}\n"
    },
    exit_code=0,
)
UNQUOTED = mini(
    ('      - id: "1.1"\n', "      - id: 1.1\n"),
    ('      - id: "1.2"\n', "      - id: 1.10\n"),
    ('  - id: "1"\n', "  - id: 010\n"),
    ('options: {on_time: 6, late: 3, "no": 0}', "options: {on_time: 6, late: 3, no: 0, off: 1}"),
)
case(
    "ids-unquoted-in-framework-control",
    "validate units",
    {
        "criteria/mini.yaml": UNQUOTED,
        "units/u9.yaml": "unit: {id: u9, name: Chín, group: office}\nframework: mini-2025\nanswers:\n  1.1: {value: no}\n  1.10: {value: 95}\n",
    },
    exit_code=0,
)
case(
    "ids-unquoted-in-framework-errors",
    "validate units",
    {
        "criteria/mini.yaml": UNQUOTED,
        "units/u9.yaml": "unit: {id: u9, name: Chín, group: office}\nframework: mini-2025\nanswers:\n  1.1: {value: false}\n  1.10: {value: 95}\n  1.100: {value: 95}\n  10: {value: 1}\n",
    },
)
case(
    "fw-broken-with-units",
    "rank units",
    {
        "criteria/mini.yaml": mini(("late: 3,", "late: 9,")),
        "units/u9.yaml": 'unit: {id: u9, name: Chín, group: office}\nframework: mini-2025\nanswers:\n  "1.1": {value: late}\n  "1.2": {value: 95}\n',
    },
)
case(
    "ids-near-misses-unknown",
    UNIT_CMD,
    {
        "unit.yaml": unit(
            extra="  1.100: {value: yes}\n  10: {value: 50}\n  yes: {value: 1}\n  1.1.0: {value: 2}\n"
        )
    },
)
case(
    "ids-option-no-vs-false",
    UNIT_CMD,
    {"unit.yaml": unit({"1.1": '{value: false, evidence: ["KH 9"]}', "1.10": "{value: off}"})},
)

# ---- unknowns and shapes of an assessment ----
case(
    "unknown-framework",
    UNIT_CMD,
    {"unit.yaml": unit(head=HEAD.replace("compact-2025", "compact-2052"))},
)
case("unknown-criterion", UNIT_CMD, {"unit.yaml": unit(extra='  "4.1": {value: 1}\n')})
case("answer-to-parent-criterion", UNIT_CMD, {"unit.yaml": unit(extra='  "2": {value: 30}\n')})
case(
    "answer-to-survey-and-council-leaves",
    UNIT_CMD,
    {"unit.yaml": unit(extra='  "3.1": {value: 4}\n  "2.4": {value: 9, self_points: 9}\n')},
)
case("unknown-key-in-answer", UNIT_CMD, {"unit.yaml": unit({"1.2": "{value: 95, points: 10}"})})
case("unknown-top-level-key", UNIT_CMD, {"unit.yaml": unit(extra="year: 2025\n")})
case(
    "unit-missing-id-and-group",
    UNIT_CMD,
    {
        "unit.yaml": unit(
            head=HEAD.replace("{id: u9, name: Đơn vị Chín, group: office}", "{name: Đơn vị Chín}")
        )
    },
)
case(
    "unit-not-a-mapping",
    UNIT_CMD,
    {"unit.yaml": unit(head=HEAD.replace("{id: u9, name: Đơn vị Chín, group: office}", "u9"))},
)
case(
    "unit-group-differs",
    UNIT_CMD,
    {"unit.yaml": unit(head=HEAD.replace("group: office", "group: commune"))},
)
case(
    "answers-is-a-list", UNIT_CMD, {"unit.yaml": HEAD + "  - {value: on_time}\n  - {value: yes}\n"}
)
case("answer-is-a-scalar", UNIT_CMD, {"unit.yaml": unit({"1.2": "95"})})
case(
    "unit-framework-empty",
    UNIT_CMD,
    {"unit.yaml": unit(head=HEAD.replace("framework: compact-2025", "framework:"))},
)
case(
    "missing-answer-strict",
    UNIT_CMD + " --strict",
    {"unit.yaml": unit({"2.2": None, "2.3": "{value: null}"})},
)
case(
    "duplicate-unit-id-two-files",
    "validate units --criteria ../_shared/criteria",
    {"units/a.yaml": unit(), "units/b.yaml": unit()},
)
case(
    "neither-framework-nor-assessment",
    "validate units --criteria ../_shared/criteria",
    {"units/u9.yaml": unit(), "units/notes.yaml": "title: Ghi chú\nitems: [1, 2]\n"},
)
case(
    "assessment-in-criteria-dir",
    "validate criteria",
    {"criteria/mini.yaml": MINI, "criteria/u9.yaml": unit()},
)
case(
    "path-not-yaml",
    "validate unit.yaml appraisal.csv --criteria ../_shared/criteria",
    {"unit.yaml": unit(), "appraisal.csv": "unit_id,criterion,value,points,reason\n"},
)
case(
    "path-missing",
    "validate unit.yaml units/absent.yaml --criteria ../_shared/criteria",
    {"unit.yaml": unit()},
)
case("criteria-dir-missing", "validate unit.yaml --criteria criteria", {"unit.yaml": unit()})

# ---- values a rule cannot take ----
case("value-boolean", UNIT_CMD, {"unit.yaml": unit({"1.10": "{value: maybe}"})})
case("value-boolean-list", UNIT_CMD, {"unit.yaml": unit({"1.10": "{value: [yes]}"})})
case(
    "value-choice-unknown-option",
    UNIT_CMD,
    {"unit.yaml": unit({"1.1": '{value: early, evidence: ["KH 9"]}'})},
)
case(
    "value-choice-wrong-case",
    UNIT_CMD,
    {"unit.yaml": unit({"1.1": '{value: On_Time, evidence: ["KH 9"]}'})},
)
case("value-bands-not-a-number", UNIT_CMD, {"unit.yaml": unit({"1.2": '{value: "95%"}'})})
case(
    "value-bands-nan-and-inf",
    UNIT_CMD,
    {"unit.yaml": unit({"1.2": "{value: .nan}", "2.2": "{value: .inf}"})},
)
case("value-ratio-over-100", UNIT_CMD, {"unit.yaml": unit({"010": "{value: 120}"})})
case(
    "value-ratio-negative",
    UNIT_CMD,
    {"unit.yaml": unit({"010": "{value: {numerator: -1, denominator: 10}}"})},
)
case(
    "value-ratio-numerator-exceeds",
    UNIT_CMD,
    {"unit.yaml": unit({"010": "{value: {numerator: 11, denominator: 10}}"})},
)
case(
    "value-ratio-zero-denominator",
    UNIT_CMD,
    {"unit.yaml": unit({"010": "{value: {numerator: 3, denominator: 0}}"})},
)
case(
    "value-ratio-bad-mapping", UNIT_CMD, {"unit.yaml": unit({"010": "{value: {num: 3, den: 10}}"})}
)
case("value-ratio-text-parts", UNIT_CMD, {"unit.yaml": unit({"010": '{value: "ba/mười"}'})})
case("value-deduction-fraction", UNIT_CMD, {"unit.yaml": unit({"2.1": "{value: 1.5}"})})
case("value-deduction-negative", UNIT_CMD, {"unit.yaml": unit({"2.1": "{value: -2}"})})
case("value-scale-outside", UNIT_CMD, {"unit.yaml": unit({"2.2": "{value: 6}"})})
case("value-points-outside", UNIT_CMD, {"unit.yaml": unit({"2.3": "{value: 10.5}"})})
case("value-huge-number", UNIT_CMD, {"unit.yaml": unit({"2.1": "{value: 1e9999999}"})})
case(
    "value-every-kind-at-once",
    UNIT_CMD,
    {
        "unit.yaml": unit(
            {
                "1.1": '{value: 1, evidence: ["KH 9"]}',
                "1.10": "{value: 2}",
                "1.2": "{value: cao}",
                "010": "{value: 101}",
                "2.1": "{value: nhiều}",
                "2.2": "{value: 0}",
                "2.3": "{value: -1}",
            }
        )
    },
)

# ---- N/A, evidence, claims ----
case(
    "na-forbidden",
    UNIT_CMD,
    {"unit.yaml": unit({"1.10": "{not_applicable: true, reason: Không phát sinh}"})},
)
case(
    "na-without-reason",
    UNIT_CMD,
    {
        "unit.yaml": unit(
            {"010": "{not_applicable: true}", "2.3": '{not_applicable: true, reason: "  "}'}
        )
    },
)
case(
    "na-with-value",
    UNIT_CMD,
    {"unit.yaml": unit({"010": "{not_applicable: true, reason: Không phát sinh, value: 50}"})},
)
case(
    "na-not-a-flag",
    UNIT_CMD,
    {"unit.yaml": unit({"010": "{not_applicable: có, reason: Không phát sinh}"})},
)
case("evidence-missing", UNIT_CMD, {"unit.yaml": unit({"1.1": "{value: on_time}"})})
case("evidence-empty", UNIT_CMD, {"unit.yaml": unit({"1.1": '{value: late, evidence: ["", " "]}'})})
case(
    "evidence-wrong-type",
    UNIT_CMD,
    {"unit.yaml": unit({"1.1": "{value: late, evidence: {so: 9}}"})},
)
case("claim-over-max", UNIT_CMD, {"unit.yaml": unit({"1.10": "{value: yes, self_points: 6}"})})
case(
    "claim-below-floor",
    UNIT_CMD,
    {
        "unit.yaml": unit(
            {"2.1": "{value: 9, self_points: -3}", "2.2": "{value: 3, self_points: -0.5}"}
        )
    },
)
case("claim-not-a-number", UNIT_CMD, {"unit.yaml": unit({"1.2": "{value: 95, self_points: mười}"})})

# ---- framework inconsistencies ----
fw_case(
    "fw-declared-max-not-sum",
    ("    name: Lĩnh vực một\n    max: 10\n", "    name: Lĩnh vực một\n    max: 12\n"),
)
fw_case("fw-option-over-max", ("late: 3,", "late: 7,"))
fw_case(
    "fw-band-points-out-of-range",
    ("{above: 90, points: 4}", "{above: 90, points: 5}"),
    ("{at_least: 70, points: 2}", "{at_least: 70, points: -1}"),
)
fw_case("fw-unknown-kind", ("          kind: bands\n", "          kind: percent\n"))
fw_case("fw-missing-kind", ("          kind: choice\n", ""))
fw_case("fw-duplicate-criterion-id", ('      - id: "1.2"', '      - id: "1.1"'))
fw_case("fw-duplicate-id-leaf-and-field", ('      - id: "1.2"', '      - id: "1"'))
fw_case(
    "fw-leaf-without-rule",
    (
        "          kind: bands\n          bands:\n            - {above: 90, points: 4}\n            - {at_least: 70, points: 2}\n",
        "          {}\n",
    ),
    ("        rule:\n          {}\n", ""),
)
fw_case("fw-leaf-without-max", ("        name: Tỷ lệ\n        max: 4\n", "        name: Tỷ lệ\n"))
fw_case(
    "fw-parent-with-rule",
    (
        "    name: Lĩnh vực một\n    max: 10\n",
        "    name: Lĩnh vực một\n    max: 10\n    rule: {kind: points}\n",
    ),
)
fw_case(
    "fw-bands-not-descending",
    (
        "  - {min: 80, label: Tốt}\n  - {min: 0, label: Đạt}\n",
        "  - {min: 50, label: Đạt}\n  - {min: 80, label: Tốt}\n",
    ),
)
fw_case(
    "fw-band-condition-two-comparisons",
    ("{above: 90, points: 4}", "{above: 90, at_most: 100, points: 4}"),
)
fw_case("fw-band-condition-none", ("{at_least: 70, points: 2}", "{points: 2}"))
fw_case("fw-missing-title-and-group", ("title: Khung nhỏ\ngroup: office\n", ""))
fw_case(
    "fw-unknown-key", ("        name: Kế hoạch\n", "        name: Kế hoạch\n        weight: 6\n")
)
fw_case(
    "fw-bad-literals",
    ("group: office\n", "group: office\nprecision: 7\nnot_applicable: sometimes\n"),
    (
        "        name: Kế hoạch\n",
        "        name: Kế hoạch\n        source: citizens\n        evidence: maybe\n",
    ),
)
fw_case(
    "fw-max-not-positive",
    ("        name: Tỷ lệ\n        max: 4\n", "        name: Tỷ lệ\n        max: 0\n"),
    ("    name: Lĩnh vực một\n    max: 10\n", "    name: Lĩnh vực một\n"),
)
fw_case(
    "fw-max-too-large",
    ("        name: Tỷ lệ\n        max: 4\n", "        name: Tỷ lệ\n        max: 4e20\n"),
)
fw_case(
    "fw-max-not-a-number",
    ("        name: Tỷ lệ\n        max: 4\n", "        name: Tỷ lệ\n        max: bốn\n"),
)
fw_case(
    "fw-rule-parameters",
    (
        "          kind: bands\n          bands:\n            - {above: 90, points: 4}\n            - {at_least: 70, points: 2}\n",
        "          kind: scale\n          low: 3\n          high: 3\n",
    ),
    ('options: {on_time: 6, late: 3, "no": 0}', "per: 0\n          floor: 7"),
    ("          kind: choice\n", "          kind: deduction\n"),
)
fw_case(
    "fw-deduction-per-not-positive",
    ('options: {on_time: 6, late: 3, "no": 0}', "per: -1\n          floor: 7"),
    ("          kind: choice\n", "          kind: deduction\n"),
)
fw_case(
    "fw-ratio-limits",
    (
        "          kind: bands\n          bands:\n            - {above: 90, points: 4}\n            - {at_least: 70, points: 2}\n",
        "          kind: ratio\n          full_at: 80\n          zero_below: 90\n",
    ),
)
fw_case(
    "fw-choice-no-options",
    ('          options: {on_time: 6, late: 3, "no": 0}\n', "          options: {}\n"),
)
fw_case("fw-empty-criteria", ('criteria:\n  - id: "1"', 'criteria: []\nold:\n  - id: "1"'))
fw_case(
    "fw-criteria-not-a-list",
    (
        'criteria:\n  - id: "1"\n    name: Lĩnh vực một\n    max: 10\n    criteria:\n',
        'criteria:\n  "1":\n    name: Lĩnh vực một\n    max: 10\n    criteria:\n',
    ),
)
fw_case(
    "fw-negative-floor-bonus",
    (
        "        max: 4\n        rule:\n          kind: bands\n          bands:\n            - {above: 90, points: 4}\n            - {at_least: 70, points: 2}\n",
        '        max: 4\n        rule: {kind: points}\n      - id: "1.9"\n        name: Trừ\n        max: 1\n        adjust: penalty\n        rule: {kind: deduction, per: 1, floor: -1}\n',
    ),
)
fw_case(
    "fw-only-adjustments",
    (
        '          options: {on_time: 6, late: 3, "no": 0}\n',
        '          options: {on_time: 6, late: 3, "no": 0}\n        adjust: bonus\n',
    ),
    ("        max: 4\n        rule:", "        max: 4\n        adjust: penalty\n        rule:"),
)
case(
    "fw-duplicate-framework-id",
    "validate criteria",
    {"criteria/a.yaml": MINI, "criteria/b.yaml": MINI.replace("Khung nhỏ", "Khung nhỏ (bản sao)")},
)
fw_case(
    "fw-bands-not-a-list",
    ("bands:\n  - {min: 80, label: Tốt}\n  - {min: 0, label: Đạt}\n", "bands: {Tốt: 80, Đạt: 0}\n"),
)

# ---- aliases and nesting ----
laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
prev = "a"
for name in "bcdefghi":
    laughs += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    prev = name
case(
    "alias-billion-laughs", UNIT_CMD, {"unit.yaml": unit(extra=laughs.replace("a: &a", "x: &a", 1))}
)
case("alias-recursive", UNIT_CMD, {"unit.yaml": unit({"2.2": "&loop {value: *loop}"})})
case("alias-undefined", UNIT_CMD, {"unit.yaml": unit({"2.2": "{value: *three}"})})
case(
    "nesting-5000-lists",
    UNIT_CMD,
    {"unit.yaml": unit({"2.2": "{value: " + "[" * 5000 + "]" * 5000 + "}"})},
)
case(
    "nesting-5000-block-mappings",
    UNIT_CMD,
    {"unit.yaml": unit(extra="note:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(5000)))},
)
deep = (
    "".join(f"{{id: 'n{i}', name: n, criteria: [" for i in range(300))
    + "{id: leaf, name: l, max: 1, rule: {kind: boolean}}"
    + "]}" * 300
)
case(
    "nesting-300-criteria",
    "validate criteria",
    {
        "criteria/deep.yaml": "framework: deep-2025\ntitle: Sâu\ngroup: office\ncriteria: ["
        + deep
        + "]\n"
    },
)

# ---- CSV appraisal ----
AH = "unit_id,criterion,value,points,reason,round\n"
RANK_AP = f"rank {SH} --appraisal appraisal.csv"
VAL_AP = f"validate {SH} --appraisal appraisal.csv"


def ap(name, body, cmd=RANK_AP, header=AH, fname="appraisal.csv", exit_code=1):
    case(name, cmd, {fname: header + body}, exit_code)


ap("csv-too-many-cells", "u1,1.2,80,,Báo cáo sai,1\nu2,1.10,,0,Không có báo cáo,1,thừa,ô\n")
ap("csv-too-few-cells", "u1,1.2,80,,Báo cáo sai,1\nu2,1.10,no\n")
ap("csv-missing-column", "u1,1.2,80,Báo cáo sai\n", header="unit_id,criterion,value,reason\n")
ap(
    "csv-duplicate-column",
    "u1,1.2,80,,Báo cáo sai,Thiếu\n",
    header="unit_id,criterion,value,points,reason,reason\n",
)
ap("csv-unclosed-quote", 'u1,1.2,80,,"Báo cáo sai,1\nu2,1.10,no,,x,1\n')
ap("csv-empty-file", "", header="")
case(
    "csv-windows-1258",
    RANK_AP,
    {"appraisal.csv": cp1258(AH + "u1,1.2,80,,Báo cáo chưa đúng số liệu,1\n")},
)
case("csv-utf16", RANK_AP, {"appraisal.csv": (AH + "u1,1.2,80,,Sai,1\n").encode("utf-16")})
case(
    "csv-semicolon-decimal-comma-control",
    f"validate {SH} --appraisal appraisal.csv",
    {
        "appraisal.csv": "\ufeffunit_id;criterion;value;points;reason;round\nu1;1.2;85,5;;Số liệu thực tế 85,5 %;1\nu1;2.3;;7,25;Chấm lại;2\nu2;010;9/10;;Có hồ sơ;1\nu2;2.4;;8,5;Hội đồng chấm;1\n"
    },
    exit_code=0,
)
ap("appraisal-value-and-points", "u1,1.2,80,5,Báo cáo sai,1\n")
ap("appraisal-neither-value-nor-points", "u1,1.2,,,Báo cáo sai,1\n")
ap("appraisal-no-reason", "u1,1.2,80,,,1\nu2,2.4,,8,   ,1\n")
ap(
    "appraisal-bad-round",
    "u1,1.2,80,,Sai,0\nu1,1.10,no,,Sai,1.5\nu1,2.3,,5,Sai,hai\nu2,2.4,,8,Chấm,-1\n",
)
ap(
    "appraisal-duplicate-same-round",
    "u1,1.2,80,,Sai,2\nu1,1.2,70,,Sai lần nữa,2\nu2,2.4,,8,Chấm,\nu2,2.4,,9,Chấm lại,1\n",
)
ap("appraisal-survey-leaf", "u1,3.1,4,,Khảo sát,1\nu1,3.2,,5,Khảo sát,1\n")
ap(
    "appraisal-unknown-unit-and-criterion",
    "u7,1.2,80,,Sai,1\nu1,1.20,80,,Sai,1\nu1,1,,8,Sai,1\n,1.2,80,,Sai,1\nu1,,80,,Sai,1\n",
)
ap("appraisal-points-out-of-range", "u1,1.2,,11,Sai,1\nu1,2.1,,-3,Sai,1\nu1,2.3,,mười,Sai,1\n")
ap(
    "appraisal-value-rejected",
    "u1,1.1,sớm,,Sai,1\nu1,1.10,có lẽ,,Sai,1\nu1,010,11/10,,Sai,1\nu1,2.1,1.5,,Sai,1\nu1,2.2,0,,Sai,1\n",
)
ap("appraisal-na-forbidden", "u1,1.2,N/A,,Không phát sinh,1\nu1,010,N/A,,Không phát sinh,1\n")
ap("appraisal-validate-reports-all", "u1,1.2,80,5,,x\nu9,1.2,80,,Sai,1\n", cmd=VAL_AP)

ap(
    "csv-multiline-cell-row-number",
    'u1,1.2,80,,"Sai số liệu:\nbáo cáo ghi 95 %,\nthực tế 80 %",1\n\n\nu1,2.3,,12,Chấm lại,1\n',
)
ap("csv-blank-header-cells", "u1,1.2,80,,Sai,1\n", header="unit_id,criterion,value,,reason,round\n")
# ---- survey ----
SH_ = "unit_id,criterion,value\n"
case(
    "survey-duplicate-across-files",
    f"rank {SH} --survey survey-a.csv --survey survey-b.csv",
    {
        "survey-a.csv": SH_ + "u1,3.1,4.2\nu2,3.1,3.9\n",
        "survey-b.csv": SH_ + "u1,3.2,80\nu2,3.1,4.0\n",
    },
)
case(
    "survey-duplicate-same-file",
    f"rank {SH} --survey survey.csv",
    {"survey.csv": SH_ + "u1,3.1,4.2\nu1,3.1,4.4\n"},
)
case(
    "survey-not-a-survey-leaf",
    f"rank {SH} --survey survey.csv",
    {"survey.csv": SH_ + "u1,1.2,90\nu1,2.4,8\n"},
)
case(
    "survey-values-rejected",
    f"rank {SH} --survey survey.csv",
    {"survey.csv": SH_ + "u1,3.1,5.5\nu1,3.2,0/0\nu2,3.1,\nu2,3.2,N/A\n"},
)
case(
    "survey-unknown-unit", f"validate {SH} --survey survey.csv", {"survey.csv": SH_ + "u3,3.1,4\n"}
)
case(
    "survey-missing-column",
    f"validate {SH} --survey survey.csv",
    {"survey.csv": "unit,criterion,value\nu1,3.1,4\n"},
)

# ---- roster ----
RH = "unit_id,unit_name,group\n"
case(
    "roster-unit-without-assessment",
    f"rank {SH} --roster roster.csv",
    {"roster.csv": RH + "u1,Đơn vị Một,office\nu2,Đơn vị Hai,office\nu3,Đơn vị Ba,office\n"},
)
case(
    "roster-assessment-not-on-roster",
    f"rank {SH} --roster roster.csv",
    {"roster.csv": RH + "u1,Đơn vị Một,office\n"},
)
case(
    "roster-bad-rows",
    f"rank {SH} --roster roster.csv",
    {
        "roster.csv": RH
        + "u1,Đơn vị Một,office\nu2,Đơn vị Hai,commune\nu1,Đơn vị Một (lặp),office\nu4,,office\nu5,Đơn vị Năm,ward\n"
    },
)


# ---- XLSX ----
def workbook(rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


case(
    "xlsx-text-file",
    f"rank {SH} --appraisal appraisal.xlsx",
    {"appraisal.xlsx": AH + "u1,1.2,80,,Sai,1\n"},
)
case(
    "xlsx-truncated-zip",
    f"rank {SH} --appraisal appraisal.xlsx",
    {"appraisal.xlsx": workbook([AH.strip().split(","), ["u1", "1.2", 80, None, "Sai", 1]])[:700]},
)
case(
    "xlsx-empty-zip",
    f"rank {SH} --appraisal appraisal.xlsx",
    {"appraisal.xlsx": b"PK\x05\x06" + b"\0" * 18},
)
case(
    "xlsx-appraisal-bad-rows",
    f"rank {SH} --appraisal appraisal.xlsx",
    {
        "appraisal.xlsx": workbook(
            [
                AH.strip().split(","),
                ["u1", "1.2", 80, None, "Sai", 1],
                ["u1", "2.3", None, 12.5, "Sai", 1],
                ["u2", "1.10", "có lẽ", None, "Sai", 1.5],
            ]
        )
    },
)


def damaged_sheet(flip):
    data = workbook([AH.strip().split(","), ["u1", "1.2", 80, None, "Sai", 1]])
    zin = zipfile.ZipFile(io.BytesIO(data))
    if flip:  # one byte of the compressed sheet flipped: the archive opens, the sheet does not
        info = zin.getinfo("xl/worksheets/sheet1.xml")
        at = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
        bad = bytearray(data)
        bad[at] ^= 0xFF
        return bytes(bad)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body[: len(body) // 2]
            zout.writestr(item, body)
    return out.getvalue()


case(
    "xlsx-truncated-sheet-xml",
    f"rank {SH} --appraisal appraisal.xlsx",
    {"appraisal.xlsx": damaged_sheet(False)},
)
case(
    "xlsx-corrupt-compressed-sheet",
    f"rank {SH} --appraisal appraisal.xlsx",
    {"appraisal.xlsx": damaged_sheet(True)},
)
case(
    "xlsx-named-csv",
    f"rank {SH} --appraisal appraisal.csv",
    {"appraisal.csv": workbook([AH.strip().split(",")])},
)
case(
    "table-file-missing",
    f"rank {SH} --appraisal absent.csv --survey absent.xlsx",
    {"README.txt": "The named tables do not exist.\n"},
)

# ---- previous ----
PH = "framework,group,rank,unit_id,unit_name,index,band\n"
case(
    "previous-bad-rows",
    f"rank {SH} --previous previous.csv",
    {
        "previous.csv": PH
        + "compact-2025,office,1,u1,Đơn vị Một,53.5,Trung bình\ncompact-2025,office,hai,u2,Đơn vị Hai,42.11,Trung bình\ncompact-2025,office,3,u3,Đơn vị Ba,cao,Khá\ncompact-2025,office,4,u1,Đơn vị Một,40,Khá\n"
    },
)

# ---- other commands on bad inputs ----
case(
    "show-broken-framework",
    "show criteria/mini.yaml",
    {
        "criteria/mini.yaml": mini(
            ("    name: Lĩnh vực một\n    max: 10\n", "    name: Lĩnh vực một\n    max: 11\n"),
            ("          kind: bands\n", "          kind: band\n"),
        )
    },
)
case("show-not-a-framework", "show unit.yaml", {"unit.yaml": unit()})
case(
    "template-broken-framework",
    "template criteria/mini.yaml --unit-id u9 --unit-name Chín",
    {"criteria/mini.yaml": mini(('      - id: "1.2"', '      - id: "1.1"'))},
)
case(
    "score-directory-of-two-units",
    "score ../_shared/units --criteria ../_shared/criteria",
    {"README.txt": "score takes one unit.\n"},
)
case(
    "score-broken-unit",
    "score unit.yaml --criteria ../_shared/criteria --format json",
    {"unit.yaml": unit({"2.2": "{value: 9}"})},
)
case(
    "gaps-bad-ranking",
    "gaps ../_shared/units/u1.yaml --criteria ../_shared/criteria --ranking ranking.csv",
    {
        "ranking.csv": "framework,group,rank,unit_id,unit_name,index\ncompact-2025,office,một,u2,Đơn vị Hai,60\ncompact-2025,office,2,u3,Đơn vị Ba,năm mươi\n"
    },
)
case(
    "id-map-bad-rows",
    f"rank {SH} --previous previous.csv --id-map id-map.csv",
    {
        "previous.csv": "framework,group,rank,unit_id,unit_name,index\ncompact-2025,office,1,old-1,Cũ,50\n",
        "id-map.csv": "old_id,new_id\nold-1,u1\nold-1,u2\n,u2\n",
    },
)
__import__("_worksheet_cases").add_cases(case)  # the council's worksheet (SPEC §7)
__import__("_worksheet_cases").add_council_cases(case)  # … in Vietnamese, with its rounds
__import__("_worksheet_cases").add_label_cases(case)  # labels are answers to their own criterion

__import__("_cases_files").add(case, unit, SH)  # issue 11, part B: its own file of cases

__import__("_cases_tables").add(globals())  # tables, bands, rankings, hints


__import__("_survey_cases").add(case)  # survey cases live in their own file

__import__("_output_cases").add(case)  # output targets the file system refuses

__import__("_cases_year").add(case)  # the year's settings and several earlier years

__import__("_cases_sheets").add(globals())  # rows, sheets and workbooks (the trial, the probe)

__import__("_cases_init").add(case)  # init: the year's folder and what it refuses
__import__("_reply_cases").add_cases(case)  # the explanation round: notices and replies

__import__("_cases_forms").add(case)  # a unit's workbook form filled wrong


def main():
    for name in os.listdir(ROOT):
        path = os.path.join(ROOT, name)
        if os.path.isdir(path) and not name.startswith("_") and name not in CASES:
            shutil.rmtree(path)
    for name, (cmd, files, exit_code) in CASES.items():
        d = os.path.join(ROOT, name)
        if os.path.isdir(d):
            for f in os.listdir(d):
                if f not in ("expected.txt", "stdout.txt"):
                    p = os.path.join(d, f)
                    shutil.rmtree(p) if os.path.isdir(p) else os.unlink(p)
        os.makedirs(d, exist_ok=True)
        for rel, data in files.items():
            p = os.path.join(d, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as fh:
                fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        with open(os.path.join(d, "cmd.txt"), "w") as fh:
            fh.write(cmd + "\n")
        if exit_code != 1:
            with open(os.path.join(d, "exit_code.txt"), "w") as fh:
                fh.write(f"{exit_code}\n")
    print(len(CASES), "cases")


main()
