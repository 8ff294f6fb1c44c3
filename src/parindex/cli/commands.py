"""The command list: each command's name, the module of this package that defines it, and its
help. `parindex --help` is written from this list alone (no command module is imported to
list the commands); each command's module takes its help from here too.
"""

from __future__ import annotations

from parindex.i18n import N_


class Entry:
    __slots__ = ("help", "module", "name")

    def __init__(self, name: str, module: str, help: str) -> None:
        self.name = name
        self.module = module
        self.help = help


COMMANDS = {
    entry.name: entry
    for entry in (
        Entry(
            "score",
            "unit",
            N_("Score one unit: its criteria tree, field indices, total, index and band."),
        ),
        Entry(
            "gaps",
            "unit",
            N_("Where the unit loses points, what would earn them, and the points to climb."),
        ),
        Entry(
            "rank",
            "ranking",
            N_("Rank every unit found under PATH..., one ranking per framework and group."),
        ),
        Entry(
            "validate",
            "framework",
            N_("Check frameworks, assessments and tables; report every problem at once."),
        ),
        Entry(
            "show",
            "framework",
            N_("The framework tree with max points and each node's weight in the index."),
        ),
        Entry(
            "schema",
            "framework",
            N_(
                "JSON Schema of the framework, assessment or questionnaire file format, "
                "for editors."
            ),
        ),
        Entry(
            "template",
            "framework",
            N_(
                "A unit's form listing every criterion it answers, each with its rule: YAML, or "
                "the workbook a unit fills in Excel (-o FORM.xlsx); one per roster unit with "
                "--roster, prefilled from an earlier form with --from."
            ),
        ),
        Entry(
            "report",
            "report",
            N_(
                "Write the published report (FILE.html) or the decision appendix (FILE.docx) "
                "of every unit found under PATH..., one section per framework and group."
            ),
        ),
        Entry(
            "survey",
            "survey",
            N_(
                "Raw survey forms (CSV/XLSX as form tools export them) → the survey table.\n\n"
                "The questionnaires (.yaml) come first, then the response files (.csv, .xlsx); "
                "without questionnaires, those of the --criteria directory are used. With "
                "several questionnaires each form goes to the one of its unit's group on "
                "--roster."
            ),
        ),
        Entry(
            "sensitivity",
            "sensitivity",
            N_("How firm each rank is: the groups re-ranked under randomly moved field weights."),
        ),
        Entry(
            "init",
            "year",
            N_(
                "Make the year's folder DIR: its settings, frameworks, roster, a form per unit, "
                "the folders of the year's stages and a README saying what comes next."
            ),
        ),
        Entry(
            "status",
            "status",
            N_(
                "Where each unit stands while forms come in: not submitted, with errors, "
                "incomplete, awaiting the survey or the council, or complete."
            ),
        ),
        Entry(
            "notice",
            "notice",
            N_(
                "The preliminary result for each unit the council corrected: one workbook per "
                "unit in the folder -o DIR, with a row per correction for the unit's reply."
            ),
        ),
        Entry(
            "worksheet",
            "worksheet",
            N_(
                "The council's workbook: one row per unit and criterion to correct, and the "
                "survey entry sheet; the filled workbook goes back in as --appraisal and "
                "--survey."
            ),
        ),
    )
}
