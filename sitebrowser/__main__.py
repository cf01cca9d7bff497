"""`python -m sitebrowser`: print the Chromium the browser checks launch, or say what to install (exit 1)."""

import sys

from sitebrowser.chromium import main

sys.exit(main())
