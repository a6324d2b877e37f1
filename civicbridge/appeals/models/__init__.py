"""Models of citizens' issues: categories, routing rules and transfers, issues and their supporters."""

from .appeals import Appeal, Supporter
from .categories import Category
from .routing import RoutingRule, Transfer

__all__ = ["Appeal", "Category", "RoutingRule", "Supporter", "Transfer"]
