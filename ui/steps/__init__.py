"""The guided questions, one widget per step."""
