"""Malformed questionnaires and survey responses (SPEC §6), added to the corpus by
_make_corpus.py. Cases run against the compact framework of _shared (survey leaves 3.1, a
1–5 scale, and 3.2, a ratio), or carry a small framework of their own."""

SC = "--criteria ../_shared/criteria"

QUESTIONNAIRE = """questionnaire: compact-survey
framework: compact-2025
answers: {A: 100, B: 60, C: 20, D: 0}
groups:
  - {id: cc, name: Công chức, weight: 60, min: 2}
  - {id: dn, name: Doanh nghiệp, weight: 40, min: 1}
questions:
  - {id: Q1, criterion: "3.2"}
  - {id: Q2, criterion: "3.2", weight: 2}
  - id: Q3
    criterion: "3.1"
    answers: {Rất tốt: 100, Tốt: 75, Bình thường: 50, Kém: 25, Rất kém: 0}
"""

RESPONSES = """respondent_id,unit_id,group,Q1,Q2,Q3
r1,u1,cc,A,B,Tốt
r2,u1,cc,C,,Rất tốt
r3,u1,dn,D,A,
r4,u2,cc,A,A,Kém
r5,u2,dn,B,,Tốt
r6,u2,cc,A,A,
"""

SURVEY = f"--lang en survey q.yaml responses.csv {SC}"
VALIDATE = f"--lang en validate q.yaml {SC}"

CHOICE_FRAMEWORK = """framework: mini-2025
title: Khung nhỏ
group: office
criteria:
  - id: "1"
    name: Điều tra
    criteria:
      - id: "1.1"
        name: Hài lòng
        max: 2
        source: survey
        rule:
          kind: choice
          options: {A: 2, B: 1, C: 0}
      - id: "1.2"
        name: Trễ hạn
        max: 2
        source: survey
        rule: {kind: deduction, per: 0.5}
      - id: "1.3"
        name: Có khảo sát
        max: 1
        source: survey
        rule: {kind: boolean}
"""


def _q(old, new):
    assert old in QUESTIONNAIRE, old
    return QUESTIONNAIRE.replace(old, new)


