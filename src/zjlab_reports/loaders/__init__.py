"""Loaders: YAML files in, typed models that remember each value's file:line:col out."""

from .layout import LoadedLayout, load_layout
from .profile import LoadedProfile, load_profile
from .source import read_source
from .theme import LoadedTheme, load_theme
from .yaml_doc import SourceDoc

__all__ = [
    "LoadedLayout",
    "LoadedProfile",
    "LoadedTheme",
    "SourceDoc",
    "load_layout",
    "load_profile",
    "load_theme",
    "read_source",
]
