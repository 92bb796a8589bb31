"""A person's own account page: who they are and the language they read.

The choice is stored on the account (`users.language`) and so follows the person
from browser to browser; "as the browser asks" clears it, and Accept-Language
decides again.
"""

from __future__ import annotations

from typing import Annotated

from babel import Locale
from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from surgeplan.i18n import Language, gettext
from surgeplan.store.users import set_language
from surgeplan.web.base import PageError, Posted, SignedIn, WebRoute, render
from surgeplan.web.language import chosen_language, page_language

router = APIRouter(route_class=WebRoute, include_in_schema=False)
BROWSER_CHOICE = ""
"""The form's value for "no choice of my own": follow the browser."""


def autonym(language: Language) -> str:
    """A language in its own words (Français, English), as language menus show it."""
    name = Locale.parse(language.value).get_display_name(language.value) or ""
    return name[:1].upper() + name[1:]


@router.get("/account")
def account_page(request: Request, access: SignedIn) -> Response:
    """The signed-in person's account and the language they read the dashboard in."""
    principal = access.principal
    browser = page_language(request, None)
    return render(
        request,
        "account.html",
        access,
        chosen=chosen_language(principal),
        browser_language=autonym(browser),
        languages=[(language.value, autonym(language)) for language in Language],
        browser_choice=BROWSER_CHOICE,
    )


@router.post("/account/language")
def choose_language(
    access: Posted,
    language: Annotated[str, Form(max_length=8)] = BROWSER_CHOICE,
) -> Response:
    """Store the person's language (or clear it: the browser decides again)."""
    if language == BROWSER_CHOICE:
        chosen = None
    else:
        try:
            chosen = Language(language)
        except ValueError:
            raise PageError(
                422,
                gettext("Unknown language"),
                gettext("surgeplan does not speak “{code}”.").format(code=language),
            ) from None
    with access.database.write() as session:
        set_language(
            session,
            access.principal.user_id,
            chosen.value if chosen else None,
            now=access.now(),
        )
    return RedirectResponse("/account", status_code=303)
