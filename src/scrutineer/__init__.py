"""Scrutineer: the system of record for a council's Overview & Scrutiny function."""
