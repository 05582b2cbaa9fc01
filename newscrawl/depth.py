"""``DEPTH_LIMIT`` counts hops from the site's indexes, not pages of an index.

Scrapy's :class:`~scrapy.spidermiddlewares.depth.DepthMiddleware` gives every request its
source page's depth + 1, so paging a section is a depth hop per page and ``DEPTH_LIMIT = 4``
stops a back-fill after a few listing pages. :class:`IndexDepth` is that middleware, except
for a request that names its depth in ``meta[DEPTH]``: the spider gives a listing's next page
the listing's own depth, and a section, feed or sitemap found on any page the depth of an
index (1, like a section linked from the home page). Every other request (articles, related
articles) counts as Scrapy counts it, and ``DEPTH_LIMIT`` still guards link-following from
articles: home (0) -> section page N (1) -> article (2) -> related (3) -> related (4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.spidermiddlewares.depth import DepthMiddleware

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

DEPTH = "newscrawl_depth"  # request meta: the depth this request has, whatever its source
INDEX_DEPTH = 1  # a section listing, feed or sitemap: one hop from the home page


class IndexDepth(DepthMiddleware):
    """Scrapy's depth middleware, with depths the spider names (``meta[DEPTH]``)."""

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        named = request.meta.pop(DEPTH, None)  # popped: it must not spread to later requests
        if named is None or response is None:
            return super().get_processed_request(request, response)
        request.meta.pop("depth_reset", None)
        depth = int(named)
        request.meta["depth"] = depth
        if self.prio:
            request.priority -= depth * self.prio
        if self.maxdepth and depth > self.maxdepth:
            self.stats.inc_value("depth/request_ignored_count")
            return None
        if self.verbose_stats:
            self.stats.inc_value(f"request_depth_count/{depth}")
        self.stats.max_value("request_depth_max", depth)
        return request
