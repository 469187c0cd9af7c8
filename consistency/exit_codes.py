"""Process exit codes of the ``labelcheck`` command, defined once.

=====  ==========================================================
code   meaning
=====  ==========================================================
0      passed: no error findings and no failed threshold
1      error findings, or agreement below a ``fail_below`` threshold
2      usage, configuration or unreadable input
=====  ==========================================================
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit status of a ``labelcheck`` run."""

    PASSED = 0
    FAILED = 1
    USAGE = 2
