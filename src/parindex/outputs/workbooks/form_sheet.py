"""The unit's workbook form, laid out once per framework and language and filled in
for each unit: its id and name, and the answers of a form it was made from.

The sheet: the form's title; the title block (each row's key in the hidden column A, its label,
its value: the unit's name and id, its group, the framework); a line of instructions; the row
of column keys (hidden) and the header people read; then every node of the tree in framework
order — fields and parent criteria as shaded heading rows, each leaf with its id, name,
maximum and rule in words, `survey` and `council` leaves grey and locked, a `self` leaf's open
answer cells yellow with their checks (`form_checks`). The columns right of the table are
hidden; those just right of it list each choice criterion's options in its own row, which its
drop-down offers. The sheet is protected without a password (rows and columns may be resized),
printed A4 landscape fitted to the width with the header on every page, its panes frozen below
the header and right of the names. The same inputs give the same bytes.

What is read back (ids, numbers, the title's values, the answers) is written in the cells
themselves; the long texts a person reads (names, rules, options) sit in the shared strings.
"""

from __future__ import annotations

from collections.abc import Mapping

from parindex.core.forms import (
    ANSWER_KEYS,
    BOOLEAN_ENTRIES,
    CARRIED_KEY,
    FORM_KEYS,
    NOT_APPLICABLE_ENTRIES,
    TITLE_KEYS,
    FormAnswer,
)
from parindex.core.models import ChoiceRule, Criterion, Framework, Leaf
from parindex.core.rules import value_bounds
from parindex.i18n import Lang, _
from parindex.outputs.records import legal
from parindex.outputs.workbooks import form_words as words
from parindex.outputs.workbooks.form_cells import text_lines
from parindex.outputs.workbooks.form_checks import Validations
from parindex.outputs.workbooks.form_rows import (
    LAST,
    LETTERS,
    LISTS,
    WIDTHS,
    LeafRow,
    Row,
    Strings,
    inline,
    number_cell,
    open_keys,
    row_tag,
)
from parindex.outputs.workbooks.form_xml import (
    SHEET_PART,
    STYLE,
    package,
    shared_strings_xml,
    styles_xml,
    workbook_xml,
)
from parindex.outputs.workbooks.package_xml import (
    APP,
    PACKAGE_RELS,
    content_types,
    core_xml,
    workbook_relationships,
)
from parindex.outputs.workbooks.sheet_xml import NAMESPACES, XML_HEAD, column_letter, escape

SHEET_NAMES: dict[Lang, str] = {"vi": "Phiếu tự đánh giá", "en": "assessment"}
TITLE_ROW = 1
TITLE_FIRST = 2  # the title block's rows: unit name, unit id, group, framework
PROGRAM_TITLE_KEYS = frozenset({"group", "framework"})  # ids people need not read
INSTRUCTIONS_ROW = TITLE_FIRST + len(TITLE_KEYS)
KEY_ROW = INSTRUCTIONS_ROW + 1  # hidden
HEADER_ROW = KEY_ROW + 1
FIRST_NODE_ROW = HEADER_ROW + 1


