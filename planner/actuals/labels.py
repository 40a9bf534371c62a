"""The company's own names, applied when a report is made (so relabelling changes history)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.actuals.records import LabelRow

NO_NAME = "(none)"


@dataclass(frozen=True)
class Labels:
    """A label map: (source, raw value) → the company's project and feature."""

    rows: dict[tuple[str, str], LabelRow]

    @classmethod
    def of(cls, rows: Iterable[LabelRow]) -> Labels:
        return cls({(row.source, row.raw): row for row in rows})

    def project(self, project: str, api_key: str) -> str:
        """An API key's label wins over a project's; unlabelled keeps the raw name."""
        for source, raw in (("api_key", api_key), ("project", project)):
            row = self.rows.get((source, raw))
            if raw and row is not None and row.project:
                return row.project
        return project or NO_NAME

    def feature(self, feature: str, project: str, api_key: str) -> str:
        """A tag's label wins, then the key's, then the project's."""
        for source, raw in (("feature", feature), ("api_key", api_key), ("project", project)):
            row = self.rows.get((source, raw))
            if raw and row is not None and row.feature:
                return row.feature
        return feature or NO_NAME
