"""Liveness: no authentication, no data."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The service answers."""

    status: str


@router.get("/health")
def health() -> Health:
    """Whether the service is up."""
    return Health(status="ok")
