"""The recommendation in one sentence, and the best option of each kind side by side."""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
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
from planner.model.result import EstimateResult, Option, Reason
from planner.words.headline import hours_text, month_split, purchase_sentence, split_sentence
from planner.words.i18n import _, ngettext
from planner.words.names import (
    group_explanation,
    group_phrase,
    group_title,
    offer_note,
    short_label,
)
from planner.words.reasons import describe, ruled_out
from ui.text import rounded_money, share
from ui.theme import set_flag, set_role
from ui.wrapping import WholeLabel


def recommendation_sentence(result: EstimateResult) -> str:
    """One sentence: what to do, and what it costs a month, once, and over the horizon."""
    best = result.recommended
    if best is None:
        return _("No option meets every need you gave.")
    return ngettext(
        "We recommend {option}, {kind}: about {monthly} a month, {one_off} to set up, "
        "{horizon} over {months} month.",
        "We recommend {option}, {kind}: about {monthly} a month, {one_off} to set up, "
        "{horizon} over {months} months.",
        result.horizon_months,
    ).format(
        option=best.label,
        kind=group_phrase(group_of(best)),
        monthly=rounded_money(best.monthly_cost, result.currency),
        one_off=rounded_money(best.one_off_cost, result.currency),
        horizon=rounded_money(best.horizon_cost, result.currency),
        months=result.horizon_months,
    )


def headline(result: EstimateResult) -> str:
    """The recommendation, then what its month pays for (the AI itself and people's time)
    and what its one-off buys."""
    best = result.recommended
    sentences = [recommendation_sentence(result)]
    if best is not None:

        def amount(value: float) -> str:
            return rounded_money(value, result.currency)

        sentences.append(split_sentence(best, amount))
        bought = purchase_sentence(best, amount)
        if bought:
            sentences.append(bought)
    return " ".join(sentences)


SHARE_OF_PAGE = 0.45  # the most of the page the banner takes with its reasons unfolded


class RecommendationBanner(QFrame):
    def __init__(self) -> None:
        super().__init__()
        set_role(self, "banner")
        caption = QLabel(_("Our recommendation"))
        set_role(caption, "subtitle")
        self.sentence = WholeLabel()
        self.sentence.setObjectName("recommendation")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.sentence, "big")
        self.reasons = WholeLabel()
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
        self.why.clicked.connect(self._chosen_by_user)
        self.user_chose = False  # the user opened or closed the reasons: leave them so
        top = QHBoxLayout()
        top.addWidget(caption, 1)
        top.addWidget(self.why)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addLayout(top)
        layout.addWidget(self.sentence)
        layout.addWidget(self.reasons)

    def _chosen_by_user(self) -> None:
        self.user_chose = True

    def fit(self, page_height: int, page_width: int) -> None:
        """On a short page (a projector, larger text) the reasons start folded, one click
        away, so the options are in view; the user's own choice is kept."""
        if self.user_chose or page_height <= 0 or page_width <= 0:
            return
        width = max(page_width - 20, 200)
        reasons = max(self.reasons.heightForWidth(width - 40), 0)
        now = self.heightForWidth(width)
        folded = (now if now > 0 else self.sizeHint().height()) - (
            reasons if self.why.isChecked() else 0
        )
        self.why.setChecked(folded + reasons <= page_height * SHARE_OF_PAGE)

    def _show_reasons(self, shown: bool) -> None:
        self.reasons.setVisible(shown)
        self.why.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def show_result(self, result: EstimateResult) -> None:
        self.sentence.setText(headline(result))
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


def _short_exclusion(reason: Reason) -> str:
    return ruled_out(reason)


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
        self.label.setText(short_label(option.label, option.details))
        self.label.show()
        note = offer_note(option.details, option.label)
        lines = [option.label, note, group_explanation(self.group)]
        self.setToolTip("\n".join(line for line in lines if line))
        self.monthly.setText(
            _("{amount} a month").format(amount=rounded_money(option.monthly_cost, currency))
        )
        lines = [
            *card_parts(option, currency),
            _("{amount} one-off").format(amount=rounded_money(option.one_off_cost, currency)),
            ngettext(
                "{amount} over {months} month", "{amount} over {months} months", months
            ).format(amount=rounded_money(option.horizon_cost, currency), months=months),
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
    """One card per kind of option: best API, rented GPU, owned server, local box, hybrid.

    As many cards side by side as fit at a readable width; the rest wrap onto the next row,
    so a narrow window or larger text never hides a card."""

    CARD_EMS = 12  # the narrowest a card may be, in widths of "M"

    def __init__(self) -> None:
        super().__init__()
        self.cards = {group: OptionCard(group) for group in GROUPS}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self._place(len(self.cards))

    def card_width(self) -> int:
        """Wide enough for a card's amount on one line ("2 438 zł miesięcznie")."""
        amounts = [card.monthly.sizeHint().width() for card in self.cards.values()]
        margins = 2 * 12 + 4
        return max([self.fontMetrics().horizontalAdvance("M") * self.CARD_EMS, *amounts]) + margins

    def minimumSizeHint(self) -> QSize:
        """One card wide: the cards wrap rather than widen the page past the window."""
        return QSize(self.card_width(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        spacing = max(self.grid.horizontalSpacing(), 0)
        fits = (self.width() + spacing) // (self.card_width() + spacing)
        self._place(max(1, min(len(self.cards), fits)))

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, index // columns, index % columns)
        for column in range(len(self.cards)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def show_result(self, result: EstimateResult) -> None:
        best = {group_of(option): option for option in result.shown}
        for group, card in self.cards.items():
            option = best.get(group)
            if option is not None:
                recommended = option.id == result.recommendation.option_id
                card.show_option(option, result.currency, result.horizon_months, recommended)
            else:
                card.show_impossible(_why_none(result, group))
        self.updateGeometry()
        self._reflow()


def card_parts(option: Option, currency: str) -> list[str]:
    """A card's lines on what the month pays for: seats, the AI, people's time with its
    hours; and the hardware bought at the start, when there is some."""
    split = month_split(option)
    lines = []
    seats = option.details.get("seats")
    if option.kind == "subscription" and seats:
        price = rounded_money(float(option.details["price_per_seat"]), currency)
        count = int(seats)
        text = ngettext("{seats} seat × {price}", "{seats} seats × {price}", count)
        lines.append(text.format(seats=count, price=price))
    else:
        lines.append(_("AI itself: {amount}").format(amount=rounded_money(split.ai, currency)))
    lines.append(
        _("People's time: {amount} ({hours})").format(
            amount=rounded_money(split.people, currency), hours=hours_text(split.hours)
        )
    )
    bought = option.one_off_lines.get("hardware_purchase", 0.0)
    if bought:
        lines.append(_("Hardware bought: {amount}").format(amount=rounded_money(bought, currency)))
    return lines


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
