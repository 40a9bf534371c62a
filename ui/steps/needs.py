"""Steps 3 to 5: how sensitive the data is, who runs IT, how good answers must be."""

from __future__ import annotations

from planner.words.i18n import _
from planner.words.names import it_name, quality_name, sensitivity_name
from ui.document import PlanDocument
from ui.fields import Choice, ChoiceGroup
from ui.steps.base import Step


class ChoiceStep(Step):
    """One question answered by picking a plain-language choice."""

    field = ""

    def __init__(
        self,
        document: PlanDocument,
        title: str,
        intro: str,
        choices: list[Choice],
        default: str,
        default_note: str,
    ) -> None:
        super().__init__(document, title, intro)
        self.choices = ChoiceGroup(choices, default, default_note)
        self.body_layout.addWidget(self.choices)
        self.choices.chosen.connect(self._on_chosen)
        self.refresh()

    def refresh(self) -> None:
        self.choices.select(getattr(self.document.plan.needs, self.field))

    def _on_chosen(self, value: str) -> None:
        self.report(self.document.set_value(f"needs.{self.field}", value))


class SensitivityStep(ChoiceStep):
    field = "data_sensitivity"

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(
            document,
            _("How sensitive is the data?"),
            _(
                "This decides where the texts may be sent. Pick the most sensitive kind the AI will see."
            ),
            [
                Choice(
                    "public",
                    _("Public texts"),
                    _("Your website, product descriptions, published articles, marketing drafts."),
                ),
                Choice(
                    "internal",
                    _("Internal documents"),
                    _("Offers, procedures, internal notes: not secret, but not for everyone."),
                ),
                Choice(
                    "personal",
                    _("Personal data of customers (GDPR)"),
                    _(
                        "Names, e-mail addresses, orders, customer conversations. "
                        "Must be processed in the EU."
                    ),
                ),
                Choice(
                    "special_category",
                    _("Health, financial or other special data"),
                    _(
                        "Medical records, insurance claims, bank details, data about children. "
                        "The strictest GDPR rules apply."
                    ),
                ),
                Choice(
                    "on_premises_only",
                    _("Must never leave our premises"),
                    _(
                        "Trade secrets or data a contract or regulator keeps in-house. "
                        "Only machines in your own office qualify."
                    ),
                ),
            ],
            "personal",
            _(
                "We will assume personal data of customers ({name}): most businesses handle some, "
                "and it keeps the data in the EU."
            ).format(name=sensitivity_name("personal")),
        )


class ItStep(ChoiceStep):
    field = "it_capacity"

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(
            document,
            _("Who runs IT?"),
            _(
                "Running your own AI machine needs someone to look after it; a cloud service does not."
            ),
            [
                Choice("none", _("Nobody"), _("We would hire help for anything technical.")),
                Choice(
                    "external_provider",
                    _("An external IT company"),
                    _("A service company looks after our computers and network."),
                ),
                Choice(
                    "admin",
                    _("An in-house administrator"),
                    _("Someone on staff installs and maintains servers."),
                ),
                Choice(
                    "ml_team",
                    _("Engineers who know machine learning"),
                    _("We have people who can deploy and tune AI models themselves."),
                ),
            ],
            "none",
            _(
                "We will assume {name}: upkeep is priced at an external IT company's hourly rate."
            ).format(name=it_name("none")),
        )


class QualityStep(ChoiceStep):
    field = "quality"

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(
            document,
            _("How good must the answers be?"),
            _("Better models cost more. Pick the level the hardest everyday task needs."),
            [
                Choice(
                    "basic",
                    _("Basic"),
                    _("Sorting e-mails, tagging documents, pulling out dates and numbers."),
                ),
                Choice(
                    "standard",
                    _("Standard"),
                    _("Answering customers' everyday questions, drafting replies, summaries."),
                ),
                Choice(
                    "high",
                    _("High"),
                    _("Analysing contracts, careful writing, answers that must be right."),
                ),
                Choice(
                    "frontier",
                    _("The best available"),
                    _("Complex reasoning over many steps, expert-level analysis, code."),
                ),
            ],
            "standard",
            _("We will assume {name} quality: good enough for customer-facing answers.").format(
                name=quality_name("standard")
            ),
        )
