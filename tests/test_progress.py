"""Progress: silent unless switched on; when on, it draws on standard error and leaves nothing behind."""

import io

from rich.console import Console

from segur_kg import progress


def test_off_by_default_and_a_step_still_runs_its_block():
    assert not progress.enabled()
    ran = []
    with progress.step("travail", total=3) as s:
        for i in range(3):
            s.advance()
            ran.append(i)
    assert ran == [0, 1, 2]


def test_on_it_shows_the_step_on_a_terminal_and_clears_it(monkeypatch):
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80)
    monkeypatch.setattr("rich.console.Console", lambda stderr=True: console)
    progress.enable(True)
    try:
        with progress.step("Chargement de national.nt", total=2) as s:
            s.advance(2)
            with progress.step("Validation"):
                progress._progress.refresh()  # draw now rather than at the next tick of rich's thread
    finally:
        progress.enable(False)
    drawn = screen.getvalue()
    assert "Chargement de national.nt" in drawn
    assert progress._progress is None and progress._depth == 0
