"""The article's sequential program with requests, as a peer for fanin's bench.

URLs come on standard input, one per line; they are fetched one after
another over one Session and their JSON documents printed as one array.
"""
import json
import sys

import requests

if __name__ == "__main__":
    urls = [line.strip() for line in sys.stdin if line.strip()]
    with requests.Session() as session:
        results = [session.get(url).json() for url in urls]
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")
