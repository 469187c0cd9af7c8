"""Benchmark labelcheck's agreement coefficients against krippendorff, irrCAC, statsmodels and NLTK.

The script draws seeded data sets once and saves them as .npy files. It then
measures every tool in its own child process. The child loads the layout its
tool takes and converts it outside the timed region. It times ``--repeat``
calls and runs one more call under tracemalloc. A small wrapper process reads
the child's peak resident memory (see bench/measure.py). irrCAC runs in a
separate interpreter, ``--irrcac-python``, because its pinned dependencies do
not fit labelcheck's environment.

The output is a table (best and median seconds, peak MiB, value, ratios to
labelcheck), one PASS or MISS line per performance target, and with
``--profile`` the top cProfile entries of labelcheck wherever it misses one.
The exit code is 1 when a peer's coefficient differs from labelcheck's by
more than 1e-9 or a measurement fails, 2 on invalid options, else 0; missed
targets do not change it. bench/README.md explains the method and records
results.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import json
import pstats
import subprocess
import sys
import tempfile
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agreement_data import Dataset, write_dataset
from agreement_report import (
    HEADER,
    TOLERANCE,
    Case,
    Row,
    format_row,
    largest_difference,
    load_average,
    machine_lines,
    target_lines,
    value_differences,
)
from agreement_tools import PREPARERS, Settings
from measure import run_with_peak_memory, time_repeated, whole_number

TOOL_LABELS = {
    "labelcheck-alpha-lean": "labelcheck",
    "labelcheck-alpha": "labelcheck, per-annotation",
    "krippendorff-alpha": "krippendorff",
    "krippendorff-alpha-domain": "krippendorff, value_domain",
    "nltk-alpha": "NLTK AnnotationTask",
    "irrcac-alpha": "irrCAC",
    "labelcheck-fleiss-table": "labelcheck",
    "statsmodels-fleiss-table": "statsmodels",
    "labelcheck-fleiss": "labelcheck, rating_table",
    "statsmodels-fleiss": "statsmodels, aggregate_raters",
    "irrcac-fleiss": "irrCAC",
    "labelcheck-gwet": "labelcheck, rating_table",
    "irrcac-gwet": "irrCAC",
    "labelcheck-bp": "labelcheck, rating_table",
    "statsmodels-bp": "statsmodels, aggregate_raters",
    "irrcac-bp": "irrCAC",
    "labelcheck-cohen": "labelcheck",
    "statsmodels-cohen": "statsmodels",
    "irrcac-cohen": "irrCAC conger",
    "labelcheck-bootstrap": "labelcheck",
    "krippendorff-bootstrap": "krippendorff, resample loop",
}
IRRCAC_SETUP = ("python3 -m venv /tmp/venv-irrcac && /tmp/venv-irrcac/bin/pip install irrcac",
                "then pass --irrcac-python /tmp/venv-irrcac/bin/python")


@dataclass(frozen=True)
class Sizes:
    """Numbers of items of the data sets. The first two nominal cases have 10 annotators."""

    large: int
    small: int
    interval: int
    interval_peers: tuple[int, ...]
    bootstrap: int


FULL = Sizes(large=1_000_000, small=100_000, interval=100_000, interval_peers=(100, 200, 400), bootstrap=100_000)
"""The sizes the targets name. NLTK runs nominal alpha on ``small`` only. krippendorff,
NLTK and irrCAC run interval alpha on ``interval_peers`` only, because of the memory
or time they need (``interval_note`` prints why)."""
QUICK = Sizes(large=20_000, small=2_000, interval=10_000, interval_peers=(50, 100), bootstrap=10_000)


def build_cases(sizes: Sizes) -> tuple[list[Case], dict[str, Dataset]]:
    """Return the cases in measurement order and the data sets of the four targets."""
    nominal = Dataset("nominal", 10, sizes.large, missing=True)
    complete = Dataset("nominal", 10, sizes.large)
    interval = Dataset("interval", 2, sizes.interval)
    bootstrap_nominal = Dataset("nominal", 10, sizes.bootstrap, missing=True)
    bootstrap_interval = Dataset("interval", 2, sizes.bootstrap)
    peers = ("labelcheck-alpha-lean", "labelcheck-alpha", "krippendorff-alpha", "nltk-alpha", "irrcac-alpha")
    cases = [
        Case("nominal alpha", nominal,
             ("labelcheck-alpha-lean", "labelcheck-alpha", "krippendorff-alpha", "krippendorff-alpha-domain",
              "irrcac-alpha")),
        Case("nominal alpha", Dataset("nominal", 10, sizes.small, missing=True), peers),
        Case("Fleiss kappa, counts given", complete, ("labelcheck-fleiss-table", "statsmodels-fleiss-table")),
        Case("Fleiss kappa", complete, ("labelcheck-fleiss", "statsmodels-fleiss", "irrcac-fleiss")),
        Case("Gwet AC1", complete, ("labelcheck-gwet", "irrcac-gwet")),
        Case("Brennan-Prediger", complete, ("labelcheck-bp", "statsmodels-bp", "irrcac-bp")),
        Case("Cohen kappa", Dataset("nominal", 2, sizes.large), ("labelcheck-cohen", "statsmodels-cohen",
                                                                 "irrcac-cohen")),
        Case("interval alpha", interval, ("labelcheck-alpha-lean", "labelcheck-alpha")),
        *(Case("interval alpha", Dataset("interval", 2, items), peers) for items in sizes.interval_peers),
        Case("bootstrap, nominal", bootstrap_nominal, ("labelcheck-bootstrap", "krippendorff-bootstrap")),
        Case("bootstrap, interval", bootstrap_interval, ("labelcheck-bootstrap",)),
    ]
    targets = {"nominal": nominal, "interval": interval, "bootstrap-nominal": bootstrap_nominal,
               "bootstrap-interval": bootstrap_interval}
    return cases, targets


def _bytes(count: float) -> str:
    for unit, size in (("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if count >= size:
            return f"{count / size:,.0f} {unit}"
    return f"{count:,.0f} bytes"


def interval_note(sizes: Sizes) -> str:
    """Explain why the peers skip interval alpha on the full interval size."""
    items = sizes.interval
    return (f"krippendorff, NLTK and irrCAC run interval alpha only on 2 x {', '.join(map(str, sizes.interval_peers))}"
            " items. With one distinct value per item, krippendorff 0.9.0 builds float64 arrays of shape"
            f" (units, values, values), 8 x {items:,}^3 bytes = {_bytes(8 * items**3)} each at 2 x {items:,},"
            " so its memory grows with the cube of the size here. irrCAC builds an items x values matrix,"
            " and NLTK loops over pairs of values in Python.")


def run_child(spec: dict[str, Any]) -> int:
    """Measure one tool on one data set and print the result as a JSON line (the ``--child`` mode)."""
    dataset = Dataset(**spec["dataset"])
    settings = Settings(spec["seed"], spec["resamples"], spec["peer_resamples"])
    prepared = PREPARERS[spec["tool"]](Path(spec["data"]), dataset, settings)
    if spec["profile"]:
        profile = cProfile.Profile()
        profile.runcall(prepared.run)
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(15)
        return 0

    results: list[Any] = []
    times = time_repeated(lambda: results.append(prepared.run()), spec["repeat"])
    tracemalloc.start()
    prepared.run()
    call_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    value = results[-1]
    print(json.dumps({
        "times": [seconds * prepared.time_scale for seconds in times],
        "value": list(value) if isinstance(value, tuple) else value,
        "call_mib": call_peak / 2**20,
    }))
    return 0


def child_command(python: str, tool: str, dataset: Dataset, folder: Path, args: argparse.Namespace,
                  profile: bool = False) -> list[str]:
    """Return the command line that measures ``tool`` on ``dataset`` in a new process."""
    spec = {"tool": tool, "dataset": dataset.to_json(), "data": str(folder), "repeat": args.repeat,
            "seed": args.seed, "resamples": args.resamples, "peer_resamples": args.peer_resamples,
            "profile": profile}
    return [python, str(Path(__file__).resolve()), "--child", json.dumps(spec)]


def measure(case: Case, tool: str, python: str, folder: Path, args: argparse.Namespace) -> Row | str:
    """Measure one row, or return the error message when the child fails."""
    measured = run_with_peak_memory(child_command(python, tool, case.dataset, folder, args), keep_output=True)
    if measured.returncode != 0:
        return (f"{case.title}, {case.dataset.size}, {TOOL_LABELS[tool]} failed with exit code "
                f"{measured.returncode}:\n{measured.stderr.strip()}")
    result = json.loads(measured.stdout.splitlines()[-1])
    value = tuple(result["value"]) if isinstance(result["value"], list) else result["value"]
    return Row(case, tool, TOOL_LABELS[tool], tuple(result["times"]), measured.peak_mib, result["call_mib"], value)


class SetupError(Exception):
    """Missing or unusable irrCAC interpreter. ``main`` prints the message and exits with 2."""


def find_irrcac_python(args: argparse.Namespace) -> str | None:
    """Return the interpreter for irrCAC, or None with ``--skip-irrcac``.

    Raises
    ------
    SetupError
        If no interpreter with irrCAC is found or the given one fails.
    """
    if args.skip_irrcac:
        return None
    if args.irrcac_python is None:
        if importlib.util.find_spec("irrCAC") is not None:
            return sys.executable
        raise SetupError("irrCAC is not installed in this interpreter. It pins old pandas and scipy, so install "
                         f"it in its own environment: {IRRCAC_SETUP[0]}, {IRRCAC_SETUP[1]}; or pass --skip-irrcac.")
    try:
        check = subprocess.run([str(args.irrcac_python), "-c", "import irrCAC, numpy, pandas"],
                               capture_output=True, text=True, check=False)
    except OSError as error:
        raise SetupError(f"--irrcac-python {args.irrcac_python} cannot be run: {error.strerror}. "
                         f"Set it up with: {IRRCAC_SETUP[0]}") from error
    if check.returncode != 0:
        last_line = check.stderr.strip().splitlines()[-1] if check.stderr.strip() else "no error output"
        raise SetupError(f"--irrcac-python {args.irrcac_python} cannot import irrCAC, numpy and pandas "
                         f"({last_line}). Set it up with: {IRRCAC_SETUP[0]}")
    return str(args.irrcac_python)


def irrcac_versions(python: str) -> str:
    """Return the Python and package versions of the irrCAC interpreter."""
    code = ("import platform; from importlib.metadata import version; print(f'Python {platform.python_version()}: '"
            " + ', '.join(f'{n} {version(n)}' for n in ('irrCAC', 'numpy', 'pandas', 'scipy')))")
    completed = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    return f"{completed.stdout.strip() or 'versions unknown'} ({python})"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the options. On a bad value argparse prints the usage and exits with 2."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=whole_number(1), default=3, help="timed calls of each measurement (default: 3)")
    parser.add_argument("--seed", type=whole_number(0), default=0,
                        help="seed of the data and of the bootstrap draws (default: 0)")
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes for a smoke run; the targets are then not checked")
    parser.add_argument("--skip-irrcac", action="store_true", help="leave out the irrCAC measurements")
    parser.add_argument("--irrcac-python", type=Path,
                        help="Python interpreter with irrCAC installed (default: this one, if it has irrCAC)")
    parser.add_argument("--resamples", type=whole_number(1), default=1000,
                        help="bootstrap replicates of the bootstrap cases (default: 1000)")
    parser.add_argument("--peer-resamples", type=whole_number(1), default=20,
                        help="replicates that the krippendorff resample loop runs, with its time scaled to "
                             "--resamples (default: 20)")
    parser.add_argument("--profile", action="store_true",
                        help="print the top cProfile entries of labelcheck for every missed target")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def print_profiles(missed: list[Row], python: str, folder: Path, args: argparse.Namespace) -> None:
    """Run labelcheck's missed measurements once more under cProfile and print the top entries."""
    for row in {(row.tool, row.case.dataset): row for row in missed}.values():
        command = child_command(python, row.tool, row.case.dataset, folder, args, profile=True)
        measured = run_with_peak_memory(command, keep_output=True)
        print(f"\ncProfile of labelcheck, {row.case.title}, {row.case.dataset.size}, sorted by own time:")
        print(measured.stdout if measured.returncode == 0 else measured.stderr)


