"""Wall-time and peak-memory helpers shared by the benchmark scripts in this folder.

The module imports only the standard library, so a benchmark can load it in
a child process without adding numpy or pandas to that process's memory.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

PEAK_RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "keep = sys.argv[1] == 'keep'\n"
    "code = subprocess.run(sys.argv[2:], stdout=None if keep else subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)
"""Python source of a wrapper that runs a command and prints the command's peak RSS as its last line.

On Linux a process's ``ru_maxrss`` starts from the peak of the process that
spawned it, because ``exec`` carries over the old memory's high-water mark. A
child of a large benchmark process would report the benchmark's own peak,
so each measured command is started from this small wrapper instead. The
wrapper's own size (about 11 MiB for CPython 3.11) is the floor of a reading.
The first argument, ``keep`` or ``drop``, selects whether the command's
standard output goes to the wrapper's standard output or is discarded.
"""


@dataclass(frozen=True)
class Measured:
    """Outcome of a command run through the wrapper."""

    returncode: int
    stdout: str
    stderr: str
    peak_mib: float
    """Peak resident memory of the command in MiB, or NaN when the wrapper printed no reading."""


def run_with_peak_memory(command: Sequence[str], keep_output: bool = False) -> Measured:
    """Run ``command`` in a fresh process and return its exit code, output and peak resident memory.

    With ``keep_output`` the command's standard output is returned, otherwise
    it is discarded. Standard error is always returned.
    """
    mode = "keep" if keep_output else "drop"
    completed = subprocess.run([sys.executable, "-c", PEAK_RSS_WRAPPER, mode, *command],
                               capture_output=True, text=True, check=False)
    output, _, peak_line = completed.stdout.rstrip("\n").rpartition("\n")
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    peak = int(peak_line) / divisor if peak_line.strip().isdigit() else float("nan")
    return Measured(completed.returncode, output, completed.stderr, peak)


def peak_memory_mib(command: Sequence[str], allowed_codes: tuple[int, ...] = (0,)) -> float:
    """Run ``command`` in a fresh process, discarding its output, and return its peak resident memory in MiB.

    Raises
    ------
    SystemExit
        If the command exits with a code outside ``allowed_codes``; the
        message contains the command's standard error.
    """
    measured = run_with_peak_memory(command)
    if measured.returncode not in allowed_codes:
        raise SystemExit(f"{command[0]} failed with exit code {measured.returncode}:\n{measured.stderr}")
    return measured.peak_mib


def time_repeated(function: Callable[[], object], repeat: int) -> list[float]:
    """Call ``function`` ``repeat`` times and return the wall time of each call in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def whole_number(minimum: int) -> Callable[[str], int]:
    """Return an argparse type that accepts whole numbers of at least ``minimum``."""
    def parse(text: str) -> int:
        if not text.strip().isdigit() or int(text) < minimum:
            raise argparse.ArgumentTypeError(f"expected a whole number of at least {minimum}, got {text!r}")
        return int(text)

    return parse
