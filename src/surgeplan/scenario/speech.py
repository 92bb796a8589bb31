"""The catalogs' runtime, low enough in the package tree for the scenario to use.

A planner reads the located messages of a wrong scenario — pydantic's wording, the
consistency checks, the YAML and Excel readers — in the language the command or
the request speaks. Those messages are made deep inside validation (a model
validator raises a `ValueError` while pydantic validates), so they are translated
when they are made, with `gettext` of this module, in the language set by
`surgeplan.i18n.speaking`. The scenario package sits below `surgeplan.i18n` in the
layers (it cannot import it), so the context variable and the parsed catalogs live
here and `surgeplan.i18n` builds its public API (the `Language` enum, `speaking`,
`preferred_language`) on top of them.

The language is a context variable holding a language code (`"en"`, `"fr"`):
code outside any `speaking` block speaks English, and two threads or asyncio tasks
never see each other's language. The catalogs are the `.po` files under
`surgeplan/locale`, parsed once per language and process with Babel's `read_po`
(about 0.1 s for 500 messages, on first use); fuzzy entries are left out, as
`msgfmt` would.
"""

from __future__ import annotations

import functools
import gettext as stdlib_gettext
import io
from collections.abc import Sequence
from contextvars import ContextVar, Token
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

DOMAIN = "surgeplan"
LOCALE_PACKAGE = "surgeplan"
ENGLISH = "en"

_language_code: ContextVar[str] = ContextVar("surgeplan_language", default=ENGLISH)


def catalog_resource(code: str) -> str:
    """Where a language's catalog lives inside the package, as a resource path."""
    return f"locale/{code}/LC_MESSAGES/{DOMAIN}.po"


@functools.cache
def translator_for(code: str) -> stdlib_gettext.NullTranslations:
    """The translations of one language, parsed from its `.po` once per process."""
    resource = resources.files(LOCALE_PACKAGE).joinpath(catalog_resource(code))
    with resource.open("rb") as source:
        catalog = read_po(source, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def language_code() -> str:
    """The code of the language the running code speaks: `en` unless set."""
    return _language_code.get()


def set_language_code(code: str) -> Token[str]:
    """Speak `code` from now on in this context; reset with the token returned."""
    return _language_code.set(code)


def reset_language_code(token: Token[str]) -> None:
    """Go back to the language before the matching `set_language_code`."""
    _language_code.reset(token)


def gettext(message: str) -> str:
    """`message` in the current language."""
    return translator_for(_language_code.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for `count`, in the current language."""
    return translator_for(_language_code.get()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A message whose meaning depends on `context` (a short English word)."""
    return translator_for(_language_code.get()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """`ngettext` with a context."""
    return translator_for(_language_code.get()).npgettext(
        context, singular, plural, count
    )


def and_list(items: Sequence[str]) -> str:
    """`a, b and c` in the current language."""
    if len(items) < 2:
        return "".join(items)
    return gettext("%(head)s and %(last)s") % {
        "head": ", ".join(items[:-1]),
        "last": items[-1],
    }


def or_list(items: Sequence[str]) -> str:
    """`a, b or c` in the current language."""
    if len(items) < 2:
        return "".join(items)
    return gettext("%(head)s or %(last)s") % {
        "head": ", ".join(items[:-1]),
        "last": items[-1],
    }


def count_text(value: float) -> str:
    """A count or a size with the language's digit grouping: 2,000,000 or 2 000 000."""
    return format_decimal(value, format="#,##0", locale=language_code())


def share_text(share: float) -> str:
    """A share of 1 as a whole percentage: 25% in English, 25 % in French."""
    return format_percent(share, locale=language_code())
