"""Result rows, the printed table, value checks and target verdicts of the agreement benchmark."""

from __future__ import annotations

import os
import platform
import statistics
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from agreement_data import Dataset

TOLERANCE = 1e-9
"""Largest allowed difference between labelcheck's coefficient and a peer's on the same data."""
GIGABYTE_MIB = 1e9 / 2**20
"""1 GB (10^9 bytes) in MiB, the memory limit of the interval target."""
MAIN_PACKAGES = ("labelcheck", "numpy", "pandas", "scipy", "krippendorff", "statsmodels", "nltk")


@dataclass(frozen=True)
class Case:
    """One coefficient on one data set, measured with several tools, labelcheck's first."""

    title: str
    dataset: Dataset
    tools: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """Measurements of one tool on one case.

    ``times`` are wall-clock seconds of the repeated calls, already scaled to
    the full task. ``peak_mib`` is the peak resident memory of the whole
    child process, preparation included. ``call_mib`` is the peak that
    tracemalloc saw during one extra call, so it leaves out the interpreter,
    the imports and the loaded input.
    """

    case: Case
    tool: str
    label: str
    times: tuple[float, ...]
    peak_mib: float
    call_mib: float
    value: float | tuple[float, float] | None

    @property
    def best(self) -> float:
        """Fastest of the repeated runs, in seconds."""
        return min(self.times)

    @property
    def median(self) -> float:
        """Median of the repeated runs, in seconds."""
        return statistics.median(self.times)


HEADER = (f"{'case':<27} {'tool':<30} {'size':<14} {'best s':>9} {'median s':>9} {'peak MiB':>9} "
          f"{'call MiB':>9} {'value':>20} {'time/lc':>8} {'peak/lc':>8}")


