"""Guards on the chat script: it must never put what people typed into the page as HTML."""

from __future__ import annotations

from settings import BASE_DIR

SCRIPT = (BASE_DIR / "static" / "js" / "chat.mjs").read_text(encoding="utf-8")


def test_the_chat_script_sets_text_never_html():
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert risky not in SCRIPT, risky


def test_the_chat_script_uses_the_token_not_cookies():
    assert 'credentials: "omit"' in SCRIPT
    assert "Authorization: `Bearer ${token}`" in SCRIPT