class FormTemplate:
    """A framework's form in one language, ready to be filled in for any unit."""

    def __init__(self, framework: Framework, lang: Lang) -> None:
        self.framework = framework
        self.lang = lang
        self.sheet = SHEET_NAMES[lang]
        self.strings = Strings()
        self.validations = Validations()
        self.rows: list[Row] = []
        self.leaves: dict[str, LeafRow] = {}
        self.merges: list[str] = []
        self.most_options = 0
        self._lay_out()
        title = words.form_title(framework.title_in(lang))
        last = FIRST_NODE_ROW + len(list(framework.walk())) - 1
        self.head = self._opening(last)
        self.tail = self._closing()
        self.parts_before = [
            ("[Content_Types].xml", content_types(1).encode()),
            ("_rels/.rels", PACKAGE_RELS.encode()),
            ("docProps/core.xml", core_xml(legal(title)).encode()),
            ("docProps/app.xml", APP.encode()),
            (
                "xl/workbook.xml",
                workbook_xml(self.sheet, (KEY_ROW, HEADER_ROW), f"$B$1:${LAST}${last}").encode(),
            ),
            ("xl/_rels/workbook.xml.rels", workbook_relationships(1).encode()),
            ("xl/styles.xml", styles_xml().encode()),
        ]
        self.parts_after = [
            ("xl/sharedStrings.xml", shared_strings_xml(list(self.strings.index)).encode())
        ]

    def fill(
        self,
        unit_id: str,
        unit_name: str,
        answers: Mapping[str, FormAnswer] | None = None,
        carried: str | None = None,
    ) -> bytes:
        """The unit's form: its id and name in the title block, `answers` (each written as the
        framework names it, see `core.forms.canonical`) in their cells; `carried`, the digest
        of the answers a form made from an earlier one holds (`core.forms.answers_digest`),
        in a hidden cell of the framework's row."""
        given = {"unit_id": unit_id, "unit_name": unit_name, "framework": self.framework.framework}
        answers = answers or {}
        body = [self.head]
        for row in self.rows:
            if isinstance(row, LeafRow):
                body.append(row.xml(answers.get(row.criterion.id), self.lang))
            elif row.startswith("\0"):  # the unit's id or name, the framework's row
                key = row[1:]
                body.append(
                    self._title_row(key, given[key], carried if key == "framework" else None)
                )
            else:
                body.append(row)
        body.append(self.tail)
        sheet = "".join(body).encode("utf-8")
        return package([*self.parts_before, (SHEET_PART, sheet), *self.parts_after])

    # --- the layout, once per framework and language -----------------------------------

    def _lay_out(self) -> None:
        title = words.form_title(self.framework.title_in(self.lang))
        self.rows.append(
            row_tag(TITLE_ROW, height=24) + inline(f"B{TITLE_ROW}", "title", title) + "</row>"
        )
        values = {"group": self.framework.group}
        for offset, key in enumerate(TITLE_KEYS):
            row = TITLE_FIRST + offset
            self.merges += [f"B{row}:C{row}", f"D{row}:F{row}"]
            self.rows.append(self._title_row(key, values[key]) if key in values else "\0" + key)
        note = inline(f"B{INSTRUCTIONS_ROW}", "note", words.instructions(self.lang))
        self.rows.append(row_tag(INSTRUCTIONS_ROW, 3) + note + "</row>")
        self.merges.append(f"B{INSTRUCTIONS_ROW}:{LAST}{INSTRUCTIONS_ROW}")
        keys = "".join(inline(f"{LETTERS[k]}{KEY_ROW}", "key", k) for k in FORM_KEYS)
        self.rows.append(row_tag(KEY_ROW, hidden=True) + keys + "</row>")
        labels = "".join(
            inline(f"{LETTERS[k]}{HEADER_ROW}", "header", _(words.COLUMN_LABELS[k]))
            for k in FORM_KEYS
        )
        self.rows.append(row_tag(HEADER_ROW, 3) + labels + "</row>")
        by_id = {leaf.id: leaf for leaf in self.framework.leaves}
        for number, visit in enumerate(self.framework.walk(), start=FIRST_NODE_ROW):
            node = visit.node
            if node.criteria:
                self.rows.append(self._heading(number, node, visit.depth))
            else:
                self.rows.append(self._leaf(number, node, by_id[node.id]))

    def _title_row(self, key: str, value: str, carried: str | None = None) -> str:
        """A row of the title block. The group's and the framework's rows hold ids for parindex
        (the title above names the framework in words): hidden, like the key row; the digest
        `carried` stands after its key at the end of the framework's row."""
        row = TITLE_FIRST + TITLE_KEYS.index(key)
        after = ""
        if carried is not None:
            after = inline(f"G{row}", "key", CARRIED_KEY) + inline(f"H{row}", "key", carried)
        return (
            row_tag(row, hidden=key in PROGRAM_TITLE_KEYS)
            + inline(f"A{row}", "key", key)
            + inline(f"B{row}", "label", _(words.TITLE_LABELS[key]))
            + inline(f"D{row}", "unit", value)
            + f'<c r="E{row}" s="{STYLE["unit"]}"/><c r="F{row}" s="{STYLE["unit"]}"/>'
            + after
            + "</row>"
        )

    def _shared(self, ref: str, style: str, text: str) -> str:
        return f'<c r="{ref}" s="{STYLE[style]}" t="s"><v>{self.strings.add(legal(text))}</v></c>'

    def _heading(self, number: int, node: Criterion, depth: int) -> str:
        """A field or parent criterion: shaded across the row, its id, name and maximum."""
        look = "field" if depth == 0 else "parent"
        name = words.node_name(node, self.lang)
        maximum = node.max if node.max is not None else node.subtree_max
        lines = text_lines(WIDTHS, {"name": name})
        return (
            row_tag(number, lines, look)
            + inline(f"{LETTERS['criterion']}{number}", f"{look}_centred", node.id)
            + self._shared(f"{LETTERS['name']}{number}", look, name)
            + number_cell(f"{LETTERS['max_points']}{number}", f"{look}_centred", maximum)
            + "</row>"
        )

    def _leaf(self, number: int, node: Criterion, leaf: Leaf) -> Row:
        """A leaf's row: its context, then its answer cells, open only for a `self` leaf."""
        name = words.node_name(node, self.lang)
        rule = words.rule_text(node, leaf, self.lang)
        answering = node.source == "self"
        look = "context" if answering else "closed"
        before = (
            inline(f"{LETTERS['criterion']}{number}", f"{look}_centred", node.id)
            + self._shared(f"{LETTERS['name']}{number}", look, name)
            + number_cell(f"{LETTERS['max_points']}{number}", f"{look}_centred", leaf.max)
            + self._shared(f"{LETTERS['rule']}{number}", look, rule)
        )
        lines = text_lines(WIDTHS, {"name": name, "rule": rule})
        if not answering:
            return row_tag(number, lines, "shut") + before + "</row>"
        row = LeafRow(number, node, lines)
        row.before = before
        opened = open_keys(node, leaf)
        for key in ANSWER_KEYS:
            if key in opened:
                row.open[key] = LETTERS[key]
            else:
                row.shut[key] = f'<c r="{LETTERS[key]}{number}" s="{STYLE["shut"]}"/>'
        row.after = self._checks(row, leaf)
        self.leaves[leaf.id] = row
        return row

    def _checks(self, row: LeafRow, leaf: Leaf) -> str:
        """Each open answer cell's check and input message; the hidden cells that list a
        choice's options (returned)."""
        node, lang, number, checks = row.criterion, self.lang, row.number, self.validations
        cell = {key: f"{letter}{number}" for key, letter in row.open.items()}
        after = ""
        entries = words.option_entries(node, lang) if isinstance(node.rule, ChoiceRule) else []
        if entries:
            first, last = column_letter(LISTS), column_letter(LISTS + len(entries) - 1)
            after = "".join(
                self._shared(f"{column_letter(LISTS + i)}{number}", "default", entry)
                for i, entry in enumerate(entries)
            )
            self.most_options = max(self.most_options, len(entries))
            source = f"${first}${number}:${last}${number}"
            checks.add_list(source, words.choice_words(node, lang), cell["value"])
        elif node.rule is not None and node.rule.kind == "boolean":
            source = '"' + ",".join(BOOLEAN_ENTRIES[lang]) + '"'
            checks.add_list(source, words.boolean_words(lang), cell["value"])
        else:
            bounds = value_bounds(node)
            if bounds is not None:
                checks.add_number(bounds, words.number_words(node, bounds, lang), cell["value"])
        for key in ("numerator", "denominator"):
            if key in cell:
                checks.add_count(words.count_words(key, lang), cell[key])
        if "not_applicable" in cell:
            source = f'"{NOT_APPLICABLE_ENTRIES[lang]}"'
            checks.add_list(source, words.not_applicable_words(lang), cell["not_applicable"])
        checks.add_points(leaf, words.points_words_check(leaf, lang), cell["self_points"])
        checks.add_prompt(words.reason_words(), cell["reason"])
        checks.add_prompt(words.evidence_words(), cell["evidence"])
        return after

    # --- around the rows --------------------------------------------------------------------

    def _opening(self, last: int) -> str:
        corner = f"{LETTERS['max_points']}{FIRST_NODE_ROW}"
        pane = (
            f'<pane xSplit="3" ySplit="{HEADER_ROW}" topLeftCell="{corner}" '
            'activePane="bottomRight" state="frozen"/><selection pane="topRight"/>'
            '<selection pane="bottomLeft"/>'
            f'<selection pane="bottomRight" activeCell="{corner}" sqref="{corner}"/>'
        )
        widths = "".join(
            f'<col min="{i}" max="{i}" width="{WIDTHS[key]}" customWidth="1"/>'
            for i, key in enumerate(FORM_KEYS, start=2)
        )
        right = column_letter(LISTS + max(self.most_options, 1) - 1)
        return (
            f'{XML_HEAD}<worksheet {NAMESPACES}><sheetPr><pageSetUpPr fitToPage="1"/>'
            f'</sheetPr><dimension ref="A1:{right}{last}"/><sheetViews>'
            f'<sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><cols>'
            '<col min="1" max="1" width="4" hidden="1" customWidth="1"/>'
            f'{widths}<col min="{LISTS + 1}" max="16384" width="10" hidden="1" '
            'customWidth="1"/></cols><sheetData>'
        )

    def _closing(self) -> str:
        merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in self.merges)
        header = escape(legal(self.framework.title_in(self.lang)).replace("&", "&&"))
        return (
            "</sheetData>"
            '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" '
            'formatRows="0"/>'
            f'<mergeCells count="{len(self.merges)}">{merges}</mergeCells>'
            f"{self.validations.xml()}"
            '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" '
            'footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" '
            'fitToHeight="0"/><headerFooter>'
            f"<oddHeader>&amp;L{header}</oddHeader>"
            "<oddFooter>&amp;R&amp;P / &amp;N</oddFooter></headerFooter></worksheet>"
        )
