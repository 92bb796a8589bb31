"""The program service: FastAPI app, accounts, jobs and audit trail."""
