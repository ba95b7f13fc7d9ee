"""Search of published articles that ignores case and diacritics (đ matches d).

document: folding and the stored text of an article (imports nothing from news);
schema: what PostgreSQL stores beside it, named once, and its system check;
query: the matching queries on both databases and the month windows;
vocabulary: word and month counts and typo correction (PostgreSQL);
highlight: snippets and marked words.
"""
