"""Run the Python blocks of a Markdown page as a notebook would, in one process.

Reads a JSON list of code blocks on stdin; prints a JSON list with the `repr` of each
block's last line when it is an expression (what a notebook shows), else null.
"""

import ast
import json
import sys


def run(blocks: list[str]) -> list[str | None]:
    namespace: dict[str, object] = {"__name__": "__main__"}
    shown: list[str | None] = []
    for block in blocks:
        tree = ast.parse(block)
        last = tree.body[-1] if tree.body else None
        if isinstance(last, ast.Expr):
            tree.body.pop()
            exec(compile(tree, "<block>", "exec"), namespace)
            expression = ast.Expression(last.value)
            value = eval(compile(expression, "<block>", "eval"), namespace)
            shown.append(repr(value))
        else:
            exec(compile(tree, "<block>", "exec"), namespace)
            shown.append(None)
    return shown


if __name__ == "__main__":
    sys.stdout.write(json.dumps(run(json.load(sys.stdin))) + "\n")
