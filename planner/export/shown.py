"""Which options an export shows, and the rate rows each one rests on."""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.result import EstimateResult, Option
from planner.rates import RateBook
from planner.rates.schema import ApiModel, Gpu, GpuCloudPrice, LocalMachine, OpenModel, Subscription


def shown_options(result: EstimateResult) -> list[Option]:
    """The options the result shows side by side, recommended first."""
    return result.shown


@dataclass(frozen=True)
class OptionRows:
    """The rate-table rows behind one option (None where the option has no such part)."""

    api: ApiModel | None = None
    open_model: OpenModel | None = None
    gpu: Gpu | None = None
    cloud: GpuCloudPrice | None = None
    machine: LocalMachine | None = None
    subscription: Subscription | None = None


def option_rows(option: Option, rates: RateBook) -> OptionRows:
    """Rows of a single (not hybrid) option."""
    if option.kind == "api":
        return OptionRows(api=rates.api_model(option.id.removeprefix("api:")))
    if option.kind == "subscription":
        return OptionRows(subscription=rates.subscription(option.id.removeprefix("sub:")))
    model = rates.open_model(str(option.model))
    if option.kind == "cpu":
        return OptionRows(open_model=model, machine=rates.local_machine(str(option.hardware)))
    gpu = rates.gpu(str(option.hardware))
    cloud = None
    if option.ownership == "rented":
        cloud = next(
            row
            for row in rates.gpu_cloud_prices
            if row.gpu == gpu.id
            and row.provider == option.details.get("cloud_provider")
            and row.region == option.details.get("cloud_region")
        )
    return OptionRows(open_model=model, gpu=gpu, cloud=cloud)


def hybrid_parts(option: Option, result: EstimateResult) -> tuple[Option, Option]:
    """The self-hosted and API options a hybrid is made of (as costed for the whole volume)."""
    local = result.option(str(option.details["self_hosted_option_id"]))
    api = result.option(str(option.details["api_option_id"]))
    return local, api
