"""Plain-language names for the engine's codes, shared by the app and the exports (translated
when called, so they follow the current language)."""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale

from planner.words.formats import locale_for
from planner.words.i18n import _

Group = tuple[str, str]


def group_title(group: Group) -> str:
    """What a group of options is, for someone who does not know what a GPU is."""
    titles = {
        ("api", "api"): _("Cloud AI service"),
        ("subscription", "subscription"): _("Assistant for your staff"),
        ("gpu", "rented"): _("Rented AI server"),
        ("gpu", "owned"): _("Your own AI server"),
        ("cpu", "owned"): _("Small computer in the office"),
        ("hybrid", "mixed"): _("Mix: own computer and cloud"),
    }
    return titles.get(group, group[0])


def group_phrase(group: Group) -> str:
    """The kind of option inside a sentence: "We recommend X, {a cloud AI service}"."""
    phrases = {
        ("api", "api"): _("a cloud AI service"),
        ("subscription", "subscription"): _("an assistant your staff use themselves"),
        ("gpu", "rented"): _("a rented AI server"),
        ("gpu", "owned"): _("an AI server of your own"),
        ("cpu", "owned"): _("a small computer in your office"),
        ("hybrid", "mixed"): _("a mix of your own computer and a cloud service"),
    }
    return phrases.get(group, group[0])


def group_explanation(group: Group) -> str:
    """One sentence on how a group of options works, for a tooltip (empty when unknown)."""
    explanations = {
        ("api", "api"): _(
            "Pay per use to a provider such as OpenAI or Mistral; nothing to install."
        ),
        ("subscription", "subscription"): _(
            "A monthly fee per person, e.g. ChatGPT Business or Microsoft 365 Copilot; "
            "your staff use it to draft and read, nothing works on its own."
        ),
        ("gpu", "rented"): _(
            "Rent a graphics-card server by the hour and run an open model on it."
        ),
        ("gpu", "owned"): _(
            "Buy a server with graphics cards and run an open model on it yourself."
        ),
        ("cpu", "owned"): _(
            "Buy a compact computer that runs a smaller, compressed model on site."
        ),
        ("hybrid", "mixed"): _(
            "Routine requests on your own computer, hard ones sent to a cloud service."
        ),
    }
    return explanations.get(group, "")


def category_name(category: str) -> str:
    """A cost category's name in plain words."""
    names = {
        "api_tokens": _("AI service fees"),
        "subscription_seats": _("Seats for your staff"),
        "compute_rental": _("Server rental"),
        "hardware_purchase": _("Buying the hardware"),
        "hardware_amortisation": _("Hardware, spread over its life"),
        "power": _("Electricity"),
        "staff": _("People's time"),
        "monitoring_and_tools": _("Monitoring and tools"),
        "setup": _("Setting up"),
        "fine_tuning": _("Training on your data"),
    }
    return names.get(category, category)


def sensitivity_name(code: str) -> str:
    """What kind of data the plan handles, in plain words."""
    names = {
        "public": _("public texts"),
        "internal": _("internal documents"),
        "personal": _("personal data of customers"),
        "special_category": _("health, financial or other special data"),
        "on_premises_only": _("must never leave our premises"),
    }
    return names.get(code, code)


def it_name(code: str) -> str:
    """Who looks after the IT, in plain words."""
    names = {
        "none": _("nobody"),
        "external_provider": _("an external IT company"),
        "admin": _("an in-house administrator"),
        "ml_team": _("engineers who know machine learning"),
    }
    return names.get(code, code)


def quality_name(code: str) -> str:
    """A quality tier in plain words."""
    names = {
        "basic": _("basic"),
        "standard": _("standard"),
        "high": _("high"),
        "frontier": _("the best available"),
    }
    return names.get(code, code)


def latency_name(code: str) -> str:
    """When the answer is needed, as a phrase: while the customer waits, or overnight."""
    return _("while the customer waits") if code == "interactive" else _("overnight, in batches")


