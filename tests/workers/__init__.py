"""Helpers for the store/crash/concurrency tests; the scripts here also run as subprocesses."""
