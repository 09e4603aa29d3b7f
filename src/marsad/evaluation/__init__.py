"""Evaluation commands (``marsad eval NAME``): each module here that defines
``register(eval_app)`` adds its command; each prints precision/recall/F1 on held data."""