def lever_name(code: str) -> str:
    """A savings lever's name."""
    names = {
        "prompt_caching": _("Prompt caching"),
        "semantic_cache": _("Reusing answers to repeated questions"),
        "routing": _("Sending easy requests to a small model"),
        "batch_api": _("Overnight batch processing"),
        "off_peak_batch": _("Batch work in off-peak hours"),
        "shorter_prompts": _("Shorter instructions"),
    }
    return names.get(code, code)


def lever_explanation(code: str) -> str:
    """One sentence on how a savings lever saves money (empty when unknown)."""
    names = {
        "prompt_caching": _(
            "The provider charges less for the part of each request that repeats "
            "(the standing instructions)."
        ),
        "semantic_cache": _("Questions asked before are answered from a store, without the AI."),
        "routing": _("A small model on your own computer handles the routine share."),
        "batch_api": _("Work that can wait until the next day is sent at the batch discount."),
        "off_peak_batch": _(
            "Work that can wait runs in the hours of the day the provider charges least for."
        ),
        "shorter_prompts": _("Tighter instructions mean fewer words read on every request."),
    }
    return names.get(code, "")


def quant_name(quant: str | None) -> str:
    """Quantisation in words: how much a model is compressed."""
    names = {
        "fp16": _("full precision"),
        "fp8": _("compressed to 8 bits"),
        "int8": _("compressed to 8 bits"),
        "int4": _("compressed to 4 bits"),
    }
    return names.get(quant or "", "")


def role_name(code: str) -> str:
    """Whose hours a staff rate prices, in plain words."""
    names = {
        "internal_admin": _("an in-house administrator"),
        "external_it_service": _("an external IT company"),
        "ml_engineer": _("a machine-learning engineer"),
    }
    return names.get(code, code.replace("_", " "))


def country_name(code: str) -> str:
    """A country's name in the language in use ("EU" for the European average)."""
    if code == "EU":
        return _("EU average")
    return str(Locale.parse(locale_for()).territories.get(code, code))


def work_kind_name(kind: str) -> str:
    """The way of running the work whose hours a figure counts, in plain words."""
    names = {
        "api": _("cloud AI service"),
        "gpu_rented": _("rented AI server"),
        "gpu_owned": _("your own AI server"),
        "local": _("small computer in the office"),
        "self_hosted": _("AI server, rented or your own"),
        "subscription": _("assistant for your staff"),
    }
    return names.get(kind, kind.replace("_", " "))


def rented_from(company: str, region: str, offer: str = "") -> str:
    """Who rents a server out and where, as an option's name shows it to an owner ("Amazon
    Web Services, in the EU"), rather than the exact offer ("AWS g4dn.xlarge (1x T4, 4 vCPU),
    eu-central-1 Frankfurt"); the offer itself when the rate row names no company."""
    if not company:
        return offer
    places = {"eu": _("{company}, in the EU"), "us": _("{company}, in the US")}
    return places.get(region, "{company}").format(company=company)


def offer_note(details: Mapping[str, object], label: str = "") -> str:
    """The exact cloud offer an option rents, for a tooltip an advisor reads; empty when it
    rents nothing or its ``label`` already names the offer."""
    offer = details.get("cloud_provider")
    if not isinstance(offer, str) or not offer or offer in label:
        return ""
    return _("Rented offer: {offer}").format(offer=offer)


def short_label(label: str, details: Mapping[str, object]) -> str:
    """An option's name without the exact cloud offer when it still names one (``… (AWS
    g4dn.xlarge (1x T4, 4 vCPU), us-east-1)``): the card shows this, its tooltip the whole
    name and the offer."""
    provider = details.get("cloud_provider")
    short = label.removesuffix(f" ({provider})") if isinstance(provider, str) else label
    return localised_label(short)


def localised_label(label: str) -> str:
    """A name from the rate tables with its few English words in the language in use
    ("RTX 3090 24GB (used)", "EU data centres")."""
    words = {
        "(used)": _("(used)"),
        "EU data centres": _("EU data centres"),
        "US data centres": _("US data centres"),
    }
    for english, translated in words.items():
        label = label.replace(english, translated)
    return label
