"""Reusable parts of the journal window."""
