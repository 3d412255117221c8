"""The Textual front end: a view over `interviewprep.core`, holding no domain logic."""
