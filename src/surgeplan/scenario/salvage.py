"""Cross-reference checks on the valid parts of a scenario that has errors.

`validate` reports every problem it can find in one pass. Pydantic already reports
every type error at once, but the reference checks need a `Scenario`; without this
module one wrong number in a work center would hide an unknown supplier in the items.

The salvage keeps what is valid and sets aside the rest, in original positions:
- a record in a list (a work center, an item, a risk) with an error is dropped, if it
  has an id; problems that name one of its values (a reference to it), or that sit
  where it was (its list now looks shorter), are left out, since the record's own
  error says what to fix first;
- a top-level section with an error outside such a record (program, economics, or a
  list too short after a drop) is replaced by a stand-in that stops any check reading
  it; those checks are skipped, the others run.
Problems found on the salvaged data are mapped back to the positions of the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import Any, NoReturn, cast

from pydantic import Field, ValidationError, create_model

from surgeplan.scenario.messages import is_union_tag
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.references import Problem
from surgeplan.scenario.yaml_source import join_path

Loc = tuple[int | str, ...]
"""A position in scenario data: ('sites', 1, 'work_centers', 3, 'stations')."""

Check = Callable[[Scenario], list[Problem]]

# Each round drops what the previous one found invalid (a drop can empty a list that
# must not be empty); a handful of rounds is enough for any real file.
MAX_ROUNDS = 8

_PATH_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


class SectionUnavailableError(Exception):
    """A check read a section that has errors of its own; its problems would mislead."""


class _UnavailableSection:
    """Stands in for an invalid top-level section; reading it stops the check."""

    def __init__(self, name: str) -> None:
        self._section = name

    def _stop(self) -> NoReturn:
        raise SectionUnavailableError(self._section)

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            # copy, pickle and pydantic probe dunders; they must see a plain object.
            raise AttributeError(attribute)
        self._stop()

    def __iter__(self) -> Iterator[Any]:
        self._stop()

    def __len__(self) -> int:
        self._stop()

    def __bool__(self) -> bool:
        self._stop()


def parse_path(path: str) -> Loc:
    """'sites[1].work_centers[3]' -> ('sites', 1, 'work_centers', 3)."""
    return tuple(
        int(index) if index else name for index, name in _PATH_PART.findall(path)
    )


def _loc_path(loc: Loc) -> str:
    path = ""
    for part in loc:
        path = join_path(path, part)
    return path


def _without_union_tags(loc: Loc) -> Loc:
    return tuple(part for part in loc if not is_union_tag(part))


def _record_to_drop(data: Any, loc: Loc) -> Loc | None:
    """The deepest record with an id, below the top level, that holds `loc`."""
    found: Loc | None = None
    node = data
    for depth, part in enumerate(loc):
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            if (
                depth >= 1
                and isinstance(node, dict)
                and isinstance(node.get("id"), str)
            ):
                found = loc[: depth + 1]
        elif isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        else:
            break
    return found


def _pruned(node: Any, here: Loc, drops: set[Loc], kept: dict[Loc, list[int]]) -> Any:
    """A copy of `node` without the dropped records; `kept` maps new list indexes."""
    if isinstance(node, dict):
        return {
            key: _pruned(value, (*here, key), drops, kept)
            for key, value in node.items()
        }
    if isinstance(node, list):
        indexes = [index for index in range(len(node)) if (*here, index) not in drops]
        if len(indexes) != len(node):
            kept[here] = indexes
        return [_pruned(node[index], (*here, index), drops, kept) for index in indexes]
    return node


def _to_original(loc: Loc, kept: dict[Loc, list[int]]) -> Loc:
    """A position in the pruned data, as a position in the original data."""
    original: list[int | str] = []
    for part in loc:
        indexes = kept.get(tuple(original))
        if isinstance(part, int) and indexes is not None and part < len(indexes):
            part = indexes[part]
        original.append(part)
    return tuple(original)


@cache
def _partial_model(unavailable: frozenset[str]) -> type[Scenario]:
    """Scenario with the unavailable sections accepting their stand-in."""
    overrides: dict[str, Any] = {
        name: (Any, Field(default_factory=lambda name=name: _UnavailableSection(name)))
        for name in sorted(unavailable)
    }
    return cast(
        "type[Scenario]",
        create_model("PartialScenario", __base__=Scenario, **overrides),
    )


def _texts(node: Any) -> Iterator[str]:
    """Every text value inside a record: what a reference to it could name."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)
    elif isinstance(node, str):
        yield node


