"""Step 1: what should AI do for you? A template with its description, or a blank plan."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from planner.model.template_index import template_summaries
from planner.words.formats import number
from planner.words.i18n import _, ngettext
from planner.words.names import it_name, latency_name, quality_name, sensitivity_name
from ui import dialogs
from ui.document import PlanDocument
from ui.rates_service import RatesService
from ui.steps.base import Step
from ui.steps.place import PlaceFields
from ui.theme import set_role

if TYPE_CHECKING:
    from planner.model.plan import Plan
    from planner.model.templates import Template

BLANK = ""
# Fields a template does not decide: who the plan is for, and where they are.
KEPT_FIELDS = ("company", "advisor", "notes", "currency", "country", "horizon_months", "start_date")


def plan_summary(plan: Plan) -> str:
    """What an example assumes, in words, as a short list."""
    work, needs = plan.workload, plan.needs
    lines = [
        ngettext(
            "{count} request a day", "{count} requests a day", round(work.requests_per_day)
        ).format(count=number(work.requests_per_day))
        + ", "
        + ngettext("{days} day a month", "{days} days a month", round(work.days_per_month)).format(
            days=number(work.days_per_month)
        ),
        _("About {tokens_in} tokens in and {tokens_out} out per request").format(
            tokens_in=number(work.input_tokens), tokens_out=number(work.output_tokens)
        ),
        _("Data: {kind}").format(kind=sensitivity_name(needs.data_sensitivity)),
        _("IT run by {who}").format(who=it_name(needs.it_capacity)),
        _("Answer quality: {level}").format(level=quality_name(needs.quality)),
        _("Answers {when}").format(when=latency_name(needs.latency)),
    ]
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return "<b>{}</b><ul style='margin-left:-20px'>{}</ul>".format(
        html.escape(_("It assumes:")), items
    )


class TaskStep(Step):
    def __init__(self, document: PlanDocument, rates: RatesService) -> None:
        super().__init__(
            document,
            _("What should AI do for you?"),
            _(
                "Pick the example closest to your business; every figure it brings can be "
                "changed in the next steps."
            ),
        )
        self.rates = rates
        # Titles and descriptions only: the plans (pydantic) load after the window is up.
        self.templates = {t.id: t for t in template_summaries()}
        self.choices = self._choice_list()
        detail = self._detail_box()
        row = QHBoxLayout()
        row.addWidget(self.choices, 2)
        row.addWidget(detail, 3)
        self.body_layout.addLayout(row, 1)
        self.body_layout.addWidget(self._about_plan())
        # Arrow keys only show an example; a click, Enter, a double-click or the button use it.
        self.choices.currentItemChanged.connect(lambda item, _previous: self._preview(item))
        self.choices.itemClicked.connect(self._apply)
        self.choices.itemActivated.connect(self._apply)
        if document.loaded:
            self.refresh()

    def _choice_list(self) -> QListWidget:
        """The examples, and "something else" for a plan of one's own."""
        self.choices = QListWidget()
        self.choices.setObjectName("templates")
        self.choices.setAccessibleName(_("Examples"))
        for item in self.templates.values():
            self._add_choice(item.id, _(item.title), _(item.description))
        self._add_choice(
            BLANK,
            _("Something else, or not sure yet"),
            _("Typical figures for a small office, to change in the next steps."),
        )
        self.choices.setMinimumWidth(self.choices.fontMetrics().horizontalAdvance("M") * 20)
        # Long titles (in Polish, with larger text) wrap instead of running off the list.
        self.choices.setWordWrap(True)
        self.choices.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return self.choices

    def _detail_box(self) -> QGroupBox:
        """What the chosen example is about and assumes, and the button that uses it."""
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setMinimumHeight(self.description.fontMetrics().lineSpacing() * 6)
        set_role(self.description, "big")
        self.assumes = QLabel()
        self.assumes.setWordWrap(True)
        self.assumes.setTextFormat(Qt.TextFormat.RichText)
        self.assumes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.use = QPushButton(_("Use this example"))
        self.use.setObjectName("use-example")
        self.use.setToolTip(
            _("Fills in the next questions with this example's figures (Enter or double-click).")
        )
        self.use.clicked.connect(lambda: self._apply(self.choices.currentItem()))
        self.in_use = QLabel(_("Your plan starts from this example."))
        set_role(self.in_use, "good")
        detail = QGroupBox(_("About this example"))
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.description)
        detail_layout.addSpacing(8)
        detail_layout.addWidget(self.assumes)
        detail_layout.addStretch(1)
        detail_layout.addWidget(self.in_use)
        detail_layout.addWidget(self.use, 0, Qt.AlignmentFlag.AlignLeft)
        return detail

    def _add_choice(self, template_id: str, title: str, tooltip: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, template_id)
        item.setToolTip(tooltip)  # what the example is, not its title again
        self.choices.addItem(item)

    def _about_plan(self) -> QGroupBox:
        box = QGroupBox(_("About this plan (optional)"))
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setToolTip(_("A name you will recognise, shown on the results and in exports."))
        self.company = QLineEdit()
        self.company.setMaxLength(200)
        self.company.setToolTip(_("The business this plan is for."))
        self.advisor = QLineEdit()
        self.advisor.setMaxLength(200)
        self.advisor.setToolTip(
            _("Who helped prepare the plan, for example an advisor of a Digital Innovation Hub.")
        )
        self.place = PlaceFields(self.document, self.rates)
        form.addRow(_("Plan name"), self.name)
        form.addRow(_("Company"), self.company)
        form.addRow(_("Prepared by"), self.advisor)
        form.addRow(_("Country"), self.place.country)
        form.addRow(_("Currency"), self.place.currency)
        self.name.textEdited.connect(
            lambda text: self.report(self.document.set_value("name", text))
        )
        self.company.textEdited.connect(
            lambda text: self.report(self.document.set_value("company", text))
        )
        self.advisor.textEdited.connect(
            lambda text: self.report(self.document.set_value("advisor", text))
        )
        return box

    def refresh(self) -> None:
        plan = self.document.plan
        for field, widget in (
            ("name", self.name),
            ("company", self.company),
            ("advisor", self.advisor),
        ):
            if widget.text() != getattr(plan, field):
                widget.setText(getattr(plan, field))
        self.place.refresh()
        self._select(plan.template or BLANK)

    def _select(self, wanted: str) -> None:
        """Show the example the plan starts from (without applying anything)."""
        for index in range(self.choices.count()):
            item = self.choices.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == wanted:
                self.choices.blockSignals(True)
                self.choices.setCurrentItem(item)
                self.choices.blockSignals(False)
        self._preview(self.choices.currentItem())

    def _applied(self) -> str:
        return self.document.plan.template or BLANK

    def _in_use(self, template_id: str) -> bool:
        """Whether the plan starts from this example (a new plan has not used "something
        else" yet: its figures are not the typical ones that choice describes)."""
        if not self.document.loaded or template_id != self._applied():
            return False
        if template_id != BLANK:
            return True
        return self.document.plan.workload == self._plan_for(BLANK).workload

    def _preview(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        template_id = item.data(Qt.ItemDataRole.UserRole)
        self._describe(template_id)
        applied = self._in_use(template_id)
        self.in_use.setVisible(applied)
        self.use.setVisible(not applied)

    def _apply(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        template_id = item.data(Qt.ItemDataRole.UserRole)
        wanted = self._plan_for(template_id)
        if wanted == self.document.plan:
            return
        if not self._in_use(template_id) and not self._may_replace():
            self._select(self._applied())
            return
        self.document.update(wanted)
        self._preview(item)

    def _may_replace(self) -> bool:
        """Figures typed in the later steps are not thrown away without asking; a new plan, or
        one still holding its example's figures, has nothing to lose."""
        document = self.document
        if not document.loaded or (not document.dirty and document.path is None):
            return True
        if document.plan == self._plan_for(self._applied()):
            return True
        return dialogs.ask_yes_no(
            self,
            _("Use this example?"),
            _(
                "This replaces the figures you entered in the next steps with the example's. "
                "The plan's name, company and country stay."
            ),
        )

    @staticmethod
    def _template(template_id: str) -> Template | None:
        from planner.model.templates import load_templates

        return next((t for t in load_templates() if t.id == template_id), None)

    def _describe(self, template_id: str) -> None:
        """The example's description; its figures, or the plan's own once it starts from it."""
        found = self._template(template_id)
        if self._in_use(template_id):
            self.assumes.setText(plan_summary(self.document.plan))
        elif found is not None:
            self.assumes.setText(plan_summary(found.plan))
        else:
            loaded = self.document.loaded  # the typical figures need the rate tables
            self.assumes.setText(plan_summary(self._plan_for(BLANK)) if loaded else "")
        if found is not None:
            self.description.setText(_(found.description))
        else:
            self.description.setText(
                _(
                    "Starts from typical figures for a small office: 100 requests a day, "
                    "each about 200 words in and 150 words out, with standing instructions "
                    "of about 300 words. You will set your own figures next."
                )
            )

    def _plan_for(self, template_id: str) -> Plan:
        """The template's plan, keeping what the user said about themselves."""
        from planner.model.plan import Plan

        current = self.document.plan
        found = self._template(template_id)
        if found is not None:
            base = found.plan.model_copy(update={"template": found.id})
        else:
            from planner.rates.typical import typical_workload  # loads the rate tables

            language = current.workload.language
            base = Plan(workload=typical_workload(self.rates.book(), language), template=None)
        kept = {field: getattr(current, field) for field in KEPT_FIELDS}
        kept["name"] = current.name if self._named_by_user(current) else self._default_name(found)
        return base.model_copy(update=kept)

    def _named_by_user(self, plan: Plan) -> bool:
        from planner.model.templates import load_templates

        defaults = {_("Untitled plan"), "Untitled plan"}
        for found in load_templates():
            defaults |= {found.plan.name, found.title, _(found.title)}
        return plan.name not in defaults and bool(plan.name.strip())

    @staticmethod
    def _default_name(found: Template | None) -> str:
        """The example's title in the user's language ("Odpowiadanie na e-maile klientów")."""
        return _(found.title) if found is not None else _("Untitled plan")
