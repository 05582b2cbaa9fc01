"""Test-only components that make our own code fail on one page, for the crawl tests of
newscrawl's failure handling (``tests/test_hostile.py`` adds them with ``-s``)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

EXTRACTION_ERROR = "hostile-extraction-error"
PIPELINE_ERROR = "hostile-pipeline-error"


class ExplodingExtraction(BaseSpiderMiddleware):
    """Reading one page raises, as a bug in an extractor would (the spider's output for that
    page stops at the first record)."""

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if response is not None and response.url.endswith(EXTRACTION_ERROR):
            raise RuntimeError("extractor bug (test): cannot read this page")
        return item


class ExplodingPipeline:
    """A pipeline that raises on one article, as a bug or a full database would."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if adapter.get("type") == "article" and str(adapter.get("url")).endswith(PIPELINE_ERROR):
            raise RuntimeError("pipeline bug (test): cannot store this record")
        return item
