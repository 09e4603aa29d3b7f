"""The ``marsad`` command."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Marsad: who did what to whom, when and where, from Arabic news.", no_args_is_help=True
)
eval_app = typer.Typer(help="Measure an annotator on held data (precision/recall/F1).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _register_evaluations() -> None:
    import pkgutil
    from importlib import import_module

    import marsad.evaluation

    for info in pkgutil.iter_modules(marsad.evaluation.__path__):
        module = import_module(f"marsad.evaluation.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(eval_app)


_register_evaluations()


@app.command()
def version() -> None:
    """Print Marsad's version."""
    from marsad import __version__

    typer.echo(__version__)


if __name__ == "__main__":
    app()
