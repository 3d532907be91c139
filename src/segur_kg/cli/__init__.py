"""The ``segur-kg`` command line: ``commands`` (each command parses its options and delegates to the
package), ``options`` (the shared option types and help examples), ``output`` (what every command
does around its work) and ``usage`` (usage errors as one line). A user's mistake ends a command with
one line on stderr (file, place, what was expected) and exit code 2, and nothing is written.
"""

from __future__ import annotations

import os
import sys

import typer

from segur_kg.cli.commands import app
from segur_kg.cli.options import HELP_EXAMPLES
from segur_kg.cli.output import say
from segur_kg.cli.usage import language_asked, usage_error_line
from segur_kg.i18n import set_language
from segur_kg.messages import msg

__all__ = ["HELP_EXAMPLES", "app", "main"]


def main() -> None:
    """The ``segur-kg`` executable, once segur_kg.launch has set up the process.

    Usage errors are one line in the language of the command (``--lang``). Once the command is done
    and its output flushed, the process ends without freeing its heap object by object: a national
    graph (18 million triples) in memory takes 10 s to free, for nothing, as the process ends
    anyway. Files are closed by then (written whole, then renamed into place). SIGTERM and SIGHUP
    end the command as an error does, removing its temporaries (segur_kg.writers)."""
    from typer._click import exceptions as click_errors

    from segur_kg.ingest.loader import hold_until_exit
    from segur_kg.writers import remove_temporaries_on_termination

    hold_until_exit()
    remove_temporaries_on_termination()
    try:
        code = app(standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        print(exc.format_message())
        code = 2
    except click_errors.UsageError as exc:
        set_language(language_asked(sys.argv[1:]))
        say(usage_error_line(exc))
        code = 2
    except typer.Abort:
        say(msg("cli.aborted"))
        code = 130
    except SystemExit as exc:
        code = exc.code
    if not isinstance(code, int):
        if code is not None:
            say(str(code))
        code = 0 if code is None else 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
