"""`python -m closeness_journal` runs the command line."""

import sys

from closeness_journal.cli import main

sys.exit(main())
