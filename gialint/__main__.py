"""``python -m gialint`` runs the command line, like the ``gialint`` script."""

from gialint.cli import main

if __name__ == "__main__":
    main()
