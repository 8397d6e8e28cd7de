"""closeness-journal: a private terminal journal for people who want closeness and keep pulling away."""
