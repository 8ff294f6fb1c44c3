"""Safe YAML reading that keeps every id exactly as written and where every node stood.

Scalars are not resolved the YAML 1.1 way: `1.10`, `010` and `no` stay the strings they are
written as; only a plain `null`, `~` or an empty value becomes None. Typed fields (numbers,
flags) are parsed later by the models, so nothing is silently turned into a float or a bool.
"""

from __future__ import annotations

from typing import Any

import yaml

from parindex.errors import InputError, Problem
from parindex.i18n import _
from parindex.inputs.documents import yaml_words
from parindex.inputs.documents.yamlbuild import YamlDocument, build_document
from parindex.inputs.text import decode_text, line_column

try:  # libyaml's C parser when present: several times faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def parse_yaml(raw: bytes, path: str) -> YamlDocument:
    """Parse one YAML document from bytes; raise InputError with located problems."""
    text = decode_text(raw, path)
    loader = _Loader(text)
    try:
        return _build(loader, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or _("malformed YAML")
        what = _explain(problem, text, mark)
        shown = yaml_words.said(exc.context) if exc.context else ""
        context = f" ({shown})" if shown and what == yaml_words.said(problem) else ""
        opened = exc.context_mark
        if context and opened is not None and mark is not None and opened.line != mark.line:
            context = " " + _("({context} that starts at line {line})").format(
                context=shown, line=opened.line + 1
            )
        raise InputError(
            [
                Problem(
                    path,
                    _("invalid YAML: {what}{context}").format(what=what, context=context),
                    line,
                    column,
                )
            ]
        ) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (control characters)
        # libyaml reports a byte offset into the UTF-8 text.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line, column = line_column(text, len(before))
        shown = f"U+{exc.character:04X}" if isinstance(exc.character, int) else _("a character")
        raise InputError(
            [
                Problem(
                    path,
                    _(
                        "invalid YAML: {shown} is not allowed in a YAML file ({reason}); delete it"
                    ).format(shown=shown, reason=yaml_words.said(exc.reason)),
                    line,
                    column,
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line, whatever the library wrote
        raise InputError(
            [Problem(path, _("invalid YAML: {message}").format(message=message), 1, 1)]
        ) from exc
    finally:
        loader.dispose()


def _explain(problem: str, text: str, mark: Any) -> str:
    """libyaml's wording, with what to do for the mistakes people make most."""
    index = getattr(mark, "index", None)
    found = text[index] if isinstance(index, int) and 0 <= index < len(text) else ""
    if problem.startswith("found character that cannot start any token") and found == "\t":
        return _("{problem}: a tab; YAML indents with spaces only").format(
            problem=yaml_words.said(problem)
        )
    if "maximum nesting depth" in problem:
        return _("lists and mappings nest more than 1,000 levels deep; flatten the file")
    return yaml_words.said(problem)


def _build(loader: Any, path: str) -> YamlDocument:
    """The one document of the stream (see yamlbuild), or its located problems."""
    loader.get_event()  # stream start
    if isinstance(loader.get_event(), yaml.StreamEndEvent):
        raise InputError([Problem(path, _("the file is empty"), 1, 1)])
    doc, problems = build_document(loader, path)
    event = loader.get_event()
    if not isinstance(event, yaml.StreamEndEvent):
        start = event.start_mark
        raise InputError(
            [
                Problem(
                    path,
                    _("the file holds more than one YAML document ('---'); keep one per file"),
                    start.line + 1,
                    start.column + 1,
                )
            ]
        )
    if problems:
        raise InputError(problems)
    return doc
