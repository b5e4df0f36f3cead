"""The help path: vetted fixed texts and the region's helplines, chosen by the risk assessment."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .content import load
from .safety import Assessment


@dataclass(frozen=True)
class CrisisLine:
    name: str
    contact: str
    hours: str = ""


@dataclass(frozen=True)
class Region:
    """Who to call in one region."""

    code: str
    name: str
    emergency: str
    crisis_lines: tuple[CrisisLine, ...]
    crisis_line: str  # a verb phrase: "call or text 988 (988 Suicide & Crisis Lifeline)"
    more: str


@dataclass(frozen=True)
class HelpPath:
    """What to show with a reply: which path, its fixed text, and the region it is for."""

    kind: str  # crisis | crisis_followup | concern | other_at_risk | other_at_risk+concern
    text: str
    region: Region
    sources: tuple[str, ...] = ()


@cache
def regions() -> dict[str, Region]:
    """Every region in helplines.yaml by code."""
    out = {}
    for code, entry in load("helplines.yaml")["regions"].items():
        out[code] = Region(
            code=code,
            name=entry["name"],
            emergency=str(entry["emergency"]),
            crisis_lines=tuple(
                CrisisLine(line["name"], line["contact"], line.get("hours", ""))
                for line in entry.get("crisis_lines") or []
            ),
            crisis_line=entry["crisis_line"],
            more=entry["more"],
        )
    return out


_ALIASES = {"GB": "UK", "USA": "US", "CAN": "CA", "AUS": "AU", "IRL": "IE", "NIR": "UK"}


def region(code: str | None) -> Region:
    """The region for a code such as US or UK; unknown codes get the international path."""
    table = regions()
    code = (code or "").strip().upper()
    code = _ALIASES.get(code, code)
    return table.get(code) or table["OTHER"]


@cache
def _texts() -> dict[str, dict]:
    return load("responses.yaml")


def fixed_text(kind: str, where: Region) -> str:
    """A vetted text with the region's numbers filled in."""
    entry = _texts()[kind]
    return entry["text"].format(
        crisis_line=where.crisis_line, emergency=where.emergency, more=where.more
    )


def _sources(*kinds: str) -> tuple[str, ...]:
    seen: list[str] = []
    for kind in kinds:
        for source in _texts()[kind].get("sources") or []:
            if source not in seen:
                seen.append(source)
    return tuple(seen)


def _compose(kind: str, texts: tuple[str, ...], where: Region) -> HelpPath:
    body = "\n\n".join(fixed_text(name, where) for name in texts)
    return HelpPath(kind, body, where, _sources(*texts))


def help_path(assessment: Assessment, region_code: str | None) -> HelpPath | None:
    """The help to show for this turn, or None when no risk has been seen in the conversation."""
    where = region(region_code)
    if assessment.level == "crisis":
        return _compose("crisis", ("crisis",), where)
    if assessment.earlier == "crisis":
        return _compose("crisis_followup", ("crisis_followup",), where)
    concern = assessment.level == "concern" or assessment.earlier == "concern"
    if assessment.other_at_risk and concern:
        return _compose("other_at_risk+concern", ("other_at_risk", "concern_help"), where)
    if assessment.other_at_risk:
        return _compose("other_at_risk", ("other_at_risk",), where)
    if concern:
        return _compose("concern", ("concern_help",), where)
    return None
