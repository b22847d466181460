#!/usr/bin/env python3
"""manage.py of the bench's Django reference (see settings.py)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_django.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
