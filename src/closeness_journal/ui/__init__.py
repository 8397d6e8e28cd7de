"""The journal window (Textual). Screens compose the core and the store; no SQL here."""
