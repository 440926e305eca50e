"""Policy packs: the programmes' rules as cited, effective-dated data."""
