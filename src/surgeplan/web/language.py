"""The language a dashboard page speaks: the person's choice, else the browser's.

A signed-in person who chose a language on their account page reads every page in
it; anyone else (and everyone before signing in) gets the first language of the
browser's Accept-Language that surgeplan speaks, and English when it names none.
"""

from __future__ import annotations

from fastapi import Request

from surgeplan.i18n import Language, preferred_language
from surgeplan.store.accounts import Principal


def chosen_language(principal: Principal | None) -> Language | None:
    """The language a person stored, if any (a code no longer spoken counts as none)."""
    if principal is None or not principal.language:
        return None
    try:
        return Language(principal.language)
    except ValueError:
        return None


def page_language(request: Request, principal: Principal | None) -> Language:
    """The person's choice, else the browser's first guess, else English."""
    return (
        chosen_language(principal)
        or preferred_language(request.headers.get("accept-language"))
        or Language.EN
    )
