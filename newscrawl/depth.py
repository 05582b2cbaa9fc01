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

import logging
from typing import TYPE_CHECKING

from scrapy.spidermiddlewares.depth import DepthMiddleware

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

logger = logging.getLogger(__name__)

DEPTH = "newscrawl_depth"  # request meta: the depth this request has, whatever its source
INDEX_DEPTH = 1  # a section listing, feed or sitemap: one hop from the home page


class IndexDepth(DepthMiddleware):
    """Scrapy's depth middleware, with depths the spider names (``meta[DEPTH]``).

    The whole decision is here (not delegated to the parent) so that it is the same on
    every Scrapy release we support: ``depth/request_ignored_count`` counts each request
    dropped for depth (Scrapy 2.14 does not count them), and ``depth_reset`` (Scrapy 2.18)
    is honoured everywhere."""

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        named = request.meta.pop(DEPTH, None)  # popped: it must not spread to later requests
        reset = request.meta.pop("depth_reset", False)
        if response is None:  # a start request
            return request
        depth = 0 if reset else int(response.meta["depth"]) + 1
        if named is not None:
            depth = int(named)
        request.meta["depth"] = depth
        if self.prio:
            request.priority -= depth * self.prio
        if self.maxdepth and depth > self.maxdepth:
            if not self._logged:
                self._logged = True
                logger.debug("Ignoring link (depth > %d): %s", self.maxdepth, request.url)
            self.stats.inc_value("depth/request_ignored_count")
            return None
        if self.verbose_stats:
            self.stats.inc_value(f"request_depth_count/{depth}")
        self.stats.max_value("request_depth_max", depth)
        return request

    _logged = False  # the first link dropped for depth is logged (DEBUG), the rest counted