def _record_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


class _Salvage:
    """The records and sections set aside so far, in original positions."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.drops: set[Loc] = set()
        self.unavailable: set[str] = set()

    def set_aside(self, loc: Loc) -> bool:
        """Set aside what holds `loc`; False if nothing new (or everything) would go."""
        if not loc:
            return False
        record = _record_to_drop(self.data, loc)
        if record is not None:
            if any(record[: len(drop)] == drop for drop in self.drops):
                return False
            self.drops.add(record)
            return True
        section = str(loc[0])
        if section in self.unavailable:
            return False
        self.unavailable.add(section)
        return True

    def scenario(self) -> tuple[Scenario, dict[Loc, list[int]]] | None:
        """The valid rest as a (partial) Scenario, or None if nothing valid remains."""
        for _ in range(MAX_ROUNDS):
            kept: dict[Loc, list[int]] = {}
            pruned = _pruned(self.data, (), self.drops, kept)
            for section in self.unavailable:
                pruned.pop(section, None)
            try:
                model = _partial_model(frozenset(self.unavailable & _SECTIONS))
                return model.model_validate(pruned), kept
            except ValidationError as error:
                locs = [
                    _to_original(_without_union_tags(detail["loc"]), kept)
                    for detail in error.errors()
                ]
                progressed = [self.set_aside(loc) for loc in locs]
                if not any(progressed):
                    return None
        return None

    def follows_from_drop(self, loc: Loc) -> bool:
        """A problem at a dropped record, or at the list or record that held it.

        Without the record its list may look empty ("made but has no routing").
        """
        for drop in self.drops:
            if loc[: len(drop)] == drop or loc in (drop[:-1], drop[:-2]):
                return True
        return False

    def dropped_texts(self) -> set[str]:
        """Values of the dropped records, quoted as messages quote them."""
        return {
            f"'{text}'"
            for drop in self.drops
            for text in _texts(_record_at(self.data, drop))
        }


_SECTIONS = frozenset(Scenario.model_fields)


def salvaged_problems(
    data: dict[str, Any], bad: Iterable[Loc], checks: Sequence[Check]
) -> list[Problem]:
    """Cross-reference problems of the valid parts of `data`, at original paths.

    `bad` holds the positions already known to be wrong (type errors, cells that could
    not be read); whatever holds them is set aside before the checks run.
    """
    salvage = _Salvage(data)
    for loc in bad:
        salvage.set_aside(_without_union_tags(loc))
    salvaged = salvage.scenario()
    if salvaged is None:
        return []
    scenario, kept = salvaged
    problems: list[Problem] = []
    for check in checks:
        try:
            problems.extend(check(scenario))
        except SectionUnavailableError:
            continue  # it needs a section whose own errors are reported
    quoted = salvage.dropped_texts()
    kept_problems: list[Problem] = []
    for path, message in problems:
        loc = _to_original(parse_path(path), kept)
        # The suggestions after the problem ("; did you mean 'kit'?") name
        # declared values, not what the problem is about.
        subject = message.split("; did you mean", 1)[0].split("; declared", 1)[0]
        if salvage.follows_from_drop(loc) or any(text in subject for text in quoted):
            continue
        kept_problems.append((_loc_path(loc), message))
    return kept_problems
