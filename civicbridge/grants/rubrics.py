"""Rubric presets an operator may start a call's criteria from (pure data; services.calls copies them into a call).

`ten` follows the shape of the Presidential Grants Fund's public rubric: ten criteria, each marked 0–10. `simple` is a
short 0–5 rubric for small local calls and awards. Weights are a starting point: the operator edits them per call.
Names and descriptors are English msgids; copying a preset fills each language's column from the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CriterionPreset:
    """One criterion of a preset: name, what the marks mean, weight and scale."""

    name: str | Promise
    descriptors: str | Promise
    weight: Decimal
    scale_min: int
    scale_max: int


@dataclass(frozen=True)
class RubricPreset:
    """A named list of criteria."""

    code: str
    label: str | Promise
    criteria: tuple[CriterionPreset, ...]


def _ten(name, descriptors, weight="1") -> CriterionPreset:
    return CriterionPreset(name, descriptors, Decimal(weight), 0, 10)


def _five(name, descriptors, weight="1") -> CriterionPreset:
    return CriterionPreset(name, descriptors, Decimal(weight), 0, 5)


TEN = RubricPreset(
    code="ten",
    label=_("Ten criteria, marks 0–10"),
    criteria=(
        _ten(
            _("Relevance and social significance"),
            _("0–3: the problem is not shown; 4–7: shown in general terms; 8–10: shown with evidence for the region."),
            "2",
        ),
        _ten(
            _("Logic and feasibility of the project"),
            _("0–3: goals, tasks and activities do not connect; 4–7: partly; 8–10: every activity serves a task."),
            "2",
        ),
        _ten(
            _("Innovation and uniqueness"),
            _("0–3: repeats what exists; 4–7: new for the region; 8–10: a new approach others can adopt."),
        ),
        _ten(
            _("Costs against expected results"),
            _("0–3: results do not justify the costs; 4–7: acceptable; 8–10: results clearly worth the costs."),
            "1.5",
        ),
        _ten(
            _("Realistic budget"),
            _("0–3: costs are unexplained or inflated; 4–7: mostly explained; 8–10: every line is justified."),
            "1.5",
        ),
        _ten(
            _("Scale of the project"),
            _("0–3: a single locality; 4–7: several districts; 8–10: a region, the country or across borders."),
        ),
        _ten(
            _("Own contribution and other resources"),
            _("0–3: none; 4–7: below a quarter of the budget; 8–10: a quarter or more, confirmed."),
        ),
        _ten(
            _("Organisation's track record"),
            _("0–3: no similar projects; 4–7: some, without evidence; 8–10: similar projects with results shown."),
        ),
        _ten(
            _("Team's experience and skills"),
            _("0–3: the team is not described; 4–7: partly qualified; 8–10: qualified for every task."),
        ),
        _ten(
            _("Openness of the organisation"),
            _("0–3: no public reports; 4–7: some information online; 8–10: regular public reports and accounts."),
            "0.5",
        ),
    ),
)

SIMPLE = RubricPreset(
    code="simple",
    label=_("Simple: five criteria, marks 0–5"),
    criteria=(
        _five(_("Relevance"), _("0: not shown; 3: shown in general terms; 5: shown with evidence.")),
        _five(_("Feasibility"), _("0: the plan cannot work; 3: mostly realistic; 5: realistic in every step.")),
        _five(_("Budget"), _("0: unexplained; 3: mostly justified; 5: every line justified.")),
        _five(_("Capacity of the team"), _("0: no relevant experience; 3: some; 5: proven in similar projects.")),
        _five(_("Expected results"), _("0: not measurable; 3: partly measurable; 5: measurable, with targets.")),
    ),
)

PRESETS: dict[str, RubricPreset] = {preset.code: preset for preset in (TEN, SIMPLE)}


def preset_choices() -> list[tuple[str, str | Promise]]:
    """Choices for a form: the presets by code."""
    return [(preset.code, preset.label) for preset in PRESETS.values()]
