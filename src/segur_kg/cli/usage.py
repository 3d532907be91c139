"""Usage errors of the command line (an unknown option, a missing argument, a value out of its choices)
as one line in the command's language, instead of the parser's English usage block."""

from __future__ import annotations

from segur_kg.messages import msg


def language_asked(argv: list[str]) -> str:
    """The --lang of a command line that could not be parsed (French unless it says en)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("fr", "en") else "fr"
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in ("fr", "en") else "fr"
    return "fr"


def usage_error_line(error: Exception) -> str:
    """A usage error of the command line (unknown option, missing argument, bad value) as one line in
    the current language, naming what was wrong and where to find the help."""
    import re

    from typer._click import exceptions as click_errors

    command = error.ctx.command_path if getattr(error, "ctx", None) else "segur-kg"
    command = command.replace("-", "segur-kg", 1) if command.startswith("- ") or command == "-" else command
    param = getattr(error, "param", None)
    name = (param.opts[0] if param is not None and param.opts else getattr(param, "name", None)) or ""
    detail = error.format_message()
    if isinstance(error, click_errors.NoSuchOption):
        text = msg("cli.usage.unknown-option", option=error.option_name)
    elif isinstance(error, click_errors.MissingParameter):
        text = msg("cli.usage.missing", name=(param.name if param is not None else "") or "")
    elif isinstance(error, click_errors.BadParameter):
        choice = re.search(r"'([^']*)' is not one of (.*?)\.?$", detail)
        number = re.search(r"valid (integer|number)", detail)
        if choice:
            choices = ", ".join(c.strip().strip("'") for c in choice.group(2).split(","))
            text = msg("cli.usage.not-a-choice", option=name, value=choice.group(1), choices=choices)
        elif number:
            text = msg("cli.usage.not-a-number", option=name)
        else:
            text = msg("cli.usage.bad-value", option=name, detail=detail)
    elif isinstance(error, click_errors.BadOptionUsage) and "does not take a value" in detail:
        text = msg("cli.usage.no-value", option=error.option_name)
    elif isinstance(error, click_errors.BadOptionUsage) and "requires an argument" in detail:
        text = msg("cli.usage.value-needed", option=error.option_name)
    elif (unknown := re.match(r"No such command '(.*)'", detail)) is not None:
        text = msg("cli.usage.unknown-command", command=unknown.group(1))
    else:
        text = msg("cli.usage.other", detail=detail)
    return f"{msg('cli.error')}: {text} ({msg('cli.usage.help', command=command)})"
