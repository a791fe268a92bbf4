"""`python -m chatapp_lint`: the same as the `chatapp-lint` command."""

from chatapp_lint.cli import main

main()
