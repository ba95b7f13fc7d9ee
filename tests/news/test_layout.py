"""The shape of the news package that the import circle depended on."""

import ast
from pathlib import Path

import news

NEWS = Path(news.__file__).parent


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name


def test_the_search_document_imports_nothing_from_news():
    tree = ast.parse((NEWS / "search" / "document.py").read_text())
    assert [name for _, name in imported_modules(tree) if name.split(".")[0] == "news"] == []


def test_no_module_of_news_imports_news_inside_a_function():
    """Imports of news stay at the top of modules; only AppConfig.ready() waits for the models."""
    inside = []
    for path in NEWS.rglob("*.py"):
        if "migrations" in path.parts or path.name == "apps.py":
            continue
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for _, name in imported_modules(function):
                if name.split(".")[0] == "news":
                    inside.append(f"{path.relative_to(NEWS)}:{function.name}:{name}")
    assert inside == []
