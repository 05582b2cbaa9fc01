"""Site profiles, one module per site. Adding an outlet = one module + one spider class."""

from __future__ import annotations

from newscrawl.sites.base import Selectors, SiteProfile
from newscrawl.sites.marebpress import MAREBPRESS
from newscrawl.sites.yemenshabab import YEMENSHABAB_AR, YEMENSHABAB_EN

PROFILES: dict[str, SiteProfile] = {p.name: p for p in (YEMENSHABAB_EN, YEMENSHABAB_AR, MAREBPRESS)}


def get_profile(name: str) -> SiteProfile:
    """The profile of a site, by spider name ("yemenshabab_en") or host ("marebpress.net")."""
    if name in PROFILES:
        return PROFILES[name]
    for profile in PROFILES.values():
        if name.lower() in profile.hosts:
            return profile
    raise KeyError(f"unknown site {name!r}; known: {', '.join(sorted(PROFILES))}")


__all__ = ["PROFILES", "Selectors", "SiteProfile", "get_profile"]
