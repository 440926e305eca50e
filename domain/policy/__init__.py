"""Policy packs: the programmes' rules as cited, effective-dated data.

``rules`` is the vocabulary, ``nh_cps``/``nh_jjs``/``tn_dcs`` the packs, ``packs.pack_for``
picks one; ``calendar`` keeps each state's days; ``adjustments`` is the seam through which
approved decisions, determinations and court orders reach ``domain.obligations.evaluate``.
"""
