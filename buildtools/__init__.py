"""Helpers for build.py: fetching and verifying vendored files, wheels, front matter."""