def benchmark(args: argparse.Namespace, irrcac_python: str | None, folder: Path) -> int:
    """Write the data sets, measure every row, print the table and verdicts, and return the exit code."""
    sizes = QUICK if args.quick else FULL
    cases, targets = build_cases(sizes)
    print("\n".join(machine_lines(irrcac_versions(irrcac_python) if irrcac_python else None)))
    print(f"load average at start: {load_average()}; seed {args.seed}; best and median of --repeat {args.repeat}; "
          f"{'--quick sizes' if args.quick else 'full sizes'}")
    for dataset in {case.dataset.name: case.dataset for case in cases}.values():
        write_dataset(folder, dataset, args.seed)

    print(f"\n{HEADER}")
    rows: list[Row] = []
    failures: list[str] = []
    for case in cases:
        reference: Row | None = None
        for tool in case.tools:
            python = irrcac_python if tool.startswith("irrcac") else sys.executable
            if python is None:
                continue
            outcome = measure(case, tool, python, folder, args)
            if isinstance(outcome, str):
                failures.append(outcome)
                print(f"{case.title:<27} {TOOL_LABELS[tool]:<30} {case.dataset.size:<14} failed", flush=True)
                continue
            reference = reference or (outcome if tool.startswith("labelcheck") else None)
            rows.append(outcome)
            print(format_row(outcome, reference), flush=True)

    print("\nlabelcheck's row comes first in each case; time/lc and peak/lc divide by its figures.")
    print(interval_note(sizes))
    print(f"load average at end: {load_average()}")
    print()
    verdicts = target_lines(rows, targets, checked=not args.quick)
    for line, _ in verdicts:
        print(line)
    if args.quick:
        print("(--quick: sizes are below the targets', so no verdict is given)")
    if args.profile:
        print_profiles([row for _, row in verdicts if row is not None], sys.executable, folder, args)

    problems = value_differences(rows)
    for message in failures + problems:
        print(f"\n{message}", file=sys.stderr)
    if failures or problems:
        return 1
    print(f"\nall coefficients agree with labelcheck's within {TOLERANCE:g} "
          f"(largest difference {largest_difference(rows):.3g})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, or one measurement when ``--child`` is given."""
    args = parse_args(argv)
    if args.child is not None:
        return run_child(json.loads(args.child))
    try:
        irrcac_python = find_irrcac_python(args)
    except SetupError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="labelcheck-agreement-") as folder:
        return benchmark(args, irrcac_python, Path(folder))


if __name__ == "__main__":
    sys.exit(main())
