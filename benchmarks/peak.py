"""`python -m benchmarks.peak FILE COMMAND…`: run COMMAND, then write its peak resident memory (KiB) to FILE.

On Linux a child's ru_maxrss keeps the high-water mark of the process it was forked from, up to
its exec: started straight from the benchmark (some hundreds of MB by the time the check runs),
every child looks at least that big, even `rollups --help`. Started from this small process, the
figure is the command's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        sys.exit("usage: python -m benchmarks.peak FILE COMMAND…")
    out, command = Path(argv[0]), argv[1:]
    process = subprocess.Popen(command)
    _pid, status, usage = os.wait4(process.pid, 0)
    out.write_text(f"{usage.ru_maxrss}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
