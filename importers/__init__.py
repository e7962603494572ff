"""Reading workbooks back: a county export or a hand-filled official form (no Qt)."""
