"""``python -m companion`` is the ``spotlight`` command."""

import sys

from .cli import main

sys.exit(main())
