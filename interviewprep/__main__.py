"""`python -m interviewprep`: the same entry point as the `interviewprep` command."""

from interviewprep.launch import main

if __name__ == "__main__":
    raise SystemExit(main())
