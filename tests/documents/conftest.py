import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from conftest_helpers import worked  # noqa: F401 - the shared fixture
