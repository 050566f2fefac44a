"""The tree stage's patterns: where the numbered body ends and the closing begins."""

from __future__ import annotations

import regex

# A paragraph that assigns owners (used to find where the last item's text ends):
#   …（市公安局负责）   …（责任单位：市农委、市工商局）
# (one level of brackets may nest inside: （责任单位：各镇（街道、管委会））)
_PAREN_CHAR = r"(?:[^（）\n]|（[^（）\n]{0,40}）)"
OWNERS_HINT = regex.compile(
    rf"（{_PAREN_CHAR}{{0,300}}?(?:负责|牵头|配合|参与|协助|单位：|部门：){_PAREN_CHAR}{{0,300}}）"
)
# Lines of a signature block at the end of a notice besides the date:
#   市打击侵权假冒领导小组办公室   （此件公开发布）   抄送：…
SIGNATURE_NOTE = regex.compile(
    r"^（此件[^）]{0,12}）$|^(?:抄送|印发|附件)[：:]|^（联系人[：:].{0,80}）$|"
    r"^.{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$"
)
# Punctuation an issuing body above the date never holds:  市打击侵权假冒领导小组办公室
SIGNATURE_PUNCT = "。，；："
# A first sentence with inner punctuation is a statement, not a heading:  加大治理，坚持依法管网
INNER_PUNCT = regex.compile(r"[，；：]")
