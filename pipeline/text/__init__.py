"""Stage 2, clean text to tokens: normalisation, underthesea segmentation and POS, syllables, numbers.

`normalize` (NFC and one tone-mark convention, applied once at the edge), `tokenizer` (the
spaCy tokenizer backed by underthesea), `syllables` (the unit the entity model reads) and
`numbers` (Vietnamese number strings and words, shared by the date and fact extractors).
"""