def _format_value(value: float | tuple[float, float] | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return f"[{value[0]:.5f}, {value[1]:.5f}]"
    return f"{value:.12f}"


def _ratio(ratio: float) -> str:
    if ratio >= 100:
        return f"{ratio:.0f}x"
    if ratio >= 10:
        return f"{ratio:.1f}x"
    if ratio >= 0.1:
        return f"{ratio:.2f}x"
    return f"{ratio:.3f}x"


def format_row(row: Row, reference: Row | None) -> str:
    """Format one table line, dividing by ``reference``, labelcheck's row of the same case, for the ratios."""
    time_ratio = _ratio(row.best / reference.best) if reference else ""
    peak_ratio = _ratio(row.peak_mib / reference.peak_mib) if reference else ""
    size = row.case.dataset.size
    return (f"{row.case.title:<27} {row.label:<30} {size:<14} {row.best:>9.4g} {row.median:>9.4g} "
            f"{row.peak_mib:>9.0f} {row.call_mib:>9.0f} {_format_value(row.value):>20} "
            f"{time_ratio:>8} {peak_ratio:>8}")


def _compared(rows: list[Row]) -> list[tuple[Row, float, float]]:
    """Pair every peer's coefficient with labelcheck's on the same case, leaving out bootstrap intervals."""
    pairs = []
    for row in rows:
        reference = next((other for other in rows
                          if other.case == row.case and other.tool.startswith("labelcheck")), None)
        if reference is None or row is reference:
            continue
        if isinstance(row.value, float) and isinstance(reference.value, float):
            pairs.append((row, row.value, reference.value))
    return pairs


def value_differences(rows: list[Row]) -> list[str]:
    """Describe every peer value that differs from labelcheck's on the same case by more than TOLERANCE."""
    problems = []
    for row, theirs, ours in _compared(rows):
        difference = abs(theirs - ours)
        if not difference <= TOLERANCE:
            problems.append(f"{row.case.title}, {row.case.dataset.size}: {row.label} gives {theirs!r}, "
                            f"labelcheck {ours!r} (difference {difference:.3g})")
    return problems


def largest_difference(rows: list[Row]) -> float:
    """Return the largest difference between a peer's value and labelcheck's on the same case."""
    return max((abs(theirs - ours) for _, theirs, ours in _compared(rows)), default=0.0)


def _find(rows: list[Row], title: str, dataset: Dataset, tool: str) -> Row | None:
    return next((row for row in rows
                 if row.case.title == title and row.case.dataset == dataset and row.tool == tool), None)


def _verdict(passed: bool, checked: bool, text: str, row: Row) -> tuple[str, Row | None]:
    """Return the target line and, when the target is missed, labelcheck's row for profiling."""
    if not checked:
        return f"n/a   {text}", None
    return (f"PASS  {text}", None) if passed else (f"MISS  {text}", row)


def target_lines(rows: list[Row], targets: dict[str, Dataset], checked: bool) -> list[tuple[str, Row | None]]:
    """Return one verdict line per target of the issue, each with labelcheck's row when the target is missed.

    ``targets`` maps ``nominal``, ``interval``, ``bootstrap-nominal`` and
    ``bootstrap-interval`` to the data sets measured for them. With
    ``checked`` False (smaller sizes than the targets name) the verdict is
    ``n/a``. Times compare best runs.
    """
    lines: list[tuple[str, Row | None]] = []
    ours = _find(rows, "nominal alpha", targets["nominal"], "labelcheck-alpha-lean")
    theirs = _find(rows, "nominal alpha", targets["nominal"], "krippendorff-alpha")
    if ours and theirs:
        size = targets["nominal"].size
        text = (f"nominal alpha, {size}, time no more than krippendorff's: best {ours.best:.3f} s "
                f"against {theirs.best:.3f} s ({ours.best / theirs.best:.2f}x)")
        lines.append(_verdict(ours.best <= theirs.best, checked, text, ours))
        text = (f"nominal alpha, {size}, peak memory no more than half krippendorff's: "
                f"{ours.peak_mib:.0f} MiB against {theirs.peak_mib:.0f} MiB "
                f"({ours.peak_mib / theirs.peak_mib:.2f}x); above the loaded input "
                f"{ours.call_mib:.0f} MiB against {theirs.call_mib:.0f} MiB")
        lines.append(_verdict(ours.peak_mib <= 0.5 * theirs.peak_mib, checked, text, ours))

    interval = _find(rows, "interval alpha", targets["interval"], "labelcheck-alpha-lean")
    if interval:
        size = targets["interval"].size
        text = f"interval alpha, {size}, under 2 s: best {interval.best:.3f} s, median {interval.median:.3f} s"
        lines.append(_verdict(interval.best < 2.0, checked, text, interval))
        text = f"interval alpha, {size}, under 1 GB ({GIGABYTE_MIB:.0f} MiB): peak {interval.peak_mib:.0f} MiB"
        lines.append(_verdict(interval.peak_mib < GIGABYTE_MIB, checked, text, interval))

    for key, title in (("bootstrap-nominal", "bootstrap, nominal"), ("bootstrap-interval", "bootstrap, interval")):
        row = _find(rows, title, targets[key], "labelcheck-bootstrap")
        if row:
            text = (f"{title}, {targets[key].size}, 1,000 resamples under 10 s: best {row.best:.3f} s, "
                    f"median {row.median:.3f} s")
            lines.append(_verdict(row.best < 10.0, checked, text, row))
    return lines


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _proc_field(path: str, key: str) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return "unknown"
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), "unknown")


def machine_lines(irrcac_versions: str | None) -> list[str]:
    """Describe the machine, the interpreters and the package versions of this run."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = _proc_field("/proc/meminfo", "MemTotal")
    if memory.endswith(" kB"):
        memory = f"{int(memory.split()[0]) / 2**20:.1f} GiB"
    packages = ", ".join(f"{name} {_package_version(name)}" for name in MAIN_PACKAGES)
    cpu = _proc_field("/proc/cpuinfo", "model name")
    lines = [
        f"machine: {cpus} CPUs usable, CPU model {cpu}, RAM {memory}, {platform.platform()}",
        f"Python {platform.python_version()} ({sys.executable}): {packages}",
    ]
    if irrcac_versions is not None:
        lines.append(f"irrCAC interpreter: {irrcac_versions}")
    return lines


def load_average() -> str:
    """Return the 1, 5 and 15 minute load averages, or ``unknown`` where the system has none."""
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"
