"""The language is per thread and task, set by `speaking`, English by default."""

import threading

from surgeplan.i18n import Language, current_language, gettext, ngettext, speaking


def test_outside_any_block_the_documents_speak_english() -> None:
    assert current_language() is Language.EN
    assert gettext("Benefits") == "Benefits"


def test_speaking_french_translates_and_the_language_comes_back_after() -> None:
    with speaking(Language.FR):
        assert gettext("Benefits") == "Bénéfices"
        assert ngettext("{count} week", "{count} weeks", 2) == "{count} semaines"
    assert gettext("Benefits") == "Benefits"


def test_two_threads_speak_their_own_language_at_the_same_time() -> None:
    both_inside = threading.Barrier(2)
    heard: dict[Language, str] = {}

    def render(language: Language) -> None:
        with speaking(language):
            both_inside.wait(timeout=10)
            heard[language] = gettext("What it needs")

    threads = [
        threading.Thread(target=render, args=(language,)) for language in Language
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert heard == {Language.EN: "What it needs", Language.FR: "Ce qu'il faut"}
