"""Helpers shared by the test suite: where things are, and how a test runs the CLI."""
