"""One router per resource; handlers only call the repositories."""
