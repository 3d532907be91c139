"""The validation engines: ``fast`` (each constraint once over the whole store) and ``pyshacl``."""
