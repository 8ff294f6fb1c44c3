"""libyaml's own words for the mistakes people make in YAML files, marked so that extraction
puts them in parindex's catalog: a Vietnamese reader gets them in Vietnamese, an English one
exactly as libyaml wrote them (the msgids are libyaml's, letter for letter, braces doubled as
in every format string of the catalog; a wording this list does not know is shown as libyaml
wrote it)."""

from __future__ import annotations

from parindex.i18n import N_, _

KNOWN = frozenset(
    {
        N_("did not find expected key"),
        N_("did not find expected ',' or '}}'"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected node content"),
        N_("did not find expected '-' indicator"),
        N_("could not find expected ':'"),
        N_("mapping values are not allowed in this context"),
        N_("block sequence entries are not allowed in this context"),
        N_("found character that cannot start any token"),
        N_("found unexpected end of stream"),
        N_("found unknown escape character"),
        N_("control characters are not allowed"),
        N_("while parsing a block mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a block node"),
        N_("while parsing a flow mapping"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow node"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a simple key"),
        N_("while scanning a plain scalar"),
        N_("while scanning a block scalar"),
    }
)


def said(text: str) -> str:
    """libyaml's `text` in the run's language when it is one of the words above."""
    key = text.replace("{", "{{").replace("}", "}}")
    return _(key).format() if key in KNOWN else text
