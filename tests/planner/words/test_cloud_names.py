"""A rented server named for its owner (issue 12: the owner read "AWS g4dn.xlarge (1x T4,
4 vCPU), us-east-1"): who rents it out and where, while the exact offer stays for advisors
in a tooltip and with the figures."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from planner.rates import load_rates
from planner.rates.schema import GpuCloudPrice
from planner.words.names import offer_note, rented_from

# What gives an instance away: "1x T4", "g4dn.xlarge", "4 vCPU", "gpu-h100-sxm", "us-east-1".
INSTANCE_WORDS = re.compile(r"\d+x\b|xlarge|vcpu|\bgpu-|\b[a-z]{2}-[a-z]+-?\d\b", re.IGNORECASE)
OFFERS = load_rates().gpu_cloud_prices


@pytest.mark.parametrize("row", OFFERS, ids=lambda row: f"{row.gpu}/{row.provider}")
def test_every_bundled_offer_has_a_plain_name_that_says_where(row: GpuCloudPrice) -> None:
    assert row.company, "gpu_cloud_prices.toml: the row names no company"
    name = rented_from(row.company, row.region, row.provider)
    assert row.provider not in name
    assert not INSTANCE_WORDS.search(name), name
    assert name == f"{row.company}, " + {"eu": "in the EU", "us": "in the US"}[row.region]


def test_the_names_owners_know() -> None:
    companies = {row.provider.split()[0]: row.company for row in OFFERS}
    assert companies == {
        "AWS": "Amazon Web Services",
        "Nebius": "Nebius",
        "RunPod": "RunPod",
        "Lambda": "Lambda",
    }


def test_an_offer_without_a_company_is_named_by_the_offer_itself() -> None:
    offer = "Hetzner GEX44 (1x RTX 4000 SFF Ada), Falkenstein"
    assert rented_from("", "eu", offer) == offer
    assert rented_from("Hetzner", "global", offer) == "Hetzner"


def test_the_place_is_translated(polish_with: Callable[..., None]) -> None:
    polish_with({"{company}, in the EU": "{company}, w UE"})
    assert rented_from("Amazon Web Services", "eu") == "Amazon Web Services, w UE"


def test_the_exact_offer_is_one_hover_away_unless_the_name_already_has_it() -> None:
    offer = "AWS g4dn.xlarge (1x T4, 4 vCPU), us-east-1"
    details = {"cloud_provider": offer, "cloud_region": "us"}
    plain = "Mistral on 1 × rented T4 (Amazon Web Services, in the US)"
    assert offer_note(details, plain) == f"Rented offer: {offer}"
    assert offer_note(details, f"Mistral on 1 × rented T4 ({offer})") == ""
    assert offer_note({"tier": "basic"}, plain) == ""
