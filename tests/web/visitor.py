"""A person in the browser: signs in, visits pages, and checks each one.

Every page visited is checked for console errors, failed requests and serious or
critical axe-core violations, and photographed (see conftest's `Site.shots`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PASSWORD = "correct horse battery"
BAD_IMPACTS = ("serious", "critical")


@dataclass
class Visitor:
    """One browser context (its own cookies) and the problems seen so far."""

    base_url: str
    page: Any
    shots: Path
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    expected_statuses: set[int] = field(default_factory=set)

    @classmethod
    def open(
        cls, browser: Any, base_url: str, shots: Path, locale: str = "en-GB"
    ) -> Visitor:
        """A fresh context at 1280 px wide, with its listeners.

        `locale` is the browser's language: its Accept-Language header and
        `navigator.language`, as a French or English person's browser sends them.
        """
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, base_url=base_url, locale=locale
        )
        visitor = cls(base_url, context.new_page(), shots)
        visitor.page.on("console", visitor._on_console)
        visitor.page.on("pageerror", lambda e: visitor.console_errors.append(str(e)))
        visitor.page.on("requestfailed", visitor._on_failed)
        visitor.page.on("response", visitor._on_response)
        return visitor

    def _on_console(self, message: Any) -> None:
        if message.type != "error":
            return
        # Chromium logs every 4xx document as an error; a refusal the test asked
        # for (a located upload error, a 404 for another program) is no fault.
        if "status of" in message.text and any(
            f"status of {s}" in message.text for s in self.expected_statuses
        ):
            return
        self.console_errors.append(message.text)

    def _on_failed(self, request: Any) -> None:
        # A request the browser dropped because the page moved on (a redirect
        # after a form) failed nowhere; any other failure counts.
        if request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.url}: {request.failure}")

    def _on_response(self, response: Any) -> None:
        if response.status >= 400 and response.status not in self.expected_statuses:
            self.failed_requests.append(f"{response.url}: {response.status}")

    def sign_in(self, username: str) -> None:
        """Sign in through the form."""
        self.page.goto("/signin")
        self.page.fill("#username", username)
        self.page.fill("#password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.base_url + "/")

    def check(self, name: str, axe: Any) -> None:
        """No console error, no failed request, no serious axe violation; a photo."""
        self.page.wait_for_load_state("load")
        assert self.console_errors == [], (name, self.console_errors)
        assert self.failed_requests == [], (name, self.failed_requests)
        results = axe.run(self.page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in BAD_IMPACTS
        ]
        assert bad == [], (name, bad)
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)

    def close(self) -> None:
        """Close the context."""
        self.page.context.close()
