"""Logging in and out, refreshing tokens, and who am I."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status

from surgeplan.service.access import CallerDependency, Service, client_address, service
from surgeplan.service.bodies import LoginBody, MeOut, RefreshBody, TokenPairOut
from surgeplan.service.login import LoginDesk
from surgeplan.store.accounts import TokenPair

router = APIRouter(tags=["accounts"])
ServiceDependency = Annotated[Service, Depends(service)]


def _pair(pair: TokenPair) -> TokenPairOut:
    return TokenPairOut(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=pair.expires_in_s,
    )


@router.post("/auth/login")
def login(
    body: LoginBody, request: Request, running: ServiceDependency
) -> TokenPairOut:
    """Trade a user name and password for an access token and a refresh token.

    Repeated failures lock the account and the client address for a growing time
    (429 with Retry-After).
    """
    desk = LoginDesk(running)
    return _pair(desk.login(body.username, body.password, client_address(request)))


@router.post("/auth/refresh")
def refresh(body: RefreshBody, running: ServiceDependency) -> TokenPairOut:
    """Trade a refresh token for a new pair (each refresh token works once)."""
    return _pair(LoginDesk(running).refresh(body.refresh_token))


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(access: CallerDependency) -> None:
    """End this login session: its access and refresh tokens stop working."""
    LoginDesk(access.service).logout(access.principal)


@router.get("/me")
def me(access: CallerDependency) -> MeOut:
    """The account behind the token."""
    principal = access.principal
    return MeOut(
        id=principal.user_id,
        username=principal.username,
        is_superadmin=principal.is_superadmin,
        token_kind=principal.token_kind.value,
    )
