"""维权助手 — the complaint-flow core: case file, evidence, flow, deadlines, tone, letters.

Pure Python (3.11+, stdlib plus Jinja2 for letters) so that it runs natively and inside the
browser under Pyodide. The browser calls only `weiquan.api.dispatch`.
"""

__version__ = "0.1.0"
