"""sendvault's CLI with the test hooks its environment names installed first (see tests/hooks.py).

    python tests/hooked.py ARGS...   # as python -m sendvault ARGS..., hooks and all
"""

import sys

import hooks  # tests/ is this script's directory, so first on sys.path

from sendvault.cli import main

hooks.install()
sys.argv[0] = "sendvault"
main()
