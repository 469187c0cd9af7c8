"""labelcheck's engine: read annotations, validate them, measure agreement, find conflicts, report."""

from __future__ import annotations

__version__ = "0.1.0"
