"""Reader pages, one module per kind of page. Every article list goes through
``Article.objects.published()``."""
