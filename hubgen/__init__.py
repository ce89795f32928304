"""Hubgen: publish a cohort learning program's hub as a Material for MkDocs site.

The core (loading, validation, the hub graph, rendering) knows no site engine;
:mod:`hubgen.plugin` adapts it to MkDocs.
"""

from .content.problems import Problem, Problems
from .hub.graph import Hub, HubOptions, load_hub
from .site.render import Page, Renderer, SiteLayout

__all__ = ["Hub", "HubOptions", "Page", "Problem", "Problems", "Renderer", "SiteLayout", "load_hub"]
__version__ = "0.1.0"
