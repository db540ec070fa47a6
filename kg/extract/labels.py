"""Entity labels our own pipeline components give spans, beside the model's NER labels."""

from __future__ import annotations

__all__ = ["CONTINGENT_LABEL", "GAZETTEER_LABEL", "NON_ACTOR_LABEL"]

#: A gazetteer name; the span's ``ent_id_`` is the entry id.
GAZETTEER_LABEL = "GAZ"
#: A platform, weapon or event name that must never become an actor.
NON_ACTOR_LABEL = "NONACTOR"
#: A national contingent ("North Korean troops"); ``ent_id_`` is "<state id>|<branch>".
CONTINGENT_LABEL = "CONTINGENT"
