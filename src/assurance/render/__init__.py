"""Render a finished run: the interactive evidence graph and the board report."""
