"""Pydantic models of the survey questionnaire file: answers, groups, questions.

No I/O here: `inputs.questionnaire` reads the YAML and checks the questions against the
framework they feed.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from parindex.core.kinds.models import STRICT, Positive
from parindex.i18n import Lang, pick

# The answer share of a question: what an answer earns, as a percent of the question's points.
Share = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False, decimal_places=6)]
Weight = Positive

# The one mapping seen in provincial survey software (Yên Bái): A/B/C/D = 100/60/20/0 %.
DEFAULT_SCALE = {"A": Decimal(100), "B": Decimal(60), "C": Decimal(20), "D": Decimal(0)}


def answer_key(text: str) -> str:
    """How answers and group names are matched: NFC, case and surrounding spaces aside."""
    return unicodedata.normalize("NFC", text).strip().casefold()


class _Model(BaseModel):
    model_config = STRICT


class Group(_Model):
    """A respondent group: its weight in each question's mean and its quota of forms."""

    id: str = Field(min_length=1)
    name: str | None = None
    name_en: str | None = None
    weight: Weight = Decimal(1)
    min: int = Field(default=0, ge=0)

    def label(self, lang: Lang) -> str:
        return pick(self.name or self.id, self.name_en, lang)


class Question(_Model):
    """One question of the form, feeding one survey leaf of the framework."""

    id: str = Field(min_length=1)
    criterion: str = Field(min_length=1)
    text: str | None = None
    text_en: str | None = None
    column: str | None = None  # the header the form tool gives it (default: its id)
    weight: Weight = Decimal(1)
    answers: dict[str, Share] | None = None  # its own scale (default: the questionnaire's)

    @property
    def header(self) -> str:
        return self.column or self.id


class Columns(_Model):
    """Headers of the three fixed columns, when the form tool names them otherwise."""

    respondent_id: str = Field(default="respondent_id", min_length=1)
    unit_id: str = Field(default="unit_id", min_length=1)
    group: str = Field(default="group", min_length=1)


class Questionnaire(_Model):
    """A province's survey form: the answer scale, respondent groups and questions."""

    questionnaire: str = Field(min_length=1)
    framework: str = Field(min_length=1)
    title: str | None = None
    title_en: str | None = None
    answers: dict[str, Share] = Field(default=DEFAULT_SCALE, min_length=1)
    groups: list[Group] = []  # a plain default, as Framework.bands
    questions: list[Question] = Field(min_length=1)
    columns: Columns = Columns()

    def scale_of(self, question: Question) -> dict[str, Decimal]:
        """The question's answers → share (%), keyed as cells are matched (`answer_key`)."""
        scale = question.answers if question.answers is not None else self.answers
        return {answer_key(k): v for k, v in scale.items()}
