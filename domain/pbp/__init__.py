"""Parents Becoming Partners (dss-028): tiers, matching, the unit's monthly meeting."""
