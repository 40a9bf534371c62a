"""The machines GPUs sit in, priced by what they hold.

Data-centre GPUs (passively cooled, eight to a server) need a server; consumer and
workstation cards (at most four to a machine, ``gpus.toml``) sit in a desktop tower when
there are one or two, and in a workstation when there are three or four. A tower for two
consumer cards is not an 8-GPU server (``assumptions.toml``: gpu_host_tower_usd,
gpu_host_workstation_usd, gpu_host_server_usd and their power draws).
"""

from __future__ import annotations

from dataclasses import dataclass, field

TOWER_GPUS = 2  # a desktop tower's two full-length slots
WORKSTATION_GPUS = 4  # the most consumer cards one machine holds; more need a server


@dataclass(frozen=True)
class HostPrices:
    """Purchase price (USD) and own draw (W, GPUs apart) of each class of host machine."""

    tower_usd: float
    tower_w: float
    workstation_usd: float
    server_usd: float
    server_w: float  # a workstation's and a server's own parts draw about the same
    # ``hosts`` by GPUs and GPUs a machine holds: asked for every owned GPU option's months.
    _hosts: dict[tuple[int, int], tuple[float, float, int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def host(self, gpus: int, per_host: int) -> tuple[float, float]:
        """Price and draw of one machine holding ``gpus`` cards of a kind that fits
        ``per_host`` to a machine."""
        if per_host > WORKSTATION_GPUS:
            return self.server_usd, self.server_w
        if gpus <= TOWER_GPUS:
            return self.tower_usd, self.tower_w
        return self.workstation_usd, self.server_w

    def hosts(self, units: int, per_host: int) -> tuple[float, float, int]:
        """Price, draw and number of the machines holding ``units`` cards: full machines,
        and a smaller one for the rest."""
        key = (units, per_host)
        found = self._hosts.get(key)
        if found is None:
            found = self._hosts[key] = self._machines(units, per_host)
        return found

    def _machines(self, units: int, per_host: int) -> tuple[float, float, int]:
        full, rest = divmod(units, max(1, per_host))
        usd = watts = 0.0
        if full:
            price, draw = self.host(per_host, per_host)
            usd, watts = full * price, full * draw
        if rest:
            price, draw = self.host(rest, per_host)
            usd, watts = usd + price, watts + draw
        return usd, watts, full + (1 if rest else 0)
