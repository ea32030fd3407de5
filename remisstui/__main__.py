"""`python -m remisstui` runs the same command line as the `remisstui` script."""

import sys

from .cli import main

sys.exit(main())
