"""The table of actuals versions (registered on the metadata by store/__init__)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from surgeplan.store.tables import Base, UTCDateTime, random_id


class ActualsVersionRow(Base):
    """One upload of a program's actuals (surgeplan-actuals/1 JSON); never updated.

    Versions are numbered per program; each names the scenario version it was
    checked against.
    """

    __tablename__ = "actuals_versions"
    __table_args__ = (UniqueConstraint("program_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=random_id)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))
    through_week: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
