"""sendvault: confidential case records for SEND Information, Advice and Support Services."""

__version__ = "0.1.0"
