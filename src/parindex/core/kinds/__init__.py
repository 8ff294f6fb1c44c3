"""The rule kinds of a leaf: each kind's model, how it scores a value, what it holds a
framework to, and what values and options it offers. `core/rules.py` is their one registry."""
