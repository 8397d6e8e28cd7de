"""Plain-Python domain logic: vocabulary, entries, prompts. No Textual, no SQL."""
