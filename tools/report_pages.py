"""Render the PDF report of sample plans to PNG pages, to look at the layout.

    python -m tools.report_pages OUT_DIR [--lang en|pl|uk]

Writes ``report-<sample>-p<N>.png`` (pdftoppm, 60 dpi) into OUT_DIR and prints the paths.
The samples are templates with a Polish and a Ukrainian company, so the embedded font's
non-Latin text shows up on every page.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from planner.engine.estimate import estimate
from planner.export.report.document import write_report
from planner.model.plan import Plan
from planner.model.templates import template
from planner.rates import load_rates
from planner.words.i18n import _, set_language

RESOLUTION_DPI = 60


def sample_plans() -> dict[str, Plan]:
    """Report name → plan: a Polish company in złoty, a Ukrainian one in hryvnia, each named
    as the app names a plan made from an example (its title in the language in use)."""
    polish = template("support_agent").plan.model_copy(
        update={
            "name": _(template("support_agent").title),
            "currency": "PLN",
            "country": "PL",
            "company": "Zażółć gęślą jaźń Sp. z o.o.",
            "advisor": "Łukasz Żółkiewski",
            "notes": "Budżet na 36 miesięcy. Ceny bez VAT.",
        }
    )
    ukrainian = template("knowledge_assistant").plan.model_copy(
        update={
            "name": _(template("knowledge_assistant").title),
            "company": "Київська пекарня",
            "advisor": "Олена Гнатюк",
            "currency": "UAH",
            "country": "EU",
        }
    )
    return {"support_agent": polish, "knowledge_assistant": ukrainian}


def render(out_dir: Path, lang: str = "en") -> list[Path]:
    """Write each sample's report and convert every page to PNG in ``out_dir``."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RuntimeError("pdftoppm not found: install poppler-utils")
    set_language(lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    rates = load_rates()
    pages: list[Path] = []
    for name, plan in sample_plans().items():
        for stale in out_dir.glob(f"report-{name}-p*.png"):
            stale.unlink()
        with tempfile.TemporaryDirectory() as scratch:
            pdf = Path(scratch) / f"{name}.pdf"
            with pdf.open("wb") as stream:
                write_report(plan, estimate(plan, rates), rates, stream)
            prefix = Path(scratch) / "page"
            subprocess.run(
                [pdftoppm, "-png", "-r", str(RESOLUTION_DPI), str(pdf), str(prefix)], check=True
            )
            rendered = sorted(Path(scratch).glob("page-*.png"), key=_page_number)
            for png in rendered:
                target = out_dir / f"report-{name}-p{_page_number(png)}.png"
                shutil.move(png, target)
                pages.append(target)
    return pages


def _page_number(png: Path) -> int:
    return int(png.stem.rsplit("-", 1)[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--lang", default="en", choices=("en", "pl", "uk"))
    args = parser.parse_args(argv)
    for path in render(args.out_dir, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
