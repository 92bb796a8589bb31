"""Rules of the industrial base that the model and the checker both apply."""
