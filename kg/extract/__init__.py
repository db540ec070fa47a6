"""Extraction: spaCy components and the rules that turn a parsed article into records."""
