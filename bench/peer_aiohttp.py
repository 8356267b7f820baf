"""The article's asyncio + aiohttp gatherer, as a peer for fanin's bench.

URLs come on standard input, one per line; their JSON documents are printed
as one array, in input order. One ClientSession whose connector allows as
many connections at once as the first argument says: the bench passes fanin
get's default concurrency (-c).
"""
import asyncio
import json
import sys

import aiohttp


async def call_url(session, url):
    async with session.get(url) as response:
        return await response.json()


async def main(urls, limit):
    connector = aiohttp.TCPConnector(limit=limit)
    async with aiohttp.ClientSession(connector=connector) as session:
        return await asyncio.gather(*(call_url(session, url) for url in urls))


if __name__ == "__main__":
    urls = [line.strip() for line in sys.stdin if line.strip()]
    json.dump(asyncio.run(main(urls, int(sys.argv[1]))), sys.stdout, indent=2)
    sys.stdout.write("\n")
