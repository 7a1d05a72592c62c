"""``python -m newsbrief.cli``."""

import sys

from newsbrief.cli import main

sys.exit(main())
