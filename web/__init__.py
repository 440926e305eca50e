"""HTTP, configuration and the command line for caseledger."""
