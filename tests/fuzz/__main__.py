"""``PYTHONPATH=tests python -m fuzz``: see the package's docstring."""

import sys

from . import main

sys.exit(main())
