"""Gifts from platform exports: read, previewed row by row, committed all or nothing, never twice."""
