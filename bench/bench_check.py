"""Benchmark ``labelcheck check`` against pandas plus the krippendorff package.

The script writes a seeded long-layout CSV (``item,annotator,label``, four
nominal labels) and a matching guideline, then times the CLI as a subprocess,
the same run through the Python API, and the baseline (``pandas.read_csv``, a
pivot to annotators x items, ``krippendorff.alpha``). It prints the best and
median wall time of ``--repeat`` runs, the ratio to the baseline, and the peak
resident memory of each, read in its own fresh child process. It exits with 1
when labelcheck fails or its alpha differs from krippendorff's by more than
1e-9. bench/README.md explains the method and records results.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

# bench/measure.py, importable because Python puts the script's folder first on sys.path.
from measure import peak_memory_mib, time_repeated, whole_number

LABELS = ("pos", "neg", "neu", "mixed")
COPY_PROBABILITY = 0.7
"""Chance that an annotator gives the item's true label, else the label is drawn uniformly."""
TOLERANCE = 1e-9
DATA_FILE = "data.csv"
GUIDELINE_FILE = "guideline.yaml"


def write_inputs(folder: Path, items: int, annotators: int, seed: int) -> tuple[Path, Path]:
    """Write the annotation CSV and the guideline into ``folder`` and return their paths."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(len(LABELS), size=items)
    copied = rng.random((items, annotators)) < COPY_PROBABILITY
    guessed = rng.integers(len(LABELS), size=(items, annotators))
    codes = np.where(copied, truth[:, None], guessed)

    item_ids = np.char.add("item", np.arange(1, items + 1).astype(str))
    annotator_ids = np.char.add("ann", np.arange(1, annotators + 1).astype(str))
    frame = pd.DataFrame({
        "item": np.repeat(item_ids, annotators),
        "annotator": np.tile(annotator_ids, items),
        "label": np.asarray(LABELS)[codes.ravel()],
    })
    data_path = folder / DATA_FILE
    frame.to_csv(data_path, index=False)

    guideline_path = folder / GUIDELINE_FILE
    guideline_path.write_text(
        "labelcheck: 1\nname: bench-sentiment\nversion: 1.0.0\nfields:\n  label:\n    kind: single\n"
        f"    labels: [{', '.join(LABELS)}]\n    annotations_per_item: {annotators}\n",
        encoding="utf-8",
    )
    return data_path, guideline_path


def labelcheck_command(folder: Path) -> list[str]:
    """Return the ``labelcheck check`` command line, using the console script next to this Python."""
    script = Path(sys.executable).parent / "labelcheck"
    launcher = [str(script)] if script.is_file() else [sys.executable, "-c", "from consistency.cli import main; main()"]
    return [*launcher, "check", "-g", str(folder / GUIDELINE_FILE), str(folder / DATA_FILE),
            "--json", str(folder / "out.json"), "--format", "json", "-o", os.devnull]


def run_labelcheck_api(folder: Path) -> dict[str, Any]:
    """Run the whole check through the Python API and return the parsed JSON result."""
    from consistency.config import ProjectConfig, SourceConfig
    from consistency.engine import run_config
    from consistency.reporters.json_report import render_json
    from guidelines import load_guideline

    guideline_path = str(folder / GUIDELINE_FILE)
    config = ProjectConfig(guideline=guideline_path, annotations=[SourceConfig(path=str(folder / DATA_FILE))])
    result = run_config(config, load_guideline(guideline_path))
    parsed: dict[str, Any] = json.loads(render_json(result))
    return parsed


def run_baseline(folder: Path, phases: dict[str, list[float]] | None = None) -> float:
    """Compute nominal alpha with pandas and krippendorff, appending phase times to ``phases``."""
    import krippendorff

    started = time.perf_counter()
    frame = pd.read_csv(folder / DATA_FILE, dtype=str, keep_default_na=False)
    read_done = time.perf_counter()
    codes = frame["label"].map({label: code for code, label in enumerate(LABELS)})
    # krippendorff expects raters as rows and units as columns. The transpose gives another number.
    matrix = frame.assign(code=codes).pivot(index="annotator", columns="item", values="code")
    reliability = matrix.to_numpy(dtype=float)
    pivot_done = time.perf_counter()
    alpha = float(krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal"))
    finished = time.perf_counter()
    if phases is not None:
        phases["read_csv"].append(read_done - started)
        phases["pivot"].append(pivot_done - read_done)
        phases["krippendorff.alpha"].append(finished - pivot_done)
    return alpha


def labelcheck_alpha(result: dict[str, Any]) -> float:
    """Return ``fields.label.agreement.krippendorff_alpha.value`` from a JSON result."""
    coefficient = result["fields"]["label"]["agreement"]["krippendorff_alpha"]
    if coefficient["value"] is None:
        raise SystemExit(f"labelcheck returned no alpha for field label: {coefficient['undefined_reason']}")
    return float(coefficient["value"])


def run_cli(command: list[str]) -> None:
    """Run ``labelcheck check``, accepting exit codes 0 (passed) and 1 (findings) as completed runs."""
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if completed.returncode not in (0, 1):
        raise SystemExit(f"labelcheck check failed with exit code {completed.returncode}:\n{completed.stderr}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the options. On a bad value argparse prints the usage and exits with 2."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=whole_number(1), default=100_000, help="number of items (default: 100000)")
    parser.add_argument("--annotators", type=whole_number(1), default=10,
                        help="annotators per item, each labels every item (default: 10)")
    parser.add_argument("--repeat", type=whole_number(1), default=3, help="timed runs of each measurement (default: 3)")
    parser.add_argument("--seed", type=whole_number(0), default=0, help="seed of the numpy random generator (default: 0)")
    parser.add_argument("--out", type=Path, help="folder for the generated files (default: a temporary folder)")
    parser.add_argument("--child", choices=("api", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child and args.out is None:
        parser.error("--child needs --out with the folder of the generated files")
    return args


def print_report(rows: list[tuple[str, list[float], float | None]], baseline_best: float) -> None:
    """Print one line per measurement: best, median, ratio to the baseline, peak memory."""
    print(f"{'measurement':<36} {'best s':>8} {'median s':>9} {'/ baseline':>10} {'peak MiB':>9}")
    for name, times, peak in rows:
        ratio = f"{min(times) / baseline_best:.2f}x"
        memory = f"{peak:.0f}" if peak is not None else ""
        print(f"{name:<36} {min(times):>8.3f} {statistics.median(times):>9.3f} {ratio:>10} {memory:>9}")


def benchmark(args: argparse.Namespace, folder: Path) -> int:
    """Generate the inputs, run every measurement, print the table and return the exit code."""
    data_path, _ = write_inputs(folder, args.items, args.annotators, args.seed)
    size_mib = data_path.stat().st_size / 2**20
    print(f"{args.items} items x {args.annotators} annotators = {args.items * args.annotators} rows, "
          f"{size_mib:.1f} MiB CSV in {folder}, seed {args.seed}, best and median of --repeat {args.repeat}")
    packages = ("labelcheck", "numpy", "pandas", "krippendorff", "pydantic")
    print(f"Python {sys.version.split()[0]}; " + ", ".join(f"{name} {version(name)}" for name in packages))

    cli_command = labelcheck_command(folder)
    cli_times = time_repeated(lambda: run_cli(cli_command), args.repeat)
    cli_alpha = labelcheck_alpha(json.loads((folder / "out.json").read_text(encoding="utf-8")))

    # Import both stacks first, so the in-process rows leave out import time.
    for module in ("consistency.engine", "consistency.reporters.json_report", "guidelines", "krippendorff"):
        importlib.import_module(module)
    api_results: list[dict[str, Any]] = []
    api_times = time_repeated(lambda: api_results.append(run_labelcheck_api(folder)), args.repeat)
    api_alpha = labelcheck_alpha(api_results[-1])

    phases: dict[str, list[float]] = {"read_csv": [], "pivot": [], "krippendorff.alpha": []}
    baseline_alphas: list[float] = []
    baseline_times = time_repeated(lambda: baseline_alphas.append(run_baseline(folder, phases)), args.repeat)
    baseline_alpha = baseline_alphas[-1]

    script = str(Path(__file__).resolve())
    peaks = {
        "cli": peak_memory_mib(cli_command, allowed_codes=(0, 1)),
        "api": peak_memory_mib([sys.executable, script, "--child", "api", "--out", str(folder)]),
        "baseline": peak_memory_mib([sys.executable, script, "--child", "baseline", "--out", str(folder)]),
    }

    rows: list[tuple[str, list[float], float | None]] = [
        ("labelcheck check (CLI subprocess)", cli_times, peaks["cli"]),
        ("labelcheck API (in process)", api_times, peaks["api"]),
        ("baseline: pandas + krippendorff", baseline_times, peaks["baseline"]),
    ]
    rows.extend((f"  baseline phase: {name}", times, None) for name, times in phases.items())
    print()
    print_report(rows, min(baseline_times))

    print()
    print(f"alpha labelcheck CLI {cli_alpha:.12f}, API {api_alpha:.12f}, krippendorff {baseline_alpha:.12f}")
    worst = max(abs(cli_alpha - baseline_alpha), abs(api_alpha - baseline_alpha))
    if worst > TOLERANCE:
        print(f"alpha values differ by {worst:.3g}, more than the tolerance {TOLERANCE:g}", file=sys.stderr)
        return 1
    print(f"alpha values agree within {TOLERANCE:g} (largest difference {worst:.3g})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, or one child measurement when ``--child`` is given."""
    args = parse_args(argv)
    if args.child is not None:
        run_child = run_labelcheck_api if args.child == "api" else run_baseline
        run_child(args.out)
        return 0
    if args.out is not None:
        try:
            args.out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            print(f"Error: cannot create the --out folder {args.out}: {error.strerror}", file=sys.stderr)
            return 2
        return benchmark(args, args.out)
    with tempfile.TemporaryDirectory(prefix="labelcheck-bench-") as folder:
        return benchmark(args, Path(folder))


if __name__ == "__main__":
    sys.exit(main())
