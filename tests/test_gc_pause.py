"""Bulk work pauses the cyclic collector and gives back exactly the state it found."""

import gc

import pytest

from coop_desktop.core.gc_pause import paused_gc


@pytest.mark.parametrize("enabled", [True, False])
def test_restores_the_previous_state_even_on_error(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(ZeroDivisionError), paused_gc():
            assert not gc.isenabled()
            _ = 1 / 0
        assert gc.isenabled() is enabled

        @paused_gc()
        def work() -> bool:
            return gc.isenabled()

        assert work() is False and gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
