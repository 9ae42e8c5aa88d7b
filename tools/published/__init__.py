"""Fixture generator for published report formats (HTML, DOCX, PDF); see tools/make_published.py."""
