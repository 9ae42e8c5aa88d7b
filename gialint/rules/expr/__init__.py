"""The equation language of rule packs (``grammar/expr.lark``).

An equation such as ``new + carried_over == results.total + carried_forward``
is parsed once (:func:`compile_expr`, cached) and turned into a tree of
closures, so evaluating it against a report is a handful of Python calls.
Nothing is ever passed to ``eval``.  :mod:`.base` holds the values, errors
and the compiled :class:`Expr`; :mod:`.parse` the grammar; :mod:`.compile`
the compiler; :mod:`.bounds` the evaluation over intervals (blank cells:
unknown, non-negative)."""

from __future__ import annotations

from gialint.rules.expr.base import Env, EvalError, ExprError, Outcome
from gialint.rules.expr.base import Term
from gialint.rules.expr.bounds import ANY, NON_NEGATIVE, Interval, Verdict, describe
from gialint.rules.expr.compile import Expr, compile_expr

__all__ = ["ANY", "NON_NEGATIVE", "Env", "EvalError", "Expr", "ExprError", "Interval", "Outcome", "Term", "Verdict", "compile_expr", "describe"]
