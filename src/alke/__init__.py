"""alke: the state–region regional development partnership platform."""
