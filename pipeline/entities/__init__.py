"""Stage 3a, named entities (PER, ORG, LOC, MISC) with canonical names.

`rules.find_entities` runs the stage: the word lists and gazetteers in `words`, the syllable
view of the text in `view`, statistical signals in `signals` (underthesea's CRF in `crf`, the
project's spaCy model in `model`), and mention linking within the article in `linking`.
"""
