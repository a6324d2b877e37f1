"""Registry models: places, themes, legal forms, organisations, units, people, positions, networks."""

from .organisations import NetworkMembership, Organisation, Unit
from .people import Person, Position
from .reference import Country, LegalForm, Region, Theme

__all__ = ["Country", "LegalForm", "NetworkMembership", "Organisation", "Person", "Position", "Region", "Theme", "Unit"]