def add(case):
    """Every survey case, through the corpus writer's `case`."""
    case(
        "questionnaire-unknown-criterion",
        VALIDATE,
        {"q.yaml": _q('criterion: "3.1"', 'criterion: "3.9"')},
    )
    case(
        "questionnaire-not-a-survey-leaf",
        VALIDATE,
        {"q.yaml": _q('{id: Q1, criterion: "3.2"}', '{id: Q1, criterion: "1.2"}')},
    )
    case(
        "questionnaire-criterion-with-children",
        VALIDATE,
        {"q.yaml": _q('{id: Q1, criterion: "3.2"}', '{id: Q1, criterion: "3"}')},
    )
    case(
        "questionnaire-leaf-cannot-take-a-percent",
        "--lang en validate q.yaml --criteria criteria",
        {
            "criteria/mini.yaml": CHOICE_FRAMEWORK,
            "q.yaml": "questionnaire: mini-survey\nframework: mini-2025\nquestions:\n"
            '  - {id: Q1, criterion: "1.1"}\n  - {id: Q2, criterion: "1.2"}\n'
            '  - {id: Q3, criterion: "1.3"}\n',
        },
    )
    case(
        "questionnaire-duplicate-ids",
        VALIDATE,
        {
            "q.yaml": _q("{id: Q2,", "{id: Q1,").replace(
                "{id: dn, name: Doanh nghiệp", "{id: cc, name: Doanh nghiệp"
            )
        },
    )
    case(
        "questionnaire-scale-out-of-range",
        VALIDATE,
        {"q.yaml": _q("A: 100, B: 60", "A: 120, B: 60").replace("Rất kém: 0", "Rất kém: -5")},
    )
    case(
        "questionnaire-weights-not-positive",
        VALIDATE,
        {"q.yaml": _q("weight: 60", "weight: 0").replace("weight: 2}", "weight: -1}")},
    )
    case(
        "questionnaire-min-not-whole",
        VALIDATE,
        {"q.yaml": _q("min: 2}", "min: 2.5}").replace("min: 1}", "min: một}")},
    )
    case(
        "questionnaire-unknown-key",
        VALIDATE,
        {
            "q.yaml": _q("framework: compact-2025", "framework: compact-2025\nnote: x").replace(
                '{id: Q1, criterion: "3.2"}', '{id: Q1, criterion: "3.2", txt: Câu một}'
            )
        },
    )
    case(
        "questionnaire-unknown-framework",
        VALIDATE,
        {"q.yaml": _q("framework: compact-2025", "framework: compact-2024")},
    )
    case(
        "questionnaire-same-answer-and-header-twice",
        VALIDATE,
        {
            "q.yaml": _q("C: 20, D: 0}", "C: 20, D: 0, a : 90}").replace(
                "weight: 2}", "weight: 2, column: q1}"
            )
        },
    )
    case(
        "questionnaire-survey-not-a-questionnaire",
        f"--lang en survey ../_shared/criteria/compact.yaml responses.csv {SC}",
        {"responses.csv": RESPONSES},
    )
    case(
        "responses-unknown-answer-and-group",
        SURVEY,
        {
            "q.yaml": QUESTIONNAIRE,
            "responses.csv": RESPONSES + "r7,u1,boss,E,a,tốt lắm\n",
        },
    )
    case(
        "responses-missing-unit",
        SURVEY,
        {"q.yaml": QUESTIONNAIRE, "responses.csv": RESPONSES + "r7,,cc,A,,\nr8, ,,B,,\n"},
    )
    case(
        "responses-respondent-twice",
        SURVEY,
        {"q.yaml": QUESTIONNAIRE, "responses.csv": RESPONSES + "r2,u2,cc,A,,\n"},
    )
    case(
        "responses-missing-columns",
        SURVEY,
        {"q.yaml": QUESTIONNAIRE, "responses.csv": "respondent_id,unit,group,Q1\nr1,u1,cc,A\n"},
    )
    case(
        "responses-no-question-column",
        SURVEY,
        {"q.yaml": QUESTIONNAIRE, "responses.csv": "unit_id,group,Câu 1\nu1,cc,A\n"},
    )
    case(
        "responses-roster-unknown-unit",
        SURVEY + " --roster roster.csv",
        {
            "q.yaml": QUESTIONNAIRE,
            "responses.csv": RESPONSES + "r7,Đơn vị Chín,cc,A,,\nr8,u3,cc,A,,\n",
            "roster.csv": "unit_id,unit_name,group\nu1,Đơn vị Một,office\nu2,Đơn vị Hai,office\n"
            "u3,Đơn vị Ba,commune\n",
        },
    )
    case(
        "responses-under-quota-strict",
        SURVEY + " --strict",
        {"q.yaml": QUESTIONNAIRE, "responses.csv": RESPONSES.replace("r5,u2,dn,", "r5,u2,cc,")},
    )
    case(
        "responses-semicolon-unknown-answer",
        SURVEY,
        {
            "q.yaml": QUESTIONNAIRE,
            "responses.csv": RESPONSES.replace(",", ";") + "r7;u1;cc;1,5;;\n",
        },
    )
    case(
        "responses-control-google-forms",
        "--lang en survey q.yaml export.csv --roster roster.csv --format csv " + SC,
        {
            "q.yaml": "questionnaire: compact-google\nframework: compact-2025\n"
            "answers: {Có: 100, Không: 0}\n"
            "columns: {unit_id: Đơn vị được đánh giá, group: Bạn là}\n"
            "groups:\n  - {id: cc, name: Công chức, min: 2}\n  - {id: dn, name: Doanh nghiệp}\n"
            "questions:\n"
            '  - {id: Q1, criterion: "3.2", column: "Bạn có hài lòng không?"}\n'
            '  - {id: Q2, criterion: "3.1", column: "Thái độ phục vụ?", '
            "answers: {Tốt: 100, Bình thường: 50, Kém: 0}}\n",
            "export.csv": "Dấu thời gian,Địa chỉ email,Đơn vị được đánh giá,Bạn là,"
            "Bạn có hài lòng không?,Thái độ phục vụ?\n"
            "2025/11/03 8:01:12 SA GMT+7,a@example.vn,Đơn vị Một,Công chức,Có,Tốt\n"
            "2025/11/03 8:05:40 SA GMT+7,b@example.vn,Đơn vị Một,Doanh nghiệp,Không,Kém\n"
            "2025/11/03 8:09:02 SA GMT+7,c@example.vn,Đơn vị Một,Công chức,không ,\n"
            "2025/11/03 9:12:03 SA GMT+7,,u2,Công chức,,\n",
            "roster.csv": "unit_id,unit_name,group\nu1,Đơn vị Một,office\nu2,Đơn vị Hai,office\n",
        },
        exit_code=0,
    )

    # ---- answers and groups a cell could not tell apart (issue 22) ----
    case(
        "questionnaire-scale-keys-equal-once-trimmed",
        VALIDATE,
        {
            "q.yaml": _q("C: 20, D: 0}", 'C: 20, D: 0, " A": 0}').replace(
                "Rất kém: 0}", 'Rất kém: 0, "rất tốt ": 0}'
            )
        },
    )
    case(
        "questionnaire-groups-differ-only-in-case",
        VALIDATE,
        {
            "q.yaml": _q(
                "  - {id: dn, name: Doanh nghiệp, weight: 40, min: 1}\n",
                "  - {id: CC, name: Doanh nghiệp, weight: 40, min: 1}\n"
                "  - {id: hs, name: công chức}\n"
                "  - {id: dn, name: HS}\n",
            )
        },
    )
    case(
        "survey-same-file-twice",
        f"--lang en survey q.yaml responses.csv sub/../responses.csv copy.csv {SC}",
        {
            "q.yaml": QUESTIONNAIRE,
            "responses.csv": RESPONSES,
            "copy.csv": RESPONSES,
            "sub/README.txt": "a folder, so that sub/../responses.csv names responses.csv\n",
        },
    )
    case(
        "roster-names-a-form-cannot-tell-apart",
        f"--lang en survey q.yaml responses.csv --roster roster.csv {SC}",
        {
            "q.yaml": QUESTIONNAIRE,
            "responses.csv": RESPONSES.replace(",u2,", ",Đơn vị Một,"),
            "roster.csv": "unit_id,unit_name,group\nu1,Đơn vị Một,office\n"
            "u2,đơn vị  một,office\nu3,u1,office\nĐơn Vị Một,Đơn vị Bốn,office\n",
        },
    )
