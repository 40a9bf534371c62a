"""The colours of cost categories and kinds of option, one palette for the app's charts and
the PDF's, so a colour means the same on the screen and on paper."""

from __future__ import annotations

# Readable on white; the dark set keeps the same hues, lighter, for dark backgrounds.
CATEGORY_COLOURS = {
    "api_tokens": ("#1f77b4", "#6baed6"),
    "subscription_seats": ("#3949ab", "#9fa8da"),
    "compute_rental": ("#d62728", "#ff6b6b"),
    "hardware_purchase": ("#2ca02c", "#74c476"),
    "hardware_amortisation": ("#2ca02c", "#74c476"),
    "power": ("#9467bd", "#b39ddb"),
    "staff": ("#ff7f0e", "#fdae6b"),
    "monitoring_and_tools": ("#17becf", "#4dd0e1"),
    "setup": ("#8c564b", "#bcaaa4"),
    "fine_tuning": ("#e377c2", "#f48fb1"),
}
FALLBACK = ("#7f7f7f", "#bdbdbd")


def category_colour(category: str, dark: bool = False) -> str:
    """The colour of a cost category, as ``#rrggbb``."""
    light, on_dark = CATEGORY_COLOURS.get(category, FALLBACK)
    return on_dark if dark else light
