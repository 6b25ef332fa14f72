"""Every file format Scrutineer reads or writes: pure parsers and writers, no models."""
