"""`python -m webui users …` and `python -m webui tokens …`: editors and their API tokens.

    python -m webui users add zhang.wei            # asks the password twice
    echo "$PASSWORD" | python -m webui users add zhang.wei --password-stdin
    python -m webui users list
    python -m webui users remove zhang.wei         # and revokes the user's tokens
    python -m webui tokens add zhang.wei           # prints the token, this once only
    python -m webui tokens list
    python -m webui tokens revoke 3

A thin layer over webui.accounts; every change is written to the audit log as done by
`cli`. The viewer sees a change at its next request: no restart.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from webui.accounts import AccountError, Accounts

WHO, VIA = "cli", "command line"  # how account changes made here appear in the audit log


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `users` and `tokens` subcommands, each with its actions."""
    users = commands.add_parser("users", help="editors who may write (sign in at /login)")
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add an editor; asks the password twice")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input")
    actions.add_parser("list", help="the editors and how many tokens each holds")
    remove = actions.add_parser("remove", help="remove an editor and revoke its tokens")
    remove.add_argument("name")

    tokens = commands.add_parser("tokens", help="API tokens (Authorization: Bearer …)")
    actions = tokens.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("add", help="a new token for an editor, printed once").add_argument(
        "name")
    actions.add_parser("list", help="token ids, owners, dates (never the tokens)")
    actions.add_parser("revoke", help="revoke a token by its id").add_argument(
        "id", type=int)


def run(args: argparse.Namespace, accounts: Accounts, stdin: TextIO | None = None) -> int:
    """Do the account command `args` names; AccountError becomes `Error: …` and 1."""
    try:
        if args.command == "users":
            _users(args, accounts, stdin or sys.stdin)
        else:
            _tokens(args, accounts)
    except AccountError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


def _users(args: argparse.Namespace, accounts: Accounts, stdin: TextIO) -> None:
    if args.action == "add":
        name = accounts.add_user(args.name, _password(args.password_stdin, stdin))
        accounts.audit(WHO, VIA, "user.add", name)
        print(f"Added editor {name!r} ({accounts.path})")
    elif args.action == "list":
        for user in accounts.users():
            print(f"{user.name}\tsince {user.created}\t{user.tokens} token(s)")
    else:
        revoked = accounts.remove_user(args.name)
        accounts.audit(WHO, VIA, "user.remove", args.name, f"{revoked} token(s) revoked")
        print(f"Removed editor {args.name!r} and {revoked} token(s)")


def _tokens(args: argparse.Namespace, accounts: Accounts) -> None:
    if args.action == "add":
        token_id, token = accounts.add_token(args.name)
        accounts.audit(WHO, VIA, "token.add", args.name, f"token {token_id}")
        print(f"Token {token_id} for {args.name!r}; it is shown this once, keep it "
              "somewhere safe (send it as Authorization: Bearer <token>):", file=sys.stderr)
        print(token)
    elif args.action == "list":
        for item in accounts.tokens():
            print(f"{item.id}\t{item.owner}\tsince {item.created}")
    else:
        owner = accounts.revoke_token(args.id)
        accounts.audit(WHO, VIA, "token.revoke", owner, f"token {args.id}")
        print(f"Revoked token {args.id} of {owner!r}")


def _password(from_stdin: bool, stdin: TextIO) -> str:
    """The new password: one line of `stdin`, or asked twice without echo."""
    if from_stdin:
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise AccountError("the two passwords differ; nothing was changed")
    return first
