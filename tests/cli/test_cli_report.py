"""`parindex report`: the published HTML report and the decision appendix, end to end.

The example province is reported once per language and format (module fixtures); the small
province of province_support, with a hostile unit name, checks escaping and usage errors.
"""

from __future__ import annotations

import copy
import csv
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import Result

from golden_support import EXAMPLE, EXAMPLE_INPUTS, REPO, run_cli
from province_support import UNITS, write_province

INPUTS = EXAMPLE_INPUTS
DECISION = "Quyết định số 123/QĐ-UBND ngày 15/01/2026"
EXAMPLE_GROUPS = 3
EXAMPLE_UNITS = 56


def _report(path: Path, lang: str, *extra: str) -> Result:
    result = run_cli(["--lang", lang, "report", *INPUTS, "-o", str(path), *extra])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert (f"wrote {path}" if lang == "en" else f"đã ghi {path}") in result.stderr
    return result


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example province's report and appendix in both languages."""
    out = tmp_path_factory.mktemp("reports")
    made = {}
    for lang in ("vi", "en"):
        for suffix in ("html", "docx"):
            path = out / f"report-{lang}.{suffix}"
            _report(path, lang, "--decision", DECISION)
            made[f"{lang}.{suffix}"] = path
    return made


@pytest.fixture(scope="module")
def published() -> dict[str, str]:
    """Sở Nội vụ's row of `rank --format csv` over the same inputs: what the report shows."""
    result = run_cli(["--lang", "en", "rank", *INPUTS, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    return next(r for r in rows if r["unit_id"] == "so-noi-vu")


def _comma(text: str) -> str:
    return text.replace(".", ",").replace("-", "−")


def _unit_ids() -> list[str]:
    lines = (EXAMPLE / "roster.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    return [line.split(",")[0] for line in lines]


# --- the HTML report ---------------------------------------------------------------------------


def test_report_is_byte_identical_across_runs(reports: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    _report(again, "vi", "--decision", DECISION)
    assert again.read_bytes() == reports["vi.html"].read_bytes()


def test_report_is_self_contained_without_any_url(reports: dict[str, Path]) -> None:
    for lang in ("vi", "en"):
        html = reports[f"{lang}.html"].read_text(encoding="utf-8")
        assert "http://" not in html and "https://" not in html
        assert "<script" not in html.lower()  # readable without scripts: there are none
        assert not re.search(r"""(?:src|href)=["'](?!#|data:)""", html), "a non-local reference"
        assert "<link" not in html
        assert html.count("<svg ") >= EXAMPLE_GROUPS * 2 + EXAMPLE_UNITS


def test_every_unit_has_its_anchor_and_every_id_is_unique(reports: dict[str, Path]) -> None:
    html = reports["vi.html"].read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]*)"', html)
    duplicated = [i for i, n in Counter(ids).items() if n > 1]
    assert duplicated == []
    units = _unit_ids()
    assert len(units) == EXAMPLE_UNITS
    for unit_id in units:
        assert f'<article class="unit" id="{unit_id}">' in html
        assert f'href="#{unit_id}"' in html
    # every id inside a chart is prefixed, so none can be taken for a unit's anchor
    for svg in re.findall(r"<svg .*?</svg>", html, re.S):
        for chart_id in re.findall(r'\sid="([^"]*)"', svg):
            assert chart_id.startswith("fig"), chart_id
            assert chart_id not in units
        for reference in re.findall(r'(?:url\(#|href="#)([^)"]*)', svg):
            assert reference in ids, reference


def test_report_shows_each_group_in_the_published_layout(
    reports: dict[str, Path], published: dict[str, str]
) -> None:
    html = reports["en.html"].read_text(encoding="utf-8")
    assert html.count('<section class="group"') == EXAMPLE_GROUPS
    ranking = html[html.index('<table class="ranking">') :]
    head = ranking[: ranking.index("</thead>")]
    columns = re.findall(r"<th[^>]*>([^<]*)</th>", head)
    assert columns == [
        "Rank",
        "Unit",
        *"12345678",
        "Bonus/penalty",
        "Total points",
        "Applicable maximum",
        "Index",
        "Band",
        "Change",
    ]
    # Sở Nội vụ with its published rank and index, as `rank` gives them
    rank = published["rank"]
    assert re.search(
        rf'<td class="num">{rank}=?</td>\s*<td class="name"><a href="#so-noi-vu">', html
    )
    assert f'<td class="num strong">{published["index"]}</td>' in html
    assert "Largest risers" in html and "Largest fallers" in html
    assert "Largest over-claims" in html
    assert "(Attached to Quyết định số 123/QĐ-UBND ngày 15/01/2026)" in html


def test_vietnamese_report_uses_the_decimal_comma(
    reports: dict[str, Path], published: dict[str, str]
) -> None:
    vi = reports["vi.html"].read_text(encoding="utf-8")
    en = reports["en.html"].read_text(encoding="utf-8")
    index = published["index"]
    assert f'<td class="num strong">{_comma(index)}</td>' in vi
    assert f'<td class="num strong">{index}</td>' not in vi
    assert f'<td class="num strong">{index}</td>' in en
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    assert "Xuất sắc" in vi and "Excellent" in en  # band labels follow --lang


def test_print_css_breaks_pages_and_repeats_headers(reports: dict[str, Path]) -> None:
    html = reports["vi.html"].read_text(encoding="utf-8")
    assert "@page { size: A4 portrait" in html
    assert "@page wide { size: A4 landscape" in html and ".wide { page: wide; }" in html
    assert "thead { display: table-header-group; }" in html
    assert ".group, .units { break-before: page; }" in html
    # each group's title, summary and ranking sit on the landscape pages
    assert html.count('<div class="wide">') == EXAMPLE_GROUPS


def test_groups_come_in_the_frameworks_order(reports: dict[str, Path]) -> None:
    """departments (order 1), vertical agencies (2), communes (3): not framework-id order."""
    html = reports["vi.html"].read_text(encoding="utf-8")
    titles = re.findall(r'<h2 id="[^"]*-title">([^<]*)</h2>', html)
    assert titles[:3] == [
        "Chỉ số cải cách hành chính các sở, ban, ngành năm 2025",
        "Chỉ số cải cách hành chính các cơ quan ngành dọc trên địa bàn tỉnh năm 2025",
        "Chỉ số cải cách hành chính của Ủy ban nhân dân các xã, phường năm 2025",
    ]
    document = _docx(reports["vi.docx"])
    headings = [p.text for p in document.paragraphs if p.text.startswith("CHỈ SỐ")]
    assert headings == [title.upper() for title in titles[:3]]


def test_a_unit_section_shows_its_bonus_penalty_total_and_maximum(
    reports: dict[str, Path], published: dict[str, str]
) -> None:
    html = reports["vi.html"].read_text(encoding="utf-8")
    section = html[html.index('<article class="unit" id="so-noi-vu">') :]
    section = section[: section.index("</article>")]
    points, maximum, index = (_comma(published[k]) for k in ("points", "max_points", "index"))
    adjustment = _comma(published["adjustment"])
    adjustment = adjustment if adjustment.startswith("−") else "+" + adjustment
    assert (
        f"Tổng điểm {points} (trong đó điểm thưởng, điểm trừ {adjustment}) trên điểm tối đa "
        f"áp dụng {maximum}: chỉ số {index}"
    ) in section
    # and as the last rows of its fields table
    foot = section[section.index("<tfoot>") : section.index("</tfoot>")]
    bonus, total = foot.split('<tr class="total">')
    assert f'<td class="num">{adjustment}</td>' in bonus
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', total)
    assert cells[:3] == [points, maximum, index]


def test_the_cover_names_the_issuer_a_framework_gives(tmp_path: Path) -> None:
    """A framework's `issuer` heads the cover and completes "(Attached to …)"; without one,
    the cover says what --decision says."""
    criteria = tmp_path / "criteria"
    criteria.mkdir()
    for name in ("department", "vertical-agency", "commune"):
        text = (REPO / "criteria" / f"{name}.yaml").read_text(encoding="utf-8")
        text = text.replace(
            "# issuer: Ủy ban nhân dân tỉnh …", "issuer: Ủy ban nhân dân tỉnh Minh Hòa"
        )
        (criteria / f"{name}.yaml").write_text(text, encoding="utf-8")
    inputs = [str(criteria) if arg == str(REPO / "criteria") else arg for arg in INPUTS]
    out = tmp_path / "report.html"
    result = run_cli(["--lang", "vi", "report", *inputs, "-o", str(out), "--decision", DECISION])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    cover = html[: html.index("</header>")]
    assert '<p class="issuer">ỦY BAN NHÂN DÂN TỈNH MINH HÒA</p>' in cover
    assert f"(Kèm theo {DECISION} của Ủy ban nhân dân tỉnh Minh Hòa)" in cover
    assert "<h1>Báo cáo kết quả Chỉ số cải cách hành chính năm 2025</h1>" in cover
    plain = tmp_path / "plain.html"
    result = run_cli(["--lang", "vi", "report", *INPUTS, "-o", str(plain), "--decision", DECISION])
    assert result.exit_code == 0, result.stderr
    cover = plain.read_text(encoding="utf-8").split("</header>")[0]
    assert 'class="issuer"' not in cover and f"(Kèm theo {DECISION})" in cover


def test_hostile_unit_name_is_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = copy.deepcopy(UNITS)
    first = next(iter(units))
    units[first]["unit"]["name"] = '<script>alert("x")</script> & <b>'
    write_province(tmp_path, units)
    monkeypatch.chdir(tmp_path)
    result = run_cli(["report", ".", "-o", "out.html"])
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "</script> & <b>" not in html and "&lt;/script> & <b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_unknown_extension_and_absent_without_roster_are_usage_errors(tmp_path: Path) -> None:
    result = run_cli(["report", *INPUTS[:3], "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "unknown extension '.pdf'; use .html or .docx" in result.stderr
    result = run_cli(["report", str(EXAMPLE), "--allow-absent", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "--allow-absent needs --roster" in result.stderr
    result = run_cli(["report", str(EXAMPLE)])
    assert result.exit_code == 2
    assert not list(tmp_path.iterdir())


def test_bad_input_writes_no_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_province(tmp_path)
    (tmp_path / "units" / "broken.yaml").write_text("unit: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli(["report", ".", "-o", "out.html"])
    assert result.exit_code == 1
    assert "broken.yaml:" in result.stderr and "error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.html").exists()


# --- the Word appendix -------------------------------------------------------------------------


def _docx(path: Path):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(str(path))


def test_appendix_is_byte_identical_across_runs(reports: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    _report(again, "vi", "--decision", DECISION)
    assert again.read_bytes() == reports["vi.docx"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(again.read_bytes())) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
        assert "2000-01-01T00:00:00Z" in core


def test_appendix_has_a_landscape_section_and_a_table_per_group(reports: dict[str, Path]) -> None:
    from docx.enum.section import WD_ORIENT

    document = _docx(reports["vi.docx"])
    assert len(document.sections) == EXAMPLE_GROUPS
    for section in document.sections:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert section.page_width > section.page_height
    assert len(document.tables) == EXAMPLE_GROUPS
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "PHỤ LỤC I" or texts[0] == "APPENDIX I"
    assert "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CÁC SỞ, BAN, NGÀNH NĂM 2025" in texts
    assert f"(Kèm theo {DECISION})" in texts or f"(Attached to {DECISION})" in texts


def test_appendix_table_holds_the_published_ranking(
    reports: dict[str, Path], published: dict[str, str]
) -> None:
    document = _docx(reports["vi.docx"])
    departments = next(
        t for t in document.tables if any(c.text == "Sở Nội vụ" for r in t.rows for c in r.cells)
    )
    header = [c.text for c in departments.rows[0].cells]
    fields = [c.text for c in departments.rows[1].cells]
    assert fields[2:10] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert header[-1] in ("Change", "Thay đổi")
    assert len(departments.rows) == 2 + 17
    assert header[10:15] == [
        "Điểm thưởng, điểm trừ",
        "Tổng điểm",
        "Điểm tối đa áp dụng",
        "Chỉ số",
        "Xếp loại",
    ]
    row = next(
        [c.text for c in r.cells] for r in departments.rows if r.cells[1].text == "Sở Nội vụ"
    )
    # rank, unit, the 8 fields' points, bonus/penalty, total, applicable maximum, index, band,
    # change: total ÷ maximum = index, for a reader to check
    assert row[0].rstrip("=") == published["rank"]
    assert row[2:10] == [_comma(published[f"field_{k}"]) for k in "12345678"]
    keys = ("adjustment", "points", "max_points", "index")
    assert row[10:14] == [_comma(published[k]) for k in keys]
    assert row[14] == published["band"]
    change = int(published["rank_change"])
    assert row[15] == (
        "Không đổi" if change == 0 else f"▲{change}" if change > 0 else f"▼{-change}"
    )
    # the two header rows repeat on every page; no row splits across pages
    for row in departments.rows[:2]:
        flags = row._tr.trPr.findall(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        assert flags, "header row not marked to repeat"
    body_flags = departments.rows[2]._tr.trPr.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
    )
    assert body_flags == []


def test_english_appendix_uses_the_decimal_point(reports: dict[str, Path]) -> None:
    document = _docx(reports["en.docx"])
    cells = [c.text for t in document.tables for c in t.rows[2].cells]
    assert any(re.fullmatch(r"\d+\.\d\d", text) for text in cells)
    assert not any(re.fullmatch(r"\d+,\d\d", text) for text in cells)
    assert document.paragraphs[0].text == "APPENDIX I"


def test_charts_drawn_on_several_cores_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_province(tmp_path)
    monkeypatch.chdir(tmp_path)
    for jobs in ("1", "2"):
        result = run_cli(["report", ".", "-o", f"jobs-{jobs}.html"], env={"PARINDEX_JOBS": jobs})
        assert result.exit_code == 0, result.stderr
    one, two = (tmp_path / "jobs-1.html").read_bytes(), (tmp_path / "jobs-2.html").read_bytes()
    assert one == two
    assert one.count(b"<symbol ") == 2  # one frame per group, in its first chart


def test_a_unit_that_did_not_submit_is_reported_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_province(tmp_path)
    monkeypatch.chdir(tmp_path)
    rows = ["unit_id,unit_name,group"]
    rows += [f"{k},{v['unit']['name']},{v['unit']['group']}" for k, v in UNITS.items()]
    rows.append("d-absent,Sở Vắng,department")
    (tmp_path / "roster.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for name in ("absent.html", "absent.docx"):
        result = run_cli(
            ["--lang", "en", "report", ".", "--roster", "roster.csv", "--allow-absent", "-o", name]
        )
        assert result.exit_code == 0, result.stderr
    html = (tmp_path / "absent.html").read_text(encoding="utf-8")
    section = html[html.index('<article class="unit" id="d-absent">') :]
    assert "did not submit a self-assessment and is ranked last" in section[:2000]
    table = next(
        t
        for t in _docx(tmp_path / "absent.docx").tables
        if any(c.text == "Sở Vắng" for r in t.rows for c in r.cells)
    )
    last = [c.text for c in table.rows[-1].cells]
    assert last[1] == "Sở Vắng"
    assert "not submitted" in last


def test_appendix_marks_shared_ranks_and_explains_them_under_the_table(tmp_path: Path) -> None:
    """Two units with the same published index: "2=" as on the terminal, and a note saying
    what it means (đồng hạng); the page number in the footer."""
    from docx import Document

    write_province(tmp_path)
    out = tmp_path / "appendix.docx"
    inputs = [str(tmp_path / "units"), "--criteria", str(tmp_path / "criteria")]
    result = run_cli(["--lang", "vi", "report", *inputs, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    terminal = run_cli(["--lang", "vi", "rank", *inputs]).stdout
    document = Document(str(out))
    ranks = [row.cells[0].text for table in document.tables for row in table.rows[2:]]
    shared = [rank for rank in ranks if rank.endswith("=")]
    assert shared, ranks
    for rank in shared:
        assert re.search(rf"^\s*{rank}\s", terminal, re.MULTILINE), rank  # as on the terminal
    notes = [p.text for p in document.paragraphs]
    assert any(
        text.startswith(f"“{shared[0]}”: đồng hạng — các đơn vị có cùng chỉ số công bố")
        for text in notes
    ), notes
    assert "Chỉ số = Tổng điểm / Điểm tối đa áp dụng × 100, làm tròn 2 chữ số thập phân." in notes
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Trang" in footer


def test_the_summary_says_0_for_none_and_where_the_others_are(reports: dict[str, Path]) -> None:
    html = reports["vi.html"].read_text(encoding="utf-8")
    groups = html.split('<section class="group"')[1:]
    facts = [
        re.findall(r'<th scope="row">([^<]*)</th><td class="num">([^<]*)</td>', g) for g in groups
    ]
    awaited = [dict(f)["Giá trị chờ kết quả điều tra xã hội học hoặc thẩm định"] for f in facts]
    # departments: 4 values in 2 units; vertical agencies: none (not "0 (tại 0 đơn vị)")
    assert awaited[:2] == ["4 (tại 2 đơn vị)", "0"]
