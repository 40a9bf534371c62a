"""The recommendation in one sentence, and the best option of each kind side by side."""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.engine.recommend import GROUPS, group_of
from planner.model.result import EstimateResult, Option
from planner.words.i18n import _
from planner.words.names import group_explanation, group_phrase, group_title
from planner.words.reasons import describe, short_reason
from ui.text import rounded_money, share
from ui.theme import set_flag, set_role


def recommendation_sentence(result: EstimateResult) -> str:
    """One sentence: what to do, and what it costs a month, once, and over the horizon."""
    best = result.recommended
    if best is None:
        return _("No option meets every need you gave.")
    return _(
        "We recommend {option}, {kind}: about {monthly} a month, {one_off} to set up, "
        "{horizon} over {months} months."
    ).format(
        option=best.label,
        kind=group_phrase(group_of(best)),
        monthly=rounded_money(best.monthly_cost, result.currency),
        one_off=rounded_money(best.one_off_cost, result.currency),
        horizon=rounded_money(best.horizon_cost, result.currency),
        months=result.horizon_months,
    )


class RecommendationBanner(QFrame):
    def __init__(self) -> None:
        super().__init__()
        set_role(self, "banner")
        caption = QLabel(_("Our recommendation"))
        set_role(caption, "subtitle")
        self.sentence = QLabel()
        self.sentence.setObjectName("recommendation")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.sentence, "big")
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.why = QToolButton()
        self.why.setCheckable(True)
        self.why.setChecked(True)
        self.why.setAutoRaise(True)
        self.why.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.why.setArrowType(Qt.ArrowType.DownArrow)
        self.why.setText(_("Why"))
        self.why.setToolTip(_("Show or hide the reasons for this recommendation."))
        self.why.toggled.connect(self._show_reasons)
        top = QHBoxLayout()
        top.addWidget(caption, 1)
        top.addWidget(self.why)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addLayout(top)
        layout.addWidget(self.sentence)
        layout.addWidget(self.reasons)

    def _show_reasons(self, shown: bool) -> None:
        self.reasons.setVisible(shown)
        self.why.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def show_result(self, result: EstimateResult) -> None:
        self.sentence.setText(recommendation_sentence(result))
        reasons = [describe(reason, result.currency) for reason in result.recommendation.reasons]
        main = [
            r
            for r, reason in zip(reasons, result.recommendation.reasons, strict=True)
            if reason.code != "excluded_count"
        ]
        ruled_out = [
            r
            for r, reason in zip(reasons, result.recommendation.reasons, strict=True)
            if reason.code == "excluded_count"
        ]
        text = "".join(f"<li>{html.escape(r)}</li>" for r in main)
        if ruled_out:
            text += "<li>{}</li>".format(
                html.escape(
                    _("Ruled out: {list}.").format(
                        list="; ".join(
                            _short_exclusion(reason)
                            for reason in result.recommendation.reasons
                            if reason.code == "excluded_count"
                        )
                    )
                )
            )
        self.reasons.setText(f"<ul style='margin-left:-20px'>{text}</ul>")


def _short_exclusion(reason: object) -> str:
    params = getattr(reason, "params", {})
    return _("{count} × {reason}").format(
        count=params.get("count", 0), reason=short_reason(str(params.get("reason", "")))
    )


class OptionCard(QFrame):
    def __init__(self, group: tuple[str, str]) -> None:
        super().__init__()
        set_role(self, "card")
        self.group = group
        self.setToolTip(group_explanation(group))
        self.title = QLabel(group_title(group))
        set_role(self.title, "subtitle")
        self.title.setWordWrap(True)
        self.badge = QLabel(_("Recommended"))
        set_role(self.badge, "badge")
        self.label = QLabel()
        self.label.setWordWrap(True)
        set_role(self.label, "muted")
        self.monthly = QLabel()
        set_role(self.monthly, "money")
        self.details = QLabel()
        self.details.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.label)
        layout.addSpacing(4)
        layout.addWidget(self.monthly)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def show_option(self, option: Option, currency: str, months: int, recommended: bool) -> None:
        self.badge.setVisible(recommended)
        set_flag(self, "recommended", recommended)
        self.label.setText(option.label)
        self.label.show()
        self.monthly.setText(
            _("{amount} a month").format(amount=rounded_money(option.monthly_cost, currency))
        )
        lines = [
            _("{amount} one-off").format(amount=rounded_money(option.one_off_cost, currency)),
            _("{amount} over {months} months").format(
                amount=rounded_money(option.horizon_cost, currency), months=months
            ),
        ]
        if option.utilisation is not None:
            lines.append(
                _("Busy {share} of the working time").format(share=share(option.utilisation))
            )
        self.details.setText("\n".join(lines))

    def show_impossible(self, reason: str) -> None:
        self.badge.hide()
        set_flag(self, "recommended", False)
        self.label.hide()
        self.monthly.setText(_("Not possible here"))
        self.details.setText(reason)


class OptionCards(QWidget):
    """One card per kind of option: best API, rented GPU, owned server, local box, hybrid."""

    def __init__(self) -> None:
        super().__init__()
        self.cards = {group: OptionCard(group) for group in GROUPS}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, card in enumerate(self.cards.values()):
            layout.addWidget(card, 0, column)
            layout.setColumnStretch(column, 1)

    def show_result(self, result: EstimateResult) -> None:
        best = {group_of(option): option for option in result.shown}
        for group, card in self.cards.items():
            option = best.get(group)
            if option is not None:
                recommended = option.id == result.recommendation.option_id
                card.show_option(option, result.currency, result.horizon_months, recommended)
            else:
                card.show_impossible(_why_none(result, group))


def _why_none(result: EstimateResult, group: tuple[str, str]) -> str:
    """The most common reason the options of a kind were ruled out."""
    counts = Counter(
        option.excluded_reasons[0].code
        for option in result.options
        if group_of(option) == group and option.excluded_reasons
    )
    if not counts:
        return _("Nothing of this kind in the rate tables.")
    code = counts.most_common(1)[0][0]
    reason = next(
        o.excluded_reasons[0]
        for o in result.options
        if group_of(o) == group and o.excluded_reasons and o.excluded_reasons[0].code == code
    )
    return describe(reason, result.currency)
